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
from sitegen.extract.lexicon import entries, pairs

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


def people_named(text: str) -> dict[str, tuple[str | None, str | None]]:
    """The people extract() finds: name -> (role, affiliation)."""
    return {p.name: (p.role, p.affiliation) for p in extract(text, PARTY).people}


def conditions(text: str) -> list[str]:
    return [text[a.start:a.end] for a in extract(text, PARTY).annotations if a.layer == "condition"]


@pytest.mark.parametrize("particle", words("name_particles") + ["zorp"])
def test_every_name_particle_stays_inside_the_name(particle):
    text = f"Ana {particle} Berg, a professor at the University of Lyon, said the bridge would reopen in May."
    assert (f"Ana {particle} Berg" in people_named(text)) == (particle != "zorp")


@pytest.mark.parametrize("particle", words("hyphen_particles") + ["zorp"])
def test_every_hyphen_particle_joins_the_name(particle):
    text = f"Omar {particle}-Haddad, a professor at the University of Lyon, said the bridge would reopen in May."
    assert (f"Omar {particle}-Haddad" in people_named(text)) == (particle != "zorp")


@pytest.mark.parametrize("participle", words("role_participles") + ["zorping"])
def test_a_participle_inside_a_role_leaves_the_role(participle):
    text = f"Ana Ruiz, a fellow {participle} at the Carnegie Endowment, said the bridge would reopen in May."
    assert (people_named(text)["Ana Ruiz"][0] == "fellow") == (participle != "zorping")


@pytest.mark.parametrize("verb, role", list(pairs("relative_verb_roles").items()) + [("zorps", None)])
def test_every_relative_verb_gives_its_role(verb, role):
    text = f"Ana Ruiz, who {verb} the Lyon Institute, said the bridge would reopen in May."
    assert people_named(text)["Ana Ruiz"] == ((role, "Lyon Institute") if role else (None, None))


# (lexicon, a word not in it, a sentence with a word's place, what a listed word gives there[, what the word
# not listed gives: nothing unless said]). Each case fails without its word, as the word that is not listed shows.
SPEAKER_WORDS = [
    ("weekdays", "Zorpday", "Mayor Ana Ruiz on {} said the bridge would reopen in May.",
     "leading_said | the bridge would reopen in May | Ana Ruiz"),
    ("day_parts", "zorp", "Mayor Ana Ruiz on Tuesday {} said the bridge would reopen in May.",
     "leading_said | the bridge would reopen in May | Ana Ruiz"),
    ("source_post_modifiers", "zorp", "Two officials {} the talks said the bridge would reopen in May.",
     "leading_said | the bridge would reopen in May | Two officials {} the talks"),
    ("trailing_asides", "zorp", "The bridge will reopen in May, Mayor Ana Ruiz said {} asked about the plan.",
     "trailing_said | The bridge will reopen in May | Ana Ruiz", "leading_said | {} asked about the plan | Ana Ruiz"),
]
CONDITION_WORDS = [
    ("condition_modifiers", "zorp",
     "Russia's {} conditions include a halt to arms deliveries and new elections in Ukraine.",
     "a halt to arms deliveries and new elections in Ukraine"),
    ("demand_verb_modifiers", "zorply", "Moscow {} demanded that Ukraine withdraw its troops from four regions.",
     "Ukraine withdraw its troops from four regions"),
    ("wanted_things", "zorp", "Moscow wants a {} of Western sanctions on its banks and ports.",
     "a {} of Western sanctions on its banks and ports"),
    ("party_statement_verbs", "zorped",
     "Moscow once again {} that any deal would require the withdrawal of Ukrainian troops from four regions.",
     "the withdrawal of Ukrainian troops from four regions"),
    ("party_bodies", "zorp", "The Russian {} demanded that Ukraine withdraw its troops from four regions.",
     "Ukraine withdraw its troops from four regions"),
    ("demand_verbs", "zorped", "Moscow {} the withdrawal of Ukrainian troops from four regions.",
     "the withdrawal of Ukrainian troops from four regions"),
    ("demand_participles", "zorping",
     "Russia is {} the withdrawal of Ukrainian troops from four regions as a condition for talks.",
     "the withdrawal of Ukrainian troops from four regions"),
    ("request_verbs", "zorped",
     "Moscow {} that Ukraine withdraw its troops from four regions, a longstanding demand.",
     "Ukraine withdraw its troops from four regions"),
    ("restating_verbs", "zorped", "Moscow {} its demand for the withdrawal of Ukrainian troops from four regions.",
     "the withdrawal of Ukrainian troops from four regions"),
    ("conditional_acts", "zorp",
     "Putin said Russia would {} a truce if Ukraine withdraws its troops from four regions.",
     "Ukraine withdraws its troops from four regions"),
    ("required_acts", "zorp", "Putin said Ukraine must {} its claims to four regions.",
     "{} its claims to four regions"),
    # "would have to" is read before its "have to" (required_acts): the condition is what the deal must do
    ("requirement_verbs", "zorp", "Putin said any deal would have to {} the neutrality of Ukraine.",
     "the neutrality of Ukraine"),
    # words that end a condition: a word that is not listed is kept in it
    ("condition_purposes", "zorp", "Moscow demanded that Ukraine withdraw its troops from four regions for a {}.",
     "Ukraine withdraw its troops from four regions", "Ukraine withdraw its troops from four regions for a {}"),
    ("exchange_words", "zorp",
     "Moscow demanded that Ukraine withdraw its troops from four regions in {} for sanctions relief.",
     "Ukraine withdraw its troops from four regions",
     "Ukraine withdraw its troops from four regions in {} for sanctions relief"),
    ("condition_kinds", "zorp", "Moscow demanded that Ukraine withdraw its troops from four regions as a {} for talks.",
     "Ukraine withdraw its troops from four regions",
     "Ukraine withdraw its troops from four regions as a {} for talks"),
    ("clause_openers", "zorp", "Moscow demanded that Ukraine withdraw its troops from four regions, {} the talks, "
     "which went on.", "Ukraine withdraw its troops from four regions",
     "Ukraine withdraw its troops from four regions, {} the talks"),
]


