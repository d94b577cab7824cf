"""The attribution rules one by one, and the lexicon words they need.

tests/fixtures/extract/rules.txt holds a table per rule (sentence -> rule, quoted span,
speaker); every rule of the chain has cases there. Each word of the lexicons a rule
reads is pinned by a case of its own, built from a template sentence, so that removing
a word from a list fails a test.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_build
from sitegen.config import Party
from sitegen.extract import extract
from sitegen.extract.quotations import MIN_QUOTE_WORDS
from sitegen.extract.frames import RULES
from sitegen.extract.lexicon import entries

TABLE = Path(__file__).parent / "fixtures" / "extract" / "rules.txt"
PARTY = Party()
# Rules outside the sentence chain: the paragraph rules of attributions.py and the frames that
# a chain rule adds after its own (a split quote, ", who said", "and said", ", adding that").
PARAGRAPH_RULES = ("transcript_turn", "colon_block", "colon_quote", "headline", "title_case_headline/leading_said",
                   "continues", "introduced", "speaker_after", "dash_credit", "sentence_subject", "quotation")
FOLLOWING_RULES = ("split_quote", "who_said", "and_said", "participle_after", "second_speaker", "interrupting")


def read_table() -> list[tuple[str, str, list[str]]]:
    """(rule heading, article text, expected lines) for every case of the table."""
    cases, heading, lines, expected = [], "", [], []
    for line in TABLE.read_text(encoding="utf-8").split("\n"):
        if line.startswith("## "):
            heading = line[3:].strip()
        elif line.startswith("#") or not line and not lines:
            continue
        elif line == ".":
            cases.append((heading, "\n".join(lines).strip(), expected))
            lines, expected = [], []
        elif line.startswith("-> "):
            expected.append(line[3:])
        else:
            lines.append(line)
    return cases


CASES = read_table()


def quote_lines(text: str) -> list[str]:
    quotes = sorted((a for a in extract(text, PARTY).annotations if a.layer == "quote"), key=lambda a: a.start)
    return [f"{a.rule} | {text[a.start:a.end]} | {' & '.join(a.speakers) or '?'}" for a in quotes]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=f"{h}: {t[:40]}") for h, t, e in CASES])
def test_rule_table(text, expected):
    assert quote_lines(text) == expected


def test_every_rule_has_cases():
    tested = {line.split(" | ")[0] for _, _, expected in CASES for line in expected}
    names = {name for name, _ in RULES} | set(PARAGRAPH_RULES) | set(FOLLOWING_RULES)
    assert names - tested == set()


# --- lexicon words pinned one by one ------------------------------------------------------

def words(name: str) -> list[str]:
    return list(entries(name))


@pytest.mark.parametrize("verb", words("speech_verbs"))
def test_every_speech_verb_closes_a_quote(verb):
    text = f'"The bridge will reopen in May," Mayor Ana Ruiz {verb}.'
    quotes = [a for a in extract(text, PARTY).annotations if a.layer == "quote"]
    assert [(text[a.start:a.end], a.speakers) for a in quotes] == [("The bridge will reopen in May,", ("Ana Ruiz",))]
    assert quotes[0].rule == "trailing_said"


@pytest.mark.parametrize("verb", words("inverting_verbs"))
def test_every_inverting_verb_takes_its_speaker_after_it(verb):
    text = f'"The bridge will reopen in May," {verb} Ana Ruiz, the mayor of the town.'
    assert quote_lines(text) == [f"trailing_inverted | The bridge will reopen in May, | Ana Ruiz"]


@pytest.mark.parametrize("cue", words("label_cues"))
def test_every_label_cue_makes_the_quotation_a_label(cue):
    text = f'The town is known for {cue} "the big blue bridge over the river" these days.'
    assert quote_lines(text) == []
    control = 'The town is known for "the big blue bridge over the river" these days.'
    assert quote_lines(control) == ["quotation | the big blue bridge over the river | ?"]


@pytest.mark.parametrize("word", words("title_small_words"))
def test_small_words_keep_a_title_a_title(word):
    assert quote_lines(f'The film "Roads {word} Rivers" was shown on Saturday.') == []


@pytest.mark.parametrize("noun", words("group_nouns"))
def test_every_group_noun_speaks(noun):
    text = f"Many {noun} said the bridge would never reopen in time."
    quotes = [a for a in extract(text, PARTY).annotations if a.layer == "quote"]
    expected = [("the bridge would never reopen in time", "leading_said")]
    assert [(text[a.start:a.end], a.rule) for a in quotes] == expected
    assert quotes[0].speakers and noun in quotes[0].speakers[0]


@pytest.mark.parametrize("noun", words("document_nouns"))
def test_every_document_noun_names_its_author(noun):
    text = f"A city council {noun} said the bridge would never reopen in time."
    quotes = [a for a in extract(text, PARTY).annotations if a.layer == "quote"]
    assert [text[a.start:a.end] for a in quotes] == ["the bridge would never reopen in time"]
    assert quotes[0].speakers


@pytest.mark.parametrize("preposition", words("cue_prepositions"))
def test_a_phrase_after_the_cue_is_no_content(preposition):
    text = f'"The bridge will reopen in May," Mayor Ana Ruiz said {preposition} the council.'
    assert quote_lines(text) == ["trailing_said | The bridge will reopen in May, | Ana Ruiz"]


def test_short_quotations_are_scare_quotes():
    words_ = " ".join(["word"] * (MIN_QUOTE_WORDS - 1))
    assert quote_lines(f'The plan was a "{words_}" from the start.') == []


# --- the contract: a quote without a speaker, and --explain ---------------------------------

def test_a_quote_without_a_speaker_is_kept_with_no_speaker():
    text = 'The sign on the door read "closed until further notice" all week.'
    quotes = [a for a in extract(text, PARTY).annotations if a.layer == "quote"]
    assert [(a.speakers, a.rule, a.origin) for a in quotes] == [((), "quotation", "auto")]


def test_annotate_explain_prints_quote_speaker_and_rule_without_writing(tmp_path):
    article = tmp_path / "bridge.txt"
    article.write_text('Bridge to reopen\n"We will reopen the bridge in May," Mayor Ana Ruiz said.\n'
                       'The sign on the door read "closed until further notice" all week.\n', encoding="utf-8")
    result = run_build("annotate", str(article), "--explain")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        '"We will reopen the bridge in May," | Ana Ruiz | trailing_said',
        '"closed until further notice" | speaker not identified | quotation',
    ]
    assert not (tmp_path / "bridge.yaml").exists()
