"""Site pages, read with a real HTML parser: people, person pages, conditions, compare sources,
the no-JavaScript parts of the article page (legend, panels, endnotes), and hand-built sites for
what the seeds lack (a quote without a speaker, automatic annotations, roles that change over time)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SEEDS
from sitegen.config import SiteConfig
from sitegen.build import read_site
from sitegen.link import link
from sitegen.load import load_article
from sitegen.model import AnnotatedArticle, Annotation, Article, Block, Metadata, Person
from sitegen.render.collections import demand_key
from sitegen.render.pages import render_site


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


@pytest.fixture(scope="module")
def site_model():
    return read_site(SiteConfig(seeds_dir=SEEDS))


def gt_page(seeds_site):
    return seeds_site / load_article(SEEDS / "000_491c724cc8796fa2.txt").slug / "index.html"


def test_every_page_links_the_four_site_sections(seeds_site):
    for page in seeds_site.rglob("*.html"):
        nav = [a.get_text() for a in soup_of(page).select("header nav li a")]
        assert nav == ["Articles", "People", "Conditions", "Compare sources"], page


def test_people_page_lists_everyone_once_grouped_by_kind(seeds_site, site_model):
    soup = soup_of(seeds_site / "people/index.html")
    names = [a.get_text() for a in soup.select(".kind-group li > .name")]
    assert sorted(names) == sorted(p.name for p in site_model.people.values())
    assert names.count("Volodymyr Zelensky") == 1  # "Zelensky" and "Zelenskyy" are one person
    groups = {g["data-kind"]: [a.get_text() for a in g.select("li > .name")] for g in soup.select(".kind-group")}
    assert {"Cui Hongjian", "Liu Jun", "Cui Heng", "Tatiana Stanovaya"} <= set(groups["expert"])
    assert "Reuters" in groups["media"] and "senior Western official" in groups["anonymous"]


def test_groups_and_anonymous_sources_have_no_page_of_their_own(seeds_site, site_model):
    """'Officials' or 'a senior official' is not one person: a page would gather every such source."""
    soup = soup_of(seeds_site / "people/index.html")
    for group in soup.select(".kind-group"):
        linked = bool(group.select("li > a.name"))
        assert linked == (group["data-kind"] not in ("group", "anonymous")), group["data-kind"]
    for pid, person in site_model.people.items():
        assert (seeds_site / "people" / pid / "index.html").exists() == (person.kind not in ("group", "anonymous"))


def test_person_page_has_every_quote_across_articles(seeds_site, site_model):
    pid = next(pid for pid, p in site_model.people.items() if p.name == "Volodymyr Zelensky")
    soup = soup_of(seeds_site / "people" / pid / "index.html")
    quotes = soup.select(".quote-list > li")
    expected = sum(1 for art in site_model.articles for a in art.annotations
                   if a.layer == "quote" and "Volodymyr Zelensky" in a.speakers)
    assert len(quotes) == expected >= 6
    outlets = {li.select_one(".meta").get_text() for li in quotes}
    assert any("Global Times" in o for o in outlets) and any("Bloomberg" in o for o in outlets)
    for li in quotes:
        assert re.search(r"index\.html#q\d+$", li.select_one(".meta a")["href"])


def test_conditions_page_groups_reports_by_what_is_demanded(seeds_site):
    soup = soup_of(seeds_site / "conditions/index.html")
    groups = [[li.get_text(" ", strip=True) for li in g.select("ul > li")] for g in soup.select(".condition-groups > li")]
    assert sum(map(len, groups)) == 4  # three in Global Times, one in Bloomberg
    # An end to aid and intelligence sharing, in three wordings by two outlets, is one demand; aid alone is another.
    assert [len(g) for g in groups] == [3, 1]
    assert all("intelligence" in r for r in groups[0]) and "intelligence" not in groups[1][0]
    assert "Reported 3 times, by Global Times and Bloomberg" in soup.select_one(".condition-groups > li").get_text()
    assert all(re.search(r": (Global Times|Bloomberg), 2025-03-19 \(c\d\)$", r) for g in groups for r in g)


def test_compare_sources_counts_attributions_by_kind(seeds_site, site_model):
    soup = soup_of(seeds_site / "sources/index.html")
    header = [th.get_text() for th in soup.select("thead th")]
    assert header == ["Outlet", "Named experts", "Unnamed experts", "Officials", "Organizations", "Media",
                      "Other anonymous sources", "Others", "All"]
    rows = {tr.th.get_text(): dict(zip(header[1:], (td.get_text(" ", strip=True) for td in tr.select("td"))))
            for tr in soup.select("tbody tr")}
    assert set(rows) == {"Global Times", "Bloomberg"}
    total = int(rows["Bloomberg"]["All"])
    bloomberg = next(a for a in site_model.articles if a.article.meta.outlet == "Bloomberg")
    assert total == sum(len(a.speakers) for a in bloomberg.annotations if a.layer == "quote")
    assert rows["Bloomberg"]["Other anonymous sources"].startswith("2 ")  # the senior Western official, twice
    assert rows["Global Times"]["Unnamed experts"].startswith("2 ")  # "Chinese experts said", "experts said"
    assert not rows["Global Times"]["Organizations"].startswith("0 ")  # the Kremlin is not an official


def test_plurals_and_the_party_name_as_configured(seeds_site):
    counts = [p.get_text(" ", strip=True) for p in soup_of(seeds_site / "index.html").select(".counts")]
    assert "1 condition Russia demanded" in counts[1] and "3 conditions Russia demanded" in counts[0]
    assert "3 experts named" in counts[0]


def test_article_legend_panels_and_endnotes_work_without_javascript(seeds_site):
    soup = soup_of(gt_page(seeds_site))
    legend = {l.get_text(" ", strip=True) for l in soup.select(".legend label")}
    assert legend == {"Quotes 32", "Experts 3", "Other people named 8", "Conditions Russia demanded 3"}
    assert all(i.has_attr("checked") for i in soup.select(".legend input[type=checkbox]"))
    conditions = soup.select("#conditions ol li")
    assert len(conditions) == 3
    for li in conditions:  # each links to its place, and the place links back
        anchor = li.select_one("a")["href"][1:]
        mark = soup.find(id=anchor).find_next_sibling("a")
        assert mark["href"] == f"#{li['id']}"
    cast = {li["data-name"]: li for li in soup.select("#who .cast li")}
    assert "quoted 6 times" in cast["Liu Jun"].get_text()
    assert len(soup.select(".endnotes li")) == 32


def test_quote_ends_carry_the_speaker_for_narrow_screens_and_print(seeds_site):
    soup = soup_of(gt_page(seeds_site))
    ends = {e["data-note"]: e["data-label"] for e in soup.select(".qend")}
    items = json.loads((gt_page(seeds_site).parent / "annotations.jsonld").read_text())["items"]
    quotes = [i for i in items if i["body"][0]["value"] == "quote"]
    assert len(ends) == len(quotes)
    liu = next(i for i in quotes if i["target"]["selector"][0]["exact"].startswith("Thus there will be"))
    assert ends[liu["id"].rsplit("#", 1)[1]] == "Liu Jun"


def test_speaker_labels_come_after_the_closing_quotation_mark(seeds_site):
    """A label placed before the closing mark reads "…with pleasure, — Name" and then the mark."""
    checked = 0
    for page in (p.parent / "index.html" for p in seeds_site.glob("*/annotations.jsonld")):
        soup = soup_of(page)
        for end in soup.select(".qend"):
            after = end.next_sibling
            text = after if isinstance(after, str) else (after.get_text() if after is not None else "")
            assert not text[:1] or text[0] not in "\"”’»", (page.parent.name, end["data-note"], text[:20])
            before = end.previous_sibling
            checked += isinstance(before, str) and before[-1:] in "\"”"
    assert checked >= 10  # quotes whose label now follows their closing mark


# --- a hand-built site: a quote nobody could attribute, and automatic annotations ----------------

def hand_built_pages() -> dict[str, BeautifulSoup]:
    """One article through the package API (link, render_site): a checked quote by a known person, an
    automatic quote with no speaker, an automatic condition."""
    text = ("The depot will close, Ana Ruiz said. \u201cIt was a hard call,\u201d one of them told the meeting. "
            "The union wants a vote in May first.")
    start = text.index("It was")
    article = Article(Path("a.txt"), "depot", Metadata("Depot closes", "Example Weekly", "2025-01-02"),
                      (Block("paragraph", text, None, 1),))
    annotations = (
        Annotation("q1", "quote", 0, text.index(", Ana"), ("Ana Ruiz",), "indirect", "said"),
        Annotation("q2", "quote", start, start + len("It was a hard call,"), (), "direct", "told", origin="auto"),
        Annotation("c1", "condition", text.index("a vote"), text.index(" first"), ("Russia",), origin="auto"),
        Annotation("p1", "person", text.index("Ana Ruiz"), text.index(" said"), ("Ana Ruiz",)),
    )
    site = link([AnnotatedArticle(article, annotations, (Person("Ana Ruiz", "official", "mayor"),))])
    files = render_site(site, SiteConfig())
    return {path: BeautifulSoup(data.decode(), "html5lib") for path, data in files.items() if path.endswith(".html")}


def test_a_quote_without_a_speaker_says_so_everywhere():
    pages = hand_built_pages()
    article = pages["depot/index.html"]
    assert "speaker not identified" in article.select_one("#n-q2").get_text()
    assert article.select_one('.qend[data-note="q2"]')["data-label"] == "speaker not identified, not checked"
    assert "speaker not identified" in pages["depot/guide.html"].get_text()
    assert "speaker not identified" in pages["depot/handout.html"].select_one(".endlist").get_text()
    quiz = pages["depot/quiz.html"]
    assert [s["id"] for s in quiz.select(".pick select")] == ["pick-q1"]  # left out of the quiz
    assert not quiz.select('mark[data-ann~="q2"]')
    person = pages["people/ana-ruiz/index.html"]
    assert len(person.select(".quote-list li")) == 1


def test_automatic_annotations_are_never_shown_as_checked():
    pages = hand_built_pages()
    article = pages["depot/index.html"]
    assert article.select_one(".provenance").get_text(" ", strip=True) == \
        "2 annotations checked by a person · 2 found automatically, not checked"
    assert "found automatically, not checked" in article.select_one("#n-q2").get_text()
    assert "found automatically, not checked" in article.select_one("#n-c1").get_text()
    assert article.select_one("#n-q1 .prov").get_text() == "· checked"
    legend = {l.select_one("input")["id"]: l.get_text(" ", strip=True) for l in article.select(".legend label")}
    assert legend["show-quote"] == "Quotes 2 (1 found automatically, not checked)"
    assert legend["show-condition"] == "Conditions Russia demanded 1 (1 found automatically, not checked)"
    assert "o-auto" in article.select_one('a.m[data-stop="q2"]')["class"]
    assert "(found automatically, not checked)" in article.select_one("#cond-c1").get_text()
    # The quiz asks only about checked quotes; the guide's quotes say which were not checked.
    assert "found automatically" not in pages["depot/quiz.html"].select_one(".article-header").get_text()
    guide = pages["depot/guide.html"].get_text(" ")
    assert "found automatically, not checked" in guide
    assert "2 found automatically, not checked" in pages["index.html"].select_one(".counts").get_text()


def test_only_direct_quotes_are_in_quotation_marks():
    pages = hand_built_pages()
    guide = pages["depot/guide.html"]
    assert [q.get_text() for q in guide.select("q")] == ["It was a hard call,"]  # q2 direct, q1 reported
    person = pages["people/ana-ruiz/index.html"]
    assert not person.select("blockquote, q") and "reported speech" in person.select_one(".quote-list").get_text()


def test_roles_belong_to_the_article_that_states_them():
    """Two articles years apart describe one person differently; two names a letter apart are two people."""
    def article(slug, date, text, people):
        art = Article(Path(f"{slug}.txt"), slug, Metadata(slug.title(), "Example Weekly", date),
                      (Block("paragraph", text, None, 1),))
        names = [Annotation(f"p{i + 1}", "person", text.index(p.name), text.index(p.name) + len(p.name), (p.name,))
                 for i, p in enumerate(people)]
        return AnnotatedArticle(art, tuple(names), tuple(people))

    old = article("old", "2016-05-01", "Dana Cole spoke. Anna Berg listened.",
                  [Person("Dana Cole", "other", "property developer"), Person("Anna Berg", "expert", "economist")])
    new = article("new", "2025-03-19", "Dana Cole signed it. Ana Berg objected.",
                  [Person("Dana Cole", "official", "governor"), Person("Ana Berg", "official", "senator")])
    site = link([old, new])
    assert sorted(site.people) == ["ana-berg", "anna-berg", "dana-cole"]
    assert site.people["dana-cole"].role == "governor"  # the registry describes someone as of the newest article
    files = render_site(site, SiteConfig())
    pages = {p: BeautifulSoup(d.decode(), "html5lib") for p, d in files.items() if p.endswith(".html")}
    cast = pages["old/index.html"].select_one("#person-dana-cole").get_text(" ", strip=True)
    assert "property developer" in cast and "governor" not in cast
    roles = [li.get_text(" ", strip=True) for li in pages["people/dana-cole/index.html"].select(".roles li")]
    assert roles == ["2025-03-19 , Example Weekly : official · governor",
                     "2016-05-01 , Example Weekly : other · property developer"]


def test_a_quiz_of_automatic_quotes_says_so():
    text = "The depot will close, Ana Ruiz said."
    article = Article(Path("a.txt"), "depot", Metadata("Depot closes"), (Block("paragraph", text, None, 1),))
    quote = Annotation("q1", "quote", 0, text.index(", Ana"), ("Ana Ruiz",), "indirect", "said", origin="auto")
    site = link([AnnotatedArticle(article, (quote,), (Person("Ana Ruiz", "official", "mayor"),))])
    files = render_site(site, SiteConfig())
    quiz = BeautifulSoup(files["depot/quiz.html"].decode(), "html5lib")
    assert [s["id"] for s in quiz.select(".pick select")] == ["pick-q1"]
    assert "found automatically and nobody has checked them" in quiz.select_one(".article-header").get_text()
    guide = BeautifulSoup(files["depot/guide.html"].decode(), "html5lib")
    assert "found automatically" in guide.select_one("#answer-key").find_next("p").get_text()


@pytest.mark.parametrize("a, b, same", [
    ("an end to all arms deliveries to the region", "halt arms deliveries to the region", True),
    ("stop military assistance to Kyiv", "suspend military support to Kyiv", True),
    ("lift the sanctions on its banks", "lift the sanctions on its banks and release frozen assets", False),
    ("an end to military aid", "an end to military aid and intelligence sharing", False),
])
def test_conditions_are_the_same_demand_when_they_ask_for_the_same_things(a, b, same):
    assert (demand_key(a) == demand_key(b)) == same
