"""Annotation layers: curated sidecars, anchoring, the overlay on the page, and the exports."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, SHARED, run_build
from sitegen.anchor import anchor
from sitegen.load import load_article, source_files
from sitegen.mdparser import escape_markdown, parse_markup
from sitegen.model import BLOCK_SEP, AnnotatedArticle, Annotation, Article, Block, Metadata, Selector
from sitegen.render.article import blocks_with_annotations
from sitegen.render.markdown import render_inline
from sitegen.render.overlay import Span, cut_runs

FIXTURES = Path(__file__).parent / "fixtures"


def rendered_text(page: Path) -> str:
    """The article's text as the page shows it: its blocks, tags removed, joined as Article.text is."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    return BLOCK_SEP.join(el.get_text() for el in soup.select("[data-block]"))


# --- the seeds, curated -----------------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no ../shared/gold beside the project")
def test_curated_seeds_score_one_on_every_metric(seeds_site):
    result = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(SHARED / "gold"), str(seeds_site),
                             "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(result.stdout)["summary"]
    assert summary["pages_found"] == 2
    for metric in ("quotes.span_f1", "quotes.attribution_f1", "experts.f1", "experts.affiliation_acc",
                   "conditions.f1"):
        assert summary[metric] == 1.0, (metric, summary)


@pytest.mark.parametrize("source", source_files(SEEDS), ids=lambda p: p.stem)
def test_page_text_is_the_article_text(seeds_site, source):
    article = load_article(source)
    assert rendered_text(seeds_site / article.slug / "index.html") == article.text


def test_each_annotation_is_one_focus_stop_described_by_its_note(seeds_site):
    page = seeds_site / load_article(SEEDS / "000_491c724cc8796fa2.txt").slug / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    items = json.loads((page.parent / "annotations.jsonld").read_text(encoding="utf-8"))["items"]
    ids = [i["id"].rsplit("#", 1)[1] for i in items]
    stops = soup.select("a.m")
    assert all(a.has_attr("data-stop") for a in stops) and not soup.select("a a")
    served = [a["data-stop"] for a in stops]
    assert sorted(served) == sorted(i for i in ids if not i.startswith("p"))  # one each; names are not stops
    for stop in soup.select("a.m.l-quote"):
        if stop["data-stop"].startswith("q"):
            described = " ".join(soup.find(id=i).get_text(" ") for i in stop["aria-describedby"].split())
            assert "(" in described and len(described.split()) < 15  # "Liu Jun (expert), said · …": short
            assert stop["href"].startswith("#") and soup.find(id=stop["href"][1:]) is not None
    liu = next(i["id"].rsplit("#", 1)[1] for i in items
               if i["target"]["selector"][0]["exact"] == "Putin has kicked the ball back to the US court")
    marks = soup.select(f'.m[data-ann~="{liu}"]')
    assert "".join(m.get_text() for m in marks) == "Putin has kicked the ball back to the US court"
    stop = soup.select_one(f'a.m[data-stop="{liu}"]')
    assert "Liu Jun (expert)" in soup.find(id=stop["aria-describedby"]).get_text()


