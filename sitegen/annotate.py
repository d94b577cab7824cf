"""Stage 2, annotate: Article -> AnnotatedArticle.

Curated annotations come from the sidecar, anchored by quoting the text; automatic
ones from sitegen.extract. In `curated` mode both are used and a curated annotation
wins over an automatic one it overlaps on the same layer; the sidecar's `drop` list
removes automatic annotations a person rejected. `auto` ignores the sidecar's
annotations and people; `none` annotates nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .anchor import AnchorError, anchor
from .config import SiteConfig
from .errors import SourceError
from .extract import extract
from .link import name_key
from .model import AnnotatedArticle, Annotation, Article, CuratedAnnotation, Person, Sidecar

LAYER_PREFIX = {"quote": "q", "person": "p", "condition": "c"}
# Kinds of speaker that are individuals, whose every mention the person layer marks.
INDIVIDUAL_KINDS = ("expert", "official", "journalist", "other")


def annotate(article: Article, config: SiteConfig) -> AnnotatedArticle:
    if config.annotations == "none":
        return AnnotatedArticle(article, (), ())
    found = extract(article.text, config.party)
    auto = [replace(a, origin="auto") for a in found.annotations]
    people = list(found.people)
    curated: list[Annotation] = []
    sidecar = article.sidecar if config.annotations == "curated" else None
    if sidecar:
        curated_people = [Person(p.name, p.kind, p.role, p.affiliation, p.aliases) for p in sidecar.people]
        known = {name_key(n) for p in curated_people for n in (p.name, *p.aliases)}
        people = curated_people + [p for p in people if name_key(p.name) not in known]
        curated = [_curated(a, article.text, sidecar, curated_people, config) for a in sidecar.annotations]
        curated += mentions(article.text, curated_people)
        dropped = [(d.layer, *_anchor_or_fail(article.text, d.selector, sidecar, d.line, "drop")) for d in sidecar.drop]
        auto = [a for a in auto if not _overridden(a, curated, dropped)]
    annotations = number(curated + auto)
    named = {name_key(n) for a in annotations for n in a.speakers}
    return AnnotatedArticle(article, annotations, tuple(p for p in people if name_key(p.name) in named))


def _curated(c: CuratedAnnotation, text: str, sidecar: Sidecar, people: list[Person],
             config: SiteConfig) -> Annotation:
    if config.layer(c.layer) is None:
        raise SourceError(sidecar.path, c.line, f"layer {c.layer!r} is not declared (declare it under layers: in "
                                                 "site.yaml)")
    known = {name_key(n) for p in people for n in (p.name, *p.aliases)}
    if c.layer == "quote":
        for name in c.speakers:
            if name_key(name) not in known:
                raise SourceError(sidecar.path, c.line, f"speaker {name!r} is not listed under people:")
    start, end = _anchor_or_fail(text, c.selector, sidecar, c.line, c.layer)
    speakers = tuple(_canonical(n, people) for n in c.speakers)
    return Annotation("", c.layer, start, end, speakers, c.kind, c.cue, c.via, c.note, "curated")


def _anchor_or_fail(text: str, selector, sidecar: Sidecar, line: int, what: str) -> tuple[int, int]:
    try:
        return anchor(text, selector)
    except AnchorError as exc:
        closest = f"; closest text: {exc.closest}" if exc.closest else ""
        raise SourceError(sidecar.path, line, f"{what} {_short(selector.exact)!r} does not anchor: {exc.reason}{closest}")


def _canonical(name: str, people: list[Person]) -> str:
    key = name_key(name)
    return next((p.name for p in people if key in {name_key(n) for n in (p.name, *p.aliases)}), name)


def mentions(text: str, people: list[Person]) -> list[Annotation]:
    """Person-layer annotations for every mention of an individual by name or alias."""
    names = sorted(((n, p) for p in people if p.kind in INDIVIDUAL_KINDS for n in {p.name, *p.aliases}),
                   key=lambda np: -len(np[0]))
    taken: list[tuple[int, int]] = []
    found = []
    for name, person in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append((m.start(), m.end()))
                found.append(Annotation("", "person", m.start(), m.end(), (person.name,), origin="curated"))
    return found


def _overridden(a: Annotation, curated: list[Annotation], dropped: list[tuple[str | None, int, int]]) -> bool:
    def overlaps(s: int, e: int) -> bool:
        shorter = min(e - s, a.end - a.start)
        return shorter > 0 and min(e, a.end) - max(s, a.start) >= 0.5 * shorter
    return any(c.layer == a.layer and overlaps(c.start, c.end) for c in curated) or \
        any(layer in (None, a.layer) and overlaps(s, e) for layer, s, e in dropped)


def number(annotations: list[Annotation]) -> tuple[Annotation, ...]:
    """Ids in reading order within each layer: q1, q2, …; p1, …; c1, …"""
    ordered = sorted(annotations, key=lambda a: (a.start, -a.end, a.layer, a.speakers))
    counts: dict[str, int] = {}
    out = []
    for a in ordered:
        counts[a.layer] = counts.get(a.layer, 0) + 1
        out.append(replace(a, id=f"{LAYER_PREFIX.get(a.layer, a.layer + '-')}{counts[a.layer]}"))
    return tuple(out)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
