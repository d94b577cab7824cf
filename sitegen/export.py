"""Data files beside each article page: W3C Web Annotation JSON-LD and a CSV for spreadsheets."""
from __future__ import annotations

import csv
import io
import json

from .anchor import CONTEXT_CHARS
from .model import AnnotatedArticle, Annotation
from .render.article import UNIDENTIFIED, Note

MOTIVATION = {"quote": "identifying", "person": "identifying", "condition": "tagging"}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def page_url(base_url: str, slug: str) -> str:
    """The article page's URL: absolute with a base URL, else relative to the export beside it."""
    return f"{base_url}{slug}/" if base_url else "./"


def annotation_page(art: AnnotatedArticle, notes: dict[str, Note], base_url: str) -> str:
    url = page_url(base_url, art.article.slug)
    text = art.article.text
    page = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{url}annotations.jsonld",
        "type": "AnnotationPage",
        "source_file": art.article.source_path.name,
        "items": [_item(notes[a.id], text, url) for a in art.annotations],
    }
    # No indent: with one, json falls back to its pure-Python encoder (a tenth of a build's time at scale).
    return json.dumps(page, ensure_ascii=False, separators=(",", ":")) + "\n"


def _item(note: Note, text: str, url: str) -> dict:
    a = note.annotation
    body = [{"type": "TextualBody", "purpose": "tagging", "value": a.layer}]
    body += [{"type": "TextualBody", "purpose": "identifying", "value": s.name} for s in note.speakers]
    if a.layer != "condition":
        body += [{"type": "TextualBody", "purpose": "classifying", "value": k}
                 for k in dict.fromkeys(s.kind for s in note.speakers)]
        body += [{"type": "TextualBody", "purpose": "describing", "value": d}
                 for d in dict.fromkeys(s.description for s in note.speakers) if d]
    details = _details(a)
    if details:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": details})
    return {
        "id": f"{url}#{a.id}",
        "type": "Annotation",
        "motivation": MOTIVATION.get(a.layer, "tagging"),
        "body": body,
        "target": {
            "source": url,
            "selector": [
                {"type": "TextQuoteSelector", "exact": text[a.start:a.end],
                 "prefix": text[max(0, a.start - CONTEXT_CHARS):a.start], "suffix": text[a.end:a.end + CONTEXT_CHARS]},
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        },
    }


def _details(a: Annotation) -> str:
    unknown = a.layer == "quote" and not a.speakers
    parts = [f"{a.kind} quote" if a.kind else "", UNIDENTIFIED if unknown else "", f"cue: {a.cue}" if a.cue else "",
             f"via: {a.via}" if a.via else "", a.note or "", "found automatically" if a.origin == "auto" else ""]
    return "; ".join(p for p in parts if p)


def annotation_csv(art: AnnotatedArticle, notes: dict[str, Note]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "layer", "text", "speaker", "kind", "role_and_affiliation", "quote_kind", "cue", "via",
                     "origin"])
    text = art.article.text
    for a in art.annotations:
        n = notes[a.id]
        who = n.who or (UNIDENTIFIED if a.layer == "quote" else "")
        row = [a.id, a.layer, text[a.start:a.end], who, " and ".join(dict.fromkeys(s.kind for s in n.speakers)),
               "; ".join(s.description for s in n.speakers if s.description), a.kind or "", a.cue or "",
               a.via or "", a.origin]
        writer.writerow([_safe_cell(c) for c in row])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value
