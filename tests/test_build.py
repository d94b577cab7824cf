"""The build end to end, through build.py as a user runs it."""
from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from bs4 import BeautifulSoup

from conftest import SEEDS, run_build
from sitegen.load import load_article, source_files
from sitegen.load.text_source import read_text_source


def page_of(site: Path, source: Path) -> Path:
    return site / load_article(source).slug / "index.html"


def block_texts(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    return [el.get_text() for el in soup.select("[data-block]")]


def test_help_explains_every_option():
    result = run_build("--help")
    assert result.returncode == 0
    for option in ("--seeds", "--out", "--base-url", "--strict", "--annotations", "--config"):
        assert option in result.stdout


def test_home_page_lists_every_article(seeds_site):
    soup = BeautifulSoup((seeds_site / "index.html").read_text(encoding="utf-8"), "html5lib")
    items = soup.select(".article-list > li")
    assert len(items) == len(source_files(SEEDS))
    for item, source in zip(items, source_files(SEEDS)):
        article = load_article(source)
        assert item.h2.get_text(strip=True) == article.meta.title
        text = item.get_text(" ", strip=True)
        assert article.meta.outlet in text and article.meta.date in text
        assert f"{article.word_count:,} words" in text and "min read" in text


@pytest.mark.parametrize("source", source_files(SEEDS), ids=lambda p: p.stem)
def test_every_paragraph_appears_exactly_once(seeds_site, source):
    page_text = "".join(block_texts(page_of(seeds_site, source)))
    _, _, removed = read_text_source(source)
    dropped = {r.line for r in removed}
    meta, _, _ = read_text_source(source)
    for number, line in enumerate(source.read_text(encoding="utf-8").split("\n"), 1):
        line = line.strip()
        if not line or number in dropped or line == meta.title:
            continue
        assert page_text.count(line) == 1, f"line {number} appears {page_text.count(line)} times"


@pytest.mark.parametrize("source", source_files(SEEDS), ids=lambda p: p.stem)
def test_no_boilerplate_in_the_article_body(seeds_site, source):
    body = "\n".join(block_texts(page_of(seeds_site, source)))
    for r in read_text_source(source)[2]:
        assert r.text not in body


def test_footer_shows_credits_and_copyright(seeds_site):
    soup = BeautifulSoup(page_of(seeds_site, SEEDS / "001_bc0a6ab47d58b0ed.txt").read_text(encoding="utf-8"),
                         "html5lib")
    footer = soup.select_one(".article-footer").get_text(" ")
    assert "With assistance from Iain Rogers" in footer and "©2025 Bloomberg L.P." in footer


def test_every_relative_link_and_fragment_resolves(seeds_site):
    pages = list(seeds_site.rglob("*.html"))
    ids = {p: {el["id"] for el in BeautifulSoup(p.read_text(encoding="utf-8"), "html5lib").select("[id]")}
           for p in pages}
    checked = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
        for el in soup.select("[href], [src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            assert not url.startswith("/"), f"{page}: {url} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(seeds_site)}: broken link {url}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids[target], f"{page}: missing fragment {url}"
            checked += 1
    assert checked > 10


def test_pages_parse_as_html5_without_errors(seeds_site):
    for page in seeds_site.rglob("*.html"):
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(page.read_bytes())  # raises on any parse error


def test_two_builds_are_byte_identical(tmp_path):
    for out in ("a", "b"):
        assert run_build("--seeds", str(SEEDS), "--out", str(tmp_path / out)).returncode == 0
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", files_a, shallow=False)
    assert not mismatch and not errors


def test_any_folder_of_articles_builds(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "one.txt").write_text("Council approves new park\nThe council voted 5-2 on Monday.\n", encoding="utf-8")
    (seeds / "two.md").write_text("---\ntitle: Council approves new park\n---\nA second take.\n", encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/council-approves-new-park/index.html").is_file()
    assert (tmp_path / "out/council-approves-new-park-2/index.html").is_file()
    assert "warning:" in result.stderr and "no outlet" in result.stderr
    strict = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out2"), "--strict")
    assert strict.returncode == 2 and "(--strict)" in strict.stderr
    assert not (tmp_path / "out2").exists()


def test_an_article_without_a_headline_builds_under_its_file_name_with_a_warning(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "radio_transcript.txt").write_text("HOST: Good evening.\nGUEST: Thank you for having me.\n",
                                                encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/radio-transcript/index.html").is_file()
    assert "radio_transcript.txt:1: no title" in result.stderr and "radio_transcript.yaml" in result.stderr
    strict = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out2"), "--strict")
    assert strict.returncode == 2 and "no title" in strict.stderr


def test_base_url_makes_annotation_ids_absolute(tmp_path):
    out = tmp_path / "site"
    assert run_build("--seeds", str(SEEDS), "--out", str(out), "--base-url",
                     "https://user.github.io/repo").returncode == 0
    jsonld = next(out.rglob("annotations.jsonld")).read_text(encoding="utf-8")
    assert '"id":"https://user.github.io/repo/' in jsonld
    assert 'href="/' not in (out / "index.html").read_text(encoding="utf-8")


BAD_INPUTS = [
    ("a.txt", b"Headline of the day\nFirst line\n\xff\xfe broken\n", None, "a.txt:3: not UTF-8"),
    ("a.txt", b"", None, "a.txt:1: empty article"),
    ("a.txt", b"   \n\n", None, "a.txt:1: empty article"),
    ("a.md", b"---\ntitle: [unclosed\n---\nText.\n", None, "a.md:2: malformed YAML"),
    ("a.md", b"---\ntitle: ok\n\nText never closes the front matter.\n", None, "a.md:1: front matter"),
    ("a.txt", b"Headline of the day\nA paragraph.\n", b"outlet: x\n  bad: [\n", "a.yaml:2: malformed YAML"),
    ("a.txt", None, None, "a.txt:1: cannot read file"),
]


@pytest.mark.parametrize("name, content, sidecar, message", BAD_INPUTS, ids=[m for *_, m in BAD_INPUTS])
def test_bad_input_is_located_and_leaves_the_previous_site(tmp_path, name, content, sidecar, message):
    seeds, out = tmp_path / "in", tmp_path / "out"
    seeds.mkdir()
    (seeds / "good.txt").write_text("A good headline\nA good paragraph.\n", encoding="utf-8")
    assert run_build("--seeds", str(seeds), "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if content is None:
        os.symlink(seeds / "missing-target", seeds / name)  # a source that cannot be read
    else:
        (seeds / name).write_bytes(content)
    if sidecar is not None:
        (seeds / name).with_suffix(".yaml").write_bytes(sidecar)
    result = run_build("--seeds", str(seeds), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.match(r"^\S+:\d+: ", lines[0])
    assert lines[0].startswith(str(seeds)) and message in lines[0], lines[0]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".out.cache"]  # no leftovers
