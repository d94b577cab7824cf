"""The reader in a real browser, by mouse and by keyboard: layer toggles, the speaker filter,
the speaker card, permalinks, the quiz, the people filter, search, JavaScript off, narrow
screens and print."""
from __future__ import annotations

import re

import pytest

from sitegen.load import load_article

from .helpers import AXE_JS, SEEDS, format_axe, run_axe

GT = load_article(SEEDS / "000_491c724cc8796fa2.txt").slug
BLOOMBERG = load_article(SEEDS / "001_bc0a6ab47d58b0ed.txt").slug

BACKGROUND = "el => getComputedStyle(el).backgroundColor"
TRANSPARENT = "rgba(0, 0, 0, 0)"
# Whether a mark is drawn at all: a background colour, an underline (border or decoration) or a gradient.
PAINTED = r"""el => { const s = getComputedStyle(el);
    const colour = c => c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent';
    return colour(s.backgroundColor) || s.borderBottomStyle !== 'none' || s.textDecorationLine !== 'none'
        || /rgb\((?!0, 0, 0\))|rgba\((?!0, 0, 0, 0\))/.test(s.backgroundImage.replace(/rgba\(0, 0, 0, 0\)/g, '')); }"""


def wait_until_highlighted(page, ann_id: str) -> None:
    """hashchange is handled after the click returns: wait for every piece of the annotation to light up."""
    page.wait_for_function(f"""() => {{ const m = [...document.querySelectorAll('.m[data-ann~="{ann_id}"]')];
        return m.length > 0 && m.every(el => el.classList.contains('hit')); }}""", timeout=5000)


def first_quote(page):
    return page.locator(".m.l-quote:not(.l-condition)").first


def marks_of_layer(page, layer_id: str):
    """Marks a legend checkbox governs (the people layers split into experts and others)."""
    selector = {"expert": ".m.l-person.p-expert", "person": ".m.l-person.p-other"}.get(layer_id, f".m.l-{layer_id}")
    return page.locator(selector)


def assert_every_layer_obeys_its_checkbox(page) -> list[str]:
    """Uncheck each legend box in turn: its marks that no other layer covers stop being drawn, and
    come back when it is checked again. Returns the layers checked."""
    boxes = page.locator(".legend input[type=checkbox]")
    layers = [b.get_attribute("id").removeprefix("show-") for b in boxes.all()]
    for layer in layers:
        own = "l-person" if layer in ("expert", "person") else f"l-{layer}"
        alone = [m for m in marks_of_layer(page, layer).all()  # marks no other layer draws
                 if {c for c in m.get_attribute("class").split() if c.startswith("l-")} == {own}]
        if not alone:
            continue
        assert all(m.evaluate(PAINTED) for m in alone[:10]), layer
        page.locator(f"#show-{layer}").click()
        assert not any(m.evaluate(PAINTED) for m in alone[:10]), f"{layer}: marks still drawn when unchecked"
        page.locator(f"#show-{layer}").press("Space")  # and back, by the keyboard
        assert all(m.evaluate(PAINTED) for m in alone[:10]), layer
    return layers