def test_every_annotation_has_a_permalink_target(seeds_site):
    for page in (p.parent / "index.html" for p in seeds_site.glob("*/annotations.jsonld")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
        data = json.loads((page.parent / "annotations.jsonld").read_text(encoding="utf-8"))
        for item in data["items"]:
            fragment = item["id"].rsplit("#", 1)[1]
            assert soup.find(id=fragment) is not None, fragment


def test_shared_span_has_both_speakers(seeds_site):
    page = seeds_site / load_article(SEEDS / "000_491c724cc8796fa2.txt").slug / "annotations.jsonld"
    items = json.loads(page.read_text(encoding="utf-8"))["items"]
    shared = [i for i in items if i["target"]["selector"][0]["exact"].startswith("any peace negotiations")]
    assert len(shared) == 1
    names = [b["value"] for b in shared[0]["body"] if b["purpose"] == "identifying"]
    assert names == ["Olaf Scholz", "Emmanuel Macron"]


# --- the overlay ------------------------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from("ab *_`[]()<>&\"'\\#!é—“”\n"), min_size=1, max_size=60)


@st.composite
def text_and_spans(draw):
    text = draw(TEXT).replace("\n", " ").strip() or "x"
    n = len(text)
    spans = []
    for i in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        spans.append(Span(start, end, f"a{i}"))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_overlay_never_loses_duplicates_or_reorders_text(case):
    text, spans = case
    env = {"runs": cut_runs(len(text), spans), "starts": {},
           "mark": lambda ids, in_link: (f'<mark data-ann="{" ".join(ids)}">', "</mark>")}
    shown, markup = parse_markup(escape_markdown(text))  # through markdown-it, marked piece by piece
    assert shown == text
    html = render_inline(text, markup, env)
    soup = BeautifulSoup(f"<div>{html}</div>", "html5lib")
    assert soup.div.get_text() == text
    assert not soup.select("mark mark")  # marks never nest, so never interleave
    position = 0
    for node in soup.div.find_all(string=True):
        mark = node.find_parent("mark")
        ids = set(mark["data-ann"].split()) if mark else set()
        for offset in range(len(node)):
            covering = {s.id for s in spans if s.start <= position + offset < s.end}
            assert ids == covering
        position += len(node)


# Pieces of inline Markdown, put together at random: text, emphasis, code, links, images, autolinks,
# entities, escapes, breaks and raw HTML (which stays text).
MARKDOWN_PIECES = st.lists(st.sampled_from([
    "word ", "two words", "*em*", "**strong**", "_under_", "`co<de>`", "[link](https://example.org/a?b=1&c)",
    "[ref][r]", "![alt](https://example.org/i.png)", "[![logo](x.png)](https://example.org)", "<https://x.org>",
    "&amp;", "&copy;", "\\*", "a  \nb", "line\nnext", "<b>bold?</b>", '"quoted"', "it's", "[", "]", "*", "_",
]), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_PIECES)
def test_markup_renders_as_markdown_it_does(pieces):
    """A block's markup, kept when it was read and rendered without markdown-it, gives the HTML that
    markdown-it renders for its source (link references from the document included)."""
    from sitegen.mdparser import _inline_parser

    source = "".join(pieces).strip() or "x"
    env = {"references": {"R": {"href": "https://example.org/r", "title": ""}}}
    text, markup = parse_markup(source, dict(env))
    md = _inline_parser()
    expected = md.renderer.renderInline(md.parseInline(source, dict(env))[0].children, md.options, {})
    assert render_inline(text, markup, {"runs": ()}) == expected


# Inline Markdown that reads without markdown-it's inline parser (mdparser.simple_markup), mixed with
# the forms that must not: emphasis left open, inside words or nested, escapes, entities, hard breaks,
# images, autolinks, links to other schemes, NUL and CR, which markdown-it changes.
SIMPLE_PIECES = st.lists(st.sampled_from([
    "word", "Two", " ", "\n", "\t", "é", "3", ".", ",", "?", "!", ")", "(", '"', "'", "“", "”", "’", "‘", ":",
    "*em*", "**strong words**", "_under_", "__dunder__", "*63 per cent*", "`co*de`", "`a b`", "`<x>`", "` `", "` a `",
    "[a link](https://example.org/p)", "[x](http://É.org/ü?q=1&r=2)", "[y](https://x.org/a_(b))", "[z](https://x.org/%zz)",
    "[e](https://x.org/&amp;)", "[j](javascript:alert(1))", "![i](https://x.org/i.png)", "<https://x.org>",
    "&", "AT&T", "&amp;", "&#", "a > b", "*", "**", "***", "_", "x_y", "[", "]", "](", "`", "``", "\\", "  \n",
    "\x00", "\r",
]), min_size=1, max_size=16)


@settings(max_examples=1500, deadline=None)
@given(SIMPLE_PIECES)
def test_inline_markdown_read_without_markdown_it_is_read_as_markdown_it_reads_it(pieces):
    from sitegen.mdparser import simple_markup

    source = "".join(pieces)
    fast = simple_markup(source)
    assert fast is None or fast == parse_markup(source)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(["http://", "https://"]), st.text(alphabet="aZ09-.", min_size=1, max_size=12),
       st.sampled_from(["", "/", "?", "#", ":"]), st.text(alphabet="AZaz09-._~/?#:@!$&*+,;=%", max_size=30))
