"""Classroom pages, read with a real HTML parser: questions, glossary, reading level, quiz, guide, handout."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import SEEDS, run_build
from sitegen.load import load_article
from sitegen.render.pages import answer_check
from sitegen.readability import flesch_kincaid_grade, syllables


def page(seeds_site, name: str, stem: str = "000_491c724cc8796fa2"):
    path = seeds_site / load_article(SEEDS / f"{stem}.txt").slug / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def test_questions_follow_the_article_with_answers_behind_a_reveal(seeds_site):
    soup = page(seeds_site, "index.html")
    questions = soup.select("#questions ol.questions > li")
    assert len(questions) == 5
    for q in questions:
        answer = q.select_one("details")
        assert answer is not None and not answer.has_attr("open") and answer.summary.get_text() == "Show an answer"
    links = [a["href"][1:] for a in questions[1].select("p a")]
    assert links == ["c1", "c2", "c3"] and all(soup.find(id=i) for i in links)


def test_glossary_terms_are_marked_at_first_use(seeds_site):
    soup = page(seeds_site, "index.html")
    terms = soup.select("a.m.l-term")
    assert {t.get_text() for t in terms} == {"cease-fire", "sanctions", "preconditions"}
    first = soup.select_one("a.m.l-term")
    described = [i for i in first["aria-describedby"].split() if i.startswith("def-")]
    definition = soup.find(id=described[0])
    assert definition.name == "dd" and "stop fighting" in definition.get_text()
    text = "\n".join(el.get_text() for el in soup.select("[data-block]"))
    assert text.index("cease-fire") < text.index(first.get_text()) + 1  # the first use, not a later one


def test_reading_level_is_in_the_header(seeds_site):
    meta = page(seeds_site, "index.html").select_one(".article-header .meta").get_text()
    assert "Reading level: grade " in meta


def test_flesch_kincaid_grade():
    # 2 sentences, 13 words, 15 syllables: 0.39 * 13/2 + 11.8 * 15/13 - 15.59 = 0.56
    assert flesch_kincaid_grade(["The cat sat on the mat. A happy dog ran to the garden."]) == 0.6
    # 2 sentences, 12 words, 16 syllables: 0.39 * 6 + 11.8 * 16/12 - 15.59 = 2.48
    assert flesch_kincaid_grade(["We will support them. But we need to understand what we support."]) == 2.5
    assert [syllables(w) for w in ("cat", "happy", "garden", "table", "make", "understand")] == [1, 2, 2, 2, 1, 3]


def test_quiz_hides_every_speaker_but_offers_them_all(seeds_site):
    soup = page(seeds_site, "quiz.html")
    body = soup.select_one(".body")
    assert not body.select(".notes") and not body.select("[data-label]") and not body.select("[aria-describedby]")
    assert not body.select("[class*=k-]")  # not even the kind of speaker
    picks = body.select(".pick")
    assert len(picks) == 32
    options = [o.get_text() for o in picks[0].select("option")][1:]
    assert options == sorted(options) and "Liu Jun" in options and "Cui Heng" in options
    assert soup.select_one(".score").get_text(" ", strip=True) == "Score: 0 right of 32 quotes."
    assert soup.select_one("noscript") is not None and soup.select("form button[type=submit]")


def test_quiz_page_holds_no_answer_and_the_guide_holds_the_key(seeds_site):
    soup = page(seeds_site, "quiz.html")
    liu = soup.find("select", id="pick-q18").find_parent(class_="pick")
    # Only the article's own words and the option list name anyone: nothing else says who said q18.
    without_options = BeautifulSoup(str(soup), "html5lib")
    for el in without_options.select("select, [data-block]"):
        el.decompose()
    page_text = str(without_options)
    for name in ("liu-jun", "Liu Jun", "cui-heng", "Cui Heng", "mao-ning"):
        assert name not in page_text
    assert "Answer key" not in soup.get_text() and not soup.select("[data-answer]")
    # The page can still check a choice: each pick carries hashes of its right answers only.
    slug = load_article(SEEDS / "000_491c724cc8796fa2.txt").slug
    assert liu["data-check"].split() == [answer_check(slug, "q18", "liu-jun")]
    assert answer_check(slug, "q18", "cui-heng") not in liu["data-check"]
    key = page(seeds_site, "guide.html").select_one("#answer-key + ol.answer-key")
    assert "q18: Liu Jun" in key.get_text() and len(key.select("li")) == 32


def test_teacher_guide_has_answers_quotes_by_speaker_conditions_and_structure(seeds_site):
    soup = page(seeds_site, "guide.html", "001_bc0a6ab47d58b0ed")
    text = soup.get_text(" ")
    assert len(soup.select("ol.questions > li")) == 5 and "Halting foreign military aid" in text
    speakers = [h.get_text() for h in soup.select("h3")]
    assert "Volodymyr Zelensky (official): 3" in speakers
    assert "halt foreign military aid and intelligence-sharing with Ukraine" in text
    assert "©2025 Bloomberg L.P." in text and "separator" in text


def test_handout_numbers_paragraphs_and_lists_speakers_at_the_end(seeds_site):
    soup = page(seeds_site, "handout.html")
    numbers = [int(p["data-n"]) for p in soup.select("p.numbered")]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 25
    assert not soup.select("a.m")  # nothing to click on paper
    assert len(soup.select(".endlist li")) == 32 and len(soup.select(".answer-space")) == 5


def test_question_linking_to_a_missing_annotation_is_located(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Budget vote delayed\nThe vote is in May, the clerk said.\n", encoding="utf-8")
    (seeds / "a.yaml").write_text("outlet: X\ndate: '2025-01-01'\nquestions:\n  - prompt: Who?\n    links: [q9]\n")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "a.yaml:4: question links to 'q9'" in result.stderr