def word_cases(table):
    """The cases of a table; a row may end with what the word that is not listed gives instead of nothing."""
    cases = []
    for name, other, template, gives, *instead in table:
        for w in words(name) + [other]:
            expected = [gives.format(w)] if w != other else [x.format(w) for x in instead]
            cases.append(pytest.param(template.format(w), expected, id=f"{name}: {w}"))
    return cases


@pytest.mark.parametrize("text, expected", word_cases(SPEAKER_WORDS))
def test_words_around_a_speaker(text, expected):
    assert quote_lines(text) == expected


@pytest.mark.parametrize("text, expected", word_cases(CONDITION_WORDS))
def test_words_of_a_condition(text, expected):
    assert conditions(text) == expected


@pytest.mark.parametrize("abbreviation", words("name_abbreviations") + ["Zz."])
def test_an_abbreviation_stays_inside_a_name(abbreviation):
    text = f'"The bridge will reopen in May," said {abbreviation} Ruiz, the mayor of the town.'
    speaker = quote_lines(text)[0].split(" | ")[-1]
    # a title is no part of the name, "St.", "Jr." and "Sr." are; a full stop not listed ends the sentence
    assert speaker in (("Zz",) if abbreviation == "Zz." else ("Ruiz", f"{abbreviation} Ruiz"))


@pytest.mark.parametrize("opener", words("aside_openers") + ["zorp"])
def test_an_aside_between_the_speaker_and_the_verb(opener):
    # capitalised, so that only the list knows it (the scene-setting pattern reads lower-case "-ing" words too)
    text = f"Ana Ruiz, {opener[0].upper() + opener[1:]} the figures, said the bridge would reopen in May."
    expected = ["leading_said | the bridge would reopen in May | Ana Ruiz"] if opener != "zorp" else []
    assert quote_lines(text) == expected