def test_every_layer_obeys_its_checkbox_by_mouse_and_keyboard(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    assert assert_every_layer_obeys_its_checkbox(page) == ["quote", "expert", "person", "condition"]
    quote = first_quote(page)
    page.get_by_role("checkbox", name=re.compile("^Quotes")).click()
    assert page.locator(".note.l-quote").first.is_hidden() and not quote.evaluate(PAINTED)
    nested = page.locator(".m.l-condition.l-quote").first  # a condition inside a quote: still a condition
    assert nested.evaluate(PAINTED)
    page.get_by_role("checkbox", name=re.compile("^Conditions")).press("Space")
    assert not nested.evaluate(PAINTED)  # every layer off: nothing drawn
    page.get_by_role("checkbox", name=re.compile("^Quotes")).press("Space")
    assert nested.evaluate(BACKGROUND) != TRANSPARENT  # a quote again, not a condition
    assert nested.evaluate("el => getComputedStyle(el).borderBottomStyle") != "double"
    page.assert_clean()


def test_a_custom_layer_obeys_its_checkbox(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "council-approves-new-park/index.html")
    assert "claim" in assert_every_layer_obeys_its_checkbox(page)
    claim = page.locator(".m.l-claim").first
    assert claim.evaluate(BACKGROUND) != TRANSPARENT
    page.locator("#show-claim").click()
    assert not claim.evaluate(PAINTED) and page.locator(".note.l-claim").first.is_hidden()
    page.locator("#show-claim").click()
    # An automatic annotation says so in the header, the legend, its note and its card.
    assert "1 found automatically, not checked" in page.locator(".provenance").inner_text()
    assert "found automatically, not checked" in page.locator("label", has=page.locator("#show-condition")).inner_text()
    assert "found automatically, not checked" in page.locator("#n-c1").inner_text()
    page.locator('a.m[data-stop="c1"]').click()
    assert card_open(page) and page.locator("#card .card-prov").inner_text() == \
        "Found automatically, not checked by a person."
    page.keyboard.press("Escape")
    page.locator('a.m[data-stop="claim-1"]').click()  # a custom layer's card: its note, its provenance
    assert page.locator("#card .card-name").inner_text() == "checkable claim"
    assert page.locator("#card .card-prov").inner_text() == "Checked by a person."
    assert page.locator("#card .card-permalink").inner_text() == "Link to this annotation"
    page.keyboard.press("Escape")
    if AXE_JS.is_file():  # a link around a name, images as links and labels: still no violation
        violations = run_axe(page.page)
        assert not violations, format_axe("fixture article", violations)
    page.assert_clean()


def tab_stops_through_the_article(page) -> list[str]:
    """Skip to the content (the page's first link), then Tab until focus leaves the article body: what
    each stop is."""
    page.evaluate("document.querySelector('a.skip').focus()")
    page.keyboard.press("Enter")
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const el = document.activeElement;
            if (el.closest('.article-header')) return 'header';
            if (el.closest('.body')) return el.dataset.stop || el.className || el.tagName;
            return null; }""")
        if where is None:
            break
        stops.append(where)
    return stops


def test_one_tab_stop_per_annotation(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    quotes, conditions = page.locator(".note.l-quote").count(), page.locator(".note.l-condition").count()
    stops = tab_stops_through_the_article(page)
    in_body = [s for s in stops if s != "header"]
    assert len(in_body) == len(set(in_body))  # each annotation once
    assert len(stops) <= quotes + conditions + 12, (len(stops), quotes, conditions)
    assert {s[0] for s in in_body} <= {"q", "c", "t"}  # quotes, conditions, glossary terms
    # A layer switched off leaves the tab order.
    page.goto(f"{GT}/index.html")
    page.locator("#show-quote").click()
    page.locator("#show-condition").click()
    stops = tab_stops_through_the_article(page)
    assert not [s for s in stops if s[0] in "qc"], stops
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
    for mark in page.locator(".m.l-quote").all():
        mine = bool(liu_ids & set(mark.get_attribute("data-ann").split()))
        assert ("dim" in mark.get_attribute("class").split()) != mine
    button.click()  # again: everyone
    assert page.locator(".m.dim").count() == 0
    page.assert_clean()


def card_open(page) -> bool:
    return page.locator("#card").evaluate("c => c.matches(':popover-open')")


def test_card_opens_by_click_and_by_key_and_esc_returns_focus(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    card = page.locator("#card")
    liu_quote = page.locator('.m.l-quote.k-expert').filter(has_text="When it comes to Russia").first
    liu_quote.click()
    assert card_open(page)
    assert card.locator(".card-name").inner_text() == "Liu Jun"
    assert card.locator(".card-kind").inner_text() == "Kind: expert"
    assert "East China Normal University" in card.locator(".card-role").inner_text()
    assert card.locator(".card-count").inner_text() == "Quoted 6 times in this article"
    assert card.locator(".card-prov").inner_text() == "Checked by a person."
    assert card.locator(".card-link").get_attribute("href").endswith("/people/liu-jun/index.html")
    page.keyboard.press("Escape")
    assert not card_open(page)
    # The keyboard: focus a stop, Enter opens the card with focus in it, Tab reaches its controls,
    # Esc closes it and gives focus back to the highlight.
    stop = page.locator('a.m[data-stop="q18"]')
    stop.focus()
    assert not card_open(page)  # focus alone opens nothing
    page.keyboard.press("Enter")
    assert card_open(page) and card.locator(".card-name").inner_text() == "Liu Jun"
    reached = []
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.className"))
    assert reached == ["card-link", "card-permalink", "card-close"]
    page.keyboard.press("Escape")
    assert not card_open(page)
    assert page.evaluate("document.activeElement.dataset.stop") == "q18"
    page.keyboard.press("Enter")
    for _ in range(4):  # past the card's last control: on to what follows the highlight
        page.keyboard.press("Tab")
    assert not card_open(page)
    assert page.evaluate("document.activeElement.dataset.stop") == "q19"
    page.assert_clean()


def test_a_name_inside_a_quote_opens_that_persons_card(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html")
    name = page.locator(".m.l-quote.l-person").first
    expected = page.locator(f'#person-{name.get_attribute("data-person").split()[0]}').get_attribute("data-name")
    name.click()
    assert card_open(page) and page.locator("#card .card-name").inner_text() == expected
    page.assert_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_card_never_covers_its_highlight(new_page, width):
    page = new_page(viewport={"width": width, "height": 844})
    page.goto(f"{GT}/index.html")
    stops = page.locator("a.m[data-stop]")
    covered = []
    for i in range(stops.count()):
        stop = stops.nth(i)
        ann = stop.get_attribute("data-stop")
        stop.focus()
        page.keyboard.press("Enter")
        assert card_open(page), ann
        overlap = page.evaluate("""ann => { const c = document.getElementById('card').getBoundingClientRect();
            const rects = [...document.querySelectorAll(`.m[data-ann~="${ann}"]`)].flatMap(m => [...m.getClientRects()]);
            return rects.some(r => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top); }""", ann)
        if overlap:
            covered.append(ann)
        page.keyboard.press("Escape")
    assert not covered, f"the card covers its highlight for {covered}"
    page.assert_clean()


def test_a_malformed_fragment_is_ignored(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html#%E0%A4%A")
    page.locator('a.m[data-stop="q18"]').click()  # the script still runs
    assert card_open(page)
    page.assert_clean()


def test_permalink_scrolls_to_and_highlights_the_annotation(browser_page):
    page = browser_page
    page.goto(f"{GT}/index.html#q18")
    marks = page.locator('.m[data-ann~="q18"]')
    assert marks.count() >= 1
    for m in marks.all():
        assert "hit" in m.get_attribute("class").split()
    assert page.locator("#q18").evaluate("el => { const r = el.getBoundingClientRect(); "
                                          "return r.top > 0 && r.top < window.innerHeight / 2; }")
    page.locator('a.note-ref[href="#c2"]').click()  # a note's link is a permalink too
    wait_until_highlighted(page, "c2")
    assert page.locator('.m.hit[data-ann~="q18"]').count() == 0
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
    mark = page.locator('a.m[data-stop="c1"]')
    assert mark.get_attribute("href") == "#cond-c1"
    page.assert_clean()


def test_quiz_checks_once_then_scores_and_explains_by_keyboard(browser_page):
    page = browser_page
    page.goto(f"{GT}/quiz.html")
    assert page.locator(".score").is_hidden() and page.locator(".explain").first.is_hidden()
    right = page.locator("#pick-q18")
    right.focus()
    right.select_option(label="Liu Jun")
    assert page.locator("#pick-q18 ~ .verdict").inner_text() == ""  # no feedback per choice
    page.locator("#pick-q21").select_option(label="Cui Hongjian")  # Cui Heng said it: a shared surname
    page.locator("button.check").focus()
    page.keyboard.press("Enter")
    score = page.locator(".score")
    assert score.is_visible() and score.locator(".right").inner_text() == "1"
    assert page.locator("#pick-q18 ~ .verdict").inner_text() == "Right."
    assert page.locator("#pick-q21 ~ .verdict").inner_text() == "Not this one."
    assert page.locator("#pick-q15 ~ .verdict").inner_text() == "No answer chosen."
    explain = page.locator("#pick-q18 ~ .explain")
    assert explain.is_visible() and "said" in explain.inner_text()
    assert explain.locator("a").get_attribute("href") == "index.html#q18"
    # One submission: the choices and the button are spent.
    assert right.is_disabled() and page.locator("button.check").is_disabled()
    page.assert_clean()


def test_quiz_without_javascript_says_why_nothing_happens(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(f"{GT}/quiz.html")
    assert "JavaScript" in page.locator(".article-header").inner_text()
    assert page.locator("button.check").is_hidden()
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
    box = page.get_by_role("searchbox", name="Words to find")
    box.focus()
    page.keyboard.type("hockey")
    page.wait_for_selector('#search-results[data-term="hockey"]', state="attached")
    assert page.locator(".search-result").count() == 2
    assert page.locator("#search-status").inner_text() == "2 articles found."
    for result in page.locator(".search-result").all():  # title, outlet and date apart, then the words
        assert re.fullmatch(r"(Global Times|Bloomberg) · 2025-03-19", result.locator(".meta").inner_text())
        assert "hockey" in result.locator(".excerpt").inner_text().lower()
        assert not re.search(r"[a-z]20\d\d-", result.inner_text())  # no "Bloomberg2025-03-19917"
    kinds = {l.inner_text().rsplit(" (", 1)[0].strip(): int(l.inner_text().rsplit("(", 1)[1].rstrip(")"))
             for l in page.locator(".search-filter").first.locator("label").all()}
    assert kinds["official"] == 2 and max(kinds.values()) <= 2  # counts are results, not speakers
    page.get_by_text(re.compile(r"^Speaker \(\d+\)$")).click()
    page.get_by_role("checkbox", name=re.compile(r"^Liu Jun")).check()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
    assert page.get_by_role("checkbox", name=re.compile(r"^Liu Jun \(1\)")).is_checked()
    link = page.locator(".search-result a").first
    assert link.get_attribute("href").startswith("/repo/" + GT)
    if AXE_JS.is_file():  # the interface the script built: results, filters, counts
        violations = run_axe(page.page)
        assert not violations, format_axe("search with results", violations)
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


def test_without_javascript_a_highlight_leads_to_its_note_on_a_phone(new_page):
    page = new_page(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page.goto(f"{GT}/index.html")
    assert page.locator("#n-q18").is_hidden()
    page.locator('a.m[data-stop="q18"]').click()
    assert page.url.endswith("#n-q18") and page.locator("#n-q18").is_visible()
    assert "Liu Jun (expert)" in page.locator("#n-q18").inner_text()
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