def test_addresses_taken_as_written_are_those_markdown_it_leaves_as_written(scheme, host, separator, rest):
    from sitegen.mdparser import URL_AS_WRITTEN, _inline_parser

    url = scheme + host + separator + rest
    if URL_AS_WRITTEN.fullmatch(url):
        assert _inline_parser().normalizeLink(url) == url


def test_the_common_inline_markdown_of_articles_is_read_without_markdown_it():
    """What articles hold most (links, emphasis, code, wrapped lines, "&") takes the fast way, and
    what it must not read does not."""
    from sitegen.mdparser import simple_markup

    common = ["According to a [city report](https://example.org/report/12), the vote was *narrowly* lost.",
              "The **budget** was cut by *63 per cent* last year (“_a disaster_”).",
              "Run `make site` then\nopen it.", "Johnson & Johnson said > 40% agreed!"]
    for source in common:
        assert simple_markup(source) == parse_markup(source)
    for source in ["snake_case", "a * b", "***both***", "x &amp; y", "a  \nb", "\\*", "![i](https://x.org/i.png)",
                   "[ref][r]", "<https://x.org>", "[j](javascript:alert(1))", "*open"]:
        assert simple_markup(source) is None


def test_runs_tile_the_text():
    runs = cut_runs(10, [Span(0, 4, "q1"), Span(2, 8, "p1"), Span(2, 8, "q2")])
    assert [(r.start, r.end, r.ids) for r in runs] == [
        (0, 2, ("q1",)), (2, 4, ("q1", "p1", "q2")), (4, 8, ("p1", "q2")), (8, 10, ())]


# --- anchoring --------------------------------------------------------------------------

ARTICLE = ("Budget vote delayed\n"
           "The mayor said the budget is late. The treasurer said the budget is late.\n"
           "Officials expect a vote in May, the clerk said.\n")


def scratch(tmp_path: Path, sidecar: str) -> Path:
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "a.yaml").write_text("outlet: Town Crier\ndate: '2025-01-01'\npeople:\n"
                                  "  - {name: Mayor, kind: official}\n  - {name: the clerk, kind: official}\n"
                                  + sidecar, encoding="utf-8")
    return seeds


def anchored_quotes(out: Path) -> list[str]:
    items = json.loads(next(out.rglob("annotations.jsonld")).read_text(encoding="utf-8"))["items"]
    return [i["target"]["selector"][0]["exact"] for i in items if i["body"][0]["value"] == "quote"]


def test_exact_anchor(tmp_path):
    seeds = scratch(tmp_path, "quotes:\n  - {exact: 'Officials expect a vote in May', speaker: the clerk, "
                              "kind: indirect}\n")
    assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "out")).returncode == 0
    assert anchored_quotes(tmp_path / "out") == ["Officials expect a vote in May"]


def test_repeated_text_is_ambiguous_without_context_and_chosen_with_it(tmp_path):
    seeds = scratch(tmp_path, "quotes:\n  - {exact: 'the budget is late', speaker: Mayor, kind: indirect}\n")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{seeds / 'a.yaml'}:7: quote 'the budget is late' does not anchor: ambiguous" in result.stderr
    (seeds / "a.yaml").write_text((seeds / "a.yaml").read_text().replace(
        "kind: indirect}", "kind: indirect, prefix: 'The mayor said '}"))
    assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "out")).returncode == 0
    text = load_article(seeds / "a.txt").text
    items = json.loads(next((tmp_path / "out").rglob("annotations.jsonld")).read_text())["items"]
    start = [i for i in items if i["body"][0]["value"] == "quote"][0]["target"]["selector"][1]["start"]
    assert start == text.index("the budget is late")