@pytest.mark.parametrize("quantifier", words("group_quantifiers") + ["zorp"])
def test_a_quantifier_is_left_out_of_a_group(quantifier):
    text = f"{quantifier.capitalize()} analysts said the bridge would reopen in May."
    speaker = "analysts" if quantifier != "zorp" else "Zorp analysts"
    assert quote_lines(text) == [f"leading_said | the bridge would reopen in May | {speaker}"]


@pytest.mark.parametrize("opener", words("clause_openers") + ["zorp"])
def test_a_clause_opener_ends_a_list_of_conditions(opener):
    text = ("Russia's conditions include a halt to arms deliveries, new elections in Ukraine and the lifting of "
            f"sanctions, {opener} the talks, which went on.")
    items = ["a halt to arms deliveries", "new elections in Ukraine", "the lifting of sanctions"]
    if opener == "zorp":  # not listed: the list goes on past it
        items = [items[0], "new elections in Ukraine and the lifting of sanctions", "zorp the talks"]
    assert conditions(text) == items


@pytest.mark.parametrize("ending", words("female_surname_endings") + ["zorp"])
def test_a_female_surname_ending_tells_she_from_he(ending):
    text = (f"Professor Olzh Kuz{ending} of the University of Lyon met Professor Tarn Velder of the University of "
            'Ghent.\n\n"The bridge will reopen in May," he said.')
    speaker = "Tarn Velder" if ending != "zorp" else f"Olzh Kuz{ending}"  # else the first named, the subject
    assert quote_lines(text) == [f"trailing_said | The bridge will reopen in May, | {speaker}"]


# The cheap test that lets a sentence into the condition rules (conditions.DEMAND_WORD) is made of the rules'
# lists (pinned above) and the grammar words their patterns spell: each of these lets in a sentence whose
# only trigger it is, so that leaving it out of the test loses the condition.
TRIGGER_CASES = [
    ("if", "Russia would halt its strikes if Ukraine withdraws its troops from four regions, the Kremlin said.",
     "Ukraine withdraws its troops from four regions"),
    ("unless", "Russia will not halt its strikes unless Ukraine withdraws its troops from four regions, the "
     "Kremlin said.", "Ukraine withdraws its troops from four regions"),
    ("provided", "Russia would halt its strikes provided Ukraine withdraws its troops from four regions, the "
     "Kremlin said.", "Ukraine withdraws its troops from four regions"),
    ("once", "Russia would halt its strikes once Ukraine withdraws its troops from four regions, the Kremlin said.",
     "Ukraine withdraws its troops from four regions"),
    ("as soon as", "Russia would halt its strikes as soon as Ukraine withdraws its troops from four regions, the "
     "Kremlin said.", "Ukraine withdraws its troops from four regions"),
    ("only", "Russia would halt its strikes only after Ukraine withdraws its troops from four regions, the "
     "Kremlin said.", "Ukraine withdraws its troops from four regions"),
    ("should", "Ukraine should withdraw its troops from four regions, the Kremlin said.",
     "withdraw its troops from four regions"),
    ("must", "Ukraine must withdraw its troops from four regions, the Kremlin said.",
     "withdraw its troops from four regions"),
    ("has to", "Ukraine has to withdraw its troops from four regions, the Kremlin said.",
     "withdraw its troops from four regions"),
    ("have to", "Ukraine's allies have to withdraw their troops from four regions, the Kremlin said.",
     "withdraw their troops from four regions"),
    ("needs to", "Ukraine needs to withdraw its troops from four regions, the Kremlin said.",
     "withdraw its troops from four regions"),
    ("need to", "Ukraine's leaders need to withdraw their troops from four regions, the Kremlin said.",
     "withdraw their troops from four regions"),
    ("wants", "Moscow wants the withdrawal of Ukrainian troops from four regions.",
     "the withdrawal of Ukrainian troops from four regions"),
    ("want", "Russian officials want Kyiv to renounce its claims to four regions.",
     "Kyiv to renounce its claims to four regions"),
]


@pytest.mark.parametrize("word, text, condition", TRIGGER_CASES, ids=[c[0] for c in TRIGGER_CASES])
def test_each_grammar_word_of_the_cheap_test_lets_its_condition_in(word, text, condition):
    assert conditions(text) == [condition]


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
