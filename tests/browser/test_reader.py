"""The reader in a real browser, by mouse and by keyboard: layer toggles, the speaker filter,
the speaker card, permalinks, the quiz, the people filter, search, JavaScript off, narrow
screens and print."""
from __future__ import annotations

import re

import pytest

from sitegen.load import load_article

from .helpers import SEEDS

GT = load_article(SEEDS / "000_491c724cc8796fa2.txt").slug
BLOOMBERG = load_article(SEEDS / "001_bc0a6ab47d58b0ed.txt").slug

BACKGROUND = "el => getComputedStyle(el).backgroundColor"
TRANSPARENT = "rgba(0, 0, 0, 0)"


def wait_until_highlighted(page, ann_id: str) -> None:
    """hashchange is handled after the click returns: wait for every piece of the annotation to light up."""
    page.wait_for_function(f"""() => {{ const m = [...document.querySelectorAll('a.m[data-ann~="{ann_id}"]')];
        return m.length > 0 && m.every(el => el.classList.contains('hit')); }}""", timeout=5000)


def first_quote(page):
    return page.locator("a.m.l-quote:not(.l-condition)").first


def test_layer_toggle_by_mouse_and_keyboard(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    quote = first_quote(page)
    assert quote.evaluate(BACKGROUND) != TRANSPARENT
    page.get_by_role("checkbox", name=re.compile("^Quotes")).click()  # the mouse
    assert quote.evaluate(BACKGROUND) == TRANSPARENT
    assert page.locator(".note.l-quote").first.is_hidden()
    page.get_by_role("checkbox", name=re.compile("^Quotes")).focus()
    page.keyboard.press("Space")  # the keyboard
    assert quote.evaluate(BACKGROUND) != TRANSPARENT
    nested = page.locator("a.m.l-condition.l-quote").first  # a condition inside a quote
    assert nested.evaluate("el => getComputedStyle(el).backgroundImage") != "none"
    page.get_by_role("checkbox", name=re.compile("^Conditions")).press("Space")
    assert nested.evaluate("el => getComputedStyle(el).backgroundImage") == "none"
    assert nested.evaluate(BACKGROUND) != TRANSPARENT  # still a quote
    page.goto(f"{BLOOMBERG}/index.html")
    condition = page.locator("a.m.l-condition:not(.l-quote)").first
    assert condition.evaluate(BACKGROUND) != TRANSPARENT
    page.get_by_role("checkbox", name=re.compile("^Conditions")).click()
    assert condition.evaluate(BACKGROUND) == TRANSPARENT
    page.assert_clean()


def test_speaker_filter_highlights_only_their_quotes(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    button = page.locator('#person-liu-jun button.only')
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    liu_notes = page.locator('.note.l-quote[data-people~="liu-jun"]')
    liu_ids = {n.get_attribute("id")[2:] for n in liu_notes.all()}
    assert len(liu_ids) == 6
    for mark in page.locator("a.m.l-quote").all():
        mine = bool(liu_ids & set(mark.get_attribute("data-ann").split()))
        assert ("dim" in mark.get_attribute("class").split()) != mine
    button.click()  # again: everyone
    assert page.locator("a.m.dim").count() == 0
    page.assert_clean()


def test_card_opens_on_click_and_focus_and_closes_with_escape(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    card = page.locator("#card")
    liu_quote = page.locator('a.m.l-quote.k-expert').filter(has_text="When it comes to Russia").first
    liu_quote.click()
    assert card.evaluate("c => c.matches(':popover-open')")
    assert card.locator(".card-name").inner_text() == "Liu Jun"
    assert card.locator(".card-kind").inner_text() == "Kind: expert"
    assert "East China Normal University" in card.locator(".card-role").inner_text()
    assert card.locator(".card-count").inner_text() == "Quoted 6 times in this article"
    assert card.locator(".card-link").get_attribute("href").endswith("/people/liu-jun/index.html")
    page.keyboard.press("Escape")
    assert not card.evaluate("c => c.matches(':popover-open')")
    page.locator("#para-1").click(position={"x": 2, "y": 2})
    for _ in range(40):  # the keyboard: tab until a highlight has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('m')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('m')")
    assert card.evaluate("c => c.matches(':popover-open')") and card.locator(".card-name").inner_text()
    page.keyboard.press("Escape")
    assert not card.evaluate("c => c.matches(':popover-open')")
    page.assert_clean()


def test_permalink_scrolls_to_and_highlights_the_annotation(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html#q18")
    marks = page.locator('a.m[data-ann~="q18"]')
    assert marks.count() >= 1
    for m in marks.all():
        assert "hit" in m.get_attribute("class").split()
    assert page.locator("#q18").evaluate("el => { const r = el.getBoundingClientRect(); "
                                          "return r.top > 0 && r.top < window.innerHeight / 2; }")
    page.locator('a.note-ref[href="#c2"]').click()  # a note's link is a permalink too
    wait_until_highlighted(page, "c2")
    assert page.locator('a.m.hit[data-ann~="q18"]').count() == 0
    page.locator('a.note-ref[href="#q21"]').focus()  # and by keyboard
    page.keyboard.press("Enter")
    wait_until_highlighted(page, "q21")
    assert page.url.endswith("#q21")
    page.assert_clean()


def test_conditions_panel_links_to_the_text_and_back(browser_page):
    page = browser_page
    page.goto(f"{BLOOMBERG}/index.html")
    page.locator("#cond-c1 a").click()
    wait_until_highlighted(page, "c1")
    assert page.url.endswith("#c1")
    mark = page.locator('a.m[data-ann~="c1"]').first
    assert mark.get_attribute("href") == "#cond-c1"
    page.assert_clean()


def test_quiz_gives_feedback_and_a_score_by_keyboard(browser_page):
    page = browser_page
    page.goto(f"{GT}/quiz.html")
    score = page.locator(".score .right")
    assert score.inner_text() == "0"
    right = page.locator("#pick-q18")
    right.focus()
    right.select_option(label="Liu Jun")
    verdict = right.locator("xpath=..").locator(".verdict")
    assert verdict.inner_text() == "Right." and score.inner_text() == "1"
    wrong = page.locator("#pick-q21")
    wrong.select_option(label="Cui Hongjian")  # Cui Heng said it: a shared surname
    assert wrong.locator("xpath=..").locator(".verdict").inner_text().startswith("Not this one")
    assert score.inner_text() == "1"
    right.select_option(label="Mao Ning")
    assert score.inner_text() == "0"
    page.assert_clean()


def test_people_page_filters_by_kind(browser_page):
    page = browser_page
    page.goto("people/index.html")
    page.get_by_role("radio", name="Experts").check()
    visible = [g.get_attribute("data-kind") for g in page.locator(".kind-group").all() if g.is_visible()]
    assert visible == ["expert"]
    page.get_by_role("radio", name="Everyone").press("Space")
    assert all(g.is_visible() for g in page.locator(".kind-group").all())
    page.assert_clean()


def test_search_finds_text_and_filters_by_speaker(browser_page):
    page = browser_page
    page.goto("search/index.html")
    box = page.locator("input.pagefind-ui__search-input")
    box.focus()
    page.keyboard.type("hockey")
    page.wait_for_selector(".pagefind-ui__result")
    assert page.locator(".pagefind-ui__result").count() == 2
    page.get_by_text("Speaker", exact=True).click()
    page.locator("label", has_text=re.compile(r"^Liu Jun")).first.click()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    link = page.locator(".pagefind-ui__result-link").first
    assert link.get_attribute("href").startswith("/repo/" + GT)
    page.assert_clean()


def test_everything_is_there_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(f"{GT}/index.html")
    assert first_quote(page).evaluate(BACKGROUND) != TRANSPARENT
    assert page.locator(".note.l-quote").first.is_visible()
    assert page.locator("#who .cast li").count() > 10 and page.locator("#conditions li").count() == 3
    page.get_by_role("checkbox", name=re.compile("^Quotes")).click()  # the toggles are plain checkboxes and CSS
    assert first_quote(page).evaluate(BACKGROUND) == TRANSPARENT
    assert page.locator("#questions details").count() == 5
    page.assert_clean()


def test_narrow_screens_name_the_speaker_inline(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{GT}/index.html")
    end = page.locator('.qend[data-note="q18"]')
    assert "Liu Jun" in end.evaluate("el => getComputedStyle(el, '::after').content")
    assert page.locator("#n-q18").is_hidden()
    wide = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{GT}/index.html")
    assert wide.locator("#n-q18").is_visible()
    note, para = wide.locator("#n-q18").bounding_box(), wide.locator("#para-13").bounding_box()
    assert note["x"] > para["x"] + para["width"]  # in the margin beside its paragraph
    assert wide.locator('.qend[data-note="q18"]').evaluate("el => getComputedStyle(el, '::after').content") == "none"


def test_print_turns_notes_into_endnotes(new_page):
    page = new_page()
    page.goto(f"{GT}/index.html")
    page.emulate_media(media="print")
    assert page.locator(".endnotes").is_visible() and page.locator(".endnotes li").count() == 32
    assert page.locator(".notes").first.is_hidden() and page.locator(".legend").is_hidden()
    assert page.locator('.qend[data-note="q18"]').evaluate("el => getComputedStyle(el, '::after').content") == '"[q18]"'


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handout_prints_on_a4_and_letter(new_page, paper):
    page = new_page()
    page.goto(f"{GT}/handout.html")
    pdf = page.pdf(format=paper, print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and 2 <= pages <= 8, pages
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".screen-only").is_hidden()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # nothing runs off the paper's width
