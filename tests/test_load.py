"""Loading sources: raw scrapes cleaned by general rules, Markdown with front matter, sidecars."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import yaml
from bs4 import BeautifulSoup

from conftest import SEEDS, SHARED, gold_files, run_build
from sitegen.errors import SourceError
from sitegen.load import RESERVED_SLUGS, load_article, slugify
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


def sidecar_error(tmp_path, sidecar: str):
    """What loading an article with this sidecar raises."""
    (tmp_path / "a.txt").write_text("Some headline here\nA paragraph of text.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_article(tmp_path / "a.txt")
    return err


@pytest.mark.parametrize("sidecar, line, words", [
    ("title: [unclosed\n", 1, "malformed YAML"),  # the line left open, not the end of the file
    ("title: ok\noutlet: [unclosed\nurl: x\n", 2, "malformed YAML"),
    # libyaml counts bytes: the line is found in the text as bytes, past the accents
    ("title: Éléonore Bézier à Noël\noutlet: ok\nurl: a\ufffeb\nauthor: A\ndate: 2025-01-01\n", 3,
     "character U+FFFE is not allowed"),
    ("title: ok\nwhat: x\n", 2, "unknown key 'what'"),
    ("title: ok\nurl: javascript:alert(1)\n", 2, "url must start with"),
    ("people:\n  - name: A B\n    kind: wizard\n", 3, "person kind 'wizard'"),
])
def test_bad_sidecars_are_located(tmp_path, sidecar, line, words):
    err = sidecar_error(tmp_path, sidecar)
    assert err.value.line == line and words in err.value.message
    assert str(err.value).startswith(f"{tmp_path / 'a.yaml'}:{line}: ")


# --- input files: what a folder of articles may hold ----------------------------------------

def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    seeds = tmp_path / "in"
    seeds.mkdir()
    for name, text in files.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return seeds


def test_extensions_are_matched_without_case(tmp_path):
    seeds = folder(tmp_path, {"a.MD": "---\ntitle: Upper case Markdown\n---\nSome text.\n",
                              "b.Txt": "Upper case text file\nMore text here.\n"})
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/upper-case-markdown/index.html").is_file()
    assert (tmp_path / "out/upper-case-text-file/index.html").is_file()


def test_a_link_out_of_the_seeds_folder_is_refused(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A headline\nText.\n"})
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\nThe password is swordfish.\n", encoding="utf-8")
    (seeds / "passwd.txt").symlink_to(secret)
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{seeds / 'passwd.txt'}:1: a link to a file outside the folder of articles; "
                                     "copy the file in instead")
    assert not (tmp_path / "out").exists()


def test_a_link_inside_the_seeds_folder_is_read(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A headline\nText.\n"})
    (seeds / "b.txt").symlink_to(seeds / "a.txt")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("a-headline")} == {"a-headline",
                                                                                                  "a-headline-2"}


def test_a_fifo_is_refused_and_never_read(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A headline\nText.\n"})
    os.mkfifo(seeds / "pipe.txt")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))  # would hang if opened
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"{seeds / 'pipe.txt'}:1: not an ordinary file")


@pytest.mark.parametrize("title", ["People", "Conditions", "Sources", "Search", "Static"])
def test_an_article_never_takes_a_section_folder(tmp_path, title):
    seeds = folder(tmp_path, {"a.md": f"---\ntitle: {title}\noutlet: Paper\ndate: 2025-01-01\n---\nSome text.\n",
                              "b.md": f"---\ntitle: {title} 2\n---\nOther text.\n"})
    search = ["--search"] if title == "Search" else []  # the search page exists only then
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), *search)
    assert result.returncode == 0, result.stderr
    slug = title.lower()
    home = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"), "html5lib")
    links = {a.get_text(strip=True): a["href"] for a in home.select("main a")}
    assert links[title] == f"{slug}-2/index.html"  # the article
    assert links[f"{title} 2"] == f"{slug}-2-2/index.html"  # never two articles in one folder
    article = BeautifulSoup((tmp_path / f"out/{slug}-2/index.html").read_text(encoding="utf-8"), "html5lib")
    assert article.find("article").find("h1").get_text() == title
    assert RESERVED_SLUGS >= {"people", "conditions", "sources", "search", "static"}


def test_control_characters_leave_the_text_and_the_messages(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A head\x00line\nText with a NUL\x00 and an escape \x1b[31mred\x1b[0m.\n"})
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/a-headline/index.html").read_text(encoding="utf-8")
    assert "Text with a NUL and an escape [31mred[0m." in page
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", page)
    (seeds / "a.yaml").write_text("quotes:\n  - {exact: 'NUL and', speaker: X, kind: direct}\n", encoding="utf-8")
    bad = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert bad.returncode == 2 and not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", bad.stderr)


def test_a_missing_config_file_given_explicitly_is_an_error(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A headline\nText.\n"})
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), "--config", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}:1: no such settings file (given with --config)"
    default = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), cwd=tmp_path)  # no site.yaml here
    assert default.returncode == 0, default.stderr


@pytest.mark.parametrize("sidecar, line, message", [
    ("quotes: just text\n", 1, "quotes must be a list of quotes, each with exact:, speaker: and kind: (each entry "
                               "starts with `- ` on its own line)"),
    ("people:\n  - Ana Ruiz\n", 2, "people must be a list of people, each with name: and kind:; entry 1 is not "
                                   "(write it as `- name: …`)"),
    ("- title: x\n", 1, "a sidecar must hold keys with values, one per line, such as `title: …`, `outlet: …`, "
                        "`quotes:`"),
    ("quotes:\n  - exact: text\n    prefix: 5\n    speaker: A\n    kind: direct\n", 3,
     "prefix must be text quoted from the article"),
    ("drop:\n  - {exact: text, layr: quote}\n", 2, "unknown key 'layr' (known: exact, layer, prefix, suffix)"),
])
def test_sidecar_messages_say_what_to_write(tmp_path, sidecar, line, message):
    err = sidecar_error(tmp_path, sidecar)
    assert (err.value.line, err.value.message) == (line, message)


def test_a_first_line_equal_to_the_sidecar_title_leaves_the_body(tmp_path):
    (tmp_path / "a.txt").write_text("The mayor opened the new park on Saturday.\nChildren ran to the playground.\n"
                                    "Parents said the benches were too few.\n", encoding="utf-8")
    assert load_article(tmp_path / "a.txt").blocks[0].text == "The mayor opened the new park on Saturday."
    (tmp_path / "a.yaml").write_text("title: The mayor opened the new park on Saturday\n", encoding="utf-8")
    article = load_article(tmp_path / "a.txt")
    assert article.meta.title == "The mayor opened the new park on Saturday"
    assert [b.text for b in article.blocks] == ["Children ran to the playground.",
                                                "Parents said the benches were too few."]
    assert article.word_count == 12


def test_control_characters_written_as_yaml_escapes_are_removed_too(tmp_path):
    seeds = folder(tmp_path, {"a.txt": "A headline\nText with a NUL\x00 here, and more text.\n",
                              "a.yaml": 'quotes:\n  - {exact: "no such\\x00 words\\x1b[2J", speaker: null, '
                                        'kind: direct}\n'})
    bad = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert bad.returncode == 2 and "no such words[2J" in bad.stderr
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", bad.stderr)
    (seeds / "a.yaml").write_text('quotes:\n  - {exact: "a NUL\\x00 here", speaker: null, kind: direct}\n',
                                  encoding="utf-8")
    good = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert good.returncode == 0, good.stderr


# One piece of inline syntax a paragraph, so that each must be seen for its paragraph to read right.
TRICKY_MARKDOWN = """# A title with *emphasis*

