"""The whole build, readable in one function: load -> annotate -> link -> render -> write.

Each stage is imported by the function that runs it: a build that finds nothing changed since the last
one decides so by hashing its inputs, without loading the extractor, markdown-it or Jinja.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import signal
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .cache import Cache, fingerprint, tree_digest
from .config import SiteConfig
from .errors import SourceError
from .write import MARKER, Output, guard_output, recover_leftovers, write_file, write_site

TYPE_CHECKING = False  # typing's, without loading typing for a build with nothing to do; type checkers know the name
if TYPE_CHECKING:
    from .model import AnnotatedArticle, Site
    from .render.collections import PersonEntry

PROJECT = Path(__file__).resolve().parent.parent
STATIC = PROJECT / "static"
TEMPLATES = PROJECT / "templates"  # render.pages.TEMPLATES, not imported from there: it loads Jinja


# Below this many articles to read or pieces to render, starting worker processes costs more than it saves.
PARALLEL_MIN = 16
# The same for people's pages: one takes about a fifteenth of the time of an article's six files.
PARALLEL_MIN_PEOPLE = 16 * 15
# At most this many articles come back from a worker at once: large transfers leave the memory they
# passed through fragmented, beside the articles kept.
CHUNK_MAX = 32


def read_site(config: SiteConfig, cache: Cache | None = None, keys: dict[Path, str] | None = None) -> Site:
    """Phase one: read, annotate and link every article; nothing is written but the cache.

    Each article's result is cached under a hash of what it depends on (`article_key`); those not
    in the cache are read in `config.jobs` processes. The order, and so the output, never depends
    on which were cached or how many processes ran.
    """
    from .link import link

    cache = cache or Cache(None)
    keys = keys or article_keys(config)
    paths = list(keys)
    found = {p: cache.get(keys[p]) for p in paths}
    todo = [p for p in paths if found[p] is None]
    if _pooled(todo, config.jobs):  # each result pickled once, in the worker, for the trip and the cache
        for p, pickled in zip(todo, _in_processes(partial(read_pickled, config=config), todo, config.jobs)):
            found[p] = pickle.loads(pickled)
            cache.put(keys[p], found[p], pickled)
    else:
        for p in todo:
            found[p] = read_article(p, config)
            cache.put(keys[p], found[p])
    return link([found[p] for p in paths])


def read_pickled(path: Path, config: SiteConfig) -> bytes:
    """read_article's result as a pool's worker hands it back: pickled, as the cache keeps it."""
    return pickle.dumps(read_article(path, config), protocol=pickle.HIGHEST_PROTOCOL)


def read_article(path: Path, config: SiteConfig) -> AnnotatedArticle:
    from .annotate import annotate
    from .load import load_article

    art = annotate(load_article(path), config)
    art.article.grade, art.article.word_count  # computed here, in the worker, so they are cached with the article
    return _without_joined_text(art)


def _without_joined_text(art: AnnotatedArticle) -> AnnotatedArticle:
    """The article without its cached joined text (Article.text and block_starts, computed again when
    read): a second copy of every block's text, wider when one character is (PEP 393), it is a third
    of what an article holds in memory. The site keeps every article, so only a page that reads an
    article's text computes it, and a worker forgets it once that article's pages are written."""
    for derived in ("text", "block_starts"):
        vars(art.article).pop(derived, None)  # functools.cached_property keeps its value there
    return art


def article_keys(config: SiteConfig, digests: dict[str, bytes] | None = None) -> dict[Path, str]:
    """Every article source, in order, with its cache key (`digests`: see article_key)."""
    from .load import source_files

    settings = annotation_settings(config)
    return {p: article_key(p, config, digests, settings) for p in source_files(config.seeds_dir)}


def site_key(config: SiteConfig, render_stamp: str) -> tuple[str | None, dict[str, bytes]]:
    """Everything the whole output depends on, hashed without parsing an article: the settings and the
    templates (`render_stamp`, from render_key), the assets, the code (in every key) and each entry of
    the articles folder; None when the folder cannot be listed or read (the build then says why).
    With it, the hash of each file read, by name, so that article keys need not read them again."""
    digests: dict[str, bytes] = {}
    entries = _folder_entries(config.seeds_dir, digests)
    return (None if entries is None else fingerprint(render_stamp, tree_digest(str(STATIC)), *entries)), digests


def _folder_entries(folder: Path, digests: dict[str, bytes]) -> list[bytes] | None:
    """A file by name and a hash of its bytes (a link also by where it leads); a folder, a pipe or a
    device by name alone: never opened, as reading a pipe could hang. Hidden files are no articles
    (`source_files`): an editor's swap file does not count."""
    entries = []
    try:
        with os.scandir(folder) as listing:  # a listing's entries know their type: no stat for each file
            found = sorted(listing, key=lambda e: e.name)
        for e in found:
            if e.name.startswith("."):
                continue
            if e.is_symlink():
                entries.append(b"link\0" + e.name.encode() + b"\0" + str(Path(e.path).resolve()).encode())
            if e.is_file():  # (a link: what it leads to)
                with open(e.path, "rb") as f:
                    digests[e.name] = hashlib.sha256(f.read()).digest()
                entries.append(e.name.encode() + b"\0" + digests[e.name])
            else:
                entries.append(e.name.encode() + b"/")
    except OSError:
        return None
    return entries


