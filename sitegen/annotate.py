"""Stage 2, annotate: Article -> AnnotatedArticle.

Curated annotations come from the sidecar, anchored by quoting the text; automatic
ones from sitegen.extract. In `curated` mode, a layer the sidecar curates (it lists
quotes, conditions, people, or annotations of that layer) is the curator's alone: a
person reviewed it whole, as after `build.py annotate`. Layers it does not curate
get the automatic annotations, less those the sidecar's `drop` list rejects. `auto`
ignores the sidecar's annotations and people; `none` annotates nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .anchor import AnchorError, anchor
from .config import SiteConfig
from .errors import SourceError
from .link import name_key
from .model import INDIVIDUAL_KINDS, AnnotatedArticle, Annotation, Article, CuratedAnnotation, Located, Person, Sidecar

LAYER_PREFIX = {"quote": "q", "person": "p", "condition": "c", "term": "t"}
EXTRACTED_LAYERS = {"quote", "person", "condition"}


def annotate(article: Article, config: SiteConfig) -> AnnotatedArticle:
    if config.annotations == "none":
        return AnnotatedArticle(article, (), ())
    from .extract import Extraction, extract  # here: a site built without annotation never loads the extractor
    curated_people: list[Person] = []
    curated: list[Annotation] = []
    curated_layers: set[str] = set()
    warnings: list[Located] = []
    dropped: list[tuple[str | None, int, int]] = []
    sidecar = article.sidecar if config.annotations == "curated" else None
    if sidecar:
        curated_people = [Person(p.name, p.kind, p.role, p.affiliation, p.aliases) for p in sidecar.people]
        canonical = full_names(curated_people)
        curated = [_curated(a, article.text, sidecar, canonical, config) for a in sidecar.annotations]
        warnings = [_approximate(c, a, article.text, sidecar) for c, a in zip(sidecar.annotations, curated)
                    if article.text[a.start:a.end] != c.selector.exact]
        curated += mentions(article.text, curated_people)
        curated += first_uses(article.text, sidecar)
        for d in sidecar.drop:
            if d.layer and config.layer(d.layer) is None:
                raise SourceError(sidecar.path, d.line, f"drop names layer {d.layer!r}, which is not a layer (known: "
                                                        f"{', '.join(l.id for l in config.layers)})")
        dropped = [(d.layer, *_anchor_or_fail(article.text, d.selector, sidecar, d.line, "drop")) for d in sidecar.drop]
        curated_layers = {a.layer for a in curated} | ({"person"} if sidecar.people else set())
    # Extraction runs only when some layer is left to it (a fully curated article skips it).
    found = extract(article.text, config.party) if EXTRACTED_LAYERS - curated_layers else Extraction()
    auto = [a for a in found.annotations  # (the extractor marks its own "auto")
            if a.layer not in curated_layers and not _dropped(a, dropped)]
    annotations = number(curated + auto)
    if sidecar:
        _check_question_links(sidecar, {a.id for a in annotations})
    # The people an article names: curated records first; automatic ones its automatic annotations name.
    auto_named = {name_key(n) for a in auto for n in a.speakers}
    curated_keys = {name_key(n) for p in curated_people for n in (p.name, *p.aliases)}
    people = curated_people + [p for p in found.people
                               if name_key(p.name) in auto_named and name_key(p.name) not in curated_keys]
    return AnnotatedArticle(article, annotations, tuple(people), tuple(warnings))


def _approximate(c: CuratedAnnotation, a: Annotation, text: str, sidecar: Sidecar) -> Located:
    """Where an annotation was placed on text that has changed since it was written: a person should look."""
    return Located(sidecar.path, c.line, f"{c.layer} {_short(c.selector.exact)!r} is not in the text as written; "
                                         f"it now marks {_short(text[a.start:a.end])!r} (update `exact:` to match)")


def full_names(people: list[Person]) -> dict[str, tuple[str, ...]]:
    """Every listed name and alias (name_key) -> the full names it may mean: a full name means its
    own person (another's alias never takes it); an alias, everyone listed with it ("Berg": Anna
    Berg and Tom Berg)."""
    names = {}
    for p in people:
        names.setdefault(name_key(p.name), (p.name,))
    full = set(names)
    for p in people:
        for key in {name_key(a) for a in p.aliases} - full:
            names[key] = names.get(key, ()) + (p.name,)
    return names


def _curated(c: CuratedAnnotation, text: str, sidecar: Sidecar, canonical: dict[str, tuple[str, ...]],
             config: SiteConfig) -> Annotation:
    """`canonical`: from full_names, the sidecar's people."""
    if config.layer(c.layer) is None:
        raise SourceError(sidecar.path, c.line, f"layer {c.layer!r} is not declared (declare it under layers: in "
                                                 "site.yaml)")
    for name in c.speakers:
        if c.layer == "quote" and name_key(name) not in canonical:
            raise SourceError(sidecar.path, c.line, f"speaker {name!r} is not listed under people:")
        if len(canonical.get(name_key(name), ())) > 1:  # two people who share a surname are never merged
            raise SourceError(sidecar.path, c.line, f"{name!r} is an alias of {' and '.join(canonical[name_key(name)])}"
                                                     ": write the full name of the one meant")
    if c.id and _id_number(c.id, c.layer) is None:
        raise SourceError(sidecar.path, c.line, f"id {c.id!r} does not fit a {c.layer} annotation: write "
                                                 f"{id_prefix(c.layer)} and a number, like {id_prefix(c.layer)}1")
    start, end = _anchor_or_fail(text, c.selector, sidecar, c.line, c.layer)
    speakers = tuple(canonical.get(name_key(n), (n,))[0] for n in c.speakers)
    return Annotation(c.id or "", c.layer, start, end, speakers, c.kind, c.cue, c.via, c.note, "curated")


