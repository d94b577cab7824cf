"""The build engine: processes and the cache change how fast a site is built, never what is built."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_build

ARTICLE = ('Council {n} approves new park\n'
           'The council voted 5-2 on Monday to approve park {n}, officials said.\n'
           '"This is a good day for the town," said Mayor Ana Ruiz, who backed the plan.\n')


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for n in range(24):  # more than PARALLEL_MIN, so --jobs 2 uses a pool
        (folder / f"a{n:02}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
        (folder / f"a{n:02}.yaml").write_text(f"outlet: Town Crier\ndate: '2025-01-{n + 1:02}'\n", encoding="utf-8")
    return folder


def build(seeds: Path, out: Path, *options: str) -> dict[str, str]:
    result = run_build("--seeds", str(seeds), "--out", str(out), "--annotations", "auto", *options)
    assert result.returncode == 0, result.stderr
    return tree(out)


def test_processes_and_the_cache_change_nothing_in_the_output(seeds, tmp_path):
    serial = build(seeds, tmp_path / "serial", "--jobs", "1", "--no-cache")
    assert not (tmp_path / ".serial.cache").exists()
    assert build(seeds, tmp_path / "pool", "--jobs", "2") == serial  # cold: fills the cache
    assert (tmp_path / ".pool.cache" / "CACHEDIR.TAG").is_file()
    assert build(seeds, tmp_path / "pool", "--jobs", "2") == serial  # warm: every article from the cache


def test_an_edit_is_rebuilt_and_the_cache_keeps_one_entry_per_article(seeds, tmp_path):
    out = tmp_path / "site"
    build(seeds, out)
    (seeds / "a03.txt").write_text(ARTICLE.format(n=3).replace("5-2", "6-1"), encoding="utf-8")
    (seeds / "a04.yaml").write_text("outlet: Other Paper\ndate: '2025-02-01'\n", encoding="utf-8")
    edited = build(seeds, out)
    assert edited == build(seeds, tmp_path / "fresh", "--no-cache")
    page = (out / "council-3-approves-new-park" / "index.html").read_text(encoding="utf-8")
    assert "6-1" in page and "Other Paper" in (out / "council-4-approves-new-park" / "index.html").read_text()
    # one per article and two of the last build: the old entries are pruned
    assert len(list((tmp_path / ".site.cache").glob("*/*.pickle"))) == 24 + 2


def test_a_damaged_cache_entry_is_rebuilt(seeds, tmp_path):
    out = tmp_path / "site"
    clean = build(seeds, out)
    for entry in (tmp_path / ".site.cache").glob("*/*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert build(seeds, out) == clean


def test_the_code_digest_covers_the_code_and_word_lists_and_nothing_compiled(tmp_path):
    from sitegen.cache import CODE_SUFFIXES, PACKAGE, code_fingerprint, tree_digest

    def code_digest(root: str) -> bytes:
        return tree_digest(root, CODE_SUFFIXES)

    (tmp_path / "extract" / "words").mkdir(parents=True)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "build.py").write_text("x = 1\n")
    (tmp_path / "extract" / "words" / "cues.txt").write_text("said\n")
    first = code_digest(str(tmp_path))
    (tmp_path / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"compiled")
    (tmp_path / "notes.md").write_text("not code")
    assert code_digest(str(tmp_path)) == first  # what Python compiles, and files that are not code, do not count
    (tmp_path / "extract" / "words" / "cues.txt").write_text("said\nwrote\n")
    changed = code_digest(str(tmp_path))
    assert changed != first  # a word list is code: a new one invalidates the cache
    (tmp_path / "extract" / "words" / "cues.txt").rename(tmp_path / "extract" / "words" / "verbs.txt")
    assert code_digest(str(tmp_path)) != changed  # so is a file's name
    assert code_fingerprint() == code_digest(str(PACKAGE))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this system")
def test_jobs_default_to_the_cores_the_build_may_use():
    """--jobs defaults to the cores this process may run on, not the machine's count."""
    def one_core() -> None:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], preexec_fn=one_core,
                            capture_output=True, text=True, timeout=60)
    assert "number of cores, 1 here" in " ".join(result.stdout.split())


