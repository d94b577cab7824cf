"""Draft a sidecar from the automatic annotations, for a person to review (`build.py annotate`)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .anchor import CONTEXT_CHARS, AnchorError, anchor
from .config import SiteConfig
from .errors import SourceError
from .extract import extract
from .load import load_article
from .model import Article, Selector

HEADER = ("# Drafted by `build.py annotate` from the automatic annotations: review every entry,\n"
          "# fix speakers, kinds and spans, delete what is wrong. Once a layer is listed here,\n"
          "# the build uses this list for it instead of the automatic one.\n")


def draft_sidecar(article: Article, config: SiteConfig, keep: dict | None = None) -> str:
    """The draft's YAML; `keep` holds what an existing sidecar says besides people, quotes, conditions."""
    found = extract(article.text, config.party)
    text = article.text
    data: dict = dict(keep or {})
    data["people"] = [_without_empty({"name": p.name, "kind": p.kind, "role": p.role, "affiliation": p.affiliation,
                                      "aliases": list(p.aliases)}) for p in found.people]
    quotes, conditions = [], []
    for a in sorted(found.annotations, key=lambda a: (a.start, a.end)):
        entry = {**_selector(text, a.start, a.end)}
        if a.layer == "quote":
            quotes.append(_without_empty({**entry, "speaker": list(a.speakers) if len(a.speakers) > 1 else
                                          a.speakers[0], "kind": a.kind, "cue": a.cue, "via": a.via}))
        elif a.layer == "condition":
            conditions.append({**entry, "by": a.speakers[0] if a.speakers else config.party.name})
    data["quotes"], data["conditions"] = quotes, conditions
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


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