def _anchor_or_fail(text: str, selector, sidecar: Sidecar, line: int, what: str) -> tuple[int, int]:
    try:
        return anchor(text, selector)
    except AnchorError as exc:
        closest = f"; closest text: {exc.closest}" if exc.closest else ""
        raise SourceError(sidecar.path, line, f"{what} {_short(selector.exact)!r} does not anchor: {exc.reason}{closest}")


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


def first_uses(text: str, sidecar: Sidecar) -> list[Annotation]:
    """Glossary terms, marked where the article first uses them (any letter case)."""
    found = []
    for entry in sidecar.glossary:
        m = re.search(rf"(?<!\w){re.escape(entry.term)}(?!\w)", text, re.IGNORECASE)
        if not m:
            raise SourceError(sidecar.path, entry.line, f"glossary term {entry.term!r} is not in the article")
        found.append(Annotation("", "term", m.start(), m.end(), note=entry.definition, origin="curated"))
    return found


def _check_question_links(sidecar: Sidecar, ids: set[str]) -> None:
    for q in sidecar.questions:
        for link in q.links:
            if link not in ids:
                raise SourceError(sidecar.path, q.line, f"question links to {link!r}, which is not an annotation of "
                                                        "this article (see the ids in its annotations.csv)")


def _dropped(a: Annotation, dropped: list[tuple[str | None, int, int]]) -> bool:
    """Whether a rejected span covers most of this automatic annotation (or it most of the span)."""
    def overlaps(s: int, e: int) -> bool:
        shorter = min(e - s, a.end - a.start)
        return shorter > 0 and min(e, a.end) - max(s, a.start) >= 0.5 * shorter
    return any(layer in (None, a.layer) and overlaps(s, e) for layer, s, e in dropped)


def number(annotations: list[Annotation]) -> tuple[Annotation, ...]:
    """Ids per layer: q1, q2, …; p1, …; c1, ….

    An annotation that already has an id (kept in its sidecar since it was drafted) keeps it,
    so a question linking to q15 still finds its quote after one above it is deleted. The
    others are numbered in reading order, after the highest id their layer already uses.
    """
    ordered = sorted(annotations, key=lambda a: (a.start, -a.end, a.layer, a.speakers))
    counts: dict[str, int] = {}
    for a in ordered:
        if a.id:
            counts[a.layer] = max(counts.get(a.layer, 0), _id_number(a.id, a.layer) or 0)
    out = []
    for a in ordered:
        if not a.id:
            counts[a.layer] = counts.get(a.layer, 0) + 1
            a = replace(a, id=f"{id_prefix(a.layer)}{counts[a.layer]}")
        out.append(a)
    return tuple(out)


def id_prefix(layer: str) -> str:
    return LAYER_PREFIX.get(layer, layer + "-")


def _id_number(ann_id: str, layer: str) -> int | None:
    """15 for q15 on the quote layer; None when the id is not of that layer."""
    m = re.fullmatch(rf"{re.escape(id_prefix(layer))}([1-9][0-9]*)", ann_id)
    return int(m.group(1)) if m else None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
