"""The whole build, readable in one function: load -> annotate -> link -> render -> write."""
from __future__ import annotations

import gc
import signal
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from .annotate import annotate
from .cache import Cache, fingerprint
from .config import SiteConfig
from .errors import SourceError
from .link import link
from .load import check_regular_file, load_article, source_files
from .model import AnnotatedArticle, Site
from .render.collections import people_entries
from .render.pages import Renderer, page_paths
from .search import index_for_search
from .write import guard_output, recover_leftovers, write_file, write_site

PROJECT = Path(__file__).resolve().parent.parent
STATIC = PROJECT / "static"


# Below this many articles to read, starting worker processes costs more than it saves.
PARALLEL_MIN = 16


def read_site(config: SiteConfig, cache: Cache | None = None) -> Site:
    """Phase one: read, annotate and link every article; nothing is written but the cache.

    Each article's result is cached under a hash of what it depends on (`article_key`); those not
    in the cache are read in `config.jobs` processes. The order, and so the output, never depends
    on which were cached or how many processes ran.
    """
    cache = cache or Cache(None)
    paths = source_files(config.seeds_dir)
    keys = {p: article_key(p, config) for p in paths}
    found = {p: cache.get(keys[p]) for p in paths}
    todo = [p for p in paths if found[p] is None]
    for p, art in zip(todo, _in_processes(partial(read_article, config=config), todo, config.jobs)):
        cache.put(keys[p], art)
        found[p] = art
    return link([found[p] for p in paths])


def read_article(path: Path, config: SiteConfig) -> AnnotatedArticle:
    art = annotate(load_article(path), config)
    art.article.grade  # computed here, in the worker, so that it is cached with the article
    return art


def article_key(path: Path, config: SiteConfig) -> str:
    """Everything an article's result depends on: its bytes, its sidecar's, its name, the settings."""
    sidecar = path.with_suffix(".yaml")
    return fingerprint(path.name, _bytes(path), _bytes(sidecar) if sidecar.exists() else None,
                       repr((config.annotations, config.party, config.layers)))


def _bytes(path: Path) -> bytes:
    check_regular_file(path)  # never open a FIFO or a device
    try:
        return path.read_bytes()
    except OSError:
        return b""  # unreadable: load_article says why, with the path


def _in_processes(fn, items: list, jobs: int, fork: bool = False):
    """fn over items, in order; in a pool of `jobs` processes when that pays. `fork`: the workers are
    forked, so they see this process's state (on systems without fork, the work stays here)."""
    if jobs <= 1 or len(items) < (2 if fork else PARALLEL_MIN) or (fork and "fork" not in get_all_start_methods()):
        yield from map(fn, items)
        return
    if fork:
        gc.freeze()  # the inherited objects stay out of the workers' collections: fewer copied pages
    context = get_context("fork") if fork else None
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_signals, mp_context=context)
    try:
        yield from pool.map(fn, items, chunksize=1 if fork else max(1, len(items) // (jobs * 8)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _ignore_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
    write_site(config.out_dir, partial(render_into, site=site, config=config), STATIC,
               index_for_search if config.search else None, protected(config))


def render_into(folder: Path, site: Site, config: SiteConfig) -> None:
    """Render every page into folder, each written as soon as it is made (never the whole site in
    memory). Articles' and people's own pages are rendered in `config.jobs` processes; the pages
    across articles, which list them all, in this one."""
    renderer = Renderer(site, config)
    people = people_entries(site)
    global _RENDERING  # what forked workers inherit: nothing of the site is sent to them
    _RENDERING = renderer, people, folder
    try:
        chunks = _chunks(len(site.articles), config.jobs)
        done = _in_processes(_render_articles, chunks, config.jobs, fork=True)
        summaries = [Renderer.summary(site.articles[i], lite) for chunk in done for i, lite in chunk]
        list(_in_processes(_render_people, _chunks(len(people), config.jobs), config.jobs, fork=True))
    finally:
        _RENDERING = None
    for rel, data in renderer.site_files(summaries, people, page_paths(site, people)):
        write_file(folder, rel, data)


_RENDERING: tuple | None = None
SUMMARY_KEYS = ("minutes", "legend", "unchecked")  # what the home page needs of each article's context


def _chunks(n: int, jobs: int) -> list[range]:
    """[0, n) cut into pieces that several processes share out evenly."""
    size = max(1, n // (jobs * 8)) if jobs > 1 else max(1, n)
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def _render_articles(indices: range) -> list[tuple[int, dict]]:
    renderer, _, folder = _RENDERING
    out = []
    for i in indices:
        art = renderer.site.articles[i]
        context = renderer.article_context(art)
        for rel, data in renderer.article_files(art, context):
            write_file(folder, rel, data)
        out.append((i, {k: context[k] for k in SUMMARY_KEYS}))
    return out


def _render_people(indices: range) -> None:
    renderer, people, folder = _RENDERING
    for rel, data in renderer.person_files([people[i] for i in indices]):
        write_file(folder, rel, data)


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
    cache = Cache.beside(config.out_dir) if config.cache else Cache(None)
    site = read_site(config, cache)
    found = warnings(site)
    if config.strict and found:
        raise SourceError(found[0].path, found[0].line, f"{found[0].message} (--strict)")
    write_output(site, config)
    cache.prune()
    return site, found
