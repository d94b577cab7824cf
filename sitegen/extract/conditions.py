"""Specific conditions that the configured party demands.

A condition is the complement of a demand that the party owns:

  verb       PARTY has demanded that X / insists on X / calls for X
  noun       PARTY's demand to X / PARTY's conditions include X / the "key condition" ... is that X
  object     PARTY has set out (...) preconditions, including (that) X / such as X / : X, Y and Z
  statement  in words attributed to the party: "any deal would require X", "only if X"

A demand without a complement ("the Kremlin's demands will be discussed") is vague
and yields nothing. The span is the condition itself, cut where the sentence moves
on (", according to ...", " as a condition for ...", ", a lifeline ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import Party
from ..model import Person
from .lexicon import (
    CONDITION_NOUNS, DEMAND_VERBS, DEMONYMS, ROLE_WORDS, SPEECH_VERBS, WORD_BREAK, after_break, alternation, entries,
)
from .segments import Document
from .speakers import Resolved

REQUEST_VERBS = entries("request_verbs")  # asked, requested: "asked that ..."
DEMAND_PARTICIPLES = entries("demand_participles")  # demanding, calling for
AUX = rf"(?:(?:has|have|had|is|was|would|will|{alternation(entries('demand_verb_modifiers'))})\s+)*"
DEMAND_VERB = rf"(?:{alternation(DEMAND_VERBS)}|conditioned\s+\w+\s+on)"
CONDITION_NOUN = rf"(?:{alternation(CONDITION_NOUNS)})"
NOUN_MODIFIERS = rf"(?:(?:{alternation(entries('condition_modifiers'))}|[“\"‘']|[”\"’'])\s*)*"
SET_VERB = rf"(?:{alternation(entries('setting_verbs'))})"
POSSESSIVE = r"(?:’s|'s)"
# What a party demands that others do, in the present tense of a condition clause.
BASE_ACTS = entries("demanded_acts")
DEMANDED_ACTS = tuple(f"{verb}s" for verb in BASE_ACTS)
# "that" opening a clause, not a relative pronoun ("conditions that would be impossible").
THAT_CLAUSE = r"that\s+(?!(?:would|will|could|can|are|is|were|was|have|has|had|might|may|must)\b)"
# What introduces the conditions after their noun: ", including (that) X", " such as X", ": X", ", namely X".
LIST_INTRODUCER = rf"(?:,?\s+including\s+(?:{THAT_CLAUSE})?|\s+such\s+as\s+|\s*:\s*|,\s+namely\s+)"
# Between a condition noun and its verb: what the conditions are for ("conditions for a settlement
# include"), or an aside ("Russia's key condition, officials say, is").
NOUN_ASIDE = r"(?:\s+(?:for|to|on|in|of|over)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+|,\s+[^,]{1,40},)?"
# "are that ...", "is the withdrawal of ...", not "are unacceptable".
COPULA = rf"(?:is|are|was|were|remains?)\s+(?:{THAT_CLAUSE}|(?=(?:a|an|the|full|complete|total)\s))"

# What follows a mention of the party when it sets a condition; each match ends where the
# condition begins. The flags say whether the complement may be a list of conditions, and
# whether it is the subject of the sentence ("Moscow's demand for X reflected ..."). ("[\w-]++\s+"
# takes a word whole, possessively: it can only be followed by its space, and the regex engine then
# never retries it shorter.)
AFTER_PARTY = (
    (re.compile(rf"\s+(?:[\w-]++\s+){{0,6}}?(?:{alternation(DEMAND_PARTICIPLES)})\s+(?:{THAT_CLAUSE})?",
                re.I), True, False),
    (re.compile(rf"\s+{AUX}{DEMAND_VERB}\s+(?:{THAT_CLAUSE}|on\s+|for\s+)?(?=\S)", re.I),
     True, False),
    (re.compile(rf"\s+{AUX}(?:{alternation(REQUEST_VERBS)})\s+that\s+", re.I), False, False),
    # "Moscow wants Kyiv to renounce ...": a wish with a doer and a deed is a demand
    (re.compile(rf"\s+{AUX}wants?\s+(?=(?:the\s+)?(?:[A-Z][\w.-]*|the\s+West)(?:\s+[\w.’'-]+){{0,3}}?\s+to\s+[a-z])"),
     True, False),
    # "repeated its demand for X", "renewed its call for X"
    (re.compile(rf"\s+{AUX}(?:{alternation(entries('restating_verbs'))})\s+(?:its|his|their)\s+"
                rf"{NOUN_MODIFIERS}(?:demands?|{CONDITION_NOUN}|calls?)\s+(?:for\s+|that\s+|to\s+)", re.I),
     True, False),
    (re.compile(rf"\s+{AUX}wants?\s+(?=(?:an?\s+|the\s+)?(?:[\w-]++\s+){{0,2}}?"
                rf"(?:{alternation(entries('wanted_things'))})\b)"),
     True, False),
    (re.compile(rf"{POSSESSIVE}\s+{NOUN_MODIFIERS}demands?\s+(?:to|for)\s+", re.I), False, True),
    (re.compile(rf"{POSSESSIVE}\s+{NOUN_MODIFIERS}{CONDITION_NOUN}{NOUN_ASIDE}\s+(?:also\s+|still\s+|now\s+)?"
                rf"(?:{THAT_CLAUSE}|"
                rf"(?:include|includes|including)\s+(?:{THAT_CLAUSE})?|{COPULA}|:\s*|such\s+as\s+)", re.I),
     True, False),
    (re.compile(rf"\s+{AUX}{SET_VERB}\s+(?:[\w-]++\s+){{0,5}}?{NOUN_MODIFIERS}{CONDITION_NOUN}"
                rf"(?:{LIST_INTRODUCER}|\s+{THAT_CLAUSE})",
                re.I), True, False),
)
# "the conditions set by Moscow include ...": the noun comes before the party.
NOUN_BEFORE_PARTY = re.compile(rf"{NOUN_MODIFIERS}{CONDITION_NOUN}\s+(?:set\s+)?(?:by|from)\s+$", re.I)
NOUN_BY_PARTY = re.compile(rf"\s+(?:(?:include|includes)\s+(?:{THAT_CLAUSE})?|{COPULA})", re.I)
# What a condition is a condition for: "any resolution of the conflict would require ...".
SETTLEMENT = rf"(?:{alternation(entries('settlements'))})"
# In words the party itself says, these introduce a condition. (One word boundary for all the
# alternatives: far faster than a boundary in each.)
STATEMENT_TRIGGER = re.compile(
    r"(?<![\w-])(?:"
    rf"{SETTLEMENT}\s+(?:[\w-]++\s+){{0,5}}?(?:(?:would|will|must|should|could)\s+(?:first\s+)?require|requires)\s+"
    r"(?:that\s+)?"
    r"|on\s+(?:the\s+)?condition\s+that\s+|only\s+(?:[\w-]++\s+){0,8}?if\s+|provided\s+(?:that\s+)?"
    rf"|(?:{alternation(entries('conditional_acts'))})\s+(?:[\w-]++\s+){{0,6}}?if\s+|unless\s+"
    r"|and\s+(?:only\s+)?if\s+"
    r"|(?:should|must|has\s+to|have\s+to|needs?\s+to)\s+(?:[a-z]+ly\s+)?"
    rf"(?=(?:{alternation(entries('required_acts'))})\b)"
    r"|once\s+|as\s+soon\s+as\s+|only\s+after\s+|must\s+(?:first\s+)?be\s+preceded\s+by\s+"
    r"|(?:must|should|would\s+have\s+to|will\s+have\s+to|has\s+to)\s+(?:[a-z]+ly\s+)?"
    rf"(?:{alternation(entries('requirement_verbs'))})\s+"
    rf"|(?:pre)?conditions?\s+(?:include|including)\s+(?:that\s+)?|(?:pre)?conditions?\s+{COPULA})")
# "as a condition", "in exchange for": a condition named as one, or what is offered for it, ends it.
CONDITION_KIND = rf"(?:{alternation(entries('condition_kinds'))})"
IN_EXCHANGE = rf"\s+in\s+(?:{alternation(entries('exchange_words'))})\s+for\b"
# A comma and a word that opens a new clause ("..., according to", ", which", ", and he"): a condition ends there.
CLAUSE_OPENER = rf",\s+(?:{alternation(entries('clause_openers'))}|and\s+(?:it|he|she|they|we|I))\b"
# Where a condition ends: the sentence moves on to its purpose, its source or an aside.
CUT = re.compile(
    r"\s+as\s+(?:(?:a|an|the|its)\s+)?(?:[\w“”\"‘’'-]+\s+){0,2}?[“\"‘']?(?:(?:key|main|central)\s+)?"
    rf"{CONDITION_KIND}"
    rf"|{IN_EXCHANGE}|\s+before\s+(?:any|a|the)\b"
    rf"|\s+for\s+(?:a|any)\s+(?:{alternation(entries('condition_purposes'))})\b"
    rf"|{CLAUSE_OPENER}|,\s+an?\b|,?\s+(?:and\s+)?(?:if|unless|so\s+that)\s+|\s+as\s+part\s+of\b"
    r"|;|\s[—–]\s|\s-\s|,?\s+(?:said|says|told)\b"
    rf"|,\s+[^,]{{0,60}}?\b(?:say|{alternation(SPEECH_VERBS)})\b[^,]*$")
# Where a condition (or a list of them) stops: the purpose it serves, its source, the next clause.
AS_CONDITION = re.compile(
    r"\s+as\s+(?:(?:a|an|the|its)\s+)?(?:[\w“”\"‘’'-]+\s+){0,2}?[“\"‘']?(?:(?:key|main|central)\s+)?"
    rf"{CONDITION_KIND}s?|\s+as\s+part\s+of\b|{IN_EXCHANGE}")
TAIL = re.compile(rf",\s+[^,]{{0,60}}?\b(?:say|{alternation(SPEECH_VERBS)})\b[^,]*$|;|\s[—–]\s|\s-\s"
                  rf"|{CLAUSE_OPENER}")
LIST_TAIL = re.compile(rf",\s+[^,;]{{0,60}}?\b(?:say|{alternation(SPEECH_VERBS)})\b[^,;]*$|\s[—–]\s|\s-\s"
                       rf"|{CLAUSE_OPENER}")
# The verb of a sentence whose subject is the demand: "Moscow's demand for X reflected ...".
MAIN_VERB = re.compile(rf"\s+(?:{alternation(entries('demand_subject_verbs'))})\b")
# Cheap test first: most sentences hold no demand at all. It is made of what the rules read, so that it lets
# in every sentence a rule could match: the words of the rules' lists (each matched as a word's start:
# "demand" lets in "demanded"), and the grammar words their patterns spell.
DEMAND = (rf"(?:{alternation(CONDITION_NOUNS + DEMAND_VERBS + DEMAND_PARTICIPLES)}"
          rf"|(?:{alternation(REQUEST_VERBS)})\s+that|if\s|unless\s|provided\s|once\s|as\s+soon\s+as\s"
          r"|only\s|should\s|must\s|(?:has|have|needs?)\s+to\s|wants?\s)")
DEMAND_WORD = re.compile(rf"(?<![\w-]){DEMAND}")
DEMAND_AFTER = re.compile(WORD_BREAK + DEMAND)  # searched first: see lexicon.after_break
LIST_END = re.compile(rf"\s[—–]\s|{CLAUSE_OPENER}")
LIST_SPLIT = re.compile(r";\s+|,\s+(?:and\s+|or\s+)?")
# "... and the lifting of sanctions", "... and Kyiv halts its mobilisation": a second condition.
LAST_ITEM = re.compile(r"\s+and\s+(?=(?:the|an?|its|all|any|full|complete|total|no|to)\s)")
# "... and Kyiv halts its mobilisation", "... and Western arms deliveries are halted": a second clause.
SUBJECT_ITEM = re.compile(rf"\s+and\s+(?=[A-Z][\w’'-]*(?:\s+[a-z][\w’'-]*){{0,2}}\s+"
                          rf"(?:must|should|would|will|{alternation(DEMANDED_ACTS + BASE_ACTS)})\s"
                          r"|[A-Z][\w’'-]*(?:\s+[a-z][\w’'-]*){1,3}\s+(?:are|is|be|must|should|will|would)\s)")
# A condition that is a clause ("Kyiv recognize ...", "Western countries stop ..."), not a noun phrase.
CLAUSE_START = re.compile(rf"[A-Z][\w’'-]*(?:\s+[a-z][\w’'-]*){{0,2}}?\s+"
                          rf"(?:must|should|would|will|can|could|are|is|be|{alternation(DEMANDED_ACTS + BASE_ACTS)})\b")
# "Ukraine pulls its troops out ... and agrees to hold elections", "abandon X and cap Y": two demands.
SECOND_VERB = re.compile(rf"\s+and\s+(?=(?:{alternation(DEMANDED_ACTS + BASE_ACTS)})\s)")
BARE_ACT = re.compile(rf"(?:{alternation(BASE_ACTS)})\s")
SUBJECT_VERB = re.compile(rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?:{alternation(DEMANDED_ACTS)})\s")
LEADING_THAT = re.compile(r"\s*(?:(?:and|or)\s+)?(?:that\s+|to\s+)?")
SAYS = (rf"\s+(?:\w+\s+){{0,3}}?(?:{alternation(entries('party_statement_verbs'))}|"
        r"made\s+(?:it|its|his|her|their)\s+(?:\w+\s+)?clear)\b")


@dataclass(slots=True)
class Condition:
    start: int
    end: int


@dataclass(frozen=True)
class PartyNames:
    """How the text names the party: its name, aliases and officials ("the Russian president")."""
    mention: re.Pattern
    says: re.Pattern  # the party as the subject of a reporting verb
    office: re.Pattern  # a role held for the party: "Kremlin spokesman", "Russian Foreign Minister"

    @classmethod
    def of(cls, party: Party) -> "PartyNames":
        names = {party.name, *party.aliases} - {""}
        demonym = DEMONYMS.get(party.name)
        bodies = rf"(?:{alternation(entries('party_bodies'))})"
        described = rf"{re.escape(party.name)}(?:’s|'s)\s+{bodies}|"  # "Russia's negotiators", before "Russia"
        described += rf"(?:the\s+)?{re.escape(demonym)}\s+{bodies}|" if demonym else ""
        pattern = rf"(?<![\w-])(?:{described}{alternation(names)})(?![\w-])"
        holder = alternation(names | ({demonym} if demonym else set()))
        office = rf"^(?:the\s+)?(?:{holder})(?:’s|'s)?\s+(?:[\w-]++\s+){{0,4}}?(?:{alternation(ROLE_WORDS)})\b"
        return cls(re.compile(pattern, re.I), re.compile(pattern + SAYS), re.compile(office, re.I))


@lru_cache(maxsize=8)
def party_names(party: Party) -> PartyNames:
    """The party's patterns, built once per party (building them costs more than using them)."""
    return PartyNames.of(party)


