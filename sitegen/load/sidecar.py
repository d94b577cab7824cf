"""Sidecar files (`seeds/<stem>.yaml`): what a person curates about an article.

Everything is validated here, once, into typed records that remember their line, so
later stages can report `path:line` without knowing YAML.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from ..model import PERSON_KINDS, QUOTE_KINDS, CuratedAnnotation, CuratedPerson, Drop, GlossaryEntry, Question, Selector, Sidecar
from ..yamlsource import LineDict, load_yaml
from .files import clean_text

ANNOTATION_ID = re.compile(r"^[a-z][a-z-]*[1-9][0-9]*$")  # q15, c2, claim-3: as the page shows them
METADATA_KEYS = ("title", "outlet", "date", "url", "byline")
TOP_KEYS = set(METADATA_KEYS) | {"people", "quotes", "conditions", "annotations", "drop", "questions", "glossary"}
# What each list holds, for messages a teacher can act on.
ENTRIES = {"people": ("people", "name", "kind"), "quotes": ("quotes", "exact", "speaker", "kind"),
           "conditions": ("conditions", "exact"), "annotations": ("annotations", "layer", "exact"),
           "drop": ("texts to drop", "exact"), "questions": ("questions", "prompt"),
           "glossary": ("terms", "term", "definition")}


def _list_of(key: str) -> str:
    """'quotes, each with exact:, speaker: and kind:'"""
    what, *keys = ENTRIES[key]
    named = [f"{k}:" for k in keys]
    return f"{what}, each with {', '.join(named[:-1]) + ' and ' if len(named) > 1 else ''}{named[-1]}"


def read_sidecar(path: Path) -> Sidecar:
    data = load_yaml(path)
    if data is None:
        return Sidecar(path, {})
    if not isinstance(data, LineDict):
        raise SourceError(path, 1, "a sidecar must hold keys with values, one per line, such as `title: …`, "
                                   "`outlet: …`, `quotes:`")
    for key in data:
        if key not in TOP_KEYS:
            raise SourceError(path, data.line_of(key), f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})")
    metadata = {}
    for key in METADATA_KEYS:
        if key in data and data[key] is not None:
            metadata[key] = _text(data[key], path, data.line_of(key), key)
    if "url" in metadata and not metadata["url"].startswith(("https://", "http://")):
        raise SourceError(path, data.line_of("url"), "url must start with https:// or http://")
    people = tuple(_person(item, path) for item in _items(data, "people", path))
    annotations = tuple(_annotation(item, "quote", path) for item in _items(data, "quotes", path))
    annotations += tuple(_annotation(item, "condition", path) for item in _items(data, "conditions", path))
    annotations += tuple(_annotation(item, None, path) for item in _items(data, "annotations", path))
    _check_unique_ids(annotations, path)
    drop = tuple(_drop(item, path) for item in _items(data, "drop", path))
    questions = tuple(_question(item, path) for item in _items(data, "questions", path))
    glossary = tuple(_glossary_entry(item, path) for item in _items(data, "glossary", path))
    return Sidecar(path, metadata, people, annotations, drop, questions, glossary)


def _question(item: LineDict, path: Path) -> Question:
    _known_keys(item, {"prompt", "answer", "links"}, path)
    return Question(_text(item.get("prompt"), path, item.line, "a question's prompt"),
                    _optional_text(item, "answer", path), _names(item, "links", path), item.line)


def _glossary_entry(item: LineDict, path: Path) -> GlossaryEntry:
    _known_keys(item, {"term", "definition"}, path)
    return GlossaryEntry(_text(item.get("term"), path, item.line, "a glossary term"),
                         _text(item.get("definition"), path, item.line_of("definition"), "a definition"), item.line)


def _items(data: LineDict, key: str, path: Path) -> list[LineDict]:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise SourceError(path, data.line_of(key), f"{key} must be a list of {_list_of(key)} (each entry starts "
                                                   "with `- ` on its own line)")
    for n, item in enumerate(items, 1):
        if not isinstance(item, LineDict):
            raise SourceError(path, getattr(items, "line", data.line_of(key)),
                              f"{key} must be a list of {_list_of(key)}; entry {n} is not (write it as "
                              f"`- {ENTRIES[key][1]}: …`)")
    return items


def _text(value, path: Path, line: int, what: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, line, f"{what} must be non-empty text")
    return clean_text(value)


def _optional_text(item: LineDict, key: str, path: Path) -> str | None:
    return None if item.get(key) is None else _text(item[key], path, item.line_of(key), key)


def _names(item: LineDict, key: str, path: Path) -> tuple[str, ...]:
    value = item.get(key)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return tuple(_text(v, path, item.line_of(key), key) for v in values)


def _person(item: LineDict, path: Path) -> CuratedPerson:
    _known_keys(item, {"name", "kind", "role", "affiliation", "aliases"}, path)
    kind = item.get("kind", "other")
    if kind not in PERSON_KINDS:
        raise SourceError(path, item.line_of("kind"), f"person kind {kind!r} is not one of {', '.join(PERSON_KINDS)}")
    return CuratedPerson(_text(item.get("name"), path, item.line, "a person's name"), kind,
                         _optional_text(item, "role", path), _optional_text(item, "affiliation", path),
                         _names(item, "aliases", path), item.line)


def _selector(item: LineDict, path: Path) -> Selector:
    exact = clean_text(item.get("exact")) if isinstance(item.get("exact"), str) else None
    if not exact:
        raise SourceError(path, item.line, "an annotation needs `exact`: the text it marks, quoted from the article")
    context = {}
    for key in ("prefix", "suffix"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise SourceError(path, item.line_of(key), f"{key} must be text quoted from the article")
        context[key] = clean_text(value or "")  # as the article's text, whose control characters are gone
    return Selector(exact, **context)


def _drop(item: LineDict, path: Path) -> Drop:
    _known_keys(item, {"exact", "prefix", "suffix", "layer"}, path)
    layer = item.get("layer")
    if layer is not None and not isinstance(layer, str):
        raise SourceError(path, item.line_of("layer"), "layer must be the name of a layer, such as quote")
    return Drop(_selector(item, path), layer, item.line)


def _annotation(item: LineDict, layer: str | None, path: Path) -> CuratedAnnotation:
    _known_keys(item, {"id", "exact", "prefix", "suffix", "speaker", "speakers", "by", "kind", "cue", "via", "note",
                       "layer"}, path)
    if layer is None:
        layer = _text(item.get("layer"), path, item.line, "an annotation's layer")
    speakers = _names(item, "speaker", path) + _names(item, "speakers", path) + _names(item, "by", path)
    if layer == "quote":
        if not speakers and not ("speaker" in item and item["speaker"] is None):  # null: the text does not say who
            raise SourceError(path, item.line, "a quote needs a speaker: a name from people:, or `speaker: null` "
                                               "when the article does not say who")
        if item.get("kind") not in QUOTE_KINDS:
            raise SourceError(path, item.line_of("kind"), f"a quote's kind must be one of {', '.join(QUOTE_KINDS)}")
    ann_id = _optional_text(item, "id", path)
    if ann_id is not None and not ANNOTATION_ID.match(ann_id):
        raise SourceError(path, item.line_of("id"), f"id {ann_id!r} must be letters then a number, like q15")
    return CuratedAnnotation(layer, _selector(item, path), speakers, item.get("kind"),
                             _optional_text(item, "cue", path), _optional_text(item, "via", path),
                             _optional_text(item, "note", path), item.line, ann_id)


def _check_unique_ids(annotations: tuple[CuratedAnnotation, ...], path: Path) -> None:
    seen: dict[str, int] = {}
    for a in annotations:
        if a.id in seen:
            raise SourceError(path, a.line, f"id {a.id!r} is already used on line {seen[a.id]}; give this entry "
                                            "another (or none: the build numbers it)")
        if a.id:
            seen[a.id] = a.line


def _known_keys(item: LineDict, known: set[str], path: Path) -> None:
    for key in item:
        if key not in known:
            raise SourceError(path, item.line_of(key), f"unknown key {key!r} (known: {', '.join(sorted(known))})")
