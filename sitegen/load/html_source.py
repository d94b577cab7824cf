"""Reader for `.html` / `.htm`: a web page saved from the browser.

trafilatura finds the main text (paragraphs, subheadings, list items, block quotes)
and leaves navigation, comments, "read more" lists and cookie banners out; its
metadata gives byline, date (htmldate where the page says nothing plainer), outlet
and canonical URL. The headline is chosen here by letting the page's own titles vote
(see `choose_headline`), since no single one is reliable. Nothing is fetched: the
page is parsed from the file's bytes and no URL is handed to the libraries.
"""
from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path

from ..errors import SourceError
from ..mdparser import raw_markup
from ..model import Block, Metadata, Removed
from .files import clean_text, read_bytes

# What separates a headline from the site's name in <title> and og:title: "Headline | Site".
TITLE_SEPARATOR = re.compile(r"\s+[|–—»·:~/-]{1,2}\s+|\s+l\s+|\s*::\s*|\s+-{2,}")
# Dates as pages show them under the headline: 2023-11-07, March 14, 2021, 4 Jun 2020.
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | \
         {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
SHOWN_DATE = re.compile(
    rf"\b(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
    rf"|(?P<m1>{_MONTH})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?P<m2>{_MONTH})\.?,? (?P<y2>\d{{4}}))\b", re.I)
# "By Ana Ruiz", "Posted by …", "Written by …": the name runs until a date, a separator or a lower-case word.
SHOWN_BYLINE = re.compile(r"(?:^|[\s|•])(?:Posted |Written |Words )?[Bb]y:?\s+(.{1,80})")
NAME_PARTICLES = {"de", "la", "van", "von", "der", "den", "da", "di", "du", "le", "bin", "al", "dos", "del"}
NOT_NAME = {"the", "a", "an", "this", "in", "on", "at", "and", "date", "updated", "published", "staff", "photo",
            "posted", "share", "follow", "filed"} | set(MONTHS) | {d.lower() for d in calendar.day_name}
UNDER_HEADLINE_CHARS = 300  # how much of the page after the headline holds its byline and date
# htmldate's settings, with a fixed latest date instead of today's, so that a build does not
# depend on the day it runs.
DATE_PARAMS = {"original_date": True, "extensive_search": True, "max_date": "2099-12-31"}

# trafilatura's own element names: these hold text whole; other elements (list, item, quote,
# table) are blocks unless they hold some of these.
LEAF_TAGS = {"p": "paragraph", "head": "heading", "code": "paragraph", "row": "paragraph"}
INLINE_TAGS = {"hi", "ref", "lb", "del", "cell"}  # inside a block's text


def read_html_source(path: Path) -> tuple[Metadata, tuple[Block, ...], tuple[Removed, ...]]:
    return read_html(read_bytes(path), path)


def read_html(raw: bytes, path: Path) -> tuple[Metadata, tuple[Block, ...], tuple[Removed, ...]]:
    """A page's bytes (read from `path`, named in messages) -> metadata and blocks."""
    import trafilatura  # imported here: a build of .txt and .md sources never pays for it
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        raise SourceError(path, 1, "no article text found in this page")
    titles = page_titles(tree)
    doc = trafilatura.bare_extraction(load_html(raw), with_metadata=True, include_comments=False,
                                      include_tables=True, date_extraction_params=DATE_PARAMS)
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else ()
    if not any(b.kind == "paragraph" for b in blocks):
        raise SourceError(path, 1, "no article text found in this page")
    sitename = _plain(doc.sitename)
    title = choose_headline(titles, _plain(doc.title), sitename, doc.hostname or "")
    if blocks and blocks[0].kind == "heading" and fold(blocks[0].text) == fold(title):
        blocks = blocks[1:]  # the headline is the page's title, not a subheading
    shown = text_under_headline(tree, title)
    date = shown_date(shown) or doc.date or None
    byline = shown_byline(shown) or _plain(doc.author) or None
    url = doc.url if doc.url and re.match(r"^https?://", doc.url) else None
    meta = Metadata(title=title, outlet=sitename or None, date=date, url=url, byline=byline)
    return meta, blocks, ()


def body_blocks(body) -> tuple[Block, ...]:
    """trafilatura's body element as blocks: one per paragraph, subheading, code block, table row,
    list item and block quote (or each paragraph of an item or quote that holds several)."""
    blocks = []

    def add(kind: str, text: str) -> None:
        if text:
            blocks.append(Block(kind, text, raw_markup(text), 1))

    def walk(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag in LEAF_TAGS:
                add(LEAF_TAGS[child.tag], _element_text(child))
            elif any(isinstance(d.tag, str) and d.tag not in INLINE_TAGS for d in child.iterdescendants()):
                add("paragraph", _plain(child.text))  # a list item's number, a quote's first words
                walk(child)  # a list's items, a quote's paragraphs: blocks of their own
            else:
                add("paragraph", _element_text(child))
            add("paragraph", _plain(child.tail))
    walk(body)
    return tuple(blocks)


def _element_text(el) -> str:
    """Every character of the element's text; line breaks and table cells become spaces."""
    parts = []
    for node in el.iter():
        if node.tag in ("lb", "cell") and node is not el:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node.tail and node is not el:
            parts.append(node.tail)
    return _plain("".join(parts))


def page_titles(tree) -> dict[str, list[str]]:
    """The page's own titles: Open Graph, Twitter card, <title>, every <h1>; and its site name."""
    def texts(xpath: str) -> list[str]:
        return [t for t in (_plain(x if isinstance(x, str) else x.text_content()) for x in tree.xpath(xpath)) if t]
    return {"og": texts('//meta[@property="og:title" or @name="og:title"]/@content'),
            "twitter": texts('//meta[@name="twitter:title" or @property="twitter:title"]/@content'),
            "title": texts("//head/title | //title"),
            "h1": texts("//body//h1"),
            "site": texts('//meta[@property="og:site_name" or @name="application-name"]/@content')}


def choose_headline(titles: dict[str, list[str]], extracted: str, sitename: str, hostname: str) -> str:
    """The headline, by letting the page's titles vote.

    The first <h1> is often the site's logo, <title> and og:title often carry the site's
    name ("Headline | Site"), and og:title is sometimes a shorter social-media version.
    In order: an <h1> that a metadata title confirms (whole, or one of its parts between
    separators); a metadata title that ends an <h1> ("Section | Headline"); the page's
    one <h1> when nothing contradicts it; a metadata title with the site's name cut off.
    """
    site_names = [n for n in [sitename, *titles["site"]] if n]
    host = re.sub(r"^www\.|\.[a-z]+$", "", hostname.lower()).replace(".", "")

    def is_site(text: str) -> bool:
        key = re.sub(r"[^a-z0-9]", "", fold(text))
        return bool(key) and (any(key == re.sub(r"[^a-z0-9]", "", fold(n)) for n in site_names)
                              or (len(host) >= 4 and key == host))

    def without_site(title: str) -> str:
        parts = [p for p in TITLE_SEPARATOR.split(title) if p.strip()]
        kept = [p for p in parts if not is_site(p)]
        return title if len(kept) == len(parts) or not kept else max(kept, key=len)

    metas = [t for t in titles["og"][:1] + titles["twitter"][:1] + [extracted] + titles["title"][:1] if t]
    cut = [without_site(m) for m in metas]
    h1s = list(dict.fromkeys(h for h in titles["h1"] if not is_site(h)))
    for h in h1s:
        if fold(h) in {fold(m) for m in metas + cut}:
            return h
    confirmed = [h for h in h1s if any(fold(h) in map(fold, TITLE_SEPARATOR.split(m)) for m in metas)]
    if confirmed:
        return max(confirmed, key=len)
    for h in h1s:
        wrapped = [m for m in cut if len(m) > 10 and fold(h).endswith(fold(m))]
        if wrapped:
            return wrapped[0]
    if len(h1s) == 1 and not any(fold(h1s[0]) in fold(m) for m in cut):
        return h1s[0]
    return cut[0] if cut else h1s[0] if h1s else ""


def text_under_headline(tree, headline: str) -> str:
    """The page's text just after its headline's <h1>, where the byline and date a reader sees are."""
    h1s = [h for h in tree.iter("h1") if _plain(h.text_content())]
    h1 = next((h for h in h1s if fold(h.text_content()) == fold(headline)), h1s[0] if h1s else None)
    if h1 is None:
        return ""
    parts, size = [h1.tail or ""], 0
    for el in _following(tree, h1):
        text = " ".join(t for t in (el.text, el.tail) if t)
        parts.append(text)
        size += len(text.strip())
        if size > UNDER_HEADLINE_CHARS:
            break
    return _plain(" ".join(parts))


def _following(tree, h1):
    """Elements after h1 in document order (not inside it), skipping scripts and styles."""
    after = False
    for el in tree.iter():
        if el is h1:
            after = True
            continue
        if after and isinstance(el.tag, str) and el.tag not in ("script", "style", "noscript") \
                and not any(a is h1 for a in el.iterancestors()):
            yield el


def shown_date(text: str) -> str | None:
    """The first full date in text, as YYYY-MM-DD."""
    m = SHOWN_DATE.search(text)
    if not m:
        return None
    if m["iy"]:
        y, mo, d = m["iy"], m["im"], m["id"]
    elif m["m1"]:
        y, mo, d = m["y1"], MONTHS[m["m1"].lower()], m["d1"]
    else:
        y, mo, d = m["y2"], MONTHS[m["m2"].lower()], m["d2"]
    try:
        day = datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2099 else None


def shown_byline(text: str) -> str | None:
    """The name after the first "By" in text: capitalised words (and particles), up to four."""
    m = SHOWN_BYLINE.search(text)
    if not m:
        return None
    name = []
    for word in m.group(1).split():
        bare = word.strip(",;:|")
        if not bare or bare.lower() in NOT_NAME or not (bare[0].isupper() or bare in NAME_PARTICLES) \
                or not re.match(r"^[^\W\d_][\w.'’-]*$", bare) or len(name) == 4:
            break
        name.append(bare)
        if bare != word:  # punctuation after a word ends the name
            break
    while name and name[-1] in NAME_PARTICLES:
        name.pop()
    return " ".join(name) or None


def _plain(text: str | None) -> str:
    return re.sub(r"\s+", " ", clean_text(text or "")).strip()


def fold(text: str) -> str:
    """Text compared without case, punctuation or spacing: "Rain, again!" -> "rain again"."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