def test_fuzzy_anchor_survives_a_small_edit(tmp_path):
    seeds = scratch(tmp_path, "quotes:\n  - {exact: 'Officials expected a vote in May', speaker: the clerk, "
                              "kind: indirect}\n")
    assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "out")).returncode == 0
    assert anchored_quotes(tmp_path / "out") == ["Officials expect a vote in May"]


def test_orphaned_annotation_stops_the_build_with_the_closest_text(tmp_path):
    seeds = scratch(tmp_path, "quotes:\n  - {exact: 'Council members walked out of the chamber', speaker: Mayor, "
                              "kind: indirect}\n")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    line = result.stderr.strip()
    assert line.startswith(f"{seeds / 'a.yaml'}:7: quote 'Council members walked out of the chamber' does not "
                           "anchor: orphaned")
    assert "closest text: …" in line


def test_anchor_prefers_the_place_whose_context_fits():
    text = "Liu said yes. Later, Cui said yes."
    assert anchor(text, Selector("yes", prefix="Cui said ")) == (30, 33)
    assert anchor(text, Selector("yes", suffix=". Later")) == (9, 12)


def test_speaker_must_be_a_listed_person(tmp_path):
    seeds = scratch(tmp_path, "quotes:\n  - {exact: 'Officials expect a vote in May', speaker: Nobody, "
                              "kind: indirect}\n")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "a.yaml:7: speaker 'Nobody' is not listed under people:" in result.stderr


def test_custom_layer_from_site_settings(tmp_path):
    seeds = scratch(tmp_path, "annotations:\n  - {layer: claim, exact: 'a vote in May', note: checkable claim}\n")
    (tmp_path / "site.yaml").write_text("layers:\n  - {id: claim, label: Checkable claims, colour: '#0f766e'}\n")
    assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), "--config",
                     str(tmp_path / "site.yaml")).returncode == 0
    page = (next((tmp_path / "out").glob("*/annotations.jsonld")).parent / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html5lib")
    assert soup.select_one(".m.l-claim").get_text() == "a vote in May"
    assert soup.select_one(".legend .l-claim").get_text(" ", strip=True) == "Checkable claims 1"
    undeclared = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out2"))
    assert undeclared.returncode == 2 and "layer 'claim' is not declared" in undeclared.stderr


@pytest.mark.parametrize("mode, expect_quotes", [("none", False), ("curated", True)])
def test_annotation_modes(tmp_path, mode, expect_quotes):
    out = tmp_path / mode
    assert run_build("--seeds", str(SEEDS), "--out", str(out), "--annotations", mode).returncode == 0
    page = (next(out.glob("*/annotations.jsonld")).parent / "index.html").read_text(encoding="utf-8")
    assert ('class="m ' in page) == expect_quotes


# --- exports ----------------------------------------------------------------------------

def test_jsonld_round_trips_through_the_rendered_text(seeds_site):
    page = seeds_site / load_article(SEEDS / "001_bc0a6ab47d58b0ed.txt").slug
    text = rendered_text(page / "index.html")
    data = json.loads((page / "annotations.jsonld").read_text(encoding="utf-8"))
    assert data["source_file"] == "001_bc0a6ab47d58b0ed.txt" and len(data["items"]) > 40
    for item in data["items"]:
        quote, position = item["target"]["selector"]
        found = anchor(text, Selector(quote["exact"], quote["prefix"], quote["suffix"]))
        assert found == (position["start"], position["end"])


def test_jsonld_is_valid_against_the_w3c_context(seeds_site):
    from pyld import jsonld

    context = json.loads((FIXTURES / "jsonld/anno.jsonld").read_text())  # W3C's anno.jsonld, for offline use

    def loader(url, options=None):
        assert url == "http://www.w3.org/ns/anno.jsonld", url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}

    doc = json.loads(next(seeds_site.rglob("annotations.jsonld")).read_text(encoding="utf-8"))
    expanded = jsonld.expand(doc, {"documentLoader": loader, "base": "https://example.org/a/annotations.jsonld"})
    oa, as_ = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#"
    page = expanded[0]
    assert page["@type"] == [as_ + "OrderedCollectionPage"]
    items = page[as_ + "items"][0]["@list"]
    assert len(items) == len(doc["items"])
    for item, raw in zip(items, doc["items"]):
        assert item["@type"] == [oa + "Annotation"]
        assert item[oa + "motivatedBy"][0]["@id"] == oa + raw["motivation"]
        assert len(item[oa + "hasBody"]) == len(raw["body"])
        for body in item[oa + "hasBody"]:
            assert body[oa + "hasPurpose"][0]["@id"].startswith(oa)
        selectors = item[oa + "hasTarget"][0][oa + "hasSelector"]
        assert {s["@type"][0] for s in selectors} == {oa + "TextQuoteSelector", oa + "TextPositionSelector"}


