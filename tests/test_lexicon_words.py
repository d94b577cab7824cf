"""Every word of the extractor's word lists pinned by a case of its own.

Each test takes a template sentence with a word's place, puts every word of one list
there (sitegen/extract/lexicons/<list>.txt) and checks what a listed word gives; the
invented word "zorp" (or a form of it), which no list holds, gives something else. So
removing a word from its list fails its case. The lists that tests/test_extract_rules.py
pins are not repeated here.
"""
from __future__ import annotations

import re

import pytest

from sitegen.config import Party
from sitegen.extract import extract
from sitegen.extract.lexicon import entries, pairs

PARTY = Party()
ORGANIZATIONS = entries("organizations")
SAYS = "said the bridge would reopen in May."


def words(name: str, *others: str) -> list[str]:
    """The words of a list, then the words not in it that the test uses as controls."""
    listed = entries(name)
    assert not set(others) & set(listed)
    return list(listed) + list(others)


def quote_lines(text: str) -> list[str]:
    quotes = sorted((a for a in extract(text, PARTY).annotations if a.layer == "quote"), key=lambda a: a.start)
    return [f"{a.rule} | {text[a.start:a.end]} | {' & '.join(a.speakers) or '?'}" for a in quotes]


def people(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """The people extract() finds: name -> (kind, role, affiliation)."""
    return {p.name: (p.kind, p.role, p.affiliation) for p in extract(text, PARTY).people}


def conditions(text: str) -> list[str]:
    return [text[a.start:a.end] for a in extract(text, PARTY).annotations if a.layer == "condition"]


# --- what kind of person a role makes (names.person_kind) ------------------------------------
# "member" makes the phrase a role whatever the word before it ("a king and member of ..."), and is
# itself of no kind: the listed word alone decides.

def each_word(*lists: tuple[str, str], control: str = "zorp") -> list:
    """(word, what the list stands for) for every word of each (list, meaning), then the control word."""
    return [pytest.param(w, meaning, id=f"{name}: {w}") for name, meaning in lists for w in words(name, control)]


@pytest.mark.parametrize("role, kind", each_word(("expert_roles", "expert"), ("official_roles", "official"),
                                                 ("journalist_roles", "journalist")))
def test_every_role_makes_its_kind_of_person(role, kind):
    found = people(f"Ana Ruiz, a {role} and member of the Zorp Group, {SAYS}")["Ana Ruiz"][0]
    assert found == (kind if role != "zorp" else "other")


@pytest.mark.parametrize("body, kind", each_word(("expert_institutions", "expert"), ("government_bodies", "official")))
def test_a_member_of_every_body_is_its_kind_of_person(body, kind):
    found = people(f"Ana Ruiz, a member of the Zorp {body}, {SAYS}")["Ana Ruiz"][0]
    assert found == (kind if body != "zorp" else "other")


@pytest.mark.parametrize("word", words("leadership_words", "minister"))
def test_a_leader_at_a_university_is_an_expert(word):
    # an official role ("minister") at a university stays an official's; a post that leads any body does not
    kind = people(f"Ana Ruiz, a {word} at the Zorp University, {SAYS}")["Ana Ruiz"][0]
    assert kind == ("expert" if word != "minister" else "official")


# --- a person's gender: "he" or "she" then finds the other one (names.gender) ----------------

def he_or_she_said(first: str, pronoun: str) -> str:
    """The speaker of a quote after Olzh Kuzan (described by `first`) met Tarn Velder (of no known
    gender): the first person, the subject, unless the pronoun says that it cannot be them."""
    text = (f"{first} met Tarn Velder, a member of the Zorp Institute.\n\n"
            f'"The bridge will reopen in May," {pronoun} said.')
    return quote_lines(text)[0].split(" | ")[-1]


# The pronoun that cannot be the person a listed word describes.
OTHER_PRONOUN = {"female": "he", "male": "she"}


@pytest.mark.parametrize("title, gender", each_word(("female_titles", "female"), ("male_titles", "male")))
def test_every_gendered_title_says_who_a_pronoun_is_not(title, gender):
    speaker = he_or_she_said(f"Olzh Kuzan, the {title} and member of the Zorp Group,", OTHER_PRONOUN[gender])
    assert speaker == ("Tarn Velder" if title != "zorp" else "Olzh Kuzan")


@pytest.mark.parametrize("name, gender", each_word(("given_names_female", "female"), control="Zorpa")
                         + each_word(("given_names_male", "male"), control="Zorpo"))
def test_every_gendered_given_name_says_who_a_pronoun_is_not(name, gender):
    speaker = he_or_she_said(f"{name} Kuzan, a member of the Zorp Group,", OTHER_PRONOUN[gender])
    assert speaker == ("Tarn Velder" if name not in ("Zorpa", "Zorpo") else f"{name} Kuzan")


# --- the words around a speaker phrase (sources.py) ------------------------------------------

VISITED = "Mayor Tarn Velder visited the site."


@pytest.mark.parametrize("pronoun", words("subject_pronouns", "zorp"))
def test_every_subject_pronoun_is_resolved_not_named(pronoun):
    speaker = quote_lines(f"{VISITED} {pronoun.capitalize()} said the bridge would reopen in May.")[0].split(" | ")[-1]
    # "he" and "she" are the mayor (of no known gender); "I", "we", "it" and "they" cannot be
    expected = {"he": "Tarn Velder", "she": "Tarn Velder", "zorp": "Zorp"}.get(pronoun, "?")
    assert speaker == expected


@pytest.mark.parametrize("opener", words("speaker_openers", "zorp"))
def test_every_speaker_opener_is_left_out_of_the_speaker(opener):
    text = f"{VISITED} {opener[0].upper() + opener[1:]} he said the bridge would reopen in May."
    expected = ["leading_said | the bridge would reopen in May | Tarn Velder"] if opener != "zorp" else []
    assert quote_lines(text) == expected


@pytest.mark.parametrize("trailer", words("speaker_trailers", "zorp"))
def test_every_speaker_trailer_is_left_out_of_the_speaker(trailer):
    text = f'{VISITED} "The bridge will reopen in May," he {trailer} once said.'
    speaker = "Tarn Velder" if trailer != "zorp" else "?"
    assert quote_lines(text)[0].split(" | ")[-1] == speaker
    if trailer not in ("would", "will", "never"):  # these need a verb of their own ("would often say")
        # a group's label keeps any other word before the cue, an "-ly" word too
        group = "Officials in the town" if trailer != "zorp" else "Officials in the town zorp"
        text = f"Officials in the town {trailer} said the bridge would reopen in May."
        assert quote_lines(text) == [f"leading_said | the bridge would reopen in May | {group}"]


@pytest.mark.parametrize("noun, source", each_word(("anonymous_nouns", ("{}", "anonymous")),
                                                   ("institution_nouns", ("city {}", "organization"))))
def test_every_anonymous_noun_is_an_unnamed_source_and_every_institution_noun_a_body(noun, source):
    # "the official" stands for no one named (a role word not listed, "the mayor", waits for a holder);
    # "the city council" is a body that speaks
    subject, kind = source
    speaker = subject.format(noun)
    text = f"The {speaker} said the bridge would reopen in May."
    if noun == "zorp":
        assert quote_lines(text) == []
    else:
        assert quote_lines(text) == [f"leading_said | the bridge would reopen in May | {speaker}"]
        assert people(text)[speaker][0] == kind


@pytest.mark.parametrize("office", words("office_words", "zorp"))
def test_every_office_word_names_the_last_person_quoted(office):
    # no one is named with the office: "The Mayor" is most likely the person just quoted
    text = f'"The bridge will reopen in May," Tarn Velder said. The {office.capitalize()} said the works would start.'
    speaker = "Tarn Velder" if office != "zorp" else "Zorp"
    assert quote_lines(text)[1] == f"leading_said | the works would start | {speaker}"


# --- transcripts: a turn labelled by an office or a crowd, not a name (transcripts.py) ----------

def transcript(label: str) -> str:
    return ("Bridge talks\n\nANA RUIZ: The bridge will reopen in May, and the works will start in June.\n\n"
            f"{label}: The works will start in June and end in the autumn.")


@pytest.mark.parametrize("label", words("journalist_labels", "zorp"))
def test_every_journalist_label_is_nobody_named(label):
    # a host's turns are their telling, not quotes: the label is what the people layer shows
    found = {name: kind for name, (kind, _, _) in people(transcript(label.upper())).items()}
    assert found == ({"Ana Ruiz": "other", label: "anonymous"} if label != "zorp" else
                     {"Ana Ruiz": "other", "Zorp": "other"})


@pytest.mark.parametrize("label", words("unnamed_speakers", "ZORP"))
def test_every_unnamed_speaker_label_is_nobody_named(label):
    lines = quote_lines(transcript(label))
    expected = label.lower() if label != "ZORP" else "Zorp"
    assert lines[-1] == f"transcript_turn | The works will start in June and end in the autumn. | {expected}"
    assert people(transcript(label))[expected][0] == ("anonymous" if label != "ZORP" else "other")


# --- conditions (conditions.py) ------------------------------------------------------------------

TROOPS = "the withdrawal of Ukrainian troops from four regions"


@pytest.mark.parametrize("verb", words("setting_verbs", "zorped"))
def test_every_setting_verb_sets_conditions(verb):
    text = f"Moscow has {verb} three conditions, including that Ukraine withdraw its troops from four regions."
    assert conditions(text) == (["Ukraine withdraw its troops from four regions"] if verb != "zorped" else [])


@pytest.mark.parametrize("settlement", words("settlements", "zorp"))
def test_what_every_settlement_would_require_is_a_condition(settlement):
    text = f"Putin said any {settlement} would require {TROOPS}."
    assert conditions(text) == ([TROOPS] if settlement != "zorp" else [])


@pytest.mark.parametrize("noun", words("condition_nouns", "zorp"))
def test_what_every_condition_noun_includes_is_a_condition(noun):
    assert conditions(f"Russia's {noun} include {TROOPS}.") == ([TROOPS] if noun != "zorp" else [])


@pytest.mark.parametrize("act", words("demanded_acts", "zorp"))
def test_every_demanded_act_opens_a_second_condition(act):
    text = (f"Moscow demanded that Ukraine {act}s the work of its troops in four regions and agrees to hold "
            "elections in the autumn.")
    first = f"Ukraine {act}s the work of its troops in four regions"
    second = "agrees to hold elections in the autumn"
    assert conditions(text) == ([first, second] if act != "zorp" else [f"{first} and {second}"])


@pytest.mark.parametrize("verb", words("demand_subject_verbs", "zorps"))
def test_every_verb_after_a_demand_ends_it(verb):
    text = f"Moscow's demand for {TROOPS} {verb} the gap between the sides."
    assert conditions(text) == ([TROOPS] if verb != "zorps" else [f"{TROOPS} zorps the gap between the sides"])


@pytest.mark.parametrize("country, demonym", list(pairs("demonyms").items()) + [("Zorpland", "Zorpish")])
def test_every_demonym_names_its_country_as_the_party(country, demonym):
    text = f"The {demonym} government demanded that the rebels withdraw their troops from four regions."
    found = [text[a.start:a.end] for a in extract(text, Party(name=country, aliases=())).annotations
             if a.layer == "condition"]
    assert found == (["the rebels withdraw their troops from four regions"] if country != "Zorpland" else [])


# --- the words around a cue (frames/) --------------------------------------------------------------

MAY = "the bridge would reopen in May"


@pytest.mark.parametrize("verb", words("listener_verbs", "said"))
def test_every_listener_verb_takes_a_listener_before_the_content(verb):
    content = MAY if verb != "said" else f"reporters {MAY}"
    assert quote_lines(f"Mayor Ana Ruiz {verb} reporters {MAY}.") == [f"leading_said | {content} | Ana Ruiz"]


@pytest.mark.parametrize("verb", words("warning_verbs", "said"))
def test_every_warning_verb_takes_a_named_listener_before_that(verb):
    content = MAY if verb != "said" else f"Tarn Velder that {MAY}"
    assert quote_lines(f"Mayor Ana Ruiz {verb} Tarn Velder that {MAY}.") == [f"leading_said | {content} | Ana Ruiz"]


@pytest.mark.parametrize("verb", words("object_verbs", "said"))
def test_every_object_verb_takes_an_object_not_speech(verb):
    expected = [] if verb != "said" else ["leading_said | a new plan for the bridge in May | Officials"]
    assert quote_lines(f"Officials {verb} a new plan for the bridge in May.") == expected


@pytest.mark.parametrize("word", words("temporal_words", "zorp"))
def test_every_temporal_word_is_no_content_and_no_speaker(word):
    content = MAY if word != "zorp" else f"zorp that {MAY}"
    assert quote_lines(f"Mayor Ana Ruiz said {word} that {MAY}.") == [f"leading_said | {content} | Ana Ruiz"]
    # an aside of time words between the speaker and the cue (any "-ly" word after a cue is a manner adverb,
    # so this is where "publicly" needs the list)
    expected = [f"leading_said | {MAY} | Ana Ruiz"] if word != "zorp" else []
    assert quote_lines(f"Mayor Ana Ruiz, {word}, said {MAY}.") == expected


@pytest.mark.parametrize("determiner", words("determiners", "zorp"))
def test_every_determiner_ends_a_listener(determiner):
    # "this" is a time word as well ("this week"), so it is left out of the content
    content = {"zorp": "would reopen in May", "this": "bridge would reopen in May"}.get(
        determiner, f"{determiner} bridge would reopen in May")
    text = f"Mayor Ana Ruiz told reporters {determiner} bridge would reopen in May."
    assert quote_lines(text) == [f"leading_said | {content} | Ana Ruiz"]


@pytest.mark.parametrize("stop", words("noun_phrase_stops", "zorp"))
def test_every_noun_phrase_stop_ends_a_listener(stop):
    text = f"Mayor Ana Ruiz told reporters {stop} bridges reopen in May."
    # "that" opens the content, and "has", "have", "had" are time words ("has long")
    content = "bridges reopen in May" if stop in ("that", "has", "have", "had") else f"{stop} bridges reopen in May"
    assert quote_lines(text) == ([f"leading_said | {content} | Ana Ruiz"] if stop != "zorp" else [])


@pytest.mark.parametrize("cue", words("report_cues", "wrote"))
def test_every_report_cue_relays_the_speaker_it_reports(cue):
    expected = (f"leading_said | {MAY} | Tarn Velder" if cue != "wrote" else
                f"trailing_inverted | Tarn Velder said {MAY} | Zorp Times")
    assert quote_lines(f"Tarn Velder said {MAY}, {cue} the Zorp Times.") == [expected]


@pytest.mark.parametrize("verb", words("labelling_verbs", "said"))
def test_every_labelling_verb_makes_the_quotation_a_label(verb):
    text = f'Mayor Ana Ruiz {verb} the plan "a bridge too far for the town" on Monday.'
    expected = ("called | a bridge too far for the town" if verb != "said" else
                'leading_said | the plan "a bridge too far for the town" on Monday')
    assert quote_lines(text) == [f"{expected} | Ana Ruiz"]


@pytest.mark.parametrize("cue", words("participle_cues", "zorping"))
def test_every_participle_cue_lets_the_subject_speak(cue):
    listener = " reporters" if cue == "telling" else ""
    text = f"Tarn Velder visited the site on Monday, {cue}{listener} that {MAY}."
    assert quote_lines(text) == ([f"participle | {MAY} | Tarn Velder"] if cue != "zorping" else [])


# A word that ties a quotation to the name before it: "Tarn Velder voicing …", "Tarn Velder's claim …";
# (the sentence, the words it quotes) for each list.
VOICING = ('Few saw the video of Tarn Velder {} during the visit, "The bridge will reopen in May."',
           "The bridge will reopen in May.")
CLAIM = ('Few in the town believed Tarn Velder’s {} that "the bridge will reopen in May" this year.',
         "the bridge will reopen in May")


@pytest.mark.parametrize("word, case", each_word(("voicing_participles", VOICING), control="zorping")
                         + each_word(("claim_nouns", CLAIM)))
def test_every_word_after_a_name_credits_it_with_the_quotation(word, case):
    sentence, quoted = case
    credited = word not in ("zorping", "zorp")
    rule, speaker = ("sentence_subject", "Tarn Velder") if credited else ("quotation", "?")
    assert quote_lines(sentence.format(word)) == [f"{rule} | {quoted} | {speaker}"]


@pytest.mark.parametrize("word", words("not_possessed", "zorp"))
def test_every_word_not_possessed_lets_a_single_quote_close(word):
    # "the towns’ zorp": a plural possessive, and the quotation runs on to the next mark
    text = (f"Tarn Velder said: ‘The bridge will reopen for all the towns’ {word} the works go on, Ana Ruiz wrote, "
            "‘until the end of June.’")
    runs_on = any(f"towns’ {word} the works go on, Ana Ruiz wrote" in line for line in quote_lines(text))
    assert runs_on == (word == "zorp")


# --- what a capitalised name is: a body, an outlet, a place, a person (names.py) --------------------

def kind_of_speaker(name: str) -> str | None:
    text = f"{name} said the bridge would reopen in May."
    speakers = [a.speakers for a in extract(text, PARTY).annotations if a.layer == "quote"]
    return people(text)[name][0] if speakers == [(name,)] else None


@pytest.mark.parametrize("name", words("organizations", "Zorp"))
def test_every_organization_is_the_body_of_a_title(name):
    if "'" in name:  # "Quai d'Orsay": no title runs on from a lower-case word, so it speaks as a body
        assert kind_of_speaker(name) == "organization"
        return
    # not listed, the capitalised words before the title ("Zorp Press": an organisation word) are the body
    role, affiliation = people(f"{name} Press Secretary Tarn Velder said the bridge would reopen in May.")[
        "Tarn Velder"][1:]
    assert (role, affiliation) == (f"{name} Press Secretary", name if name != "Zorp" else "Zorp Press")


@pytest.mark.parametrize("name", words("outlets", "Tarn Velder"))
def test_every_outlet_speaks_as_the_media(name):
    if name == "The Economist":  # "the economist said" is a role; the outlet is an affiliation
        assert people(f"Analysts at {name} said the bridge would reopen in May.")["Analysts"][2] == name
        return
    assert kind_of_speaker(name) == ("media" if name != "Tarn Velder" else "other")


@pytest.mark.parametrize("name", words("places", "Tarn Velder"))
def test_every_place_speaks_as_a_body(name):
    assert kind_of_speaker(name) == ("organization" if name != "Tarn Velder" else "other")


@pytest.mark.parametrize("abbreviation", words("abbreviations", "Zz."))
def test_every_abbreviation_does_not_end_a_sentence(abbreviation):
    text = f"Mayor Ana Ruiz said the works begun on {abbreviation} 5 would end in May."
    content = f"the works begun on {abbreviation} 5 would end in May" if abbreviation != "Zz." else \
        "the works begun on Zz"
    assert quote_lines(text) == [f"leading_said | {content} | Ana Ruiz"]


@pytest.mark.parametrize("abbreviation", [w for w in entries("abbreviations") if re.fullmatch(r"(?:[A-Z]\.)+", w)]
                         + ["Z.Z."])
def test_an_abbreviation_of_initials_is_no_part_of_a_name(abbreviation):
    # written as initials, they would end no sentence anyway; the list keeps them out of names
    found = people(f"{abbreviation} Tarn Velder said the bridge would reopen in May.")
    assert (f"{abbreviation} Tarn Velder" in found) == (abbreviation == "Z.Z.")


# --- the words of a name -------------------------------------------------------------------------

PROFESSOR = "a professor at the University of Lyon"


@pytest.mark.parametrize("generation", words("generations", "XX"))
def test_every_generation_closes_a_name(generation):
    found = people(f"Tarn Velder {generation}, {PROFESSOR}, said the bridge would reopen in May.")
    assert (f"Tarn Velder {generation}" in found) == (generation != "XX")


@pytest.mark.parametrize("honorific", words("honorifics", "Zorp"))
def test_after_every_honorific_a_title_word_is_a_surname(honorific):
    # "Mr. King": after an honorific, a word that is otherwise a title ("King") names the person
    found = people(f"{honorific} King, {PROFESSOR}, said the bridge would reopen in May.")
    assert ("King" in found) == (honorific != "Zorp")


@pytest.mark.parametrize("rank", words("ranks", "Zorp"))
def test_every_rank_ends_the_body_before_a_title(rank):
    found = people(f"Zorp Council {rank} Spokesman Tarn Velder said the bridge would reopen in May.")
    assert found["Tarn Velder"][2] == ("Zorp Council" if rank != "Zorp" else "Zorp Council Zorp")


def named_tarn(word: str) -> bool:
    """Is "Tarn <word>" registered as a person?"""
    return f"Tarn {word}" in people(f"Tarn {word}, {PROFESSOR}, said the bridge would reopen in May.")


@pytest.mark.parametrize("word", words("non_name_words", "Zorp"))
def test_every_non_name_word_is_no_part_of_a_name(word):
    assert named_tarn(word) == (word == "Zorp")


@pytest.mark.parametrize("word", words("function_words", "Zorp"))
def test_every_function_word_is_no_part_of_a_name_or_title(word):
    assert named_tarn(word) == (word == "Zorp")
    found = people(f"The works begun in {word} Spokesman Tarn Velder said the bridge would reopen in May.")
    assert found["Tarn Velder"][1] == ("Spokesman" if word != "Zorp" else "Zorp Spokesman")


@pytest.mark.parametrize("surname", words("cjk_surnames", "Zorp"))
def test_every_cjk_surname_comes_first_and_names_the_person_later(surname):
    text = (f"{surname} Tarnak, {PROFESSOR}, spoke first.\n\n"
            f'"The bridge will reopen in May," {surname} said.')
    speaker = f"{surname} Tarnak" if surname != "Zorp" else "Zorp"
    assert quote_lines(text) == [f"trailing_said | The bridge will reopen in May, | {speaker}"]


@pytest.mark.parametrize("word", words("org_words", "Velder"))
def test_every_org_word_makes_a_body(word):
    found = people(f"Tarn {word}, {PROFESSOR}, said the bridge would reopen in May.")
    if word != "Media":  # "media" is a group noun too: "Tarn Media" speaks as a group
        assert found[f"Tarn {word}"][0] == ("organization" if word != "Velder" else "expert")
    # the body named in a title: "Zorp Ministry Spokesman Tarn Velder" ("Senate" is an organisation of its own)
    found = people(f"Zorp {word} Spokesman Tarn Velder said the bridge would reopen in May.")
    body = word if word in ORGANIZATIONS else f"Zorp {word}" if word != "Velder" else None
    assert found["Tarn Velder"][1:] == (f"Zorp {word} Spokesman", body)


# --- roles and titles ------------------------------------------------------------------------------

@pytest.mark.parametrize("word", words("role_words", "zorp"))
def test_every_role_word_makes_an_appositive_a_role(word):
    found = people(f"Ana Ruiz, a {word} of the Zorp Group, said the bridge would reopen in May.")
    assert found["Ana Ruiz"][1:] == ((word, "Zorp Group") if word != "zorp" else (None, None))


@pytest.mark.parametrize("modifier", words("role_modifiers", "zorp"))
def test_every_role_modifier_stays_in_a_title_before_a_name(modifier):
    found = people(f"The works were late, and {modifier} spokesman Tarn Velder said the bridge would reopen in May.")
    assert found["Tarn Velder"][1] == (f"{modifier} spokesman" if modifier != "zorp" else "spokesman")


@pytest.mark.parametrize("head", words("title_heads", "Zorp"))
def test_every_title_head_ends_a_title_before_a_name(head):
    found = people(f"Zorp {head} Tarn Velder said the bridge would reopen in May.")
    if head == "Zorp":
        assert "Tarn Velder" not in found
    else:
        assert found["Tarn Velder"][1] == f"Zorp {head}"
