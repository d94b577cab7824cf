"""Stage 4, render: Site -> {relative path: bytes} for every page and data file.

Pages are jinja2 templates with autoescape on; the only markup passed through as
safe is what markdown-it built from escaped article text and our own marks.
"""
from __future__ import annotations

import math
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..config import SiteConfig
from ..export import annotation_csv, annotation_page
from ..model import AnnotatedArticle, Site
from .article import label, notes_by_id, render_blocks

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
WORDS_PER_MINUTE = 230


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["note_label"] = label
    return env


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def layer_counts(art: AnnotatedArticle, site: Site, config: SiteConfig) -> list[dict]:
    """Each layer with how many annotations it has here (people layer: distinct experts too)."""
    out = []
    for layer in config.layers:
        anns = [a for a in art.annotations if a.layer == layer.id]
        out.append({"layer": layer, "count": len(anns)})
    return out


def render_site(site: Site, config: SiteConfig) -> dict[str, bytes]:
    env = make_environment()
    files: dict[str, str] = {}
    summaries = []
    for art in site.articles:
        notes = notes_by_id(art, site)
        blocks = render_blocks(art, site, notes)
        slug = art.article.slug
        cast = _cast(art, notes)
        context = {"root": "../", "config": config, "art": art, "meta": art.article.meta, "blocks": blocks,
                   "notes": notes, "cast": cast, "layers": layer_counts(art, site, config),
                   "minutes": reading_minutes(art.article.word_count)}
        files[f"{slug}/index.html"] = env.get_template("article.html").render(context)
        files[f"{slug}/annotations.jsonld"] = annotation_page(art, notes, config.base_url)
        files[f"{slug}/annotations.csv"] = annotation_csv(art, notes)
        summaries.append({"art": art, "meta": art.article.meta, "href": f"{slug}/index.html",
                          "minutes": context["minutes"], "layers": context["layers"]})
    files["index.html"] = env.get_template("index.html").render(
        {"root": "", "config": config, "articles": summaries})
    return {path: text.encode("utf-8") for path, text in files.items()}


def _cast(art: AnnotatedArticle, notes) -> list[dict]:
    """Everyone this article names or quotes, with how often they are quoted, in order of appearance."""
    seen: dict[str, dict] = {}
    for a in art.annotations:
        for s in notes[a.id].speakers:
            if a.layer not in ("quote", "person") or not s.id:
                continue
            entry = seen.setdefault(s.id, {"speaker": s, "quotes": 0, "first": a.id})
            entry["quotes"] += a.layer == "quote"
    return list(seen.values())