def find_conditions(doc: Document, resolved: list[Resolved], entities: dict[str, Person],
                    party: Party) -> list[Condition]:
    found: list[Condition] = []
    sentences = [s for s in doc.sentences if has_demand_word(s.text)]
    if not sentences:
        return found
    names = party_names(party)
    spoken = party_spans(resolved, entities, names)
    for sent in sentences:
        text, base = sent.text, sent.start
        mentioned = False
        for mention in names.mention.finditer(text):
            mentioned = True
            for pattern, may_list, noun_subject in AFTER_PARTY:
                m = pattern.match(text, mention.end())
                if m:
                    as_list = may_list and not m.group().rstrip().endswith("that")
                    found.extend(conditions_from(text, base, m.end(), as_list, noun_subject))
            m = NOUN_BY_PARTY.match(text, mention.end())
            if m and NOUN_BEFORE_PARTY.search(text, max(0, mention.start() - 60), mention.start()):
                found.extend(conditions_from(text, base, m.end(), True))
        said = [(a, b) for a, b in spoken if a < sent.end and base < b]
        # (names.says opens with a mention of the party: in a sentence without one it is not searched)
        if not said and not (mentioned and names.says.search(text)):
            continue  # words no one of the party says: no statement of theirs sets a condition
        for m in STATEMENT_TRIGGER.finditer(text):
            if any(a <= base + m.start() < b for a, b in said) or names.says.search(text, 0, m.start()):
                found.extend(conditions_from(text, base, m.end(), False))
    return without_overlaps(found)


