"""Saved web pages (.html, .htm): main text and metadata through trafilatura, never the network."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from sitegen.load import load_article
from sitegen.load.html_source import choose_headline, shown_byline, shown_date

PAGE = Path(__file__).parent / "fixtures/html/saved_page.html"
PARAGRAPHS = [
    "The city council voted on Tuesday night to postpone its decision on the new river bridge until the engineers "
    "have finished a second review of the costs.",
    "“We need more time to study the costs,” Mayor Tom Baker said after the meeting, adding that the council would "
    "meet again in June & decide then.",
    "The engineering firm has been asked to report by the end of May on whether the cheaper of the two designs can "
    "carry buses as well as cars and bicycles.",
    "Residents who spoke at the meeting were divided: some asked for the bridge to be built quickly, others said the "
    "money should go to the library first.",
    "“A bridge that nobody can afford to maintain is not a gift to the town,” one resident told the council in a "
    "long and careful speech.",
]


def built_article(tmp_path: Path, name: str = "bridge.html") -> BeautifulSoup:
    seeds = tmp_path / "in"
    seeds.mkdir()
    shutil.copy(PAGE, seeds / name)
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), "--annotations", "none")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "out/council-delays-vote-on-the-river-bridge/index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")


def test_a_saved_page_builds_with_its_headline_byline_date_and_every_paragraph(tmp_path):
    soup = built_article(tmp_path)
    article = soup.find("article")
    assert article.find("h1").get_text() == "Council delays vote on the river bridge"
    assert article.find("time")["datetime"] == "2025-05-01"
    assert article.find(class_="byline").get_text() == "By Ana Ruiz"
    blocks = [b.get_text() for b in article.select("[data-block]")]
    assert [b for b in blocks if b != "What happens next"] == PARAGRAPHS  # every character, in order
    assert "What happens next" in [h.get_text() for h in article.select("h2[data-block]")]
    body = " ".join(blocks)
    for furniture in ("cookies", "Home", "Library hours", "Great article", "All rights reserved", "Read more"):
        assert furniture not in body


def test_upper_case_extensions_are_read(tmp_path):
    soup = built_article(tmp_path, "bridge.HTML")
    assert soup.find("article").find("h1").get_text() == "Council delays vote on the river bridge"


def test_metadata_of_the_page_is_read_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    meta = load_article(PAGE).meta
    assert (meta.title, meta.outlet, meta.byline, meta.date, meta.url) == (
        "Council delays vote on the river bridge", "The Riverside Courier", "Ana Ruiz", "2025-05-01",
        "https://courier.example.org/2025/05/01/bridge-vote")


@pytest.mark.parametrize("html", [
    "<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "",
    "<html><body><script>var x = 1;</script></body></html>",
])
def test_a_page_without_text_stops_the_build_with_its_path(tmp_path, html):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "good.txt").write_text("A headline\nA paragraph of text.\n", encoding="utf-8")
    (seeds / "empty.htm").write_text(html, encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{seeds / 'empty.htm'}:1: no article text found in this page"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("titles, extracted, site, headline", [
    # The first <h1> is the site's logo; og:title confirms the second.
    ({"og": ["Rain returns to the valley"], "twitter": [], "title": ["Rain returns to the valley | Valley News"],
      "h1": ["Valley News", "Rain returns to the valley"], "site": []},
     "", "Valley News", "Rain returns to the valley"),
    # No <h1>: <title> with the site's name cut off.
    ({"og": [], "twitter": [], "title": ["Rain returns to the valley – Valley News"], "h1": [], "site": []},
     "", "Valley News", "Rain returns to the valley"),
    # og:title is the short social version; the page's one <h1> is the headline.
    ({"og": ["Rain is back"], "twitter": [], "title": ["Rain is back - Valley News"],
      "h1": ["After a dry summer, rain returns to the valley"], "site": []}, "", "Valley News",
     "After a dry summer, rain returns to the valley"),
    # An <h1> that carries a section label before the headline.
    ({"og": ["Rain returns to the valley"], "twitter": [], "title": [], "h1": ["Weather | Rain returns to the valley"],
      "site": []}, "", "", "Rain returns to the valley"),
])
def test_the_headline_is_the_one_the_page_titles_agree_on(titles, extracted, site, headline):
    assert choose_headline(titles, extracted, site, "valleynews.example") == headline


@pytest.mark.parametrize("text, byline, date", [
    ("By Ana Ruiz May 1, 2025 Share", "Ana Ruiz", "2025-05-01"),
    ("Posted on 4 June 2020 by Jose de la Cruz The council met", "Jose de la Cruz", "2020-06-04"),
    ("yas! | By Kim Lee | Sept. 3, 2019", "Kim Lee", "2019-09-03"),
    ("Written: 2023-11-07 15:03 / Updated: 2023-11-08", None, "2023-11-07"),
    ("By the end of the year 2019 things changed", None, None),
])
def test_byline_and_date_shown_under_the_headline(text, byline, date):
    assert shown_byline(text) == byline and shown_date(text) == date


def test_list_items_quotes_and_table_rows_are_blocks_of_their_own(tmp_path):
    filler = "The committee met for three hours and heard from residents on both sides of the question. "
    page = tmp_path / "lists.html"
    page.write_text(
        f"<html><head><title>What the committee decided</title></head><body><article>"
        f"<h1>What the committee decided</h1><p>{filler * 4}</p>"
        "<ul><li>Repair the north bridge first</li><li>Close the <b>old</b> ferry</li></ul>"
        "<ol><li><p>A plan for buses</p><p>and one for bicycles</p></li></ol>"
        f"<p>{filler * 3}</p><table><tr><td>Cost</td><td>4 million</td></tr></table>"
        "<p>One line<br>and the next</p><blockquote>Nobody asked us, a resident wrote.</blockquote>"
        "</article></body></html>", encoding="utf-8")
    blocks = [b.text for b in load_article(page).blocks]
    assert blocks == [(filler * 4).strip(), "Repair the north bridge first", "Close the old ferry", "A plan for buses",
                      "and one for bicycles", (filler * 3).strip(), "Cost 4 million", "One line and the next",
                      "Nobody asked us, a resident wrote."]
