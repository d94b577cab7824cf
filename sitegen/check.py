"""`build.py check`: is a built site whole? Links and fragments resolve, annotations anchor, pages parse.

BeautifulSoup and html5lib are imported here, lazily: checking reads HTML, building never does.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .annotate import annotate
from .config import SiteConfig
from .errors import SourceError
from .load import load_article, source_files


@dataclass(frozen=True)
class Problem:
    where: str  # path:line, or path
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def check_sources(config: SiteConfig) -> list[Problem]:
    """Every article loads and every curated annotation anchors."""
    problems = []
    for path in source_files(config.seeds_dir):
        try:
            annotate(load_article(path), config)
        except SourceError as exc:
            problems.append(Problem(f"{exc.path}:{exc.line}", exc.message))
    return problems


def check_pages(site_dir: Path) -> list[Problem]:
    """Every internal link and fragment resolves; every page parses as HTML5 without errors."""
    import html5lib
    from bs4 import BeautifulSoup

    if not (site_dir / "index.html").is_file():
        return [Problem(str(site_dir), "no built site here (no index.html): run the build first")]
    pages = sorted(site_dir.rglob("*.html"))
    soups = {p: BeautifulSoup(p.read_bytes(), "html5lib") for p in pages}
    ids = {p.resolve(): {el["id"] for el in s.select("[id]")} for p, s in soups.items()}
    problems = []
    for page, soup in soups.items():
        rel = page.relative_to(site_dir)
        parser = html5lib.HTMLParser()
        parser.parse(page.read_bytes())
        for (line, col), code, _ in parser.errors:
            problems.append(Problem(f"{rel}:{line}", f"HTML parse error: {code}"))
        for el in soup.select("[href], [src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or el.name == "base":
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            line = getattr(el, "sourceline", None)
            where = f"{rel}:{line}" if line else str(rel)
            if not target.is_file():
                problems.append(Problem(where, f"broken link {url}"))
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, ()):
                problems.append(Problem(where, f"no element with id {parts.fragment!r} for link {url}"))
    return problems
