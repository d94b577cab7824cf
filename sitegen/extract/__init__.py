"""Automatic annotators: pure functions from an article's plain text to annotations.

Contract used by the rest of the pipeline (sitegen/annotate.py):

    extract(text: str, party: Party) -> Extraction

`text` is Article.text (blocks joined by "\n\n"). Returned annotations use
provisional ids; the annotate stage renumbers them. Every name in an annotation's
`speakers` is the `name` of one of the returned people.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..config import Party
from ..model import Annotation, Person


@dataclass(frozen=True)
class Extraction:
    annotations: tuple[Annotation, ...] = ()
    people: tuple[Person, ...] = ()


def extract(text: str, party: Party) -> Extraction:
    """Find quotes, people and the party's conditions in `text`."""
    return Extraction()
