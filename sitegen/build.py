"""The whole build, readable in one function: load -> annotate -> link -> render -> write."""
from __future__ import annotations

from pathlib import Path

from .annotate import annotate
from .config import SiteConfig
from .errors import SourceError
from .link import link
from .load import load_article, source_files
from .model import Site
from .render.pages import render_site
from .search import index_for_search
from .write import guard_output, recover_leftovers, write_site

PROJECT = Path(__file__).resolve().parent.parent
STATIC = PROJECT / "static"


def read_site(config: SiteConfig) -> Site:
    """Phase one: read, annotate and link every article; nothing is written."""
    return link([annotate(load_article(p), config) for p in source_files(config.seeds_dir)])


def protected(config: SiteConfig) -> dict[str, Path]:
    """What the output folder must never be nor hold: the sources, the settings, the project."""
    return {"the articles folder": config.seeds_dir, "the project": PROJECT,
            **({"the settings file": config.source} if config.source else {})}


def check_output(config: SiteConfig) -> None:
    """Refuse a dangerous --out before any work is done (write_site checks again before writing), and
    clear what a killed build left beside it."""
    recover_leftovers(guard_output(config.out_dir, protected(config)))


def write_output(site: Site, config: SiteConfig) -> None:
    """Phase two: render every page and replace the output folder with them."""
    write_site(config.out_dir, render_site(site, config), STATIC, index_for_search if config.search else None,
               protected(config))


def warnings(site: Site) -> list[SourceError]:
    """What a reader would miss: an article without a title, an outlet or a date."""
    found = []
    for art in site.articles:
        meta, where = art.article.meta, art.article.sidecar.path if art.article.sidecar else art.article.source_path
        found += [SourceError(art.article.source_path, 1, w) for w in art.article.warnings]
        found += [SourceError(w.path, w.line, w.message) for w in art.warnings]
        for key in ("outlet", "date"):
            if not getattr(meta, key):
                found.append(SourceError(where, 1, f"no {key}: the home page will not show one"))
    return found


def build(config: SiteConfig) -> tuple[Site, list[SourceError]]:
    """The whole build; returns the site and its warnings (under `strict`, the first stops it)."""
    check_output(config)
    site = read_site(config)
    found = warnings(site)
    if config.strict and found:
        raise SourceError(found[0].path, found[0].line, f"{found[0].message} (--strict)")
    write_output(site, config)
    return site, found