def test_compiled_templates_are_kept_and_a_bad_store_of_them_changes_nothing(seeds, tmp_path):
    """Templates compiled once are kept for the next build (under TMPDIR, as Jinja does); a damaged
    file there, or a store that is not a folder, gives the same site."""
    from jinja2.bccache import bc_magic

    temp = tmp_path / "temp"
    temp.mkdir()

    def build_in(out: str) -> dict[str, str]:
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", str(seeds), "--out",
                                 str(tmp_path / out), "--no-cache"], env={**os.environ, "TMPDIR": str(temp)},
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return tree(tmp_path / out)

    first = build_in("first")
    store = temp / f"_jinja2-cache-{os.getuid()}"
    kept = sorted(store.glob("__sitegen_*.cache"))
    assert len(kept) >= 5  # the article's four pages and the home page, at least
    for f in kept:  # Jinja's own header, then bytes that are no pickle
        f.write_bytes(bc_magic + b"\xffdamaged")
    assert build_in("damaged") == first
    assert all(f.read_bytes() != bc_magic + b"\xffdamaged" for f in kept)  # compiled and kept again
    for f in store.iterdir():
        f.unlink()
    store.rmdir()
    store.write_text("not a folder", encoding="utf-8")
    assert build_in("unusable") == first


def test_an_error_in_a_worker_is_the_first_bad_article_in_order(seeds, tmp_path):
    for name in ("a05.yaml", "a17.yaml"):
        (seeds / name).write_text("outlet: [unclosed\n", encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "site"), "--jobs", "2")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith(
        f"{seeds / 'a05.yaml'}:1: malformed YAML: ")


def test_plain_paragraphs_skip_markdown_and_render_the_same():
    """A block whose source is plain text is marked without markdown-it; the HTML must not change."""
    from conftest import SEEDS
    from sitegen.build import read_site
    from sitegen.config import SiteConfig, load_config
    from sitegen.render.article import notes_by_id, render_blocks

    fixtures = Path(__file__).parent / "fixtures" / "reader"
    configs = (SiteConfig(seeds_dir=SEEDS), SiteConfig(seeds_dir=SEEDS, annotations="auto"),
               load_config(fixtures / "site.yaml", seeds_dir=fixtures))
    for config in configs:
        site = read_site(config)
        for art in site.articles:
            notes = notes_by_id(art, site)
            for view in ("reader", "quiz", "print"):
                assert render_blocks(art, notes, view) == render_blocks(art, notes, view, plain_blocks=False)


def test_a_rebuild_keeps_what_did_not_change_and_equals_a_clean_build(seeds, tmp_path):
    out = tmp_path / "site"
    build(seeds, out)
    inode = {p: (out / p).stat().st_ino for p in ("council-3-approves-new-park/index.html",
                                                  "council-5-approves-new-park/quiz.html")}
    result = run_build("--seeds", str(seeds), "--out", str(out), "--annotations", "auto")
    assert "up to date, nothing to do: 24 articles" in result.stdout  # nothing changed: nothing done
    assert all((out / p).stat().st_ino == n for p, n in inode.items())
    (seeds / "a03.txt").write_text(ARTICLE.format(n=3).replace("approve park", "approve the big park"),
                                   encoding="utf-8")
    rebuilt = build(seeds, out)
    assert rebuilt == build(seeds, tmp_path / "clean", "--no-cache")
    assert (out / "council-3-approves-new-park/index.html").stat().st_ino != inode[
        "council-3-approves-new-park/index.html"]  # the edited article: rendered anew
    assert (out / "council-5-approves-new-park/quiz.html").stat().st_ino == inode[
        "council-5-approves-new-park/quiz.html"]  # the others: the same files, linked into the new site


def test_a_person_described_anew_renders_every_page_that_names_them(seeds, tmp_path):
    out = tmp_path / "site"
    build(seeds, out)
    (seeds / "a07.yaml").write_text("outlet: Town Crier\ndate: '2025-01-08'\npeople:\n"
                                    "  - {name: Ana Ruiz, kind: official, role: mayor of the town}\n",
                                    encoding="utf-8")
    assert build(seeds, out) == build(seeds, tmp_path / "clean", "--no-cache")


def test_a_build_without_the_cache_in_between_is_never_mistaken_for_the_last(seeds, tmp_path):
    out = tmp_path / "site"
    original = (seeds / "a03.txt").read_text(encoding="utf-8")
    build(seeds, out)  # remembered in the cache
    (seeds / "a03.txt").write_text(original.replace("5-2", "7-0"), encoding="utf-8")
    build(seeds, out, "--no-cache")  # the folder changes; the cache does not know
    (seeds / "a03.txt").write_text(original, encoding="utf-8")  # back to what the cache remembers
    assert build(seeds, out) == build(seeds, tmp_path / "clean", "--no-cache")
    assert "5-2" in (out / "council-3-approves-new-park/index.html").read_text(encoding="utf-8")


