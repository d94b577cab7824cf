"""The article body: blocks rendered to HTML with their annotation marks, and the notes beside them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape

from ..model import AnnotatedArticle, Annotation, Cast, Site
from .markdown import render_inline
from .overlay import Span, cut_runs

UNIDENTIFIED = "speaker not identified"  # a quote the extractor kept though no rule found who spoke
# The four kinds of speaker a reader is asked to tell apart, from the registry's kinds.
SPEAKER_CLASS = {"expert": "expert", "official": "official", "organization": "official",
                 "media": "media", "journalist": "media"}


def speaker_class(kind: str) -> str:
    return SPEAKER_CLASS.get(kind, "other")


@dataclass(frozen=True)
class Speaker:
    name: str
    id: str | None  # registry id, for links to the person
    kind: str
    description: str

    @property
    def cls(self) -> str:
        return speaker_class(self.kind)


@dataclass(frozen=True)
class Note:
    annotation: Annotation
    speakers: tuple[Speaker, ...]

    @property
    def id(self) -> str:
        return self.annotation.id

    @cached_property  # (a frozen dataclass keeps it in its __dict__) read by every page that shows the note
    def who(self) -> str:
        return " and ".join(s.name for s in self.speakers) or UNIDENTIFIED

    @cached_property
    def kinds(self) -> str:
        return " and ".join(dict.fromkeys(s.kind for s in self.speakers))

    @property
    def people(self) -> str:
        """The registry ids of its speakers (or person) who have one, for data-people."""
        return " ".join(s.id for s in self.speakers if s.id)

    @property
    def checked(self) -> bool:
        """A person curated it (a sidecar); automatic annotations are never shown as checked."""
        return self.annotation.origin == "curated"

    @property
    def direct(self) -> bool:
        """Only a direct quote is printed inside quotation marks: a paraphrase must not look like one."""
        return self.annotation.kind == "direct"


@dataclass(frozen=True)
class BlockView:
    kind: str
    html: str  # trusted: built by markdown-it from escaped text, and our own marks
    notes: tuple[Note, ...]
    number: int  # paragraph number, for citing ("paragraph 4"); 0 for headings and captions


def speakers_of(a: Annotation, site: Site, cast: Cast) -> tuple[Speaker, ...]:
    """The speakers (or person) of an annotation, by the registry ids link gave them: named and
    described as their own article names and describes them (`cast.people`: "PolitiFact" where
    another article wrote "Politifact"), or else as the registry does."""
    out = []
    for name, pid in zip(a.speakers, cast.speakers[a.id]):
        if pid is None:  # no article has a record of them: their name alone, no page
            out.append(Speaker(name, None, "other", ""))
            continue
        person = site.record(cast, pid)
        out.append(Speaker(person.name, pid, person.kind, person.description))
    return tuple(out)


def notes_by_id(art: AnnotatedArticle, site: Site) -> dict[str, Note]:
    cast = site.cast(art)
    return {a.id: Note(a, speakers_of(a, site, cast)) for a in art.annotations}


CLOSING_QUOTES = "\"'”’»›"


def blocks_with_annotations(art: AnnotatedArticle, annotations: list[Annotation]) -> list[list[Annotation]]:
    """For each block, the annotations overlapping it, by one sorted sweep: time grows with
    blocks plus annotations (plus the blocks a long annotation spans), not their product."""
    starts = art.article.block_starts
    ends = [start + len(b.text) for b, start in zip(art.article.blocks, starts)]
    out: list[list[Annotation]] = [[] for _ in starts]
    first = 0
    for a in sorted(annotations, key=lambda a: a.start):
        while first < len(starts) and ends[first] <= a.start:
            first += 1
        i = first
        while i < len(starts) and starts[i] < a.end:
            if ends[i] > a.start:
                out[i].append(a)
            i += 1
    order = {a.id: n for n, a in enumerate(annotations)}
    return [sorted(inside, key=lambda a: order[a.id]) for inside in out]


def render_blocks(art: AnnotatedArticle, notes: dict[str, Note], view: str = "reader",
                  only: set[str] | None = None, plain_blocks: bool = True) -> list[BlockView]:
    """Blocks with their marks. The reader gives each annotation one focus stop (a link on its first
    run, outside any link of the article) and plain marks elsewhere; a quiz marks quotes and says
    nothing of who spoke; print marks quotes and conditions, with nothing to follow. `only` limits
    the annotations shown (the quiz's quotes). A block whose text shows as written has no markup
    (`plain_blocks=False` gives each one markup through markdown-it, to check that the two agree)."""
    quiz = view == "quiz"
    served: set[str] = set()  # annotations whose focus stop is placed
    plain: dict[tuple[str, ...], tuple[str, str]] = {}  # runs often share their annotations

    def mark(ids: tuple[str, ...], in_link: bool) -> tuple[str, str]:
        if view == "reader" and not in_link:
            waiting = [i for i in ids if i not in served and _stop_rank(notes[i]) is not None]
            if waiting:
                stop = min(waiting, key=lambda i: _stop_rank(notes[i]))
                served.add(stop)
                return _mark(ids, notes, stop)
        if ids not in plain:
            plain[ids] = _mark(ids, notes, None) if view == "reader" else _plain_mark(ids, notes, quiz)
        return plain[ids]

    layers = {"reader": None, "quiz": ("quote",), "print": ("quote", "condition")}[view]
    annotations = [a for a in art.annotations
                   if (layers is None or a.layer in layers) and (only is None or a.id in only)]
    views, paragraph_no = [], 0
    for block, start, inside in zip(art.article.blocks, art.article.block_starts,
                                    blocks_with_annotations(art, annotations)):
        end = start + len(block.text)
        spans = [Span(a.start - start, a.end - start, a.id) for a in inside]
        ends = _quote_ends(inside, block.text, start, end, notes, named=not quiz)
        runs = cut_runs(len(block.text), spans, tuple(ends)) if inside else ()  # (): nothing to mark
        env = {"runs": runs, "mark": mark, "before": _permalink_anchors(inside, start), "after": ends}
        markup = block.markup if block.markup is not None or plain_blocks else _parsed(block.text)
        html = render_inline(block.text, markup, env)
        block_notes = tuple(notes[a.id] for a in inside if a.layer not in ("person", "term") and a.start >= start)
        if block.kind == "paragraph":
            paragraph_no += 1
        views.append(BlockView(block.kind, html, block_notes, paragraph_no if block.kind == "paragraph" else 0))
    return views


def _parsed(text: str) -> tuple:
    from ..mdparser import parse_markup  # here: rendering never loads markdown-it otherwise

    return parse_markup(text)[1]


STOP_RANK = {"person": None, "quote": 0, "condition": 1}  # any other layer: 2


def _stop_rank(note: Note) -> int | None:
    """Which annotation a run shared by several serves first. None: no focus stop of its own (a
    person's name: the cast lists everyone, and names are many)."""
    return STOP_RANK.get(note.annotation.layer, 2)


def _permalink_anchors(annotations: list[Annotation], block_start: int) -> dict[int, str]:
    """Empty elements whose ids are the annotations' permalinks (#q12), where each starts."""
    html: dict[int, str] = {}
    for a in annotations:
        if a.start >= block_start:
            html[a.start - block_start] = html.get(a.start - block_start, "") + f'<span class="anchor" id="{a.id}"></span>'
    return html


def _quote_ends(annotations: list[Annotation], text: str, block_start: int, block_end: int,
                notes: dict[str, Note], named: bool = True) -> dict[int, str]:
    """Empty elements where each quote ends, after its closing quotation mark when one follows: the
    note number, and (unless a quiz) the speaker's name that narrow screens show inline."""
    html: dict[int, str] = {}
    for a in annotations:
        if a.layer == "quote" and a.end <= block_end:
            at = a.end - block_start
            limit = min(len(text), at + 2)  # ’” : at most two marks close a quote
            while a.kind != "indirect" and at < limit and text[at] in CLOSING_QUOTES:
                at += 1
            label = f' data-label="{escape(_short_label(notes[a.id]), quote=True)}"' if named else ""
            html[at] = html.get(at, "") + f'<span class="qend" data-note="{a.id}"{label}></span>'
    return html


def _short_label(note: Note) -> str:
    return note.who if note.checked else f"{note.who}, not checked"


def _mark(ids: tuple[str, ...], notes: dict[str, Note], stop: str | None) -> tuple[str, str]:
    """One element for one run: every covering annotation's id, layer and kind of speaker. The
    annotation's focus stop is a link to its note, described by that note; other runs are spans."""
    covering = [notes[i] for i in ids]
    classes = {f"l-{n.annotation.layer}" for n in covering}
    classes |= {f"k-{s.cls}" for n in covering if n.annotation.layer == "quote" for s in n.speakers}
    classes |= {"k-other" for n in covering if n.annotation.layer == "quote" and not n.speakers}
    classes |= {f"p-{'expert' if s.kind == 'expert' else 'other'}" for n in covering
                if n.annotation.layer == "person" for s in n.speakers}
    classes |= {"o-auto" for n in covering if not n.checked}
    people = dict.fromkeys(s.id for n in covering if n.annotation.layer == "person" for s in n.speakers if s.id)
    attrs = f'class="m {" ".join(sorted(classes))}" data-ann="{" ".join(ids)}"'
    if people:  # a name's card is that person's, even inside someone else's quote
        attrs += f' data-person="{" ".join(people)}"'
    if stop is None:
        return f"<span {attrs}>", "</span>"
    note = notes[stop]
    return (f'<a {attrs} data-stop="{stop}" data-layer="{note.annotation.layer}" href="#{_target(note)}" '
            f'aria-describedby="{_description(note)}">', "</a>")


def _plain_mark(ids: tuple[str, ...], notes: dict[str, Note], quiz: bool) -> tuple[str, str]:
    """A mark with nothing to follow; in a quiz, not even the kind of speaker."""
    if quiz:
        return f'<mark class="qz" data-ann="{" ".join(ids)}">', "</mark>"
    classes = " ".join(sorted({f"l-{notes[i].annotation.layer}" for i in ids}))
    return f'<span class="m {classes}" data-ann="{" ".join(ids)}">', "</span>"


def _target(note: Note) -> str:
    """Where a focus stop points: a quote's note, a condition in the conditions panel, a term's entry."""
    layer = note.annotation.layer
    if layer == "condition":
        return f"cond-{note.id}"
    if layer == "term":
        return f"term-{note.id}"
    return f"n-{note.id}"


def _description(note: Note) -> str:
    """What describes a focus stop: its short note, or a term's definition."""
    return f"def-{note.id}" if note.annotation.layer == "term" else f"n-{note.id}"


def label(note: Note) -> str:
    """Plain words for a note: 'Liu Jun (expert)'."""
    a = note.annotation
    if a.layer == "condition":
        return f"Condition set by {note.who}"
    if a.layer == "quote":
        return f"{note.who} ({note.kinds})" if note.speakers else note.who
    return a.note or a.layer
