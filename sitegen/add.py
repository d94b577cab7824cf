"""`build.py add URL_OR_FILE`: bring an article into the seeds folder as a readable Markdown file.

A URL is fetched once (with a timeout, no retries); a saved page, a text or a Markdown file
is read from disk. Either way the reader for its kind finds the metadata and the text, and
the result is written to `<seeds>/<slug>.md`: YAML front matter (title, outlet, date, url,
byline) and the article's paragraphs and subheadings. That file is then the source of
truth, which the teacher can read and correct.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import SourceError
from .load import READERS, check_regular_file, slugify
from .load.files import read_text
from .load.html_source import read_html
from .load.sidecar import METADATA_KEYS
from .mdparser import escape_markdown
from .model import Block, Metadata

MAX_PAGE_BYTES = 10 * 1024 * 1024
# A paragraph that starts like Markdown block syntax (a heading, quote, list item, break)
# gets a backslash so it stays a paragraph: "1. " -> "1\. ", "# " -> "\# ".
BLOCK_START = re.compile(r"^(?:(?P<mark>[#>+=|~-])|(?P<num>\d{1,9})(?P<dot>[.)])(?=\s|$))")


class FetchError(Exception):
    """A URL that could not be fetched: one line for the person who asked."""


def add_article(source: str, seeds_dir: Path, force: bool = False, timeout: float = 20.0) -> Path:
    """Write `<seeds_dir>/<slug>.md` from a URL or a file; returns its path."""
    if re.match(r"^https?://", source, re.I):
        meta, blocks = read_url(source, timeout)
        meta = meta if meta.url else replace(meta, url=source)
        fallback = Path(urlsplit(source).path).stem or urlsplit(source).hostname or "article"
    else:
        path = Path(source)
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            raise SourceError(path, 1, f"not an article: the file name must end in one of {', '.join(READERS)}")
        check_regular_file(path)
        meta, blocks, _removed = reader(path)
        fallback = path.stem
        if path.suffix.lower() == ".md":  # already front matter and Markdown: kept as written
            return _write(seeds_dir, meta.title or fallback, read_text(path), force)
    if not any(b.kind == "paragraph" for b in blocks):
        raise SourceError(Path(source), 1, "empty article: no paragraph of text")
    return _write(seeds_dir, meta.title or fallback.replace("_", " "), markdown_article(meta, blocks), force)


def _write(seeds_dir: Path, title: str, text: str, force: bool) -> Path:
    target = seeds_dir / f"{slugify(title)}.md"
    if target.exists() and not force:
        raise SourceError(target, 1, "already exists; use --force to replace it")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def read_url(url: str, timeout: float) -> tuple[Metadata, tuple[Block, ...]]:
    """Fetch a web page once and read it; FetchError with a plain message when that fails."""
    request = urllib.request.Request(url, headers={"User-Agent": "annotated-reader (build.py add)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise FetchError(f"{url}: not a web page (the server sent {kind})")
            raw = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise FetchError(f"{url}: cannot reach the site ({reason}); are you online?") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds; try again later") from None
    except OSError as exc:
        raise FetchError(f"{url}: the connection failed ({exc.strerror or exc})") from None
    if len(raw) > MAX_PAGE_BYTES:
        raise FetchError(f"{url}: the page is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    try:
        meta, blocks, _removed = read_html(raw, Path(urlsplit(url).path or "page"))
    except SourceError as exc:
        raise FetchError(f"{url}: {exc.message}") from None
    return meta, blocks


def markdown_article(meta: Metadata, blocks: tuple[Block, ...]) -> str:
    """Front matter, then one Markdown block per article block: `## ` for a subheading."""
    front = []
    for key in METADATA_KEYS:  # the keys a sidecar and front matter share
        value = getattr(meta, key)
        front.append(yaml.safe_dump({key: value}, allow_unicode=True, width=1000).rstrip("\n") if value
                     else f"{key}:  # not found: fill in")
    body = [f"## {markdown_inline(b.text)}" if b.kind == "heading" else markdown_paragraph(b.text) for b in blocks]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n"


def markdown_inline(text: str) -> str:
    """escape_markdown, but easier to read: "&" needs its backslash only where it would start an entity."""
    return re.sub(r"\\&(?!#|[A-Za-z][A-Za-z0-9]*;)", "&", escape_markdown(text))


def markdown_paragraph(text: str) -> str:
    """Markdown that renders to exactly `text` as one paragraph."""
    source = markdown_inline(text)
    m = BLOCK_START.match(source)
    if m and m["mark"]:
        return "\\" + source
    if m and m["num"]:
        return f"{m['num']}\\{source[m.end('num'):]}"
    return source