def test_the_pages_of_people_an_edit_does_not_touch_are_kept(seeds, tmp_path):
    out = tmp_path / "site"
    (seeds / "a10.txt").write_text(ARTICLE.format(n=10) + '"Parks pay for themselves," said Lee Min, an economist '
                                   'at the state university.\n', encoding="utf-8")
    build(seeds, out)
    pages = {name: out / "people" / name / "index.html" for name in ("lee-min", "ana-ruiz")}
    before = {name: p.stat().st_ino for name, p in pages.items()}
    (seeds / "a03.txt").write_text(ARTICLE.format(n=3) + "Residents cheered, a neighbour said.\n", encoding="utf-8")
    assert build(seeds, out) == build(seeds, tmp_path / "clean", "--no-cache")
    assert pages["lee-min"].stat().st_ino == before["lee-min"]  # only in a10: linked from the last build
    assert pages["ana-ruiz"].stat().st_ino != before["ana-ruiz"]  # quoted in a03 too: rendered anew


def test_a_rebuild_changes_the_site_where_it_stands_and_removes_what_it_no_longer_has(seeds, tmp_path):
    out = tmp_path / "site"
    (seeds / "a10.txt").write_text(ARTICLE.format(n=10) + '"Parks pay for themselves," said Lee Min, an economist '
                                   'at the state university.\n', encoding="utf-8")
    build(seeds, out)
    kept = out / "council-5-approves-new-park"
    folder = kept.stat().st_ino
    assert (out / "people" / "lee-min" / "index.html").is_file()
    (seeds / "a10.txt").unlink()
    (seeds / "a10.yaml").unlink()
    assert build(seeds, out) == build(seeds, tmp_path / "clean", "--no-cache")
    assert kept.stat().st_ino == folder  # the same folder: the site was changed, not replaced
    assert not (out / "council-10-approves-new-park").exists() and not (out / "people" / "lee-min").exists()
    assert not [p for p in out.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folders left


def test_a_series_of_changes_rebuilt_where_the_site_stands_equals_clean_builds(seeds, tmp_path):
    """Retitled, removed and added articles, a new setting, a sidecar's person: after each, the folder
    rebuilt in place holds exactly what a clean build writes (no file and no folder more)."""
    out, config = tmp_path / "site", tmp_path / "site.yaml"
    config.write_text("title: Town reader\n", encoding="utf-8")
    options = ("--config", str(config))
    build(seeds, out, *options)
    changes = [
        lambda: (seeds / "a02.txt").write_text(ARTICLE.format(n=2).replace("approves new park", "rejects the mall"),
                                               encoding="utf-8"),
        lambda: [(seeds / f"a05.{ext}").unlink() for ext in ("txt", "yaml")],
        lambda: (seeds / "a30.txt").write_text(ARTICLE.format(n=30), encoding="utf-8"),
        lambda: config.write_text("title: Town reader\ndescription: Local news, read closely\n", encoding="utf-8"),
        lambda: (seeds / "a07.yaml").write_text("outlet: Town Crier\ndate: '2025-01-08'\npeople:\n"
                                                "  - {name: Ana Ruiz, kind: official, role: mayor}\n", encoding="utf-8"),
    ]
    for n, change in enumerate(changes):
        change()
        rebuilt = build(seeds, out, *options)
        assert rebuilt == build(seeds, tmp_path / f"clean{n}", "--no-cache", *options), n
        assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_dir()) == sorted(
            p.relative_to(tmp_path / f"clean{n}") for p in (tmp_path / f"clean{n}").rglob("*") if p.is_dir()), n


def test_an_edit_on_any_home_page_equals_a_clean_build(tmp_path):
    """Only the home pages that list an article rendered again are rendered: the others must not change."""
    from sitegen.render.pages import HOME_PAGE_SIZE

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(HOME_PAGE_SIZE + 5):
        (seeds / f"n{n:03}.txt").write_text(f"Notice {n}\nThe school said lessons would start at {n % 9}.\n",
                                           encoding="utf-8")
    out = tmp_path / "site"
    build(seeds, out)
    for n, page in ((HOME_PAGE_SIZE + 2, "index-2.html"), (3, "index.html")):  # listed on the second, the first
        before = {name: (out / name).read_bytes() for name in ("index.html", "index-2.html")}
        notice = seeds / f"n{n:03}.txt"
        notice.write_text(notice.read_text(encoding="utf-8") + '"We are ready," said Head Teacher Ana Ruiz.\n',
                          encoding="utf-8")
        assert build(seeds, out) == build(seeds, tmp_path / f"clean{n}", "--no-cache")
        assert [name for name, data in before.items() if (out / name).read_bytes() != data] == [page]


