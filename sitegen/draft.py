"""Draft a sidecar from the automatic annotations, for a person to review (`build.py annotate`).

The draft is the sidecar a teacher edits: its metadata (what was found, or an empty value
to fill), every automatic quote and condition with the id the page shows for it (`q3`),
`questions:` and `glossary:` to fill, and a header saying how to correct it. The ids are
written into the sidecar so they stay put when entries above them are deleted.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .anchor import CONTEXT_CHARS, AnchorError, anchor
from .annotate import number
from .config import SiteConfig
from .errors import SourceError
from .extract import extract
from .load import load_article
from .load.sidecar import METADATA_KEYS
from .model import Article, Selector

HEADER = """\
# Drafted by `build.py annotate` from the automatic annotations of {source}.
# Nobody has checked it yet: read the article beside it and correct every entry.
#
# - Metadata: fill in what is empty (date as YYYY-MM-DD, url starting with https://).
# - To correct a speaker: write a name listed under people: after `speaker:` (add the
#   person to people: if they are missing). `speaker: null` means no speaker was found.
# - To delete a quote or a condition: delete its whole entry, from its `- id:` line to
#   the next one. The other entries keep their ids, so links to them keep working.
# - To add a quote: copy an entry, give it a new id (the next free number) and the
#   words as they stand in the article after `exact:`.
# - To add a question: add an entry under questions: with `prompt:`, an optional
#   `answer:` and `links:` to ids shown on the page, such as [q1, c2].
# Once people, quotes or conditions are listed here, the build uses this list for them
# instead of the automatic one.
"""
FOUND = "  # found automatically: check it"
METADATA_HINTS = {"title": "the headline", "outlet": "the newspaper or site", "date": "YYYY-MM-DD",
                  "url": "https://…", "byline": "the author"}
SKELETONS = {
    "questions": "# - prompt: Who is quoted first, and what do they want?\n#   answer: …\n#   links: [q1]\n",
    "glossary": "# - term: a word from the article\n#   definition: what it means\n",
}


def draft_sidecar(article: Article, config: SiteConfig, keep: dict | None = None) -> str:
    """The draft's YAML; `keep` holds what an existing sidecar says besides people, quotes, conditions."""
    keep = dict(keep or {})
    found = extract(article.text, config.party)
    out = [HEADER.format(source=article.source_path.name)]
    for key in METADATA_KEYS:
        value = keep.pop(key, None) or getattr(article.meta, key)
        out.append(_dump({key: value}) if value else f"{key}:  # not found: fill in ({METADATA_HINTS[key]})\n")
    people = _dump({"people": [_without_empty({"name": p.name, "kind": p.kind, "role": p.role,
                                                "affiliation": p.affiliation, "aliases": list(p.aliases)})
                               for p in found.people]})
    out.append(people.replace("people:\n", "people:  # found automatically: check names, kinds and roles\n", 1))
    quotes, conditions = [], []
    for a in number(list(found.annotations)):
        entry = {"id": a.id, **_selector(article.text, a.start, a.end)}
        if a.layer == "quote":
            speaker = list(a.speakers) if len(a.speakers) > 1 else a.speakers[0] if a.speakers else None
            quotes.append({**entry, "speaker": speaker,
                           **_without_empty({"kind": a.kind, "cue": a.cue, "via": a.via})})
        elif a.layer == "condition":
            conditions.append({**entry, "by": a.speakers[0] if a.speakers else config.party.name})
    out += [_entries("quotes", quotes), _entries("conditions", conditions)]
    for key in ("questions", "glossary"):
        out.append(_dump({key: keep.pop(key)}) if keep.get(key) else f"{key}: []\n{SKELETONS[key]}")
    out += [_dump({key: value}) for key, value in keep.items()]  # drop:, annotations: as they were
    return "".join(out)


def _entries(key: str, entries: list[dict]) -> str:
    """A list of annotations, each marked as found automatically and a missing speaker as such."""
    lines = []
    for line in _dump({key: entries}).splitlines():
        if line.startswith("- id: "):
            line += FOUND
        elif line == "  speaker: null":
            line += "  # not identified: write a name from people:, or delete this quote"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _selector(text: str, start: int, end: int) -> dict:
    """exact, plus just enough context (prefix, then suffix) to anchor in one place."""
    exact = text[start:end]
    for entry in ({"exact": exact},
                  {"exact": exact, "prefix": text[max(0, start - CONTEXT_CHARS):start]},
                  {"exact": exact, "prefix": text[max(0, start - CONTEXT_CHARS):start],
                   "suffix": text[end:end + CONTEXT_CHARS]}):
        try:
            if anchor(text, Selector(**entry)) == (start, end):
                return entry
        except AnchorError:
            continue
    return entry


def _without_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "")}


def write_draft(source: Path, config: SiteConfig, force: bool = False) -> Path:
    """Write `<stem>.yaml` beside source; refuse to replace curated annotations unless forced."""
    article = load_article(source)
    target = source.with_suffix(".yaml")
    sidecar = article.sidecar
    if sidecar and (sidecar.people or sidecar.annotations) and not force:
        raise SourceError(target, 1, "already has curated people or annotations; use --force to replace them "
                                     "(title, outlet, date, url and byline are kept)")
    keep = {k: v for k, v in (yaml.safe_load(target.read_text(encoding="utf-8")) or {}).items()
            if k not in ("people", "quotes", "conditions")} if sidecar else {}
    target.write_text(draft_sidecar(article, config, keep), encoding="utf-8")
    return target
