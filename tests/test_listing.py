"""Listing pages stay small at any size of site: long lists are cut into pages that link to each other."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from sitegen.render.pages import (CONDITION_GROUPS_PAGE, CONDITIONS_LISTED, HOME_PAGE_SIZE, PEOPLE_PER_KIND,
                                 PERSON_PAGE_SIZE, SOURCE_PROFILES_PAGE)

ARTICLES = HOME_PAGE_SIZE * 2 + 20  # three home pages; more experts than the people index shows
OUTLETS = SOURCE_PROFILES_PAGE * 2 + 5  # three pages of outlets' profiles
ARTICLE = 'Park plan number {n} approved\n"The park will open in spring," said Ana Ruiz.\n' \
          '"Parks raise the value of homes nearby," said Expert {n}, who studies cities.\n' \
          'Moscow demanded an end to arms deliveries and control of the {valley} valley.\n'


def valley(n: int) -> str:
    """A name of five letters of its own for each article: each valley is a demand of its own."""
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[n // 26 ** i % 26] for i in range(3))
    return f"Kv{letters}"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    seeds = root / "seeds"
    seeds.mkdir()
    for n in range(ARTICLES):
        (seeds / f"a{n:03}.txt").write_text(ARTICLE.format(n=n, valley=valley(n)), encoding="utf-8")
        (seeds / f"a{n:03}.yaml").write_text(
            f"outlet: Crier {n % OUTLETS:02}\ndate: '2025-01-01'\npeople:\n  - {{name: Ana Ruiz, kind: official, role: mayor}}\n"
            f"  - {{name: Expert {n}, kind: expert}}\nquotes:\n"
            f"  - {{exact: 'The park will open in spring', speaker: Ana Ruiz, kind: direct}}\n"
            f"  - {{exact: 'Parks raise the value of homes nearby', speaker: Expert {n}, kind: direct}}\n"
            f"conditions:\n  - {{exact: an end to arms deliveries, by: Russia}}\n"
            f"  - {{exact: control of the {valley(n)} valley, by: Russia}}\n", encoding="utf-8")
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


def test_conditions_come_in_pages_and_every_report_is_reachable(big_site):
    """Groups of conditions, CONDITION_GROUPS_PAGE a page; a group reported more than CONDITIONS_LISTED
    times lists that many and links to its own pages, where every report links to where it is stated."""
    groups = follow(big_site, "conditions/index.html", ".condition-groups > li > h2")
    assert len(groups) == len(set(groups)) == ARTICLES + 1  # one valley each, and the arms everyone demands
    assert groups[0] == "an end to arms deliveries"  # the most reported first
    index = soup(big_site / "conditions/index.html")
    assert len(index.select(".condition-groups > li")) == CONDITION_GROUPS_PAGE
    first = index.select_one(".condition-groups > li")
    assert len(first.select("ul > li")) == CONDITIONS_LISTED
    link = first.select_one(".more a")
    assert f"All {ARTICLES} reports" in link.get_text()
    reports = follow(big_site / "conditions", link["href"], ".report-list > li a")
    assert len(reports) == ARTICLES and (big_site / "conditions" / link["href"]).parent.joinpath("index-2.html").is_file()
    hrefs = [a["href"] for page in (big_site / "conditions" / link["href"]).parent.glob("*.html")
             for a in soup(page).select(".report-list > li a")]
    assert sorted(h.split("/")[-2] for h in hrefs) == sorted(p.name for p in big_site.glob("park-plan-number-*"))
    assert all(h.endswith("/index.html#c1") for h in hrefs)
    folders = [p.name for p in (big_site / "conditions").iterdir() if p.is_dir()]
    assert folders == [link["href"].split("/")[0]]  # the valleys, each reported once, have no page of their own


def test_sources_compare_every_outlet_on_the_first_page_and_profile_them_in_pages(big_site):
    """The table compares every outlet; each outlet's name leads to its profile, SOURCE_PROFILES_PAGE a page."""
    rows = soup(big_site / "sources/index.html").select("tbody th a")
    assert [a.get_text() for a in rows] == [f"Crier {n:02}" for n in range(OUTLETS)]
    for a in rows:  # each name leads to the section that profiles it, on whichever page that is
        page, fragment = a["href"].split("#")
        assert soup(big_site / "sources" / page).select_one(f"#{fragment}").get_text() == a.get_text()
    profiled = follow(big_site, "sources/index.html", "section.profile h2")
    assert profiled == [a.get_text() for a in rows]  # each once, in the table's order
    assert (big_site / "sources/index-3.html").is_file() and not (big_site / "sources/index-4.html").exists()
    assert not soup(big_site / "sources/index-2.html").select("table")


def test_every_listing_page_stays_small_and_every_link_resolves(big_site):
    assert run_build("check", "--seeds", str(big_site.parent / "seeds"), "--out", str(big_site)).returncode == 0
    listing = [big_site / "index.html", big_site / "people/index.html",
               *big_site.glob("people/by-kind/*/*.html"), *big_site.glob("people/ana-ruiz/*.html"),
               *big_site.glob("conditions/*.html"), *big_site.glob("conditions/*/*.html"),
               *big_site.glob("sources/*.html")]
    assert sum("conditions" in p.parts for p in listing) == 5 + 2  # five pages of groups, two of one group's
    assert sum("sources" in p.parts for p in listing) == 3
    assert all(p.stat().st_size < 100_000 for p in listing)


def test_pages_of_conditions_and_outlets_come_and_go_with_what_articles_report(tmp_path):
    """A group gets pages of its own once reported more than CONDITIONS_LISTED times, and loses them when
    it is reported less; the outlets' profiles take a second page and give it up: after each change the
    CLI's rebuild and the dev server's equal a clean build."""
    from sitegen.config import SiteConfig
    from sitegen.serve import DevBuild

    seeds = tmp_path / "seeds"
    seeds.mkdir()

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    dev = DevBuild(SiteConfig(seeds_dir=seeds, out_dir=tmp_path / "dev"))
    many = max(CONDITIONS_LISTED, SOURCE_PROFILES_PAGE) + 2
    for step, (reporting, outlets) in enumerate(((many, many), (2, 1), (CONDITIONS_LISTED + 1, many))):
        for n in range(many):
            said = "Moscow demanded an end to arms deliveries" if n < reporting else "The talks went on"
            (seeds / f"a{n}.txt").write_text(f"Talks, day {n + 1}\n{said}, officials said.\n", encoding="utf-8")
            (seeds / f"a{n}.yaml").write_text(
                f"outlet: Crier {n % outlets:02}\ndate: '2025-01-{n + 1:02}'\n"
                + ("conditions:\n  - {exact: an end to arms deliveries, by: Russia}\n" if n < reporting else ""),
                encoding="utf-8")
        assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "cli")).returncode == 0
        assert dev.rebuild() and dev.error is None
        clean = tmp_path / f"clean{step}"
        assert run_build("--seeds", str(seeds), "--out", str(clean), "--no-cache").returncode == 0
        own = [p.parent.name for p in clean.glob("conditions/*/index.html")]
        assert own == (["arms-deliv"] if reporting > CONDITIONS_LISTED else [])
        assert (clean / "sources/index-2.html").exists() == (outlets > SOURCE_PROFILES_PAGE)
        assert files(tmp_path / "cli") == files(clean), step
        assert files(tmp_path / "dev") == files(clean), step
