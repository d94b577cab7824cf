"""People across articles: link decides once which registry person each article's records and
speakers are; the pages and the exports show that decision, never a name looked up again."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from sitegen.config import SiteConfig
from sitegen.link import link
from sitegen.model import AnnotatedArticle, Annotation, Article, Block, Metadata, Person
from sitegen.render.pages import render_site


def quoted(slug: str, date: str, speaker: Person, said: str = "the plan is late") -> AnnotatedArticle:
    """An article in which `speaker` (written by the record's own name) says one thing."""
    text = f"{speaker.name} said {said}."
    article = Article(Path(f"{slug}.txt"), slug, Metadata(slug.title(), "Example Weekly", date),
                      (Block("paragraph", text, None, 1),))
    quote = Annotation("q1", "quote", text.index(said), text.index(said) + len(said), (speaker.name,),
                       "indirect", "said")
    return AnnotatedArticle(article, (quote,), (speaker,))


def pages_of(site) -> dict[str, BeautifulSoup]:
    return {path: BeautifulSoup(data.decode(), "html5lib") for path, data in render_site(site, SiteConfig()).items()
            if path.endswith(".html")}


def note_people(pages: dict[str, BeautifulSoup], slug: str) -> str:
    """The registry ids the article page gives its quote's note."""
    return pages[f"{slug}/index.html"].select_one("#n-q1")["data-people"]


def test_a_record_merged_by_its_alias_is_that_person_on_every_page():
    """'Pentagon' shares an alias with the 'Department of Defense' of an earlier article, so link merges
    the two. Its quote belongs to that person too, though no record is *named* 'Pentagon' in the
    registry, and a later article's 'Pentagon' is the same body by its full name."""
    dod = quoted("one", "2025-01-01", Person("Department of Defense", "organization", aliases=("Defense Department",)))
    merged = quoted("two", "2025-01-02", Person("Pentagon", "organization", aliases=("Defense Department",)))
    later = quoted("three", "2025-01-03", Person("Pentagon", "organization"))
    site = link([dod, merged, later])
    pages = pages_of(site)
    assert [note_people(pages, slug) for slug in ("one", "two", "three")] == ["department-of-defense"] * 3
    assert list(site.people) == ["department-of-defense"]
    person = pages["people/department-of-defense/index.html"]
    assert len(person.select(".quote-list > li")) == 3
    assert "k-official" in pages["two/index.html"].select_one("#n-q1")["class"]  # an organisation, as it says


def test_a_speaker_is_the_record_its_own_article_gives():
    """A speaker written as the one-word alias of its article's record ('Russia' for the Russian Federation) is
    that record, though another article has a record named 'Russia' that the alias does not merge with."""
    text = "Russia said talks must wait."
    article = Article(Path("a.txt"), "a", Metadata("A", "Example Weekly", "2025-01-01"),
                      (Block("paragraph", text, None, 1),))
    quote = Annotation("q1", "quote", text.index("talks"), len(text) - 1, ("Russia",), "indirect", "said")
    federation = Person("Russian Federation", "organization", aliases=("Russia",))
    other = quoted("b", "2025-01-02", Person("Russia", "media", "a newspaper"))
    site = link([AnnotatedArticle(article, (quote,), (federation,)), other])
    assert sorted(site.people) == ["russia", "russian-federation"]
    files = render_site(site, SiteConfig())
    item = json.loads(files["a/annotations.jsonld"])["items"][0]
    assert [(b["purpose"], b["value"]) for b in item["body"][1:3]] == [("identifying", "Russian Federation"),
                                                                        ("classifying", "organization")]
    assert note_people(pages_of(site), "a") == "russian-federation"


def test_a_party_an_article_lists_no_record_of_is_the_registry_s_record_of_that_name():
    """A sidecar's `by: Kremlin` names no record of its own article: it is the Kremlin some other
    article describes, if one does; else it is shown by its name, with no person behind it."""
    text = "The Kremlin wants a ceasefire first."
    article = Article(Path("a.txt"), "a", Metadata("A"), (Block("paragraph", text, None, 1),))
    conditions = (Annotation("c1", "condition", text.index("a ceasefire"), len(text) - 1, ("Kremlin",)),
                  Annotation("c2", "condition", text.index("wants"), text.index(" a cease"), ("Moscow",)))
    site = link([AnnotatedArticle(article, conditions, ()),
                 quoted("b", "2025-01-02", Person("the Kremlin", "organization"))])
    assert site.cast(site.articles[0]).speakers == {"c1": ("the-kremlin",), "c2": (None,)}
    items = json.loads(render_site(site, SiteConfig())["a/annotations.jsonld"])["items"]
    assert [[b["value"] for b in i["body"] if b["purpose"] == "identifying"] for i in items] == [["the Kremlin"],
                                                                                                  ["Moscow"]]


@pytest.mark.parametrize("first, second, same", [
    (Person("Volodymyr Zelensky", "official"), Person("Volodymyr Zelenskyy", "official"), True),
    (Person("Kremlin", "organization"), Person("the Kremlin", "organization"), True),
    (Person("Reuters", "media"), Person("Reuters", "media"), True),
    (Person("Anna Berg", "expert"), Person("Ana Berg", "expert"), False),  # a letter apart: two people
    (Person("Anna Weber", "expert", aliases=("Weber",)), Person("Markus Weber", "official", aliases=("Weber",)),
     False),  # a shared surname
    (Person("Clinton", "official"), Person("Clinton", "official"), True),  # one name: one page, as the name says
    (Person("Clinton", "official"), Person("Hillary Clinton", "official"), False),
])
def test_people_are_linked_by_name_and_alias(first, second, same):
    site = link([quoted("one", "2025-01-01", first), quoted("two", "2025-01-02", second)])
    pages = pages_of(site)
    ids = [note_people(pages, "one"), note_people(pages, "two")]
    assert (ids[0] == ids[1]) == same and sorted(site.people) == sorted(set(ids))
    for pid in set(ids):  # each person's page has exactly their quotes
        assert len(pages[f"people/{pid}/index.html"].select(".quote-list > li")) == ids.count(pid)


def test_a_quote_without_a_speaker_has_no_person():
    text = "\u201cWe will not move,\u201d read one banner."
    article = Article(Path("a.txt"), "a", Metadata("A"), (Block("paragraph", text, None, 1),))
    quote = Annotation("q1", "quote", 1, text.index(",\u201d"), (), "direct", origin="auto")
    site = link([AnnotatedArticle(article, (quote,), ()), quoted("b", "2025-01-02", Person("Ana Ruiz", "official"))])
    assert site.cast(site.articles[0]).speakers == {"q1": ()}
    pages = pages_of(site)
    assert note_people(pages, "a") == "" and "speaker not identified" in pages["a/index.html"].select_one(
        "#n-q1").get_text()


ARTICLE = "Park opens\nThe park will open in May, {name} said on Monday.\n"


def write_article(seeds: Path, stem: str, name: str, date: str, aliases: str = "[]") -> None:
    (seeds / f"{stem}.txt").write_text(ARTICLE.format(name=name), encoding="utf-8")
    (seeds / f"{stem}.yaml").write_text(
        f"outlet: Town Crier\ndate: '{date}'\npeople:\n  - {{name: {name}, kind: organization, aliases: {aliases}}}\n"
        f"quotes:\n  - {{exact: The park will open in May, speaker: {name}, kind: indirect, cue: said}}\n",
        encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_cached_article_is_linked_anew_when_another_article_changes(tmp_path):
    """Link runs on every build, on cached articles too: an alias added to one article merges a person
    whose other article comes from the cache, and the rebuild equals a clean build."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_article(seeds, "a", "Parks Department", "2025-01-01", "[City Parks Department]")
    write_article(seeds, "b", "Parks Office", "2025-01-02")
    out = tmp_path / "site"
    assert run_build("--seeds", str(seeds), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in (out / "people").iterdir() if p.is_dir()) == ["parks-department", "parks-office"]
    write_article(seeds, "b", "Parks Office", "2025-01-02", "[City Parks Department]")  # a is unchanged: cached
    assert run_build("--seeds", str(seeds), "--out", str(out)).returncode == 0
    assert run_build("--seeds", str(seeds), "--out", str(tmp_path / "clean"), "--no-cache").returncode == 0
    assert tree(out) == tree(tmp_path / "clean")
    page = BeautifulSoup((out / "people/parks-department/index.html").read_text(encoding="utf-8"), "html5lib")
    assert len(page.select(".quote-list > li")) == 2 and not (out / "people/parks-office").exists()


def test_a_sidecar_alias_two_people_share_is_not_a_speaker(tmp_path):
    """'Berg' could be either Berg: the build stops at the line rather than pick one."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Budget vote\nThe vote is late, Berg said.\n", encoding="utf-8")
    (seeds / "a.yaml").write_text(
        "people:\n  - {name: Anna Berg, kind: official, aliases: [Berg]}\n"
        "  - {name: Tom Berg, kind: official, aliases: [Berg]}\n"
        "quotes:\n  - {exact: The vote is late, speaker: Berg, kind: indirect}\n", encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert result.stderr.strip() == (f"{seeds / 'a.yaml'}:5: 'Berg' is an alias of Anna Berg and Tom Berg: "
                                     "write the full name of the one meant")
