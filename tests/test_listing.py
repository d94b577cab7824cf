"""Listing pages stay small at any size of site: long lists are cut into pages that link to each other."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from sitegen.render.pages import HOME_PAGE_SIZE, PEOPLE_PER_KIND, PERSON_PAGE_SIZE

ARTICLES = HOME_PAGE_SIZE * 2 + 20  # three home pages; more experts than the people index shows
ARTICLE = 'Park plan number {n} approved\n"The park will open in spring," said Ana Ruiz.\n' \
          '"Parks raise the value of homes nearby," said Expert {n}, who studies cities.\n'


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    seeds = root / "seeds"
    seeds.mkdir()
    for n in range(ARTICLES):
        (seeds / f"a{n:03}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
        (seeds / f"a{n:03}.yaml").write_text(
            f"outlet: Town Crier\ndate: '2025-01-01'\npeople:\n  - {{name: Ana Ruiz, kind: official, role: mayor}}\n"
            f"  - {{name: Expert {n}, kind: expert}}\nquotes:\n"
            f"  - {{exact: 'The park will open in spring', speaker: Ana Ruiz, kind: direct}}\n"
            f"  - {{exact: 'Parks raise the value of homes nearby', speaker: Expert {n}, kind: direct}}\n",
            encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "html5lib")


def follow(site: Path, first: str, selector: str) -> list[str]:
    """The items of a list spread over pages, following the pager from the first page."""
    seen, items, todo = set(), [], [site / first]
    while todo:
        page = todo.pop(0).resolve()
        if page in seen:
            continue
        seen.add(page)
        html = soup(page)
        items += [el.get_text() for el in html.select(selector)]
        todo += [page.parent / a["href"] for a in html.select("nav.pager a")]
    return items


def test_home_pages_list_every_article_once(big_site):
    titles = follow(big_site, "index.html", ".article-list h2 a")
    assert sorted(titles) == sorted(f"Park plan number {n} approved" for n in range(ARTICLES))
    assert (big_site / "index-3.html").is_file() and not (big_site / "index-4.html").exists()
    current = soup(big_site / "index-2.html").select('nav.pager a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["2"]


def test_people_index_shows_the_most_quoted_and_links_to_the_whole_list(big_site):
    index = soup(big_site / "people/index.html")
    experts = index.select('section[data-kind="expert"] li .name')
    assert len(experts) == PEOPLE_PER_KIND
    link = index.select_one('section[data-kind="expert"] .more a')
    assert link["href"] == "by-kind/expert/index.html"
    everyone = follow(big_site, "people/by-kind/expert/index.html", "li .name")
    assert sorted(everyone) == sorted(f"Expert {n}" for n in range(ARTICLES))


def test_a_person_quoted_everywhere_gets_pages_of_quotes(big_site):
    quotes = follow(big_site, "people/ana-ruiz/index.html", ".quote-list > li blockquote")
    assert quotes == ["The park will open in spring"] * ARTICLES
    second = soup(big_site / "people/ana-ruiz/index-2.html")
    assert second.select_one(".quote-list")["start"] == str(PERSON_PAGE_SIZE + 1)


def test_every_listing_page_stays_small_and_every_link_resolves(big_site):
    assert run_build("check", "--seeds", str(big_site.parent / "seeds"), "--out", str(big_site)).returncode == 0
    listing = [big_site / "index.html", big_site / "people/index.html", big_site / "sources/index.html",
               *big_site.glob("people/by-kind/*/*.html"), *big_site.glob("people/ana-ruiz/*.html")]
    assert all(p.stat().st_size < 100_000 for p in listing)