def render_key(config: SiteConfig) -> str:
    """What every page depends on besides its content: the settings that show, and the templates."""
    settings = replace(config, jobs=1, cache=True, out_dir=Path(), seeds_dir=Path())
    return fingerprint(repr(settings), tree_digest(str(TEMPLATES)))


def article_key(path: Path, config: SiteConfig, digests: dict[str, bytes] | None = None,
                settings: str | None = None) -> str:
    """Everything an article's result depends on: its bytes, its sidecar's, its name, the settings.
    `digests`: the hashes of the files of its folder, by name, where site_key has just read them;
    `settings`: annotation_settings(config), where the caller has it."""
    sidecar = path.with_suffix(".yaml")
    return fingerprint(path.name, _digest(path, digests), _digest(sidecar, digests) if sidecar.exists() else None,
                       settings or annotation_settings(config))


def annotation_settings(config: SiteConfig) -> str:
    """The settings that change what an article's annotations are."""
    return repr((config.annotations, config.party, config.layers))


def _digest(path: Path, digests: dict[str, bytes] | None) -> bytes:
    known = digests.get(path.name) if digests else None
    return known if known is not None else hashlib.sha256(_bytes(path)).digest()


def _bytes(path: Path) -> bytes:
    from .load import check_regular_file

    check_regular_file(path)  # never open a FIFO or a device
    try:
        return path.read_bytes()
    except OSError:
        return b""  # unreadable: load_article says why, with the path


