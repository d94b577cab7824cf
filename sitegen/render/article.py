"""The article body: blocks rendered to HTML with their annotation marks, and the notes beside them."""
from __future__ import annotations

from dataclasses import dataclass

from ..link import person_id
from ..model import AnnotatedArticle, Annotation, Person, Site
from .markdown import make_renderer, render_inline
from .overlay import Span, cut_runs

@dataclass(frozen=True)
class Speaker:
    name: str
    id: str | None  # registry id, for links to the person
    kind: str
    description: str


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


def render_blocks(art: AnnotatedArticle, site: Site, notes: dict[str, Note]) -> list[BlockView]:
    md = make_renderer()
    marks: dict[tuple[str, ...], tuple[str, str]] = {}  # runs often share their annotations

    def mark(ids: tuple[str, ...]) -> tuple[str, str]:
        if ids not in marks:
            marks[ids] = _mark(ids, notes)
        return marks[ids]

    views, paragraph_no = [], 0
    for block, start in zip(art.article.blocks, art.article.block_starts):
        end = start + len(block.text)
        inside = [a for a in art.annotations if a.start < end and a.end > start]
        spans = [Span(a.start - start, a.end - start, a.id) for a in inside]
        env = {"runs": cut_runs(len(block.text), spans),
               "starts": _starts(inside, start),
               "mark": mark}
        html = render_inline(md, block.source, env)
        block_notes = tuple(notes[a.id] for a in inside if a.layer != "person" and a.start >= start)
        if block.kind == "paragraph":
            paragraph_no += 1
        views.append(BlockView(block.kind, html, block_notes, paragraph_no if block.kind == "paragraph" else 0))
    return views


def _starts(annotations: list[Annotation], block_start: int) -> dict[int, list[str]]:
    starts: dict[int, list[str]] = {}
    for a in annotations:
        starts.setdefault(max(a.start - block_start, 0), []).append(a.id)
    return starts


def _mark(ids: tuple[str, ...], notes: dict[str, Note]) -> tuple[str, str]:
    """One element for one run: every covering annotation's id, layer and speaker kind."""
    covering = [notes[i] for i in ids]
    innermost = min(covering, key=lambda n: n.annotation.end - n.annotation.start)
    classes = {f"l-{n.annotation.layer}" for n in covering}
    classes |= {f"k-{s.kind}" for n in covering if n.annotation.layer == "quote" for s in n.speakers}
    described = " ".join(_target(n) for n in covering)
    return (f'<a class="m {" ".join(sorted(classes))}" href="#{_target(innermost)}" data-ann="{" ".join(ids)}" '
            f'aria-describedby="{described}">', "</a>")


def _target(note: Note) -> str:
    """Where a mark points: the note beside the text, or the person in the cast list."""
    if note.annotation.layer == "person":
        return f"person-{note.speakers[0].id}" if note.speakers and note.speakers[0].id else f"n-{note.id}"
    return f"n-{note.id}"


def label(note: Note) -> str:
    """Plain words for a note: 'Liu Jun (expert) said'."""
    a = note.annotation
    if a.layer == "condition":
        return f"Condition set by {note.who}"
    if a.layer == "quote":
        kinds = " and ".join(dict.fromkeys(s.kind for s in note.speakers))
        return f"{note.who} ({kinds})"
    return a.note or a.layer

