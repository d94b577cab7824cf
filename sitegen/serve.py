"""`build.py serve`: a development server that rebuilds what a change touches and reloads the browser.

livereload watches the sources; `DevBuild` keeps every article loaded and annotated,
so an edited article is re-read alone, and only its own pages and the pages that list
it (home, people, the people it quotes, conditions, sources) are rendered and written,
with the pages of any other article or person whose key (the build's `Reuse`) changed.
A template, stylesheet or settings change renders everything. A burst of saves is
waited out before building (`wait_until_quiet`). A failed build does not stop the
server: every page shows the error, escaped, until the next good build.
"""
from __future__ import annotations

import gc
import mimetypes
import os
import time
import traceback
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Callable

from .build import STATIC, Reuse, article_key, read_site, render_key, write_output
from .cache import Cache
from .config import SiteConfig, load_config
from .errors import SourceError, UsageError
from .load import source_files
from .model import Site
from .render.collections import has_page, people_entries
from .render.pages import (TEMPLATES, Renderer, home_page_number, home_pages_of, make_environment, page_paths,
                           person_pages)

def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def snapshot(folders: list[Path]) -> dict[Path, int]:
    """Modification times of every file under the folders (a file's absence is a change too)."""
    return {p: _mtime(p) for f in folders if f.exists() for p in sorted(f.rglob("*")) if p.is_file()}


def wait_until_quiet(look: Callable[[], dict], quiet: float = 0.3, poll: float = 0.05, limit: float = 5.0) -> None:
    """Return once `look()` has not changed for `quiet` seconds (or after `limit`): one build per burst."""
    start = last_change = time.monotonic()
    seen = look()
    while time.monotonic() - last_change < quiet and time.monotonic() - start < limit:
        time.sleep(poll)
        now = look()
        if now != seen:
            seen, last_change = now, time.monotonic()


class DevBuild:
    """An incremental build of one site into config.out_dir."""

    def __init__(self, config: SiteConfig, config_path: Path | None = None):
        self.config = config
        self.config_path = config_path
        self.keys: dict[Path, str] = {}  # each article's cache key at the last build
        self.cache = MemoryCache()
        self.shared: dict[Path, int] = {}  # templates, static files, site settings
        self.error: str | None = None
        self.slugs: list[str] = []
        # Kept while the settings and templates stay the same:
        self.stamps: dict[Path, tuple] = {}  # each source's file stamps and key, to hash only what was saved
        self.env = None  # the templates, compiled
        self.render_stamp = ""  # render_key of the settings and templates
        self.pages = Written(None, {}, {}, set())

    def _shared_now(self) -> dict[Path, int]:
        now = snapshot([TEMPLATES, STATIC])
        if self.config_path:
            now[self.config_path] = _mtime(self.config_path)
        return now

    def rebuild(self) -> list[str]:
        """Build what changed since the last call; the site-relative paths written. Records any error:
        bad input as its one line, anything else (a bug, a full disk) with its traceback, for the page."""
        gc.disable()  # a full collection over a large site's objects is a third of an edit's rebuild: let
        try:          # it run after the rebuild, while the reader reads, not during it
            written = self._rebuild()
        except (SourceError, UsageError) as exc:
            self.error = str(exc)
            return []
        except Exception:
            self.error = traceback.format_exc()
            return []
        finally:
            gc.enable()
        self.error = None
        return written

    def _rebuild(self) -> list[str]:
        shared = self._shared_now()
        if shared != self.shared:
            if self.config_path:
                self.config = load_config(self.config_path, seeds_dir=self.config.seeds_dir,
                                          out_dir=self.config.out_dir, base_url=self.config.base_url or None,
                                          annotations=self.config.annotations)
            self.stamps, self.env, self.pages = {}, None, Written(None, {}, {}, set())
            self.render_stamp = render_key(self.config)  # settings and templates: the same until they change
        keys = self._article_keys()  # what changed is what hashes differently: the build's own test
        changed = {p for p, key in keys.items() if self.keys.get(p) != key}
        everything = shared != self.shared or set(self.keys) != set(keys) or not self.config.out_dir.exists()
        if not (changed or everything):
            return []
        site = read_site(self.config, self.cache, keys)  # the build's phase one: unchanged articles from memory
        self.keys = keys
        self.cache.prune_to(keys.values())
        self.shared = shared
        slugs = [a.article.slug for a in site.articles]
        everything = everything or slugs != self.slugs  # a retitled article's old pages must go
        self.slugs = slugs
        if everything:
            self.env = make_environment(self.config)
            for name in self.env.list_templates():  # compiled now, for this build and every edit after it
                self.env.get_template(name)
            reuse = Reuse(list(keys.values()), self.render_stamp, {})
            self.pages = Written.of(site, write_output(site, self.config, reuse, self.env))
            return sorted(p.relative_to(self.config.out_dir).as_posix()
                          for p in self.config.out_dir.rglob("*") if p.is_file())
        changed_slugs = {a.article.slug for a in site.articles if a.article.source_path in changed}
        return self._render_changed(site, keys, changed_slugs)

    def _render_changed(self, site: Site, keys: dict[Path, str], changed: set[str]) -> list[str]:
        """Write the pages whose key (the engine's `Reuse`) differs from the last build's, and the pages
        that list every article; remove the person pages the site no longer has."""
        last, reuse = self.pages, Reuse(list(keys.values()), self.render_stamp, {})
        same_people = last.registry is not None and site.people == last.registry.people
        page_keys = {}
        for i, art in enumerate(site.articles):  # an article's page key depends on it, its cast and the registry
            slug = art.article.slug
            same = same_people and slug not in changed and site.casts[slug] == last.registry.casts.get(slug)
            kept = last.pages.get(slug) if same else None
            page_keys[slug] = kept[0] if kept else reuse.page_key(i, art, site)
        people = people_entries(site)
        person_keys = {e.id: reuse.person_key(e, page_keys) for e in people if has_page(e.person.kind)}
        renderer, files, parts, home = Renderer(site, self.config, self.env), {}, {}, set()
        for i, art in enumerate(site.articles):
            slug = art.article.slug
            if slug in last.pages and last.pages[slug][0] == page_keys[slug]:
                parts[slug] = last.pages[slug][1]
                continue
            context = renderer.article_context(art)
            files.update(renderer.article_files(art, context))
            parts[slug] = renderer.summary_parts(context)
            home.add(home_page_number(i))  # the order of articles is the last build's (else `everything`)
        files.update(renderer.person_files([e for e in people if e.id in person_keys
                                            and last.people.get(e.id) != person_keys[e.id]]))
        listed = [Renderer.summary(art, parts[art.article.slug]) for art in site.articles]
        listing = dict(renderer.site_files(listed, people, page_paths(site, people), home))
        files.update(listing)
        listing_paths = {*listing, *(path for path, _ in home_pages_of(listed))}
        self.pages = Written(replace(site, articles=()), {s: (page_keys[s], parts[s]) for s in page_keys},
                             person_keys, _person_paths(people) | listing_paths)
        removed = sorted(last.paged_paths - self.pages.paged_paths)
        for rel in removed:
            (self.config.out_dir / rel).unlink(missing_ok=True)
            if not any((self.config.out_dir / rel).parent.iterdir()):
                (self.config.out_dir / rel).parent.rmdir()
        written = [rel for rel, data in sorted(files.items()) if _write_if_changed(self.config.out_dir / rel, data)]
        return written + removed

    def _article_keys(self) -> dict[Path, str]:
        """`article_keys`, hashing again only the files whose size, time or inode changed."""
        keys, stamps = {}, {}
        for path in source_files(self.config.seeds_dir):
            stamp = (_stamp(path), _stamp(path.with_suffix(".yaml")))
            known = self.stamps.get(path)
            keys[path] = known[1] if known and known[0] == stamp else article_key(path, self.config)
            stamps[path] = stamp, keys[path]
        self.stamps = stamps
        return keys


