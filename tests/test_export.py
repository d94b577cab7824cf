"""The exports of a quotation no rule could attribute: kept, and said to have no known speaker."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sitegen.export import annotation_csv, annotation_page
from sitegen.link import link
from sitegen.model import AnnotatedArticle, Annotation, Article, Block, Metadata
from sitegen.render.article import notes_by_id

TEXT = 'Crowds gathered outside. "We will not move until the vote is held," read one banner.'


def site_with_an_unattributed_quote():
    article = Article(Path("a.txt"), "a", Metadata("A"), (Block("paragraph", TEXT, None, 1),))
    start = TEXT.index("We will")
    quote = Annotation("q1", "quote", start, TEXT.index(',"'), (), "direct", None, None, origin="auto")
    site = link([AnnotatedArticle(article, (quote,), ())])
    return site.articles[0], notes_by_id(site.articles[0], site)


def test_csv_says_the_speaker_is_not_identified():
    art, notes = site_with_an_unattributed_quote()
    rows = list(csv.DictReader(io.StringIO(annotation_csv(art, notes))))
    assert [(r["id"], r["speaker"], r["origin"]) for r in rows] == [("q1", "speaker not identified", "auto")]


def test_jsonld_names_no_speaker_and_says_so():
    art, notes = site_with_an_unattributed_quote()
    item = json.loads(annotation_page(art, notes, ""))["items"][0]
    assert not [b for b in item["body"] if b["purpose"] == "identifying"]
    comment = next(b["value"] for b in item["body"] if b["purpose"] == "commenting")
    assert "speaker not identified" in comment and "found automatically" in comment
    assert item["target"]["selector"][0]["exact"] == "We will not move until the vote is held"
