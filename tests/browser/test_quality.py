"""The built site's quality gate, page by page: valid HTML (Nu HTML Checker), no axe-core
violations (default rules + WCAG 2 A/AA), nothing loaded from elsewhere, no console errors,
no web fonts, article pages under 100 KB with their CSS and JS; screenshots and a PDF in
test-artifacts/ for people to look at.

`page_rel` is every .html page of the built site, `article_rel` every article page, `kind_rel`
one page of each kind (conftest.py parametrizes them from the built site)."""
from __future__ import annotations

import pytest

from .helpers import (ARTICLE_BUDGET, ARTIFACTS, FONT_SUFFIXES, SCREENSHOTS, VNU_JAR, article_pages, format_axe,
                      format_vnu, html_pages, is_same_site, java, page_url_path, page_weight, parse_refs, require,
                      run_axe, run_vnu)

# ---------------------------------------------------------------------------- whole site, no browser


def test_every_page_is_valid_html(site_dir):
    """vnu.jar --errors-only over every page, in one JVM."""
    require(java() is not None, "no `java` on PATH: apt-get install default-jre-headless")
    require(VNU_JAR.is_file(), "node_modules/vnu-jar is missing: run `npm ci`")
    errors = run_vnu(site_dir, html_pages(site_dir))
    if errors:
        pytest.fail(format_vnu(errors), pytrace=False)


def test_article_page_weighs_under_budget(site_dir, article_rel):
    """The HTML plus every same-site stylesheet and script it references, uncompressed."""
    weight = page_weight(site_dir, article_rel)
    assert not weight.missing, f"{article_rel} references files that are not in the site: {weight.missing}"
    assert not weight.external, f"{article_rel} loads CSS/JS from elsewhere: {weight.external}"
    if weight.total >= ARTICLE_BUDGET:
        pytest.fail(f"over {ARTICLE_BUDGET:,} bytes: {weight.describe()}", pytrace=False)


def test_search_page_weighs_under_budget(site_dir):
    """The search page with its CSS, its script and the Pagefind module that script imports (the index
    and its WebAssembly are data, fetched on the first search)."""
    weight = page_weight(site_dir, "search/index.html")
    module = site_dir / "pagefind" / "pagefind.js"
    assert module.is_file() and not weight.missing
    weight.parts["pagefind/pagefind.js"] = module.stat().st_size
    if weight.total >= ARTICLE_BUDGET:
        pytest.fail(f"over {ARTICLE_BUDGET:,} bytes: {weight.describe()}", pytrace=False)


def test_site_has_no_web_fonts(site_dir):
    """No font files in the site, no @font-face in any stylesheet or <style>."""
    fonts = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.suffix.lower() in FONT_SUFFIXES]
    assert not fonts, f"font files in the site: {fonts}"
    font_faces = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.css")
                  if "@font-face" in p.read_text(encoding="utf-8").lower()]
    for rel in html_pages(site_dir):
        if any("@font-face" in css.lower() for css in parse_refs((site_dir / rel).read_text("utf-8")).inline_styles):
            font_faces.append(rel)
    assert not font_faces, f"@font-face in: {font_faces}"


def test_pages_reference_no_third_party_resources(site_dir):
    """Every stylesheet, script, image, frame, icon, preload and preconnect is a relative URL."""
    found = []
    for rel in html_pages(site_dir):
        for tag, url in parse_refs((site_dir / rel).read_text(encoding="utf-8")).loaded:
            if not is_same_site(url) and not url.startswith("data:"):
                found.append(f"{rel}: <{tag}> {url}")
    if found:
        pytest.fail("resources from elsewhere:\n  " + "\n  ".join(found), pytrace=False)


def test_pages_declare_an_icon(site_dir):
    """A page without <link rel="icon"> makes browsers fetch /favicon.ico from the host's root:
    outside the site under /repo/ (a 404 and a console error on GitHub Pages)."""
    missing = [rel for rel in html_pages(site_dir)
               if "icon" not in parse_refs((site_dir / rel).read_text(encoding="utf-8")).link_rels]
    assert not missing, f"{len(missing)} page(s) without <link rel=\"icon\">: {missing}"


# ---------------------------------------------------------------------------- every page, in the browser


def test_page_has_no_axe_violations(axe_js, visited):
    assert visited.axe is not None
    if visited.axe:
        pytest.fail(format_axe(visited.page_rel, visited.axe), pytrace=False)


