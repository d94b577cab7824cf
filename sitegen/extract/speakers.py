"""Resolve each attribution's sources to speakers, in reading order.

A name is the person the people finder found at that span (a surname shared by two
people stays unresolved); a pronoun is the nearest person before it who opens a
sentence or speaks, outside quoted words, whose gender fits; "the official", "the
statement", "the ministry" and "it" point back to the last anonymous source or
institution; "the minister" to the person with that role; a quote standing alone
continues the speaker before it. Institutions, outlets, groups and anonymous sources
become Person records of their own kind.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Person
from .lexicon import ANONYMOUS_NOUNS, ORG_WORDS, ROLE_WORDS, alternation, entries
from .names import person_kind
from .people import People
from .attributions import Attribution
from .segments import Document
from .sources import INSTITUTION_NOUNS, Source, parse_source, words_before_are_title

# How far back a pronoun may reach: in paragraphs for speakers, in characters for mentions.
PRONOUN_REACH = 2
PRONOUN_DISTANCE = 1200
# Offices held by one person at a time: "the president" or "the minister" names someone specific.
OFFICE_WORDS = frozenset(entries("office_words"))
# A sentence opening with a body: "Ukraine's foreign ministry has responded ...".
OPENING_BODY = re.compile(rf"((?:[\w.’'-]+\s+){{0,4}}?(?:{alternation(INSTITUTION_NOUNS)}|{alternation(ORG_WORDS)}|"
                          rf"Kremlin|"
                          rf"White\s+House|Pentagon))\b", re.I)
DETERMINER = re.compile(r"^(?:the|his|her|their|its)\s+", re.I)
INDIVIDUAL_KINDS = frozenset({"expert", "official", "journalist", "other"})


@dataclass(slots=True)
class Resolved:
    attribution: Attribution
    speakers: tuple[str, ...]
    via: str | None


@dataclass(slots=True)
class Said:
    """One resolved speaker of one attribution: what a later pronoun or anaphor can point to."""
    para: int
    person: Person
    document: bool
    span: tuple[int, int]  # the words attributed: a speaker is no antecedent inside their own quotation

    def encloses(self, pos: int) -> bool:
        return self.span[0] <= pos < self.span[1]


@dataclass(frozen=True)
class Context:
    """What pronoun resolution looks at: the people, the quoted stretches, who stands as a subject."""
    people: People
    doc: Document
    quoted: "Stretches"  # the content spans of all attributions
    sentence_starts: tuple[int, ...]
    subjects: frozenset[int]  # starts of mentions that open a sentence or name a speaker


def resolve_speakers(attributions: list[Attribution], people: People,
                     doc: Document) -> tuple[list[Resolved], dict[str, Person]]:
    """Each attribution with its speakers' names and relaying outlet; and every Person they name."""
    context = reading_context(attributions, people, doc)
    entities: dict[str, Person] = {}
    history: list[Said] = []
    resolved: list[Resolved] = []
    for att in attributions:
        if not att.sources:  # a quotation no rule attributed keeps no speaker rather than a guess
            speakers = continued_speakers(att, resolved, entities) if att.continues else ()
        else:
            speakers = tuple(p for p in (resolve_one(s, att, context, history, entities) for s in att.sources) if p)
        for p in speakers:
            entities.setdefault(p.name, p)
            history.append(Said(att.para, p, any(s.document for s in att.sources), (att.start, att.end)))
        via = resolve_one(att.via, att, context, history, entities) if att.via else None
        if via:
            entities.setdefault(via.name, via)
        resolved.append(Resolved(att, tuple(dict.fromkeys(p.name for p in speakers)), via.name if via else None))
    return backfill_quote_chains(resolved), entities


def continued_speakers(att: Attribution, resolved: list[Resolved], entities: dict[str, Person]) -> tuple[Person, ...]:
    """A quote standing alone continues the quote before it, in its paragraph or the one before."""
    if not resolved:
        return ()
    prev = resolved[-1].attribution
    same_para = prev.para == att.para
    runs_on = att.para - prev.para == 1 and (prev.open_ended or prev.kind != "indirect")
    if same_para or runs_on:
        return tuple(entities[n] for n in resolved[-1].speakers)
    return ()


