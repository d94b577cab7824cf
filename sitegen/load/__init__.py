"""Stage 1, load: source files -> Article records.

Readers are chosen by file extension from READERS, as Pelican does. Each reader
turns a file into metadata, blocks and the lines it removed; this module adds the
sidecar (`<stem>.yaml` beside the source) and the slug.
"""
from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..errors import SourceError
from ..model import Article, Block, Metadata
from .html_source import fold, read_html_source
from .markdown_source import read_markdown_source
from .sidecar import read_sidecar
from .text_source import read_text_source

# Extensions are matched without regard to case: `a.MD` and `page.HTML` are read too.
READERS = {".txt": read_text_source, ".md": read_markdown_source, ".html": read_html_source,
           ".htm": read_html_source}

# Folders the site itself writes at its root: an article never gets one of these as its slug.
# A section added to the site adds its folder here.
RESERVED_SLUGS = frozenset({"people", "conditions", "sources", "search", "static", "pagefind"})


def source_files(folder: Path) -> list[Path]:
    """The article sources in a folder, in a stable order.

    A link that leads out of the folder, or a special file (a FIFO, a device), is refused:
    reading one could hang the build or publish a file that was never meant to be an article.
    """
    if not folder.is_dir():
        raise SourceError(folder, 1, "no such folder of articles")
    found = []
    with os.scandir(folder) as listing:  # a listing's entries know their type: no stat for each file
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        p = folder / entry.name
        if p.suffix.lower() not in READERS or entry.name.startswith(".") or entry.is_dir():
            continue
        if entry.is_symlink() and not p.resolve().is_relative_to(folder.resolve()):
            raise SourceError(p, 1, "a link to a file outside the folder of articles; copy the file in instead")
        found.append(p)
    return found


def check_regular_file(path: Path) -> None:
    """A SourceError unless path is an ordinary file (never open a FIFO or a device)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise SourceError(path, 1, f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise SourceError(path, 1, "not an ordinary file (a folder, pipe or device); an article must be a file")


def load_article(path: Path) -> Article:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(path, 1, f"not an article: the file name must end in one of {', '.join(READERS)}")
    check_regular_file(path)
    sidecar_path = path.with_suffix(".yaml")
    sidecar = read_sidecar(sidecar_path) if sidecar_path.exists() else None
    meta, blocks, removed = reader(path)
    if not any(b.kind == "paragraph" for b in blocks):
        raise SourceError(path, 1, "empty article: no paragraph of text")
    if sidecar:
        meta = replace(meta, **sidecar.metadata)
        blocks = without_headline(blocks, sidecar.metadata.get("title"))
    warnings = ()
    if not meta.title:  # an honest stand-in, until a person writes a title in the sidecar
        meta = replace(meta, title=path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled")
        warnings = (f"no title: the text has no headline line, so the file name stands in; give one as `title:` "
                    f"in {sidecar_path.name}",)
    return Article(path, slugify(meta.title), meta, blocks, removed, sidecar, warnings)


def without_headline(blocks: tuple[Block, ...], title: str | None) -> tuple[Block, ...]:
    """A first block that repeats the sidecar's title is the headline: it leaves the body."""
    if title and len(blocks) > 1 and fold(blocks[0].text) == fold(title):
        return blocks[1:]
    return blocks


def slugify(title: str) -> str:
    """A URL-safe slug from a title: ASCII letters and digits joined by hyphens."""
    decomposed = unicodedata.normalize("NFKD", title)
    words = re.findall(r"[a-z0-9]+", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())
    slug = ""
    for w in words:  # whole words, up to about 60 characters
        if slug and len(slug) + len(w) > 60:
            break
        slug = f"{slug}-{w}" if slug else w
    return slug or "article"


def unique_slugs(articles: list[Article]) -> list[Article]:
    """Two articles with one title get `slug`, `slug-2`, ... in source order; a reserved slug starts at -2."""
    taken = set(RESERVED_SLUGS)
    out = []
    for a in articles:
        slug, n = a.slug, 1
        while slug in taken:
            n += 1
            slug = f"{a.slug}-{n}"
        taken.add(slug)
        out.append(a if slug == a.slug else replace(a, slug=slug))
    return out


__all__ = ["load_article", "source_files", "unique_slugs", "slugify", "Metadata", "READERS", "RESERVED_SLUGS"]