def has_demand_word(text: str) -> bool:
    """DEMAND_WORD.search(text) is not None."""
    return any(after_break(DEMAND_WORD, DEMAND_AFTER, text, 0, len(text)))


def party_spans(resolved: list[Resolved], entities: dict[str, Person], names: PartyNames) -> list[tuple[int, int]]:
    """The stretches of text attributed to the party or one of its officials."""
    return [(r.attribution.start, r.attribution.end) for r in resolved
            if any(party_speaker(name, entities.get(name), names) for name in r.speakers)]


def party_speaker(name: str, person: Person | None, names: PartyNames) -> bool:
    """The party itself, or one of its officials ("Kremlin spokesman")."""
    return bool(names.mention.search(name) or person and person.role and names.office.search(person.role))


def conditions_from(text: str, base: int, start: int, as_list: bool, noun_subject: bool = False) -> list[Condition]:
    """The condition(s) that begin at text[start] (text is a sentence at offset `base`). With `as_list`,
    a comma list is one condition per item; with `noun_subject` ("Moscow's demand for X reflected ..."),
    the condition ends at the sentence's verb."""
    rest = text[start:]
    end = len(rest.rstrip(" .!?…”\"’"))
    tail = (LIST_TAIL if as_list else TAIL).search(rest, 0, end)
    end = tail.start() if tail else end
    if noun_subject:
        verb = MAIN_VERB.search(rest, 0, end)
        end = verb.start() if verb else end
    items = list_items(rest, end) if as_list else []
    if len(items) < 2 or not all(len(rest[a:b].split()) >= 2 for a, b in items):
        cut = CUT.search(rest, 0, end)
        end = cut.start() if cut else end
        items = pair_items(rest, end)
    return [c for a, b in items for c in trimmed_condition(text, base, start + a, start + b)]


