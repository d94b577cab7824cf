"""Plain helpers for the browser quality gate: where the tools are, skip-or-fail, the local
server, the built site's pages and their weight, axe-core and the Nu HTML Checker.

Nothing here downloads anything: Chromium is Debian's (/usr/bin/chromium), axe-core and
vnu.jar come from node_modules/ (`npm ci`, pinned in package-lock.json)."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
READER_FIXTURE = ROOT / "tests" / "fixtures" / "reader"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SUBPATH = "repo"  # served under /repo/, as GitHub Pages serves a project site

# Playwright's launch(headless=True) already passes --headless, --no-sandbox (chromiumSandbox is
# off by default), --no-first-run, --disable-background-networking, --disable-component-update and
# --disable-sync (playwright-core's chromiumSwitches; checked on the running process with
# Playwright 1.65 and Debian's Chromium 156), so only what it does not add is passed here.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic"]

ARTICLE_BUDGET = 100_000  # bytes: an article page with its same-site CSS and JS, uncompressed
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")
AXE_TAGS = ["wcag2a", "wcag2aa"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(ok: bool, what: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail under CI (CI=true)."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{what} (CI=true: the browser quality gate may not skip; run .ci/run or make test)",
                    pytrace=False)
    pytest.skip(what)


# ---------------------------------------------------------------------------- the build


@dataclass
class Build:
    root: Path          # served as the web root
    site: Path          # root / SUBPATH: the built site
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and (self.site / "index.html").is_file()


def build_site(root: Path, subpath: str = SUBPATH, *options: str) -> Build:
    """`python build.py --seeds seeds --out <root>/<subpath> [options]`, as a user runs it (a --seeds
    in `options` replaces the seeds)."""
    site = root / subpath
    seeds = [] if "--seeds" in options else ["--seeds", str(SEEDS)]
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), *seeds, "--out", str(site),
                             *options], cwd=ROOT, capture_output=True, text=True, timeout=300)
    return Build(root, site, result.returncode, result.stdout + result.stderr)


def html_pages(site: Path) -> list[str]:
    """Every .html file of the built site, as POSIX paths relative to it, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def article_pages(site: Path) -> list[str]:
    """The article pages: `<slug>/index.html` with the article's annotation export beside it."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*/index.html")
                  if (p.parent / "annotations.jsonld").is_file())


def page_kinds(site: Path) -> list[str]:
    """One page of each kind (home, 404, an article, an article's guide.html, a person, ...): the
    first page of each path pattern, with article slugs and the folder names below a section
    folder (people/<name>/) generalised."""
    articles = {Path(p).parent.as_posix() for p in article_pages(site)}
    seen: dict[str, str] = {}
    for rel in html_pages(site):
        parts = rel.split("/")
        if parts[0] in articles:
            key = "/".join(["<article>", *parts[1:]])
        elif len(parts) > 2:
            key = "/".join([parts[0], "<name>", parts[-1]])
        else:
            key = rel
        seen.setdefault(key, rel)
    return sorted(seen.values())


def page_url_path(rel: str) -> str:
    """The URL path a person would use: `people/index.html` -> `people/`."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


# ---------------------------------------------------------------------------- the server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does in the ways the site can notice: a missing path under
    /<site>/ gets that site's own <site>/404.html with status 404, at whatever depth it was asked."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        top = urlsplit(self.path).path.lstrip("/").split("/", 1)[0]
        not_found = Path(self.directory) / top / "404.html" if top and top not in (".", "..") else None
        if code == 404 and not_found is not None and not_found.is_file() and self.command in ("GET", "HEAD"):
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Python's http.server over `root` on 127.0.0.1, a free port, in a daemon thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> "StaticServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


# ---------------------------------------------------------------------------- page weight


class _Refs(HTMLParser):
    """The stylesheets, scripts and other resources a page asks the browser to load."""

    LOADING = {("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
               ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
               ("embed", "src"), ("object", "data"), ("track", "src"), ("input", "src")}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.loaded: list[tuple[str, str]] = []  # (tag, url) of everything the page loads
        self.inline_styles: list[str] = []
        self.link_rels: list[str] = []  # every rel keyword of every <link>
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link":
            self.link_rels.extend(sorted(rel))
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.stylesheets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if tag == "style":
            self._in_style = True
        for name, value in a.items():
            if (tag, name) not in self.LOADING or not value:
                continue
            if tag == "link" and not rel & {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect",
                                              "dns-prefetch", "icon", "apple-touch-icon", "manifest"}:
                continue
            urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if name == "srcset" \
                else [value]
            self.loaded.extend((tag, u) for u in urls)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)


def parse_refs(html: str) -> _Refs:
    refs = _Refs()
    refs.feed(html)
    refs.close()
    return refs


def is_same_site(url: str) -> bool:
    """A relative URL (no scheme, no host): the site links relatively everywhere."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.I)


def local_file(site: Path, page_rel: str, url: str) -> Path | None:
    """The file in `site` that a relative URL on page `page_rel` points to (None if outside it)."""
    path = unquote(urlsplit(urljoin("/" + page_rel, url)).path).lstrip("/")
    target = (site / path).resolve()
    try:
        target.relative_to(site.resolve())
    except ValueError:
        return None
    return target / "index.html" if target.is_dir() else target


@dataclass
class Weight:
    page: str
    parts: dict[str, int] = field(default_factory=dict)  # site-relative path -> bytes
    missing: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.parts.values())

    def describe(self) -> str:
        rows = ", ".join(f"{name} {size:,} B" for name, size in self.parts.items())
        return f"{self.page}: {self.total:,} bytes = {rows}"


def page_weight(site: Path, page_rel: str) -> Weight:
    """The page's HTML plus every same-site stylesheet (with its @imports) and script it references."""
    weight = Weight(page_rel)
    html_file = site / page_rel
    weight.parts[page_rel] = html_file.stat().st_size
    refs = parse_refs(html_file.read_text(encoding="utf-8"))
    todo = [(page_rel, u, "css") for u in refs.stylesheets] + [(page_rel, u, "js") for u in refs.scripts]
    while todo:
        base, url, kind = todo.pop(0)
        if not is_same_site(url):
            weight.external.append(url)
            continue
        target = local_file(site, base, url)
        if target is None or not target.is_file():
            weight.missing.append(url)
            continue
        name = target.relative_to(site.resolve()).as_posix()
        if name in weight.parts:
            continue
        weight.parts[name] = target.stat().st_size
        if kind == "css":
            todo.extend((name, u, "css") for u in _CSS_IMPORT.findall(target.read_text(encoding="utf-8")))
    return weight


# ---------------------------------------------------------------------------- axe-core


def run_axe(page) -> list[dict]:
    """axe-core's violations on the loaded page: its default rules plus the WCAG 2 A/AA tags."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            // axe's default rule set, plus every non-experimental rule tagged wcag2a/wcag2aa that
            // is off by default: one run, so each element is reported once.
            const rules = {};
            for (const r of axe.getRules(tags)) {
                if (!r.tags.includes('experimental')) rules[r.ruleId] = {enabled: true};
            }
            const out = await axe.run(document, {rules, resultTypes: ['violations']});
            return out.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )
    return result


def format_axe(page_rel: str, violations: list[dict], max_nodes: int = 8) -> str:
    lines = [f"{page_rel}: {len(violations)} axe-core violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s))")
        for node in v["nodes"][:max_nodes]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            lines.append(f"      {target}  {node['html'][:160]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"      ... and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- the Nu HTML Checker


def java() -> str | None:
    return shutil.which("java")


def run_vnu(site: Path, pages: list[str]) -> list[dict]:
    """Errors of the Nu HTML Checker over every page in one JVM (it is slow to start)."""
    files = [str(site / p) for p in pages]
    result = subprocess.run([java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=600)
    report = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as exc:
        raise AssertionError(f"vnu.jar gave no JSON report (exit {result.returncode}): {report[:2000]}") from exc
    if result.returncode not in (0, 1):
        raise AssertionError(f"vnu.jar failed (exit {result.returncode}): {report[:2000]}")
    for m in messages:
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        try:
            m["page"] = path.resolve().relative_to(site.resolve()).as_posix()
        except ValueError:
            m["page"] = url
    return [m for m in messages if m.get("type") in ("error", "non-document-error")
            or m.get("subType") == "fatal"]


def format_vnu(messages: list[dict]) -> str:
    lines = [f"{len(messages)} Nu HTML Checker error(s):"]
    for m in messages:
        where = f"{m['page']}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
        extract = (m.get("extract") or "").replace("\n", " ")[:120]
        lines.append(f"  {where}: {m.get('message')}" + (f"  [{extract}]" if extract else ""))
    return "\n".join(lines)
