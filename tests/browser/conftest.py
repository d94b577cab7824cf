"""Fixtures for browser tests of the built site, shared by the quality gate (test_quality.py)
and by interaction tests (layer toggles, person filter, cards, permalinks).

Once per session: the seeds are built into <tmp>/repo, <tmp> is served by http.server on
127.0.0.1 (so the site lives under /repo/, as on GitHub Pages), and Debian's Chromium is
launched through Playwright. Per test: `browser_page`, a fresh page in a fresh context that
records every request, console error and uncaught exception.

    def test_person_filter(browser_page):
        browser_page.goto("people/")                    # relative to base_url
        browser_page.click("text=Liu Jun")
        browser_page.assert_clean()                     # no external request, no console error

Tools missing (no Chromium, no Playwright, no node_modules): the tests skip on a developer's
machine and fail under CI (CI=true)."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import (AXE_JS, CHROMIUM, CHROMIUM_ARGS, READER_FIXTURE, Build, StaticServer, SUBPATH, article_pages,
                      build_site,
                      html_pages, page_kinds, page_url_path, require, run_axe)

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

_BUILD: Build | None = None


def built() -> Build:
    """The seeds built once per session (also at collection, to parametrize over the pages)."""
    global _BUILD
    if _BUILD is None:
        _BUILD = build_site(Path(tempfile.mkdtemp(prefix="sitegen-browser-")), SUBPATH, "--search")
    return _BUILD


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: browser quality gate of the built site (tests/browser)")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc):
    """`page_rel` runs a test once per .html page of the built site, `article_rel` once per
    article, `kind_rel` once per kind of page (one article, one person, the home page, ...)."""
    for name, lister in (("page_rel", html_pages), ("article_rel", article_pages), ("kind_rel", page_kinds)):
        if name in metafunc.fixturenames:
            build = built()
            # A failed build still yields one case per kind, which fails on `site_dir` with the output.
            pages = lister(build.site) if build.ok else ["index.html"]
            metafunc.parametrize(name, pages or ["(none found)"], ids=lambda p: page_url_path(p) or "home")


def pytest_unconfigure(config):
    if _BUILD is not None:
        shutil.rmtree(_BUILD.root, ignore_errors=True)


# ---------------------------------------------------------------------------- session fixtures


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site: <tmp>/repo, from `python build.py --seeds seeds --out <tmp>/repo`."""
    build = built()
    assert build.ok, f"build.py failed (exit {build.returncode}):\n{build.output}"
    return build.site


@pytest.fixture(scope="session")
def site_server(site_dir):
    with StaticServer(site_dir.parent) as server:
        yield server


@pytest.fixture(scope="session")
def origin(site_server) -> str:
    """http://127.0.0.1:PORT: any request outside it left the site."""
    return site_server.origin


@pytest.fixture(scope="session")
def base_url(origin) -> str:
    """http://127.0.0.1:PORT/repo/: the site's home page, as on GitHub Pages."""
    return f"{origin}/{SUBPATH}/"


@pytest.fixture(scope="session")
def published_url(site_server, origin) -> str:
    """A second build, as the Pages workflow publishes it: `--base-url <origin>/pages/`, served
    at /pages/ (for what depends on the base URL: the 404 page, canonical links, the feed)."""
    build = build_site(built().root, "pages", "--base-url", f"{origin}/pages/")
    assert build.ok, f"build.py --base-url failed (exit {build.returncode}):\n{build.output}"
    return f"{origin}/pages/"


@pytest.fixture(scope="session")
def fixture_url(site_server, origin) -> str:
    """tests/fixtures/reader (a Markdown article with a custom layer from its site.yaml, a link around
    a name and an image) built and served at /fixture/."""
    build = build_site(built().root, "fixture", "--seeds", str(READER_FIXTURE), "--config",
                       str(READER_FIXTURE / "site.yaml"))
    assert build.ok, f"build.py of {READER_FIXTURE} failed (exit {build.returncode}):\n{build.output}"
    return f"{origin}/fixture/"


@pytest.fixture(scope="session")
def axe_js() -> Path:
    require(AXE_JS.is_file(), f"{AXE_JS.relative_to(AXE_JS.parents[2])} is missing: run `npm ci`")
    return AXE_JS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
            f"no Chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed: make test installs the test extra")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# ---------------------------------------------------------------------------- per-test pages