def pair_items(rest: str, end: int) -> list[tuple[int, int]]:
    """"an end to X and a freeze on Y", "Ukraine pulls out of X and agrees to Y": two conditions."""
    clause = bool(CLAUSE_START.match(rest.lstrip()))
    both = None if clause else LAST_ITEM.search(rest, 0, end)
    if clause:
        both = SUBJECT_ITEM.search(rest, 0, end) or (SECOND_VERB.search(rest, 0, end)
                                                      if SUBJECT_VERB.match(rest.lstrip()) else None)
    elif BARE_ACT.match(rest.lstrip()):
        both = SECOND_VERB.search(rest, 0, end)
    if both and len(rest[:both.start()].split()) >= 3 and len(rest[both.end():end].split()) >= 3:
        return [(0, both.start()), (both.end(), end)]
    return [(0, end)]


def list_items(rest: str, end: int) -> list[tuple[int, int]]:
    """"a halt to arms deliveries, new elections in Ukraine and the lifting of sanctions": each item."""
    cut = AS_CONDITION.search(rest, 0, end)
    end = cut.start() if cut else end
    stop = LIST_END.search(rest, 0, end)
    body_end = stop.start() if stop else end
    items, pos = [], 0
    for sep in LIST_SPLIT.finditer(rest, 0, body_end):
        items.append((pos, sep.start()))
        pos = sep.end()
    last = LAST_ITEM.search(rest, pos, body_end) if items else None
    if last:
        items.append((pos, last.start()))
        pos = last.end()
    items.append((pos, body_end))
    return items


def trimmed_condition(text: str, base: int, a: int, b: int) -> list[Condition]:
    """text[a:b] without a leading "that"/"to" and trailing punctuation; none if under two words."""
    a += LEADING_THAT.match(text, a, b).end() - a
    piece = text[a:b].rstrip(" ,.;:”\"’")
    if len(piece.split()) < 2:
        return []
    return [Condition(base + a, base + a + len(piece))]


def without_overlaps(found: list[Condition]) -> list[Condition]:
    """Each stretch once: where two matches overlap, the earlier (and longer) one stays."""
    out: list[Condition] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