STAGES = {"sitegen.extract", "sitegen.annotate", "sitegen.render.pages", "jinja2"}
HTML_READERS = {"trafilatura", "bs4"}  # loaded only for a .html article
MARKDOWN = {"markdown_it"}  # loaded only to read an article with inline Markdown (these seeds have none)


def imported(*args: str) -> set[str]:
    """The modules a build imports (python -X importtime)."""
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "build.py"), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_a_build_with_nothing_to_do_decides_so_without_loading_the_stages(seeds, tmp_path):
    import sitegen.build
    import sitegen.render.pages

    assert sitegen.build.TEMPLATES == sitegen.render.pages.TEMPLATES  # hashed by the one, read by the other
    options = ("--seeds", str(seeds), "--out", str(tmp_path / "site"))
    assert STAGES <= imported(*options)  # a build loads them all
    (seeds / ".a05.txt.swp").write_bytes(b"an editor's state")  # hidden: not an article
    # The same build again hashes, compares and stops: nothing of reading, nor of writing a folder.
    assert not (STAGES | HTML_READERS | MARKDOWN | {"yaml", "tempfile", "ctypes"}) & imported(*options)
    (seeds / "a05.yaml").write_text("outlet: Town Crier\ndate: '2025-03-01'\n", encoding="utf-8")
    assert STAGES <= imported(*options)  # a sidecar changed: built again


def test_a_build_without_annotation_never_loads_the_extractor(seeds, tmp_path):
    loaded = imported("--seeds", str(seeds), "--out", str(tmp_path / "site"), "--annotations", "none")
    assert "sitegen.render.pages" in loaded and "sitegen.extract" not in loaded


def test_markdown_is_parsed_where_an_article_is_read_and_never_to_render_it(seeds, tmp_path):
    """An article's Markdown is parsed once, when it is read; its pages are made from what that
    kept. A build that renders every page from cached articles (a new base URL) never loads
    markdown-it, and gives the pages a build that parses them does."""
    (seeds / "a03.txt").unlink()
    (seeds / "a03.md").write_text("---\ntitle: Links and *emphasis*\n---\nSee [the plan][p], *as agreed*, "
                                  "with `code` and a break  \nhere, \"said\" Mayor Ana Ruiz.\n\n"
                                  "[p]: https://example.org/plan\n", encoding="utf-8")
    out = tmp_path / "site"
    options = ("--seeds", str(seeds), "--out", str(out), "--annotations", "auto")
    assert "markdown_it" in imported(*options)  # read, so parsed
    again = imported(*options, "--base-url", "https://example.org/reader/")
    assert "sitegen.render.pages" in again and "markdown_it" not in again  # every page rendered, nothing parsed
    page = (out / "links-and-emphasis" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/plan">' in page and "<em>" in page and "<code>code</code>" in page
    assert tree(out) == build(seeds, tmp_path / "clean", "--no-cache", "--base-url", "https://example.org/reader/")


def test_articles_read_back_from_the_cache_share_their_repeated_texts(seeds, tmp_path):
    """A large site holds every article's annotations at once: the layers, kinds and cues that recur in
    each are one string, not a copy per cached article."""
    from sitegen.build import read_site
    from sitegen.cache import Cache
    from sitegen.config import load_config

    config = load_config(None, seeds_dir=seeds, out_dir=tmp_path / "site", annotations="auto", jobs=1)
    cache = Cache(tmp_path / "cache")
    read_site(config, cache)  # fills the cache
    first, second = (art for art in read_site(config, cache).articles[:2])  # read back from it
    (a, b) = (next(x for x in art.annotations if x.layer == "quote") for art in (first, second))
    assert a.layer is b.layer and a.kind is b.kind and a.origin is b.origin and a.cue is b.cue
    assert first.people[0].kind is second.people[0].kind
    assert not hasattr(a, "__dict__") and not hasattr(first.article.blocks[0], "__dict__")
