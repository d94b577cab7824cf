"""Loading sources: raw scrapes cleaned by general rules, Markdown with front matter, sidecars."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS, SHARED, gold_files
from sitegen.errors import SourceError
from sitegen.load import load_article, slugify
from sitegen.load.text_source import read_text_source

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/scrape/cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="no ../shared/seeds beside the project")
@pytest.mark.parametrize("name", ["000_491c724cc8796fa2.txt", "001_bc0a6ab47d58b0ed.txt"])
def test_seeds_are_the_shared_files_byte_for_byte(name):
    assert (SEEDS / name).read_bytes() == (SHARED / "seeds" / name).read_bytes()


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_seed_structure_matches_gold(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    meta, blocks, removed = read_text_source(SEEDS / gold["article"])
    assert (meta.title or None) == gold["title"]
    captions = [b.text for b in blocks if b.kind == "caption"]
    assert captions == ([gold["structure"]["caption"]] if gold["structure"]["caption"] else [])
    assert [b.text for b in blocks if b.kind == "heading"] == gold["structure"]["subheads"]
    assert [r.text for r in removed] == gold["structure"]["boilerplate"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scrape_rules_on_hand_made_fixtures(case, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(case["input"], encoding="utf-8")
    meta, blocks, removed = read_text_source(path)
    assert (meta.title or None) == case["title"]
    assert [b.text for b in blocks if b.kind == "caption"] == ([case["caption"]] if case["caption"] else [])
    assert [b.text for b in blocks if b.kind == "heading"] == case["headings"]
    assert [b.text for b in blocks if b.kind == "paragraph"] == case["paragraphs"]
    assert [r.text for r in removed] == case["removed"]


def test_credits_and_copyright_are_kept_as_metadata():
    meta, _, _ = read_text_source(SEEDS / "001_bc0a6ab47d58b0ed.txt")
    assert meta.credits == ("With assistance from Iain Rogers, Daniel Basteiro and Michael Nienaber.",)
    assert meta.copyright.startswith("©2025 Bloomberg L.P.")


def test_sidecar_metadata_fills_what_the_text_lacks():
    article = load_article(SEEDS / "000_491c724cc8796fa2.txt")
    assert article.meta.outlet == "Global Times" and article.meta.date == "2025-03-19"
    assert article.meta.title  # the scrape has no headline: the sidecar gives one
    assert article.blocks[0].kind == "caption"


def test_markdown_source_with_front_matter(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: A *plain* note\nsource: Example Weekly\ndate: 2025-01-02\n---\n"
                    "# Heading one\n\nFirst paragraph with *emphasis* and `code`.\n\n"
                    "- a list item\n\n<script>alert(1)</script>\n", encoding="utf-8")
    article = load_article(path)
    assert article.meta.title == "A *plain* note" and article.meta.outlet == "Example Weekly"
    assert article.meta.date == "2025-01-02"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Heading one"),
        ("paragraph", "First paragraph with emphasis and code."),
        ("paragraph", "a list item"),
        ("paragraph", "<script>alert(1)</script>"),
    ]
    assert article.slug == "a-plain-note"


def test_slugs_are_ascii_words():
    assert slugify("Zelenskyy’s “key condition”: Kyiv–Moscow") == "zelenskyy-s-key-condition-kyiv-moscow"
    assert slugify("¿?") == "article"


@pytest.mark.parametrize("sidecar, line, words", [
    ("title: [unclosed\n", 2, "malformed YAML"),
    ("title: ok\nwhat: x\n", 2, "unknown key 'what'"),
    ("title: ok\nurl: javascript:alert(1)\n", 2, "url must start with"),
    ("people:\n  - name: A B\n    kind: wizard\n", 3, "person kind 'wizard'"),
])
def test_bad_sidecars_are_located(tmp_path, sidecar, line, words):
    (tmp_path / "a.txt").write_text("Some headline here\nA paragraph of text.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_article(tmp_path / "a.txt")
    assert err.value.line == line and words in err.value.message
    assert str(err.value).startswith(f"{tmp_path / 'a.yaml'}:{line}: ")