def test_csv_has_one_row_per_annotation(seeds_site):
    page = seeds_site / load_article(SEEDS / "000_491c724cc8796fa2.txt").slug
    rows = list(csv.DictReader(io.StringIO((page / "annotations.csv").read_text(encoding="utf-8"))))
    items = json.loads((page / "annotations.jsonld").read_text(encoding="utf-8"))["items"]
    assert len(rows) == len(items)
    liu = [r for r in rows if r["text"] == "Putin has kicked the ball back to the US court"]
    assert liu[0]["speaker"] == "Liu Jun" and liu[0]["kind"] == "expert"
    assert "East China Normal University" in liu[0]["role_and_affiliation"]


def test_article_images_are_never_loaded_and_links_never_nest(tmp_path):
    """A Markdown image becomes a link to it (or a label), never an <img>; a Markdown link around an
    annotated name keeps its marks as spans inside it; the page text stays the article's text."""
    fixture = FIXTURES / "reader"
    out = tmp_path / "out"
    assert run_build("--seeds", str(fixture), "--out", str(out), "--config", str(fixture / "site.yaml")).returncode == 0
    article = load_article(fixture / "park.md")
    for name in ("index.html", "quiz.html", "handout.html"):
        soup = BeautifulSoup((out / article.slug / name).read_text(encoding="utf-8"), "html5lib")
        assert not soup.select("img, picture, source, iframe"), name
        assert not soup.select("a a"), name
    page = out / article.slug / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    image = soup.select_one("a.image-link")
    assert image["href"] == "https://example.org/pixel.png" and "planned park" in image["aria-label"]
    link = soup.select_one('a[href="https://example.org/ruiz"]')
    assert link.select(".m.l-person") and not link.select("a")
    assert rendered_text(page) == article.text


def test_render_growth_benchmark_runs():
    """benchmarks/bench_render.py --growth (time is measured by hand, not here) still runs."""
    result = subprocess.run([sys.executable, str(Path(__file__).parent.parent / "benchmarks" / "bench_render.py"),
                             "--growth", "--sizes", "small"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ratio") == 7  # four sizes of paragraphs, three of quotes per block


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6), st.lists(st.tuples(st.integers(0, 80),
                                                                               st.integers(1, 30)), max_size=12))
def test_blocks_get_exactly_the_annotations_that_overlap_them(lengths, spans):
    """The sorted sweep assigns each block the annotations a scan of every pair would, in the same order."""
    blocks = tuple(Block("paragraph", "x" * n, None, i) for i, n in enumerate(lengths))
    art = AnnotatedArticle(Article(Path("a.txt"), "a", Metadata("A"), blocks), (), ())
    size = len(art.article.text)
    annotations = [Annotation(f"q{i}", "quote", min(s, size - 1), min(s + n, size)) for i, (s, n) in enumerate(spans)]
    expected = [[a for a in annotations if a.start < start + len(b.text) and a.end > start]
                for b, start in zip(blocks, art.article.block_starts)]
    assert blocks_with_annotations(art, annotations) == expected