def reading_context(attributions: list[Attribution], people: People, doc: Document) -> Context:
    """What pronouns look back at: quoted stretches and the mentions that stand as subjects."""
    quoted = Stretches.of((a.start, a.end) for a in attributions if a.turn != "narrator")
    speaker_starts = {s.start for a in attributions for s in a.sources if s.kind == "name"}
    subjects = set()
    starts = [s.start for s in doc.sentences]
    for m in people.mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        opening = i >= 0 and m.start - starts[i] < 60 and words_before_are_title(doc.text[starts[i]:m.start])
        if m.start in speaker_starts or opening and not quoted.covers(m.start):
            subjects.add(m.start)
    return Context(people, doc, quoted, tuple(starts), frozenset(subjects))


@dataclass(frozen=True)
class Stretches:
    """Spans that may nest or overlap, sorted by start, with the furthest end reached so far: whether a
    position is covered takes one bisection, however many spans there are."""
    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[i]: the largest end among the first i + 1 spans

    @classmethod
    def of(cls, spans) -> "Stretches":
        ordered = sorted(spans)
        reach, furthest = [], -1
        for _, end in ordered:
            furthest = max(furthest, end)
            reach.append(furthest)
        return cls(tuple(a for a, _ in ordered), tuple(reach))

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def resolve_one(src: Source, att: Attribution, context: Context, history: list[Said],
                entities: dict[str, Person]) -> Person | None:
    people = context.people
    if src.kind == "name":
        m = people.mention_at(src.start, src.end)
        if m is None or m.person is None:  # a surname two people share stays as written, not guessed
            return Person(src.label, "other")
        return people.persons[m.person]
    if src.kind == "pronoun":
        return pronoun_antecedent(src, att, context, history)
    if src.kind == "belonging":
        pronoun, noun = src.label.split(" ", 1)
        subject = {"his": "he", "her": "she", "their": "they"}[pronoun]
        owner = pronoun_antecedent(Source("pronoun", subject, src.start, src.end), att, context, history)
        return Person(f"{owner.name}'s {noun}", "organization") if owner else None
    if src.kind == "anaphor" and src.label in INSTITUTION_NOUNS:
        return (named_body(src, history, context) or Person(src.label, "organization"))
    if src.kind == "anaphor":
        found = (anaphor_antecedent(src, history) or role_holder(src, people)
                 or untitled_speaker(src, att, history, context))
        if found:
            return found
        office = described_office(context.doc.text[src.start:src.end])
        if office or src.label in ROLE_WORDS and src.label not in ANONYMOUS_NOUNS:
            return office
        return Person(src.label, "anonymous" if not src.document else "other")
    return entities.get(src.label) or Person(src.label, src.kind)


def pronoun_antecedent(src: Source, att: Attribution, context: Context, history: list[Said]) -> Person | None:
    """"he said": the nearest person before it who stands as a subject or speaker (not one named
    inside quoted words), of fitting gender; else the last speaker; else anyone named before."""
    people = context.people
    if src.label in ("he", "she"):
        want = "m" if src.label == "he" else "f"
        found = nearest_named(src, want, context, subjects_only=True)
        if found:
            return found
        for said in reversed(history):
            if att.para - said.para > PRONOUN_REACH:
                break
            if (said.person.kind in INDIVIDUAL_KINDS and fits(said.person, want, people)
                    and not said.encloses(src.start)):
                return said.person
        return nearest_named(src, want, context, subjects_only=False)
    if src.label == "they":
        return next((s.person for s in reversed(history) if s.person.kind == "group"), None)
    if src.label == "it":
        return named_body(src, history, context)
    return None


def named_body(src: Source, history: list[Said], context: Context) -> Person | None:
    """"it said", "the ministry said": the institution that opened one of the last sentences, or spoke last."""
    wanted = None if src.kind == "pronoun" else src.label
    for sources in reversed(opening_bodies(context, src.start)):
        for s in sources:
            if s.kind in ("organization", "media") and (wanted is None or wanted in s.label.lower()):
                return Person(s.label, s.kind)
    for said in reversed(history):
        p = said.person
        if p.kind in ("organization", "media") and (wanted is None or wanted in p.name.lower()):
            return p
    return None


