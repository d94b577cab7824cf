"""Stage 4, render: Site -> {relative path: bytes} for every page and data file.

Pages are jinja2 templates with autoescape on; the only markup passed through as
safe is what markdown-it built from escaped article text and our own marks.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from ..config import SiteConfig
from ..export import annotation_csv, annotation_page
from ..model import AnnotatedArticle, Site
from .article import Note, Speaker, label, notes_by_id, render_blocks
from .collections import (COLUMN_LABELS, KIND_LABELS, SOURCE_COLUMNS, ConditionGroup, PersonEntry, condition_groups,
                          has_page, people_entries, source_profiles)

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
WORDS_PER_MINUTE = 230


# How templates are compiled; the compiled code depends on these and on Jinja's version.
SYNTAX = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


def make_environment(config: SiteConfig) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, bytecode_cache=compiled_templates(), **SYNTAX,
                      auto_reload=False)  # no stat of each template at each page: the dev server makes a new
                                          # environment when a template changes
    env.filters["note_label"] = label
    env.globals["kind_labels"] = KIND_LABELS
    env.globals["has_page"] = has_page
    env.globals["canonical"] = lambda path: canonical_url(config.base_url, path)
    return env


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept between builds, as Python keeps compiled modules: compiling them is a
    fifth of building two articles. Jinja keeps them in a folder for this user alone under the system's
    temporary folder and compiles a template again when its source changes. A cache that cannot be
    read or written is no cache: the template is compiled as if it were not there."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (Jinja checks its header and the source's hash, not the rest)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_templates() -> FileSystemBytecodeCache | None:
    """The cache of compiled templates; its file names carry Jinja's version and the syntax settings,
    so no other compiler's output is read. None where Jinja finds no folder safe to keep it in."""
    compiler = hashlib.sha256(repr((jinja2.__version__, sorted(SYNTAX.items()))).encode()).hexdigest()[:16]
    try:
        return _CompiledTemplates(pattern=f"__sitegen_{compiler}_%s.cache")
    except (OSError, RuntimeError):  # RuntimeError: the folder is another user's, or not a folder
        return None


def canonical_url(base_url: str, path: str) -> str:
    """A page's own address: absolute under the base URL, else relative to itself."""
    pretty = path.removesuffix("index.html")
    return base_url + pretty if base_url else (path.rsplit("/", 1)[-1])


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


@dataclass(frozen=True)
class LegendItem:
    """One toggle above an article: a layer (people split into experts and others)."""
    id: str
    label: str
    count: int
    auto: int  # how many were found automatically, not checked by a person
    phrase: str  # the count in words, for lists: "1 condition Russia demanded"
    marks: str  # the CSS classes of its marks
    variables: tuple[str, ...]  # the CSS variables its marks draw with (site.css), reset when it is hidden
    colour: str | None = None  # a layer from site.yaml


def legend(art: AnnotatedArticle, notes: dict[str, Note], config: SiteConfig) -> list[LegendItem]:
    """The toggles above an article, with counts (automatic annotations counted apart)."""
    def layer(layer_id: str) -> list[Note]:
        return [notes[a.id] for a in art.annotations if a.layer == layer_id]

    def unchecked(found: list[Note]) -> int:
        return sum(not n.checked for n in found)

    named: dict[str, tuple] = {}  # person id -> (speaker, checked): checked when any mention of them is
    for n in layer("person"):
        for s in n.speakers:
            if s.id:
                named[s.id] = (s, named.get(s.id, (s, False))[1] or n.checked)
    experts = [c for s, c in named.values() if s.kind == "expert"]
    others = [c for s, c in named.values() if s.kind != "expert"]
    party = config.party.name
    quotes, conditions = layer("quote"), layer("condition")
    items = [
        LegendItem("quote", "Quotes", len(quotes), unchecked(quotes), plural(len(quotes), "quote", "quotes"),
                   ".l-quote", ("qbg", "qline", "qdeco")),
        LegendItem("expert", "Experts", len(experts), experts.count(False),
                   plural(len(experts), "expert named", "experts named"), ".l-person.p-expert", ("pdeco", "pweight")),
        LegendItem("person", "Other people named", len(others), others.count(False),
                   plural(len(others), "other person named", "other people named"), ".l-person.p-other",
                   ("pdeco", "pweight")),
        LegendItem("condition", f"Conditions {party} demanded", len(conditions), unchecked(conditions),
                   plural(len(conditions), f"condition {party} demanded", f"conditions {party} demanded"),
                   ".l-condition", ("cbg", "cline"))]
    for custom in config.layers:
        if custom.id not in ("quote", "person", "condition"):
            found = layer(custom.id)
            items.append(LegendItem(custom.id, custom.label, len(found), unchecked(found),
                                    f"{custom.label}: {len(found):,}", f".l-{custom.id}", ("xbg", "xline"),
                                    custom.colour))
    return items


