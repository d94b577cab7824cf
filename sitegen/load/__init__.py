"""Stage 1, load: source files -> Article records.

Readers are chosen by file extension from READERS, as Pelican does. Each reader
turns a file into metadata, blocks and the lines it removed; this module adds the
sidecar (`<stem>.yaml` beside the source) and the slug.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..errors import SourceError
from ..model import Article, Metadata
from .markdown_source import read_markdown_source
from .sidecar import read_sidecar
from .text_source import read_text_source

READERS = {".txt": read_text_source, ".md": read_markdown_source}


def source_files(folder: Path) -> list[Path]:
    """The article sources in a folder, in a stable order."""
    if not folder.is_dir():
        raise SourceError(folder, 1, "no such folder of articles")
    return sorted(p for p in folder.iterdir()
                  if p.suffix in READERS and not p.is_dir() and not p.name.startswith("."))


def load_article(path: Path) -> Article:
    sidecar_path = path.with_suffix(".yaml")
    sidecar = read_sidecar(sidecar_path) if sidecar_path.exists() else None
    meta, blocks, removed = READERS[path.suffix](path)
    if not any(b.kind == "paragraph" for b in blocks):
        raise SourceError(path, 1, "empty article: no paragraph of text")
    if sidecar:
        meta = replace(meta, **sidecar.metadata)
    warnings = ()
    if not meta.title:  # an honest stand-in, until a person writes a title in the sidecar
        meta = replace(meta, title=path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled")
        warnings = (f"no title: the text has no headline line, so the file name stands in; give one as `title:` "
                    f"in {sidecar_path.name}",)
    return Article(path, slugify(meta.title), meta, blocks, removed, sidecar, warnings)


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
    """Two articles with one title get `slug`, `slug-2`, ... in source order."""
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        n = seen.get(a.slug, 0) + 1
        seen[a.slug] = n
        out.append(a if n == 1 else replace(a, slug=f"{a.slug}-{n}"))
    return out


__all__ = ["load_article", "source_files", "unique_slugs", "slugify", "Metadata"]