A plain paragraph, with commas, "quotes" and ‘curly’ ones; numbers 5-2, 3.5% and a tab	inside.

Entities &amp; &copy; and &#169; stand for characters.

A line ending in two spaces  
breaks there.

Prices rose 5\\% in a year (a backslash escape).

Some `code` here.

Some _emphasis_ there.

See [the report][r], as written further down.

An autolink <https://example.org> shows its address.

> A quote block
> over two lines.

- a list item
- another with **strong** text

[r]: https://example.org/report
"""


# Lines of Markdown documents: the forms mdparser.simple_blocks reads (paragraphs, ATX headings, quotes
# and "-" lists of plain paragraphs), and lines that must leave a document to markdown-it.
DOCUMENT_LINES = [
    "", "", "", " ", "A plain line.", "Another *line* with [a link](https://x.org).", "## A heading", "# One",
    "###### Six", "> A quote", ">", ">x", "> — Name", "- item", "- Other item: 5 things", "[a link](https://x.org) starts",
    "trailing spaces  ", "— Name", "|a|b|", "\\# escaped", "2024 was", "x]y", "a\u00a0b", "“Quote,” he said.",
    "ends nbsp\u00a0", "\u00a0nbsp start", "\u2003em space", "#hashtag", "#", "## C#", "## Trailing ##", "####### Seven",
    "##  two", ">  indented", "> > nested", "> - item", "> # head", "> [!NOTE]", "- [ ] task", "-  two", "- - nested", "-",
    "* star", "+ plus", "1. one", "2) two", "2024. A year", "   three spaces", "    code", "```", "~~~", "---", "***",
    "___", "===", "<div>", "[r]: https://x.org", "\tTab", "x\ry",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(DOCUMENT_LINES), max_size=14))
def test_documents_read_without_markdown_its_block_parser_are_read_as_it_reads_them(lines):
    from sitegen.load.markdown_source import parsed_blocks
    from sitegen.mdparser import simple_blocks

    body = "\n".join(lines)
    fast = simple_blocks(body)
    assert fast is None or fast == parsed_blocks(body, 1, Path("a.md"), {})


def test_articles_in_the_common_forms_are_read_without_markdown_its_block_parser():
    from sitegen.load.markdown_source import parsed_blocks
    from sitegen.mdparser import simple_blocks

    body = ("A paragraph with [a link](https://example.org/a) and *emphasis*.\nIts second line.\n\n## A heading\n"
            "Right under it.\n\n> A quotation,\n> over two lines.\n>\n> — Its author\n\n- A list: 5 items\n- Another\n")
    assert simple_blocks(body) == parsed_blocks(body, 1, Path("a.md"), {})
    assert [kind for kind, _, _ in simple_blocks(body)] == ["paragraph", "heading"] + ["paragraph"] * 5
    for other in ("Setext\n===", "* a star item", "1. an ordered item", "    code", "```\nfenced\n```",
                  "> lazy\ncontinuation", "[r]: https://example.org", "- item\n  continued"):
        assert simple_blocks(f"{body}\n{other}\n") is None


def test_markdown_paragraphs_read_without_the_inline_parser_show_what_it_would_show(tmp_path):
    """Plain paragraphs skip markdown-it's inline pass when an article is read; every block's text
    must be what the whole parser makes of it (link references defined further down included)."""
    from sitegen.load.markdown_source import markdown_blocks
    from sitegen.mdparser import inline_text, make_parser

    bodies = [TRICKY_MARKDOWN, (Path(__file__).parent / "fixtures/reader/park.md").read_text(encoding="utf-8")]
    for body in bodies:
        tokens = make_parser().parse(body)
        whole = [inline_text(t.children) for opener, t in zip(tokens, tokens[1:]) if t.type == "inline"
                 and opener.type in ("heading_open", "paragraph_open") and inline_text(t.children).strip()]
        assert [b.text for b in markdown_blocks(body, 1, tmp_path / "a.md")] == whole
        if body is TRICKY_MARKDOWN:  # the reference link resolved, as the whole parser resolves it
            assert "See the report, as written further down." in whole