def layer_css(items: list[LegendItem]) -> Markup:
    """Rules that make each layer (built-in or from site.yaml) obey its checkbox, and draw custom
    layers in their colour. Ids and colours are validated by the config (letters, digits, '-'; #hex)."""
    rules = []
    for item in items:
        if item.colour:
            rules.append(f".m{item.marks} {{ --xbg: {item.colour}26; --xline: 2px dashed {item.colour}; }}")
            rules.append(f".note{item.marks}, .legend .l-{item.id} .swatch {{ border-color: {item.colour}; }}")
        hidden = f"body:has(#show-{item.id}:not(:checked))"
        resets = " ".join(f"--{v}: initial;" for v in item.variables)
        rules.append(f"{hidden} .m{item.marks} {{ {resets} }}")
        if item.id not in ("expert", "person"):  # names have no notes
            rules.append(f"{hidden} .note{item.marks} {{ display: none; }}")
    rules.append("body:has(#show-quote:not(:checked)) .qend { display: none; }")
    return Markup("\n".join(rules))


# What templates read is an object, not a dict: a template reads `c.speaker` from a dict only after
# getattr has failed, at every use.
@dataclass(frozen=True)
class CastEntry:
    """Someone an article quotes or names, and how many of its quotes are theirs."""
    speaker: Speaker
    quotes: int


@dataclass(frozen=True)
class Listed:
    """An article as the home page and the feed show it."""
    art: AnnotatedArticle
    minutes: int
    legend: list[LegendItem]
    unchecked: int  # annotations found automatically, not checked

    @property
    def meta(self):
        return self.art.article.meta

    @property
    def href(self) -> str:
        return f"{self.art.article.slug}/index.html"


def cast(art: AnnotatedArticle, notes: dict[str, Note]) -> list[CastEntry]:
    """Everyone this article quotes or names, with how often each is quoted, in order of appearance."""
    seen: dict[str, tuple[Speaker, int]] = {}
    for a in art.annotations:
        if a.layer not in ("quote", "person"):
            continue
        for s in notes[a.id].speakers:
            if s.id:
                speaker, quotes = seen.get(s.id, (s, 0))
                seen[s.id] = speaker, quotes + (a.layer == "quote")
    entries = [CastEntry(speaker, quotes) for speaker, quotes in seen.values()]
    return sorted(entries, key=lambda e: -e.quotes if e.quotes else 1)


def _quiz_speakers(cast_entries: list[CastEntry]) -> list[Speaker]:
    """The choices in a quiz: everyone quoted, in alphabetical order so the order gives nothing away."""
    return sorted((c.speaker for c in cast_entries if c.quotes), key=lambda s: s.name)


def _options(speakers: list) -> Markup:
    """The choices of every question of a quiz, made once (a quiz asks the same for each quote)."""
    return Markup("\n".join(f'<option value="{escape(s.id)}">{escape(s.name)}</option>' for s in speakers))


def quiz_quotes(quotes: list[Note]) -> tuple[list[Note], bool]:
    """The quotes a quiz asks about, and whether they were found automatically: the checked ones with
    a known speaker; only when there are none, the automatic ones (and the quiz says so)."""
    known = [n for n in quotes if n.speakers and all(s.id for s in n.speakers)]
    checked = [n for n in known if n.checked]
    return (checked, False) if checked else (known, bool(known))


def answer_check(salt: str, quote_id: str, person_id: str) -> str:
    """FNV-1a (32 bits) of salt|quote|person: the quiz page checks a choice against these without
    holding the answer in words (static/js/reader.js computes the same; ids are ASCII)."""
    return f"{_fnv1a(f'|{quote_id}|{person_id}', _salted(salt)):08x}"


@lru_cache(maxsize=64)
def _salted(salt: str) -> int:
    """The hash after the salt (an article's slug, the same for every check of its quiz)."""
    return _fnv1a(salt, 0x811C9DC5)


def _fnv1a(text: str, h: int) -> int:
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def _quotes_by_speaker(quotes: list[Note]) -> list[tuple[str, list[Note]]]:
    grouped: dict[str, list[Note]] = {}
    for n in quotes:
        grouped.setdefault(label(n), []).append(n)
    return sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))


