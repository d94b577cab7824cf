"""Automatic annotators: pure functions from an article's plain text to annotations.

Contract used by the rest of the pipeline (sitegen/annotate.py):

    extract(text: str, party: Party) -> Extraction

`text` is Article.text (blocks joined by "\n\n"). Returned annotations use
provisional ids; the annotate stage renumbers them. Every name in an annotation's
`speakers` is the `name` of one of the returned people. A quote whose speaker no rule
finds has `speakers == ()`: consumers must expect it. Every automatic quote names the
rule that found it in `rule`.

The stages, one module each: segments (paragraphs, quotation marks, sentences),
quotations (which marks hold a quotation), attributions (quote-first, the paragraph
rules) with frames/ (the chain of sentence rules), sources (what a speaker phrase
names), people (named people, roles, mentions), speakers (pronouns, surnames,
anaphors), conditions; explain formats the rules' answers for `build.py annotate --explain`.

The records the stages pass on (Sentence, Source, Frame, Attribution ...) are
`@dataclass(slots=True)`, not frozen: tens of thousands are built per site, a frozen one
costs about four times as much to build, and no stage changes or hashes them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..config import Party
from ..model import Annotation, Person
from .conditions import Condition, find_conditions
from .people import People, find_people
from .attributions import find_attributions
from .segments import segment
from .speakers import Resolved, resolve_speakers


@dataclass(frozen=True)
class Extraction:
    annotations: tuple[Annotation, ...] = ()
    people: tuple[Person, ...] = ()


def extract(text: str, party: Party) -> Extraction:
    """Find quotes, people and the party's conditions in `text`."""
    doc = segment(text)
    attributions = find_attributions(doc)
    people = find_people(doc, tuple(s for a in attributions for s in a.sources if s.kind == "name"))
    resolved, entities = resolve_speakers(attributions, people, doc)
    conditions = find_conditions(doc, resolved, entities, party)
    persons = {p.name: p for p in people.persons}
    for p in entities.values():
        persons.setdefault(p.name, p)
    if conditions:
        persons.setdefault(party.name, Person(party.name, "organization", aliases=tuple(party.aliases)))
    annotations = quote_annotations(resolved) + person_annotations(people) + condition_annotations(conditions, party)
    return Extraction(annotations, tuple(persons.values()))


def quote_annotations(resolved: list[Resolved]) -> tuple[Annotation, ...]:
    """One annotation per attribution (a host's or reporter's own transcript turns are not quotes)."""
    return tuple(
        Annotation(f"q{n}", "quote", r.attribution.start, r.attribution.end, r.speakers, r.attribution.kind,
                   r.attribution.cue, r.via, origin="auto", rule=r.attribution.rule or None)
        for n, r in enumerate(resolved, 1)
        if r.attribution.end > r.attribution.start and r.attribution.turn != "narrator")


def person_annotations(people: People) -> tuple[Annotation, ...]:
    """Every resolved mention of a named person."""
    named = [m for m in people.mentions if m.person is not None]
    return tuple(Annotation(f"p{n}", "person", m.start, m.end, (people.persons[m.person].name,), origin="auto")
                 for n, m in enumerate(named, 1))


def condition_annotations(conditions: list[Condition], party: Party) -> tuple[Annotation, ...]:
    """The party's conditions, each naming the party."""
    return tuple(Annotation(f"c{n}", "condition", c.start, c.end, (party.name,), origin="auto")
                 for n, c in enumerate(conditions, 1))
