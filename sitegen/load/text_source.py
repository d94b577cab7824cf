"""Reader for `.txt`: raw scraped text, cleaned by the rules in scrape.py."""
from __future__ import annotations

from pathlib import Path

from ..mdparser import raw_markup
from ..model import Block, Metadata, Removed
from .files import read_text
from .scrape import clean_scrape


def read_text_source(path: Path) -> tuple[Metadata, tuple[Block, ...], tuple[Removed, ...]]:
    s = clean_scrape(read_text(path))
    blocks = tuple(Block(p.kind, p.text, raw_markup(p.text), p.line) for p in s.parts)
    meta = Metadata(title=s.title or "", byline=s.byline, credits=s.credits, copyright=s.copyright)
    return meta, blocks, tuple(sorted(s.removed, key=lambda r: r.line))