class Renderer:
    """One site's pages: each article's own (`article_files`) and the pages across articles
    (`site_files`), each an iterator of (site-relative path, bytes) that the engine writes as they come."""

    def __init__(self, site: Site, config: SiteConfig, env: Environment | None = None):
        self.site, self.config = site, config
        self.env = env or make_environment(config)  # one made for the same settings: its templates compiled

    def page(self, template: str, path: str, **context) -> tuple[str, bytes]:
        """Render one page; links in it are relative to its folder (the 404 page's are absolute when
        they can be: it is served at any missing address)."""
        root = self.config.base_url if path == "404.html" and self.config.base_url else "../" * path.count("/")
        html = self.env.get_template(template).render(config=self.config, root=root, path=path, **context)
        return path, html.encode("utf-8")

    def article_context(self, art: AnnotatedArticle) -> dict:
        notes = notes_by_id(art, self.site)
        sidecar = art.article.sidecar
        layers = legend(art, notes, self.config)
        return {"art": art, "meta": art.article.meta, "notes": notes, "cast": cast(art, notes),
                "legend": layers, "layer_css": layer_css(layers),
                "quotes": [n for n in notes.values() if n.annotation.layer == "quote"],
                "checked": sum(n.checked for n in notes.values()),
                "unchecked": sum(not n.checked for n in notes.values()),
                "conditions": [n for n in notes.values() if n.annotation.layer == "condition"],
                "terms": [n for n in notes.values() if n.annotation.layer == "term"],
                "questions": sidecar.questions if sidecar and self.config.annotations == "curated" else (),
                "grade": art.article.grade,
                "minutes": reading_minutes(art.article.word_count)}

    @staticmethod
    def summary_parts(context: dict) -> dict:
        """What the home page and the feed need of an article's context (kept between builds)."""
        return {"minutes": context["minutes"], "legend": context["legend"], "unchecked": context["unchecked"]}

    @staticmethod
    def summary(art: AnnotatedArticle, parts: dict) -> Listed:
        """What the home page and the feed show of an article (`parts`: its summary_parts, or its context)."""
        return Listed(art, parts["minutes"], parts["legend"], parts["unchecked"])

    def article_files(self, art: AnnotatedArticle, context: dict):
        """The article's page, quiz, guide, handout and its two exports."""
        slug, notes, quotes = art.article.slug, context["notes"], context["quotes"]
        yield self.page("article.html", f"{slug}/index.html", blocks=render_blocks(art, notes), **context)
        asked, auto = quiz_quotes(quotes)
        checks = {n.id: " ".join(answer_check(slug, n.id, s.id) for s in n.speakers) for n in asked}
        quiz_blocks = render_blocks(art, notes, "quiz", set(checks)) if asked else []  # (no question: no text)
        yield self.page("quiz.html", f"{slug}/quiz.html", blocks=quiz_blocks,
                        options=_options(_quiz_speakers(context["cast"])), asked=asked, quiz_auto=auto, checks=checks,
                        salt=slug, **context)
        yield self.page("guide.html", f"{slug}/guide.html", by_speaker=_quotes_by_speaker(quotes), asked=asked,
                        quiz_auto=auto, **context)
        yield self.page("handout.html", f"{slug}/handout.html", blocks=render_blocks(art, notes, "print"), **context)
        yield f"{slug}/annotations.jsonld", annotation_page(art, notes, self.config.base_url).encode("utf-8")
        yield f"{slug}/annotations.csv", annotation_csv(art, notes).encode("utf-8")

    def person_files(self, people: list[PersonEntry]):
        """A page for each person (not for groups or anonymous sources), their quotes PERSON_PAGE_SIZE a
        page; roles and articles on the first, the newest PERSON_LISTED of each."""
        for entry in people:
            if has_page(entry.person.kind):
                pages = person_pages(entry)
                for n, (path, quotes) in enumerate(pages, 1):
                    yield self.page("person.html", path, entry=entry, quotes=quotes, pager=pager(pages, n),
                                    first=(n - 1) * PERSON_PAGE_SIZE + 1, listed=PERSON_LISTED if n == 1 else 0)

    def site_files(self, summaries: list[Listed], people: list[PersonEntry], page_paths: list[str],
                   home: set[int] | None = None):
        """The pages across articles; `page_paths` are every other HTML page, for the sitemap. `home`:
        the numbers of the home pages to render (the dev server's edit: those listing an article it
        rendered again); None for all."""
        config = self.config
        home_paths = [path for path, _ in home_pages_of(summaries)]
        listing = [*self.home_pages(summaries, home), *self.people_pages(people),
                   *self.condition_pages(condition_groups(self.site)),
                   *self.source_pages(source_profiles(self.site)),
                   self.page("404.html", "404.html")]
        if config.search:
            listing.append(self.page("search.html", "search/index.html"))
        yield from listing
        if config.base_url:  # search engines and feed readers need absolute addresses
            html = sorted({*page_paths, *home_paths, *(path for path, _ in listing)} - {"404.html"})
            yield from self.sitemaps([canonical_url(config.base_url, p) for p in html])
            newest = sorted(summaries, key=lambda s: s.meta.date or "", reverse=True)[:FEED_ENTRIES]
            yield "feed.xml", self.env.get_template("feed.xml").render(
                config=config, articles=newest,
                updated=max((s.meta.date or "" for s in summaries), default="")).encode("utf-8")

    def sitemaps(self, urls: list[str]):
        """sitemap.xml; past SITEMAP_URLS addresses (the protocol's limit), an index of sitemap-1.xml, …"""
        if len(urls) <= SITEMAP_URLS:
            yield "sitemap.xml", self.env.get_template("sitemap.xml").render(urls=urls).encode("utf-8")
            return
        parts = paginate(urls, SITEMAP_URLS, lambda n: f"sitemap-{n}.xml")
        for path, chunk in parts:
            yield path, self.env.get_template("sitemap.xml").render(urls=chunk).encode("utf-8")
        yield "sitemap.xml", self.env.get_template("sitemap_index.xml").render(
            sitemaps=[canonical_url(self.config.base_url, path) for path, _ in parts]).encode("utf-8")

    def home_pages(self, summaries: list[Listed], only: set[int] | None = None):
        """The home page, HOME_PAGE_SIZE articles a page: index.html, index-2.html, …"""
        pages = home_pages_of(summaries)
        for n, (path, chunk) in enumerate(pages, 1):
            if only is None or n in only:
                yield self.page("index.html", path, articles=chunk, pager=pager(pages, n), total=len(summaries))

    def condition_pages(self, groups: list[ConditionGroup]):
        """The conditions, CONDITION_GROUPS_PAGE groups a page, each with its first CONDITIONS_LISTED
        reports; a group with more has pages of its own, CONDITION_PAGE_SIZE reports a page."""
        party = self.config.party
        pages = paginate(groups, CONDITION_GROUPS_PAGE, numbered("conditions/"))
        for n, (path, chunk) in enumerate(pages, 1):
            yield self.page("conditions.html", path, groups=chunk, pager=pager(pages, n), total=len(groups),
                            first=(n - 1) * CONDITION_GROUPS_PAGE + 1, listed=CONDITIONS_LISTED, party=party)
        for group in groups:
            reports = condition_group_pages(group)
            for n, (path, chunk) in enumerate(reports, 1):
                yield self.page("condition.html", path, group=group, reports=chunk, pager=pager(reports, n),
                                first=(n - 1) * CONDITION_PAGE_SIZE + 1, party=party)

    def source_pages(self, profiles: list):
        """Compare sources: the table of every outlet on the first page, linking to each outlet's profile;
        the profiles SOURCE_PROFILES_PAGE a page."""
        pages = paginate(profiles, SOURCE_PROFILES_PAGE, numbered("sources/"))
        for n, (path, chunk) in enumerate(pages, 1):
            yield self.page("sources.html", path, profiles=profiles, shown_profiles=chunk,
                            pager=pager(pages, n), first=(n - 1) * SOURCE_PROFILES_PAGE + 1,
                            per_page=SOURCE_PROFILES_PAGE, columns=SOURCE_COLUMNS, column_labels=COLUMN_LABELS,
                            shown=SOURCE_ITEMS)

    def people_pages(self, people: list[PersonEntry]):
        """The people index (each kind's most quoted, up to PEOPLE_PER_KIND) and, for a kind with more,
        its whole list a page of PEOPLE_PAGE_SIZE at a time (people/by-kind/<kind>/)."""
        by_kind: dict[str, list[PersonEntry]] = {}
        for e in people:
            by_kind.setdefault(e.person.kind, []).append(e)
        yield self.page("people.html", "people/index.html", by_kind=by_kind, shown=PEOPLE_PER_KIND)
        for kind, entries in by_kind.items():
            if len(entries) <= PEOPLE_PER_KIND:
                continue
            pages = paginate(entries, PEOPLE_PAGE_SIZE, numbered(f"people/{KIND_FOLDER}/{kind}/"))
            for n, (path, chunk) in enumerate(pages, 1):
                yield self.page("people_kind.html", path, kind=kind, entries=chunk, pager=pager(pages, n),
                                total=len(entries))


