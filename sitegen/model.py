"""The data model: plain, immutable records that flow from one stage to the next.

Every annotation is a [start, end) span of code points in `Article.text`, the
concatenation of the article's blocks joined by BLOCK_SEP. The rendered article
body shows exactly that text, block by block.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from sys import intern

BLOCK_SEP = "\n\n"

BLOCK_KINDS = ("caption", "heading", "paragraph")
QUOTE_KINDS = ("direct", "indirect", "mixed")
PERSON_KINDS = ("expert", "official", "journalist", "media", "organization", "group", "anonymous", "other")
# Kinds that are one person, whose one-word name is a surname ("Clinton"), not a body's name ("Reuters").
INDIVIDUAL_KINDS = ("expert", "official", "journalist", "other")

# Short texts that recur in every article: layers, kinds, cues, rules, ids, people's names and roles.
SHARED_TEXT = frozenset({"id", "layer", "kind", "cue", "via", "origin", "rule", "name", "role", "affiliation"})
SHARED_TEXTS = frozenset({"speakers", "aliases"})
# The records a site holds thousands of (blocks, annotations, people) have slots: no __dict__ each.


def _restorer(cls):
    """The function that unpickles a record of `cls` from the build cache: it sets each field from the
    pickled tuple, the short texts that recur across articles shared (sys.intern) instead of copied
    once per article (a large site holds every article's annotations at once; this is a tenth of that
    memory). Written out for the class, as dataclasses writes __init__, it is one call a record: a
    loop over the fields took a third of reading a cached site."""
    lines = ["def restore(record, state):"]
    for i, name in enumerate(cls.__match_args__):
        value = f"state[{i}]"
        if name in SHARED_TEXT:
            value = f"intern({value}) if {value}.__class__ is str else {value}"
        elif name in SHARED_TEXTS:
            value = f"tuple(map(intern, {value}))"
        lines.append(f"    set_{name}(record, {value})")
    # A slot's own setter: the frozen class's __setattr__ refuses, as it should everywhere else.
    namespace = {"intern": intern, **{f"set_{name}": getattr(cls, name).__set__ for name in cls.__match_args__}}
    exec("\n".join(lines), namespace)
    return namespace["restore"]


def _pickled_as_tuple(cls):
    """Pickle a slotted record as the tuple of its fields, read in C (the dataclass default calls
    fields() for every record), and unpickle it with its `_restorer`."""
    state = attrgetter(*cls.__match_args__)
    cls.__getstate__ = lambda record: state(record)  # a function, so that it binds as a method
    cls.__setstate__ = _restorer(cls)
    return cls


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str  # what a reader sees
    markup: tuple | None  # how its inline Markdown renders (mdparser.markup_of); None: the text as written
    line: int  # line of the source file it came from, for messages


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the loader took out of the article body, and why."""
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    title: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    copyright: str | None = None


# --- what a person curates in a sidecar (seeds/<stem>.yaml) ---

@dataclass(frozen=True, slots=True)
class Selector:
    """A W3C TextQuoteSelector: the text quoted, with context to tell repeats apart."""
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class CuratedPerson:
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    aliases: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class CuratedAnnotation:
    layer: str  # quote | condition | a custom layer
    selector: Selector
    speakers: tuple[str, ...]  # quote speakers, or the party demanding a condition
    kind: str | None
    cue: str | None
    via: str | None
    note: str | None
    line: int
    id: str | None = None  # the id it keeps on the page (q15) once drafted, whatever is deleted above it


@dataclass(frozen=True)
class Drop:
    """An automatic annotation a person rejected: the text it marked, optionally only on one layer."""
    selector: Selector
    layer: str | None
    line: int


@dataclass(frozen=True)
class Question:
    """A reading question for the classroom; `links` are annotation ids (q12, c1) it points to."""
    prompt: str
    answer: str | None
    links: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    line: int


@dataclass(frozen=True)
class Sidecar:
    path: Path
    metadata: dict  # title, outlet, date, url, byline: text
    people: tuple[CuratedPerson, ...] = ()
    annotations: tuple[CuratedAnnotation, ...] = ()
    drop: tuple[Drop, ...] = ()
    questions: tuple[Question, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Article:
    source_path: Path
    slug: str
    meta: Metadata
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    sidecar: Sidecar | None = None
    warnings: tuple[str, ...] = ()  # what a person should fix, though the article builds

    @cached_property  # read for every annotation on every page: join the blocks once
    def text(self) -> str:
        return BLOCK_SEP.join(b.text for b in self.blocks)

    @cached_property
    def block_starts(self) -> tuple[int, ...]:
        starts, pos = [], 0
        for b in self.blocks:
            starts.append(pos)
            pos += len(b.text) + len(BLOCK_SEP)
        return tuple(starts)

    @cached_property  # computed where the article is read (in a worker) and kept with it in the cache
    def grade(self) -> float | None:
        """The Flesch–Kincaid grade of the paragraphs."""
        from .readability import flesch_kincaid_grade

        return flesch_kincaid_grade([b.text for b in self.blocks if b.kind == "paragraph"])

    @cached_property  # like grade: computed where the article is read, for its four pages and the home page
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind != "caption")


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Person:
    """Someone (or some body) who speaks or is named; shared across articles."""
    name: str  # canonical full name
    kind: str = "other"  # one of PERSON_KINDS
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        return ", ".join(x for x in (self.role, self.affiliation) if x)


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Annotation:
    id: str  # unique within the article, usable as a #fragment: q3, p7, c1
    layer: str  # quote | person | condition | a layer declared in site.yaml
    start: int
    end: int
    # Names as the article gives them: speaker(s), person, or demanding party. Each is the name of one
    # of the article's `people` (a sidecar's condition may name a party it lists no record of). These
    # names never change; which registry person each one is, link decides once: Site.cast(art).speakers.
    speakers: tuple[str, ...] = ()
    kind: str | None = None  # quote kind: direct | indirect | mixed
    cue: str | None = None  # the reporting word: said, told, according to
    via: str | None = None  # the outlet or document that relayed it
    note: str | None = None  # free text from a sidecar (custom layers)
    origin: str = "curated"  # curated | auto
    rule: str | None = None  # the extractor rule that produced an automatic annotation



@dataclass(frozen=True, slots=True)
class Located:
    """A warning about one line of one file."""
    path: Path
    line: int
    message: str


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    annotations: tuple[Annotation, ...]
    people: tuple[Person, ...]  # the people this article's annotations name
    warnings: tuple[Located, ...] = ()  # annotations placed on text that differs from what the sidecar quotes


@dataclass(frozen=True)
class Cast:
    """Who one article's people are in the site's registry, as link decided it (never cached: it
    depends on every other article)."""
    # registry id -> this article's own record of them (kind, role, affiliation as of its date)
    people: dict[str, Person]
    # annotation id -> the registry id of each of its speakers, parallel to Annotation.speakers; None
    # for a name no article has a record of (shown by the name alone, without a page)
    speakers: dict[str, tuple[str | None, ...]]


@dataclass(frozen=True)
class Site:
    """The linked site: what render and export read. People are looked up by registry id only."""
    articles: tuple[AnnotatedArticle, ...]  # slugs unique across the site
    people: dict[str, Person]  # registry: person id (slug) -> merged record
    casts: dict[str, Cast]  # article slug -> that article's cast

    def cast(self, art: AnnotatedArticle) -> Cast:
        return self.casts[art.article.slug]

    def record(self, cast: Cast, pid: str) -> Person:
        """A person as one article describes them (its own record), else as the registry does."""
        return cast.people.get(pid) or self.people[pid]
