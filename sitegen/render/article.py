"""The article body: blocks rendered to HTML with their annotation marks, and the notes beside them."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..link import person_id
from ..model import AnnotatedArticle, Annotation, Person, Site
from .markdown import make_renderer, render_inline
from .overlay import Span, cut_runs

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

    @property
    def who(self) -> str:
        return " and ".join(s.name for s in self.speakers)

    @property
    def kinds(self) -> str:
        return " and ".join(dict.fromkeys(s.kind for s in self.speakers))


@dataclass(frozen=True)
class BlockView:
    kind: str
    html: str  # trusted: built by markdown-it from escaped text, and our own marks
    notes: tuple[Note, ...]
    number: int  # paragraph number, for citing ("paragraph 4"); 0 for headings and captions


def speakers_of(a: Annotation, site: Site) -> tuple[Speaker, ...]:
    out = []
    for name in a.speakers:
        pid = person_id(site, name)
        person: Person | None = site.people.get(pid) if pid else None
        out.append(Speaker(person.name if person else name, pid,
                           person.kind if person else "other", person.description if person else ""))
    return tuple(out)


def notes_by_id(art: AnnotatedArticle, site: Site) -> dict[str, Note]:
    return {a.id: Note(a, speakers_of(a, site)) for a in art.annotations}


def render_blocks(art: AnnotatedArticle, notes: dict[str, Note], view: str = "reader") -> list[BlockView]:
    """Blocks with their marks. The reader links every mark to its note; a quiz marks quotes and
    says nothing of who spoke; print marks quotes and conditions, with nothing to follow."""
    md = make_renderer()
    marks: dict[tuple[str, ...], tuple[str, str]] = {}  # runs often share their annotations
    quiz = view == "quiz"

    def mark(ids: tuple[str, ...]) -> tuple[str, str]:
        if ids not in marks:
            marks[ids] = _mark(ids, notes) if view == "reader" else _plain_mark(ids, notes, quiz)
        return marks[ids]

    layers = {"reader": None, "quiz": ("quote",), "print": ("quote", "condition")}[view]
    annotations = [a for a in art.annotations if layers is None or a.layer in layers]
    views, paragraph_no = [], 0
    for block, start in zip(art.article.blocks, art.article.block_starts):
        end = start + len(block.text)
        inside = [a for a in annotations if a.start < end and a.end > start]
        spans = [Span(a.start - start, a.end - start, a.id) for a in inside]
        env = {"runs": cut_runs(len(block.text), spans), "mark": mark, "before": _permalink_anchors(inside, start),
               "after": _quote_ends(inside, start, end, notes, named=not quiz)}
        html = render_inline(md, block.source, env)
        block_notes = tuple(notes[a.id] for a in inside if a.layer not in ("person", "term") and a.start >= start)
        if block.kind == "paragraph":
            paragraph_no += 1
        views.append(BlockView(block.kind, html, block_notes, paragraph_no if block.kind == "paragraph" else 0))
    return views


def _permalink_anchors(annotations: list[Annotation], block_start: int) -> dict[int, str]:
    """Empty elements whose ids are the annotations' permalinks (#q12), where each starts."""
    html: dict[int, str] = {}
    for a in annotations:
        if a.start >= block_start:
            html[a.start - block_start] = html.get(a.start - block_start, "") + f'<span class="anchor" id="{a.id}"></span>'
    return html


def _quote_ends(annotations: list[Annotation], block_start: int, block_end: int,
                notes: dict[str, Note], named: bool = True) -> dict[int, str]:
    """Empty elements where each quote ends: the note number, and (unless a quiz) the speaker's name
    that narrow screens show inline."""
    html: dict[int, str] = {}
    for a in annotations:
        if a.layer == "quote" and a.end <= block_end:
            label = f' data-label="{escape(notes[a.id].who, quote=True)}"' if named else ""
            html[a.end - block_start] = html.get(a.end - block_start, "") + \
                f'<span class="qend" data-note="{a.id}"{label}></span>'
    return html


def _mark(ids: tuple[str, ...], notes: dict[str, Note]) -> tuple[str, str]:
    """One element for one run: every covering annotation's id, layer and kind of speaker."""
    covering = [notes[i] for i in ids]
    innermost = min(covering, key=lambda n: n.annotation.end - n.annotation.start)
    classes = {f"l-{n.annotation.layer}" for n in covering}
    classes |= {f"k-{s.cls}" for n in covering if n.annotation.layer == "quote" for s in n.speakers}
    classes |= {f"p-{'expert' if s.kind == 'expert' else 'other'}" for n in covering
                if n.annotation.layer == "person" for s in n.speakers}
    described = " ".join(dict.fromkeys(_description(n) for n in covering))
    return (f'<a class="m {" ".join(sorted(classes))}" href="#{_target(innermost)}" data-ann="{" ".join(ids)}" '
            f'aria-describedby="{described}">', "</a>")


def _plain_mark(ids: tuple[str, ...], notes: dict[str, Note], quiz: bool) -> tuple[str, str]:
    """A mark with nothing to follow; in a quiz, not even the kind of speaker."""
    if quiz:
        return f'<mark class="qz" data-ann="{" ".join(ids)}">', "</mark>"
    classes = " ".join(sorted({f"l-{notes[i].annotation.layer}" for i in ids}))
    return f'<span class="m {classes}" data-ann="{" ".join(ids)}">', "</span>"


def _target(note: Note) -> str:
    """Where a mark points: a quote's note, a condition in the conditions panel, a person in the cast."""
    layer = note.annotation.layer
    if layer == "person" and note.speakers and note.speakers[0].id:
        return f"person-{note.speakers[0].id}"
    if layer == "condition":
        return f"cond-{note.id}"
    if layer == "term":
        return f"term-{note.id}"
    return f"n-{note.id}"


def _description(note: Note) -> str:
    if note.annotation.layer == "term":
        return f"def-{note.id}"
    if note.annotation.layer == "person":
        return _target(note)
    return f"n-{note.id}"


def label(note: Note) -> str:
    """Plain words for a note: 'Liu Jun (expert)'."""
    a = note.annotation
    if a.layer == "condition":
        return f"Condition set by {note.who}"
    if a.layer == "quote":
        return f"{note.who} ({note.kinds})"
    return a.note or a.layer
