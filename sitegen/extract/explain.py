"""`build.py annotate FILE --explain`: each automatic quote with its speaker and the rule that
found it, one per line, so that a wrong answer names its cause."""
from __future__ import annotations

from pathlib import Path

from ..config import Party
from ..load import load_article
from ..model import Annotation
from . import extract

# A quote longer than this is cut, so that each quote stays on one terminal line.
QUOTE_CHARS = 72


def explain_lines(text: str, annotations: tuple[Annotation, ...]) -> list[str]:
    """`"quote" | speaker | rule` for every automatic quote, in reading order."""
    lines = []
    for a in sorted((a for a in annotations if a.layer == "quote" and a.origin == "auto"), key=lambda a: a.start):
        quote = " ".join(text[a.start:a.end].split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS - 1] + "…"
        speaker = " & ".join(a.speakers) or "speaker not identified"
        lines.append(f'"{quote}" | {speaker} | {a.rule or "-"}')
    return lines


def explain_article(path: Path, party: Party) -> list[str]:
    """The explanation lines of the article at `path` (read as the build reads it)."""
    text = load_article(path).text
    return explain_lines(text, extract(text, party).annotations)