def test_page_has_no_axe_violations_in_dark_mode(new_page, axe_js, kind_rel):
    """The same rules with prefers-color-scheme: dark, on one page of each kind (colours come
    from the stylesheet, which every page shares)."""
    page = new_page(color_scheme="dark")
    page.goto(page_url_path(kind_rel))
    violations = run_axe(page.page)
    if violations:
        pytest.fail(format_axe(f"{kind_rel} (dark)", violations), pytrace=False)


def test_page_requests_nothing_from_elsewhere(visited):
    if visited.external_requests:
        pytest.fail(f"{visited.page_rel}: {len(visited.external_requests)} request(s) left the site:\n  "
                    + "\n  ".join(visited.external_requests), pytrace=False)


def test_page_loads_without_errors(visited):
    """No console error, no uncaught exception, nothing that fails to load."""
    problems = [f"console error: {e}" for e in visited.console_errors] + \
               [f"uncaught exception: {e}" for e in visited.page_errors] + \
               [f"HTTP {status}: {url}" for status, url in visited.bad_responses]
    if problems:
        pytest.fail(f"{visited.page_rel}:\n  " + "\n  ".join(problems), pytrace=False)


def test_page_loads_no_web_fonts(visited):
    assert not visited.fonts, f"{visited.page_rel} loads fonts: {visited.fonts}"
    assert visited.font_faces == 0, f"{visited.page_rel} declares {visited.font_faces} web font(s) (document.fonts)"


def test_home_page_links_reach_every_article(browser_page, site_dir):
    """Under /repo/, in a real browser: each article is one click from the home page."""
    browser_page.goto("")
    for rel in article_pages(site_dir):
        target = browser_page.url_for(page_url_path(rel))
        hrefs = browser_page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        matches = [i for i, h in enumerate(hrefs) if h.split("#")[0] in (target, target + "index.html")]
        assert matches, f"the home page has no link to {target}"
        with browser_page.expect_navigation(wait_until="load"):
            browser_page.locator("a[href]").nth(matches[0]).click()
        assert browser_page.url.split("#")[0] in (target, target + "index.html")
        assert browser_page.locator("h1").count() == 1, f"{rel}: expected one <h1>"
        browser_page.go_back(wait_until="load")
    browser_page.assert_clean()


def test_missing_page_shows_a_working_404_page(browser_page, published_url):
    """GitHub Pages answers any missing address with the site's 404.html, at that address: for a
    renamed article one folder deep. Built with --base-url as the Pages workflow builds it, the
    404 page must load its stylesheet, link to real pages, and keep in-page links in the page."""
    url = published_url + "no-such-article/"
    response = browser_page.page.goto(url, wait_until="load")
    assert response is not None and response.status == 404
    failed = [f"HTTP {status} {u}" for status, u in browser_page.bad_responses if u != url]
    styled = browser_page.evaluate(
        "[...document.styleSheets].some(s => { try { return s.cssRules.length > 0 } catch (e) { return false } })")
    links = browser_page.eval_on_selector_all(
        "a[href]", "links => links.map(a => [a.getAttribute('href'), a.href, a.outerHTML.slice(0, 120)])")
    broken = sorted({f"{html} -> {href} (no such page)" for raw, href, html in links
                     if href.startswith(url) and not raw.startswith("#")})
    off_page = sorted({f"{html} -> {href} (leaves the page)" for raw, href, html in links
                       if raw.startswith("#") and href.split("#")[0] != url})
    problems = failed + ([] if styled else ["no stylesheet applied"]) + broken + off_page
    if problems:
        pytest.fail(f"404.html served at {url}:\n  " + "\n  ".join(problems), pytrace=False)
    browser_page.assert_no_external_requests()
    errors = [e for e in browser_page.console_errors if url not in e] + browser_page.page_errors
    assert not errors, f"404.html served at {url}: {errors}"


# ---------------------------------------------------------------------------- pictures for people


def _shot_pages(site_dir):
    articles = article_pages(site_dir)
    assert articles, "the site has no article pages"
    return [("home", ""), ("article", page_url_path(articles[0]))]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(new_page, site_dir, width, scheme):
    """Full-page screenshots of the home page and one article, into test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in _shot_pages(site_dir):
        page = new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page.goto(path)
        out = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=str(out), full_page=True)
        assert out.stat().st_size > 0
        page.assert_clean()


def test_article_prints_to_pdf(new_page, site_dir):
    """One article printed (A4, print stylesheet) to test-artifacts/article.pdf."""
    _, path = _shot_pages(site_dir)[1]
    page = new_page()
    page.goto(path)
    page.emulate_media(media="print")
    out = ARTIFACTS / "article.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(out), format="A4", print_background=True)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 1
    page.assert_clean()