class RecordedPage:
    """A Playwright page that records what it does; everything else is delegated to the page.

    requests      every URL the page requested (documents, CSS, JS, images, fonts, XHR, ...)
    console_errors  console messages of type error, with their location
    page_errors   uncaught exceptions
    bad_responses (status, url) of responses >= 400
    fonts         URLs of font requests
    """

    def __init__(self, page, origin: str, base_url: str):
        self.page = page
        self.origin = origin
        self.base_url = base_url
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.bad_responses: list[tuple[int, str]] = []
        self.fonts: list[str] = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(f"{exc.name}: {exc.message}"))
        page.on("response", lambda r: r.status >= 400 and self.bad_responses.append((r.status, r.url)))

    def __getattr__(self, name):
        return getattr(self.page, name)

    def _on_request(self, request):
        self.requests.append(request.url)
        if request.resource_type == "font":
            self.fonts.append(request.url)

    def _on_console(self, msg):
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc.get("url") else ""
            self.console_errors.append(f"{msg.text}{where}")

    def url_for(self, path: str = "") -> str:
        """An absolute URL for a site-relative path ('', 'people/', '<slug>/#q3')."""
        return self.base_url + path.lstrip("/")

    def goto(self, path: str = "", **kwargs):
        """Open a site-relative path (or an absolute URL) and wait until the page has loaded."""
        url = path if "://" in path else self.url_for(path)
        kwargs.setdefault("wait_until", "load")
        response = self.page.goto(url, **kwargs)  # None for a same-document (#fragment) navigation
        assert response is None or response.ok, f"{url}: HTTP {response.status}"
        return response

    def external_requests(self) -> list[str]:
        prefix = self.origin + "/"
        return [u for u in self.requests if not (u.startswith(prefix) or u == self.origin or u.startswith("data:"))]

    def assert_no_external_requests(self) -> None:
        external = self.external_requests()
        assert not external, f"{len(external)} request(s) left {self.origin}:\n  " + "\n  ".join(external)

    def assert_no_console_errors(self) -> None:
        problems = [f"console error: {e}" for e in self.console_errors] + \
                   [f"uncaught exception: {e}" for e in self.page_errors]
        assert not problems, f"{self.page.url}:\n  " + "\n  ".join(problems)

    def assert_no_bad_responses(self) -> None:
        assert not self.bad_responses, f"{self.page.url}: failed loads:\n  " + \
            "\n  ".join(f"HTTP {s} {u}" for s, u in self.bad_responses)

    def assert_clean(self) -> None:
        """No request left the site, nothing failed to load, no console error or exception."""
        self.assert_no_external_requests()
        self.assert_no_bad_responses()
        self.assert_no_console_errors()


@dataclass
class Visit:
    """What one page did when opened once (1280x900, light) and checked by axe-core."""
    page_rel: str
    url: str
    requests: list[str]
    external_requests: list[str]
    bad_responses: list[tuple[int, str]]
    console_errors: list[str]
    page_errors: list[str]
    fonts: list[str]
    font_faces: int
    axe: list[dict] | None  # None when axe-core is not installed


@pytest.fixture(scope="session")
def visits(browser, origin, base_url):
    """visits(page_rel) -> Visit: each page is opened once per session, in one shared context,
    however many checks read its Visit (the sweep over every page stays fast). axe-core runs
    after the load event, so requests and errors of the page's scripts are recorded by then."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    cache: dict[str, Visit] = {}

    def visit(page_rel: str) -> Visit:
        if page_rel not in cache:
            page = RecordedPage(context.new_page(), origin, base_url)
            try:
                page.goto(page_url_path(page_rel))
                axe = run_axe(page.page) if AXE_JS.is_file() else None
                cache[page_rel] = Visit(page_rel, page.url, list(page.requests), page.external_requests(),
                                        list(page.bad_responses), list(page.console_errors), list(page.page_errors),
                                        list(page.fonts), page.evaluate("document.fonts.size"), axe)
            finally:
                page.close()
        return cache[page_rel]

    yield visit
    context.close()


@pytest.fixture
def visited(visits, page_rel) -> Visit:
    """The Visit of this test's page (tests parametrized over `page_rel`)."""
    return visits(page_rel)


@pytest.fixture
def new_page(browser, origin, base_url):
    """A factory: new_page(viewport={'width': 390, 'height': 844}, color_scheme='dark', ...) takes
    Playwright's new_context() options and returns a RecordedPage; all are closed after the test."""
    contexts = []

    def make(**context_options) -> RecordedPage:
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return RecordedPage(context.new_page(), origin, base_url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_page) -> RecordedPage:
    """A fresh page (1280x900, light) with request, console and error recorders attached."""
    return new_page()