# Listing pages stay small at any size of site (each under 100 KB): long lists are cut into pages.
HOME_PAGE_SIZE = 50  # articles a home page lists (about 30 KB)
PEOPLE_PER_KIND = 60  # people of one kind on the people index, most quoted first
PEOPLE_PAGE_SIZE = 400  # people a page of one kind's whole list
PERSON_PAGE_SIZE = 100  # quotes a page of one person's
PERSON_LISTED = 50  # roles and articles on a person's first page, newest first
SOURCE_ITEMS = 25  # articles, experts and conditions listed under each outlet on the sources page
FEED_ENTRIES = 50  # the newest articles in the Atom feed (a reader fetches it again and again)
SITEMAP_URLS = 50_000  # addresses a sitemap may hold (sitemaps.org)
SOURCE_PROFILES_PAGE = 10  # outlets' profiles a page of the sources (the table on the first lists them all)
CONDITION_GROUPS_PAGE = 25  # groups of conditions a page of the conditions index
CONDITIONS_LISTED = 5  # reports of a group on the index; a group with more has its own pages
CONDITION_PAGE_SIZE = 100  # reports a page of one group's own
KIND_FOLDER = "by-kind"  # people/by-kind/<kind>/: never a person's id (link.RESERVED_PERSON_IDS)