def opening_bodies(context: Context, before: int, reach: int = 3) -> list[tuple[Source, ...]]:
    """What the last few sentences before `before` open with, when it is an institution."""
    doc = context.doc
    i = bisect.bisect_right(context.sentence_starts, before) - 1
    found = []
    for sent in doc.sentences[max(0, i - reach):i + 1]:
        if sent.start >= before or context.quoted.covers(sent.start):
            continue
        m = OPENING_BODY.match(sent.text)
        if m:
            found.append(parse_source(doc.text, sent.start, sent.start + m.end(1)))
    return found


def fits(person: Person, want: str, people: People) -> bool:
    index = next((i for i, p in enumerate(people.persons) if p.name == person.name), None)
    g = people.genders[index] if index is not None else None
    return g is None or g == want


def nearest_named(src: Source, want: str | None, context: Context, subjects_only: bool) -> Person | None:
    """The closest person named before the pronoun, outside quoted words."""
    people = context.people
    for m in people.mentions_before(src.start):
        if m.person is None or context.quoted.covers(m.start):
            continue
        if src.start - m.start > PRONOUN_DISTANCE:
            return None
        if subjects_only and m.start not in context.subjects:
            continue
        if want is None or people.genders[m.person] in (None, want):
            return people.persons[m.person]
    return None


def anaphor_antecedent(src: Source, history: list[Said]) -> Person | None:
    """"the statement" -> the last institution that spoke; "the official" -> the last anonymous official;
    "the minister" -> the last speaker whose role says minister."""
    for said in reversed(history):
        p = said.person
        if src.document and p.kind in ("organization", "media"):
            return p
        if not src.document and p.kind == "anonymous" and p.name.lower().endswith(src.label):
            return p
        if not src.document and p.role and src.label in p.role.lower().split():
            return p
    return None


def untitled_speaker(src: Source, att: Attribution, history: list[Said], context: Context) -> Person | None:
    """"The Prime Minister told the summit ...": with no one named with that title, a capitalised
    office is most likely the last person quoted whose office the article has not given."""
    if src.document or src.label in ANONYMOUS_NOUNS or src.label not in OFFICE_WORDS:
        return None
    text = context.doc.text
    reach = 1 if text[src.start:src.end].split()[-1][0].isupper() else 0  # "the president": same paragraph only
    for said in reversed(history):
        if att.para - said.para > reach:
            break
        if said.person.kind in INDIVIDUAL_KINDS and not said.encloses(src.start):
            return said.person if said.person.role is None else None
    subject = nearest_named(src, None, context, subjects_only=True)
    return subject if subject and subject.role is None else None


def described_office(phrase: str) -> Person | None:
    """"the Russian defence minister", named nowhere: the office is the best name there is;
    a bare "the minister" says too little."""
    words = DETERMINER.sub("", phrase).split()
    if len(words) < 2:
        return None
    label = " ".join(words)
    return Person(label, person_kind(label, None), label)


def role_holder(src: Source, people: People) -> Person | None:
    """The person named nearest before the anaphor whose role has that word."""
    if src.document:
        return None
    for m in people.mentions_before(src.start):
        if m.person is None:
            continue
        role = people.persons[m.person].role
        if role and src.label in role.lower().split():
            return people.persons[m.person]
    return None


def backfill_quote_chains(resolved: list[Resolved]) -> list[Resolved]:
    """A multi-paragraph quote whose speaker is named only at its end: the opening
    paragraphs take the speaker named after them."""
    out = list(resolved)
    for i in range(len(out) - 1, -1, -1):
        r = out[i]
        if r.speakers or r.attribution.sources or i + 1 >= len(out):
            continue
        nxt = out[i + 1]
        if r.attribution.open_ended and nxt.attribution.para - r.attribution.para <= 1 and nxt.speakers:
            out[i] = Resolved(r.attribution, nxt.speakers, nxt.via)
    return out