def _in_processes(fn, items: list, jobs: int, fork: bool = False):
    """fn over items, in order; in a pool of `jobs` processes when that pays. `fork`: the workers are
    forked, so they see this process's state (on systems without fork, the work stays here)."""
    from multiprocessing import get_context

    if not _pooled(items, jobs, fork):
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when used: it is slow to import

    frozen = gc.get_freeze_count()
    if fork:
        gc.freeze()  # the inherited objects stay out of the workers' collections: fewer copied pages
    context = get_context("fork") if fork else None
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_signals, mp_context=context)
    try:
        yield from pool.map(fn, items, chunksize=1 if fork else max(1, min(CHUNK_MAX, len(items) // (jobs * 8))))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if fork and not frozen:  # frozen before: the caller's to undo (a build keeps its site frozen)
            gc.unfreeze()


def _pooled(items: list, jobs: int, fork: bool = False) -> bool:
    """Whether _in_processes runs a pool for these items."""
    from multiprocessing import get_all_start_methods

    return jobs > 1 and len(items) >= PARALLEL_MIN and (not fork or "fork" in get_all_start_methods())


def _ignore_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def protected(config: SiteConfig) -> dict[str, Path]:
    """What the output folder must never be nor hold: the sources, the settings, the project."""
    return {"the articles folder": config.seeds_dir, "the project": PROJECT,
            **({"the settings file": config.source} if config.source else {})}


def check_output(config: SiteConfig) -> None:
    """Refuse a dangerous --out before any work is done (write_site checks again before writing), and
    clear what a killed build left beside it."""
    recover_leftovers(guard_output(config.out_dir, protected(config)))


def write_output(site: Site, config: SiteConfig, reuse: Reuse | None = None, env=None) -> dict:
    """Phase two: render every page and replace the output folder with them; returns what `Reuse`
    needs of this build for the next. `env`: the templates, if the caller has compiled them."""
    from .search import index_for_search

    made: dict = {}
    write_site(config.out_dir, lambda output: made.update(render_into(output, site, config, reuse, env)), STATIC,
               index_for_search if config.search else None, protected(config), in_place=bool(reuse and reuse.last))
    return made


@dataclass(frozen=True)
class Reuse:
    """What the pages of an article or a person depend on, and the last build's pages that may be kept.

    An article's six files depend on the article's own result (`article_keys`), its slug, the
    record of each person it quotes or names (its own, else the registry's), the settings and the templates. A person's
    pages depend on their registry record and on the articles that quote or name them (those
    articles' keys), in order. When a key is the one the last build recorded, the files are
    kept from the last build's folder instead of rendered again (see write.Output)."""
    article_keys: list[str]  # in the order of site.articles
    render_stamp: str  # settings and templates
    last: dict  # the last build into this folder: {"pages": slug -> (key, summary), "people": id -> key}

    def page_key(self, i: int, art: AnnotatedArticle, site: Site) -> str:
        cast = site.cast(art)
        shown = {pid: site.record(cast, pid) for ids in cast.speakers.values() for pid in ids if pid}
        people = sorted((pid, p.name, p.kind, p.role, p.affiliation) for pid, p in shown.items())
        return fingerprint(self.render_stamp, self.article_keys[i], art.article.slug,
                           repr((sorted(cast.speakers.items()), people)))

    def person_key(self, entry: PersonEntry, page_keys: dict[str, str]) -> str:
        return fingerprint(self.render_stamp, entry.id, repr(entry.person),
                           *(page_keys[a.article.slug] for a in entry.articles))


def render_into(output: Output, site: Site, config: SiteConfig, reuse: Reuse | None = None, env=None) -> dict:
    """Render every page into output, each written as soon as it is made (never the whole site in
    memory); the pages whose key is the last build's are kept. Articles' and people's own pages are
    rendered in `config.jobs` processes, the pages across articles, which list them all, in this one.
    Returns the keys of what it wrote, for `Reuse`."""
    from .render.collections import has_page, people_entries
    from .render.pages import ARTICLE_FILES, Renderer, home_page_number, home_pages_of, page_paths, person_pages

    renderer = Renderer(site, config, env)
    people = people_entries(site)
    slugs = [art.article.slug for art in site.articles]
    keys = {slug: reuse.page_key(i, art, site) if reuse else "" 
            for i, (slug, art) in enumerate(zip(slugs, site.articles))}
    person_keys = {e.id: reuse.person_key(e, keys) if reuse else "" for e in people if has_page(e.person.kind)}
    last_pages, last_people = (reuse.last.get("pages", {}), reuse.last.get("people", {})) if reuse else ({}, {})
    summaries: dict[int, dict] = {}
    for i, slug in enumerate(slugs):
        kept = last_pages.get(slug)
        if kept and kept[0] == keys[slug] and output.keep([f"{slug}/{name}" for name in ARTICLE_FILES]):
            summaries[i] = kept[1]
    todo = [i for i in range(len(slugs)) if i not in summaries]
    redo = [n for n, e in enumerate(people) if e.id in person_keys and not (
        last_people.get(e.id) == person_keys[e.id] and output.keep([path for path, _ in person_pages(e)]))]
    global _RENDERING  # what forked workers inherit: nothing of the site is sent to them
    _RENDERING = renderer, people, output.folder
    try:
        # One pool for both, the people last: their small pieces fill the time the last articles take.
        pieces = [(_render_articles, chunk) for chunk in _chunks(todo, config.jobs)]
        pieces += [(_render_people, chunk) for chunk in _chunks(redo, config.jobs, PARALLEL_MIN_PEOPLE)]
        for made in _in_processes(_render_piece, pieces, config.jobs, fork=True):
            summaries.update(made)
    finally:
        _RENDERING = None
    listed = [Renderer.summary(art, summaries[i]) for i, art in enumerate(site.articles)]
    listing = [path for path, _ in home_pages_of(listed)]  # with every page across articles written below
    home = None  # every home page, unless the articles are the last build's, in its order and templates:
    if reuse and reuse.last.get("render") == reuse.render_stamp and list(last_pages) == slugs:
        touched = {home_page_number(i) for i in todo}  # then only the pages that list an article rendered again
        if output.keep([path for n, path in enumerate(listing, 1) if n not in touched]):
            home = touched
    for rel, data in renderer.site_files(listed, people, page_paths(site, people), home):
        output.write(rel, data)
        listing.append(rel)
    return {"pages": {slug: (keys[slug], summaries[i]) for i, slug in enumerate(slugs)}, "people": person_keys,
            "render": reuse.render_stamp if reuse else None, "listing": sorted(set(listing))}


_RENDERING: tuple | None = None
def _chunks(items: list[int], jobs: int, least: int = PARALLEL_MIN) -> list[list[int]]:
    """Items cut into pieces that several processes share out evenly; one piece when fewer than
    `least` items are not worth starting a pool for (too few pieces in all: _in_processes works here)."""
    size = max(1, len(items) // (jobs * 16)) if jobs > 1 and len(items) >= least else max(1, len(items))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _render_piece(piece: tuple) -> dict[int, dict]:
    render, indices = piece
    return render(indices)


def _render_articles(indices: list[int]) -> dict[int, dict]:
    renderer, _, folder = _RENDERING
    out = {}
    for i in indices:
        art = renderer.site.articles[i]
        context = renderer.article_context(art)
        for rel, data in renderer.article_files(art, context):
            write_file(folder, rel, data)
        out[i] = renderer.summary_parts(context)
        _without_joined_text(art)
    return out


def _render_people(indices: list[int]) -> dict[int, dict]:
    renderer, people, folder = _RENDERING
    for i in indices:
        for rel, data in renderer.person_files([people[i]]):
            write_file(folder, rel, data)
        for quote in people[i].quotes:  # their pages show the quotes' text: computed for them, then forgotten
            _without_joined_text(quote.art)
    return {}  # (an article's piece returns what the home page shows of it; a person's, nothing)


def warnings(site: Site) -> list[SourceError]:
    """What a reader would miss: an article without a title, an outlet or a date."""
    found = []
    for art in site.articles:
        meta, where = art.article.meta, art.article.sidecar.path if art.article.sidecar else art.article.source_path
        found += [SourceError(art.article.source_path, 1, w) for w in art.article.warnings]
        found += [SourceError(w.path, w.line, w.message) for w in art.warnings]
        for key in ("outlet", "date"):
            if not getattr(meta, key):
                found.append(SourceError(where, 1, f"no {key}: the home page will not show one"))
    return found


def output_id(out_dir: Path) -> tuple | None:
    """Which build wrote the folder: every build writes a new marker file, so its inode and time tell."""
    try:
        st = (out_dir / MARKER).stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns


@dataclass(frozen=True)
class Built:
    articles: int
    warnings: list[SourceError]
    up_to_date: bool = False  # nothing changed since the last build into this folder: nothing was done


# The cache entries that remember the last build into this folder: what it was built from (read by
# every build, so it holds only plain values) and the keys of its pages (for `Reuse`).
LAST_BUILD = fingerprint("the last build into this folder")
LAST_PAGES = fingerprint("the pages of the last build into this folder")


def build(config: SiteConfig) -> Built:
    """The whole build; returns what it built and its warnings (under `strict`, the first stops it).

    When nothing the site depends on changed since the last build into the same folder (same
    articles, settings, templates, assets and code), the folder is left as it is.
    """
    check_output(config)
    cache = Cache.beside(config.out_dir) if config.cache else Cache(None)
    render_stamp = render_key(config)
    stamp, digests = site_key(config, render_stamp)
    last = cache.get(LAST_BUILD)
    if last and last["output"] != output_id(config.out_dir):
        last = None  # the folder is not what that build wrote (a build with --no-cache came after it)
    if last and stamp and last["site"] == stamp:
        return Built(last["articles"], [SourceError(*w) for w in last["warnings"]], up_to_date=True)
    keys = article_keys(config, digests)
    site = read_site(config, cache, keys)
    gc.freeze()  # the site lives until the build ends: collections need not scan it again and again
    try:
        return _publish(site, config, cache, keys, last, stamp, render_stamp)
    finally:
        gc.unfreeze()


def _publish(site: Site, config: SiteConfig, cache: Cache, keys: dict[Path, str], last: dict | None,
             stamp: str | None, render_stamp: str) -> Built:
    """Write the site (reusing what the last build into the folder made) and remember this build."""
    found = warnings(site)
    if config.strict and found:
        raise SourceError(found[0].path, found[0].line, f"{found[0].message} (--strict)")
    pages = cache.get(LAST_PAGES) if last else None
    pages = pages if pages and pages["output"] == last["output"] else {}
    reuse = Reuse(list(keys.values()), render_stamp, pages) if config.cache else None
    made = write_output(site, config, reuse)
    output = output_id(config.out_dir)
    cache.put(LAST_PAGES, {**made, "output": output})
    cache.put(LAST_BUILD, {"site": stamp, "articles": len(site.articles), "output": output,
                           "warnings": [(w.path, w.line, w.message) for w in found]})
    cache.prune()
    return Built(len(site.articles), found)