def home_pages_of(summaries: list) -> list[tuple[str, list]]:
    return paginate(summaries, HOME_PAGE_SIZE, numbered(""))


def home_page_number(index: int) -> int:
    """The home page that lists the article at this index of the site."""
    return index // HOME_PAGE_SIZE + 1


def person_pages(entry: PersonEntry) -> list[tuple[str, list]]:
    return paginate(entry.quotes, PERSON_PAGE_SIZE, numbered(f"people/{entry.id}/"))


def condition_group_pages(group: ConditionGroup) -> list[tuple[str, list]]:
    """A group's own pages; none when the index lists all its reports."""
    if len(group.reports) <= CONDITIONS_LISTED:
        return []
    return paginate(group.reports, CONDITION_PAGE_SIZE, numbered(f"conditions/{group.id}/"))


def numbered(folder: str):
    """The path of each page of a list in `folder`: index.html, then index-2.html, …"""
    return lambda n: f"{folder}index.html" if n == 1 else f"{folder}index-{n}.html"


def paginate(items: list, size: int, path_of) -> list[tuple[str, list]]:
    """(path, items) of each page; one page, possibly empty, when there are none."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    return [(path_of(n), chunk) for n, chunk in enumerate(chunks, 1)]


def pager(pages: list[tuple[str, list]], current: int) -> list[dict]:
    """Links to the other pages of a list: the first, the last, and two either side of this one."""
    if len(pages) == 1:
        return []
    keep = {1, len(pages), *range(current - 2, current + 3)}
    out, last = [], 0
    for n in sorted(k for k in keep if 1 <= k <= len(pages)):
        if n > last + 1:
            out.append({"gap": True})
        out.append({"gap": False, "n": n, "href": pages[n - 1][0].rsplit("/", 1)[-1], "current": n == current})
        last = n
    return out


ARTICLE_PAGES = ("index.html", "quiz.html", "guide.html", "handout.html")  # per article, for the sitemap
ARTICLE_FILES = ARTICLE_PAGES + ("annotations.jsonld", "annotations.csv")  # everything article_files yields


def page_paths(site: Site, people: list[PersonEntry]) -> list[str]:
    """The HTML pages of articles and people, without rendering them."""
    return ([f"{a.article.slug}/{name}" for a in site.articles for name in ARTICLE_PAGES]
            + [path for e in people if has_page(e.person.kind) for path, _ in person_pages(e)])


def render_site(site: Site, config: SiteConfig) -> dict[str, bytes]:
    """Every page and data file, in one process and in memory (for tests and benchmarks; the engine
    writes pages as they come)."""
    renderer = Renderer(site, config)
    files: dict[str, bytes] = {}
    summaries = []
    for art in site.articles:
        context = renderer.article_context(art)
        summaries.append(renderer.summary(art, context))
        files.update(renderer.article_files(art, context))
    people = people_entries(site)
    files.update(renderer.person_files(people))
    files.update(renderer.site_files(summaries, people, page_paths(site, people)))
    return files