def _stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev


@dataclass(frozen=True)
class Written:
    """What the dev server knows of the pages it wrote: the keys the engine's `Reuse` gives them."""
    registry: Site | None  # the site without its articles: the people registry
    pages: dict[str, tuple[str, dict]]  # slug -> (page key, what the listing pages show of the article)
    people: dict[str, str]  # person id -> key of their pages
    paged_paths: set[str]  # people's pages and the pages across articles, which come and go with what articles say

    @classmethod
    def of(cls, site: Site, made: dict) -> "Written":
        return cls(replace(site, articles=()), made["pages"], made["people"],
                   _person_paths(people_entries(site)) | set(made["listing"]))


def _person_paths(people) -> set[str]:
    return {path for e in people if has_page(e.person.kind) for path, _ in person_pages(e)}


class MemoryCache(Cache):
    """The articles of the last build, kept in memory: the server reads only what changed."""

    def __init__(self):
        super().__init__(None)
        self.entries: dict[str, object] = {}

    def get(self, key: str):
        return self.entries.get(key)

    def put(self, key: str, value, pickled: bytes | None = None) -> None:
        self.entries[key] = value

    def prune_to(self, keys) -> None:
        keep = set(keys)
        self.entries = {k: v for k, v in self.entries.items() if k in keep}


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.exists() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, target)  # a reader never sees half a page
    return True


def error_page(message: str) -> bytes:
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error</title></head>"
            "<body style=\"font:1.1rem/1.5 system-ui;margin:2rem;max-width:70ch\"><h1>The build failed</h1>"
            f"<pre style=\"white-space:pre-wrap;background:#fee;color:#600;padding:1rem\">{escape(message)}</pre>"
            "<p>Fix the file and save it: this page reloads by itself.</p></body></html>").encode()


def wsgi_app(dev: DevBuild):
    """Serve the built files; while the last build failed, serve the error in place of every page."""
    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        target = (dev.config.out_dir / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        inside = dev.config.out_dir.resolve() in target.parents
        if dev.error and (target.suffix == ".html" or not target.exists()):
            start_response("500 Build Error", [("Content-Type", "text/html; charset=utf-8")])
            return [error_page(dev.error)]
        if not inside or not target.is_file():
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"not found"]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        start_response("200 OK", [("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text") else kind),
                                  ("Cache-Control", "no-store")])
        return [target.read_bytes()]
    return app


def serve(config: SiteConfig, config_path: Path | None, host: str = "127.0.0.1", port: int = 8000) -> None:
    from livereload import Server  # imported here: only the dev server needs it
    from livereload.handlers import LiveReloadHandler

    dev = DevBuild(config, config_path)
    dev.rebuild()
    watched = [config.seeds_dir, TEMPLATES, STATIC] + ([config_path] if config_path and config_path.exists() else [])

    def on_change() -> None:
        wait_until_quiet(lambda: snapshot([config.seeds_dir, TEMPLATES, STATIC]))
        started = time.perf_counter()
        written = dev.rebuild()
        took = (time.perf_counter() - started) * 1000
        print(f"build error: {dev.error}" if dev.error else f"rebuilt {len(written)} files in {took:.0f} ms", flush=True)

    # livereload ignores a change that comes within 3 s of the last reload, so a fix saved soon after
    # a mistake would never reach the page; wait_until_quiet already turns a burst into one build.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(app=wsgi_app(dev))
    for path in watched:
        server.watch(str(path), on_change)
    print(f"serving {config.out_dir}/ at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    server.serve(host=host, port=port, debug=False, restart_delay=0)
