"""Publishing: GitHub Pages under a sub-path, canonical links, sitemap, feed, 404, and `build.py check`."""
from __future__ import annotations

import functools
import shutil
import threading
import xml.etree.ElementTree as ET
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS, run_build
from sitegen.load import load_article

BASE = "https://user.github.io/repo/"


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory) -> Path:
    """The seeds built as GitHub Pages builds them: for https://user.github.io/repo/."""
    out = tmp_path_factory.mktemp("gh") / "repo"
    result = run_build("--seeds", str(SEEDS), "--out", str(out), "--base-url", BASE.rstrip("/"))
    assert result.returncode == 0, result.stderr
    return out


def test_every_page_has_an_absolute_canonical_link(pages_site):
    for page in pages_site.rglob("*.html"):
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib").select("link[rel=canonical]")
        assert len(link) == 1
        path = page.relative_to(pages_site).as_posix()
        assert link[0]["href"] == BASE + path.removesuffix("index.html")


def test_sitemap_lists_every_page_with_absolute_urls(pages_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [u.text for u in ET.parse(pages_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    pages = {BASE + p.relative_to(pages_site).as_posix().removesuffix("index.html")
             for p in pages_site.rglob("*.html") if p.name != "404.html"}
    assert set(urls) == pages and len(urls) == len(pages)


def test_atom_feed_has_one_entry_per_article(pages_site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(pages_site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 2
    for e in entries:
        href = e.find("a:link", ns).get("href")
        assert href.startswith(BASE) and (pages_site / href[len(BASE):] / "index.html").is_file()
        assert e.find("a:updated", ns).text == "2025-03-19T00:00:00Z"


def rendered(seeds: Path, base_url: str = BASE) -> dict[str, bytes]:
    """Every file of the site built from `seeds`, in memory (the package's own API)."""
    from sitegen.build import read_site
    from sitegen.config import load_config
    from sitegen.render.pages import render_site

    config = load_config(None, seeds_dir=seeds, base_url=base_url, jobs=1)
    return render_site(read_site(config), config)


def test_a_sitemap_past_the_protocols_limit_is_split_under_an_index(monkeypatch):
    """Past SITEMAP_URLS addresses (50,000 in sitemaps.org's protocol), sitemap.xml is an index of parts,
    each within the limit, that together list every page once."""
    import sitegen.render.pages as pages

    monkeypatch.setattr(pages, "SITEMAP_URLS", 10)
    files = rendered(SEEDS)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    html = {BASE + path.removesuffix("index.html") for path in files if path.endswith(".html") and path != "404.html"}
    assert len(parts) == -(-len(html) // 10) and all(p.startswith(BASE + "sitemap-") for p in parts)
    urls = [loc.text for p in parts for loc in ET.fromstring(files[p[len(BASE):]]).findall("s:url/s:loc", ns)]
    assert sorted(urls) == sorted(html)
    assert all(len(ET.fromstring(files[p[len(BASE):]])) <= 10 for p in parts)


def test_the_feed_holds_the_newest_articles(tmp_path, monkeypatch):
    import sitegen.render.pages as pages

    monkeypatch.setattr(pages, "FEED_ENTRIES", 2)
    for n, date in enumerate(("2025-03-02", "2025-03-09", "2025-03-01")):
        (tmp_path / f"a{n}.txt").write_text(f"Talks, day {n + 1}\nThe talks went on, officials said.\n",
                                            encoding="utf-8")
        (tmp_path / f"a{n}.yaml").write_text(f"outlet: Town Crier\ndate: '{date}'\n", encoding="utf-8")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(rendered(tmp_path)["feed.xml"])
    assert [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)] == ["Talks, day 2", "Talks, day 1"]
    assert feed.find("a:updated", ns).text == "2025-03-09T00:00:00Z"


def test_404_page_links_absolutely_from_any_address(pages_site):
    soup = BeautifulSoup((pages_site / "404.html").read_text(encoding="utf-8"), "html5lib")
    assert soup.select_one("main a")["href"] == BASE + "index.html"
    assert soup.select_one("link[rel=stylesheet]")["href"] == BASE + "static/css/site.css"
    assert soup.select_one("a.skip")["href"] == "#main"


def test_without_a_base_url_nothing_claims_an_absolute_address(seeds_site):
    assert not (seeds_site / "sitemap.xml").exists() and not (seeds_site / "feed.xml").exists()
    canonical = BeautifulSoup((seeds_site / "people/index.html").read_text(), "html5lib").select_one("link[rel=canonical]")
    assert canonical["href"] == "index.html"


def test_bad_base_url_is_refused(tmp_path):
    result = run_build("--seeds", str(SEEDS), "--out", str(tmp_path / "o"), "--base-url", "user.github.io/repo")
    assert result.returncode == 2 and "must be an absolute http:// or https:// address" in result.stderr


def test_served_under_a_sub_path_every_link_works(pages_site):
    """Serve the site at http://127.0.0.1:PORT/repo/ as GitHub Pages would, and follow every link."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(pages_site.parent))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        start = f"{origin}/repo/index.html"
        seen, queue, fetched = set(), [start], 0
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            with urlopen(url, timeout=10) as response:  # raises on 404
                assert response.status == 200, url
                body = response.read()
            fetched += 1
            if not url.endswith(".html"):
                continue
            for el in BeautifulSoup(body, "html5lib").select("a[href], link[href], script[src]"):
                target = urljoin(url, el.get("href") or el.get("src")).split("#")[0]
                if urlsplit(target).netloc == urlsplit(origin).netloc:
                    assert urlsplit(target).path.startswith("/repo/"), f"{url} links outside the site: {target}"
                    queue.append(target)
        assert fetched > 40
    finally:
        server.shutdown()


def test_check_passes_on_a_good_site_and_lists_problems_otherwise(seeds_site, tmp_path):
    good = run_build("check", "--seeds", str(SEEDS), "--out", str(seeds_site))
    assert good.returncode == 0, good.stdout
    broken = tmp_path / "site"
    shutil.copytree(seeds_site, broken)
    page = next(broken.glob("*/quiz.html")).parent / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="#q3"', 'href="#q999"', 1), encoding="utf-8")
    (broken / "index.html").write_text((broken / "index.html").read_text() + "<p>stray</div>", encoding="utf-8")
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    sidecar = seeds / "001_bc0a6ab47d58b0ed.yaml"
    data = sidecar.read_text(encoding="utf-8").replace("exact: Trump supported it", "exact: Trump opposed it firmly")
    sidecar.write_text(data, encoding="utf-8")
    result = run_build("check", "--seeds", str(seeds), "--out", str(broken))
    assert result.returncode == 1
    problems = result.stdout.strip().splitlines()
    assert any("no element with id 'q999'" in p for p in problems)
    assert any(p.startswith("index.html:") and "HTML parse error" in p for p in problems)
    assert any("001_bc0a6ab47d58b0ed.yaml:" in p and "does not anchor" in p for p in problems)


def test_pages_workflow_builds_with_make_site_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = [s.get("uses", s.get("run", "")) for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(s.startswith("actions/configure-pages@") for s in steps)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert any("make site" in s and "BASE_URL=" in s and "steps.pages.outputs.base_url" in s for s in steps)


def test_search_index_with_speaker_filters(tmp_path):
    out = tmp_path / "site"
    result = run_build("--seeds", str(SEEDS), "--out", str(out), "--search")
    assert result.returncode == 0, result.stderr
    entry = (out / "pagefind/pagefind-entry.json").read_text()
    assert '"en"' in entry and (out / "pagefind/pagefind.js").is_file()
    assert not list((out / "pagefind").glob("pagefind-*ui*"))  # the stock interfaces are not published
    search = BeautifulSoup((out / "search/index.html").read_text(), "html5lib")
    assert [s["src"] for s in search.select("script[src]")] == ["../static/js/search.js"]  # it imports pagefind.js
    assert "pagefind/pagefind.js" in (ROOT / "static/js/search.js").read_text()
    article = out / load_article(SEEDS / "000_491c724cc8796fa2.txt").slug / "index.html"
    soup = BeautifulSoup(article.read_text(), "html5lib")
    assert soup.select_one("article[data-pagefind-body]") is not None
    speakers = {el.get_text() for el in soup.select('[data-pagefind-filter="speaker"]')}
    quoted = {li["data-name"] for li in soup.select("#who .cast li") if li["data-quotes"] != "0"}
    assert speakers == quoted and "Liu Jun" in speakers
    kinds = [el["data-pagefind-filter"] for el in soup.select('[data-pagefind-filter^="kind of speaker:"]')]
    assert len(kinds) == len(set(kinds)) and {"kind of speaker:expert", "kind of speaker:official"} <= set(kinds)
    assert "Search" in [a.get_text() for a in soup.select("header nav li a")]
