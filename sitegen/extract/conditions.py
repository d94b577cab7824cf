"""Specific conditions that the configured party demands.

A condition is the complement of a demand that the party owns:

  verb       PARTY has demanded that X / insists on X / calls for X
  noun       PARTY's demand to X / PARTY's conditions include X / the "key condition" ... is that X
  object     PARTY has outlined (...) preconditions, including that X / conditions: X, Y and Z
  statement  in words attributed to the party: "any deal would require X", "only if X"

A demand without a complement ("the Kremlin's demands will be discussed") is vague
and yields nothing. The span is the condition itself, cut where the sentence moves
on (", according to ...", " as a condition for ...", ", a lifeline ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Party
from ..model import Person
from .lexicon import DEMONYMS, SPEECH_VERBS, alternation
from .segments import Document
from .speakers import Resolved

AUX = (r"(?:(?:has|have|had|also|again|long|now|still|previously|repeatedly|reportedly|is|was|would|will|"
       r"reiterated|formally|publicly|effectively|essentially)\s+)*")
DEMAND_VERB = (r"(?:demanded|demands|demand|insisted|insists|insist|required|requires|called\s+for|calls\s+for|"
               r"conditioned\s+\w+\s+on)")
CONDITION_NOUN = r"(?:demands?|conditions?|preconditions?|terms|requirements?|ultimatum)"
NOUN_MODIFIERS = (r"(?:(?:key|main|central|core|chief|latest|new|stringent|maximalist|longstanding|long-standing|"
                  r"sweeping|[“\"‘']|[”\"’'])\s*)*")
SET_VERB = (r"(?:outlined|set\s+out|set|laid\s+out|listed|put\s+forward|issued|presented|delivered|named|"
            r"spelled\s+out|reiterated|repeated|made|stated|insisted\s+on)")
POSSESSIVE = r"(?:’s|'s)"
# "that" opening a clause, not a relative pronoun ("conditions that would be impossible").
THAT_CLAUSE = r"that\s+(?!(?:would|will|could|can|are|is|were|was|have|has|had|might|may|must)\b)"
# "are that ...", "is the withdrawal of ...", not "are unacceptable".
COPULA = rf"(?:is|are|was|were|remains?)\s+(?:{THAT_CLAUSE}|(?=(?:a|an|the|full|complete|total)\s))"

# What follows a mention of the party when it sets a condition; each match ends where the
# condition begins. The flag says whether the complement may be a list of conditions.
AFTER_PARTY = (
    (re.compile(rf"\s+(?:[\w-]+\s+){{0,6}}?(?:demanding|insisting\s+on|calling\s+for)\s+(?:{THAT_CLAUSE})?", re.I),
     False),
    (re.compile(rf"\s+{AUX}{DEMAND_VERB}\s+(?:{THAT_CLAUSE}|on\s+|for\s+)?(?=\S)", re.I), False),
    # "Moscow wants Kyiv to renounce ...": a wish with a doer and a deed is a demand
    (re.compile(rf"\s+{AUX}wants?\s+(?=(?:[A-Z][\w.-]*|the\s+[A-Z][\w.-]*|the\s+West)(?:\s+[A-Z][\w.-]*)?\s+to\s+\w)"),
     False),
    (re.compile(rf"{POSSESSIVE}\s+{NOUN_MODIFIERS}demands?\s+(?:to|for)\s+", re.I), False),
    (re.compile(rf"{POSSESSIVE}\s+{NOUN_MODIFIERS}{CONDITION_NOUN}\s+(?:also\s+|still\s+|now\s+)?(?:{THAT_CLAUSE}|"
                rf"(?:include|includes|including)\s+(?:{THAT_CLAUSE})?|{COPULA}|:\s*|such\s+as\s+)", re.I), True),
    (re.compile(rf"\s+{AUX}{SET_VERB}\s+(?:[\w-]+\s+){{0,5}}?{NOUN_MODIFIERS}{CONDITION_NOUN}"
                rf"(?:,?\s+including\s+(?:{THAT_CLAUSE})?|\s+such\s+as\s+|\s*:\s*|,\s+namely\s+|\s+{THAT_CLAUSE})",
                re.I), True),
)
# "the conditions set by Moscow include ...": the noun comes before the party.
NOUN_BEFORE_PARTY = re.compile(rf"{NOUN_MODIFIERS}{CONDITION_NOUN}\s+(?:set\s+)?(?:by|from)\s+$", re.I)
NOUN_BY_PARTY = re.compile(rf"\s+(?:(?:include|includes)\s+(?:{THAT_CLAUSE})?|{COPULA})", re.I)
# In words the party itself says, these introduce a condition.
STATEMENT_TRIGGER = re.compile(
    r"\b(?:(?:would|will|must|should|could)\s+(?:first\s+)?require|requires|required)\s+(?:that\s+)?"
    r"|\bon\s+(?:the\s+)?condition\s+that\s+|\bonly\s+if\s+|\bprovided\s+(?:that\s+)?|\bonce\s+|\bas\s+soon\s+as\s+"
    r"|\bonly\s+after\s+|\bmust\s+(?:first\s+)?be\s+preceded\s+by\s+"
    r"|\b(?:must|should|would\s+have\s+to|will\s+have\s+to|has\s+to)\s+"
    r"(?:include|involve|guarantee|ensure|recogni[sz]e)\s+"
    rf"|\b(?:pre)?conditions?\s+(?:include|including)\s+(?:that\s+)?|\b(?:pre)?conditions?\s+{COPULA}")
# Where a condition ends: the sentence moves on to its purpose, its source or an aside.
CUT = re.compile(
    r"\s+as\s+(?:(?:a|an|the|its)\s+)?(?:[\w“”\"‘’'-]+\s+){0,2}?[“\"‘']?(?:(?:key|main|central)\s+)?"
    r"(?:(?:pre)?condition|prerequisite|requirement)"
    r"|\s+in\s+(?:exchange|return)\s+for\b|\s+before\s+(?:any|a|the)\b"
    r"|\s+for\s+(?:a|any)\s+(?:cease-?fire|truce|peace|deal)\b"
    r"|,\s+(?:according|per|a|an|which|who|while|but|although|though|he|she|they|said|says|told|noting|adding|citing)\b"
    r"|;|\s[—–]\s|\s-\s|,?\s+(?:said|says|told)\b"
    rf"|,\s+[^,]{{0,60}}?\b(?:say|{alternation(SPEECH_VERBS)})\b[^,]*$")
# Cheap test first: most sentences hold no demand at all.
DEMAND_WORD = re.compile(r"demand|condition|insist|requir|call(?:s|ed)?\s+for|terms|ultimatum|only\s+(?:if|after)|"
                         r"preceded|provided|once|as\s+soon\s+as|wants?\s|include|involve|guarantee|ensure|"
                         r"recogni[sz]e")
LIST_END = re.compile(r";|\s[—–]\s|,\s+(?:according|per|said|says|which|while|but)\b")
LIST_SPLIT = re.compile(r";\s+|,\s+(?:and\s+|or\s+)?")
# "... and the lifting of sanctions", "... and Kyiv halts its mobilisation": a second condition.
LAST_ITEM = re.compile(r"\s+and\s+(?=(?:the|an?|its|all|any|full|complete|total|no)\s"
                       r"|[A-Z][\w’'-]*\s+(?:must|should|would|will|[a-z]+s|[a-z]+ed)\s)")
LEADING_THAT = re.compile(r"\s*(?:that\s+|to\s+)?")
SAYS = (r"\s+(?:\w+\s+){0,3}?(?:said|says|emphasized|emphasised|stressed|insisted|insists|made\s+clear|reiterated|"
        r"warned|told|made\s+(?:it|its|his|her|their)\s+(?:\w+\s+)?clear)\b")


@dataclass(frozen=True)
class Condition:
    start: int
    end: int


@dataclass(frozen=True)
class PartyNames:
    """How the text names the party: its name, aliases and officials ("the Russian president")."""
    mention: re.Pattern
    says: re.Pattern  # the party as the subject of a reporting verb

    @classmethod
    def of(cls, party: Party) -> "PartyNames":
        names = {party.name, *party.aliases} - {""}
        demonym = DEMONYMS.get(party.name)
        described = (rf"|(?:the\s+)?{re.escape(demonym)}\s+(?:president|leader|government|side|authorities|officials|"
                     rf"foreign\s+ministry|delegation|negotiators)") if demonym else ""
        pattern = rf"(?<![\w-])(?:{alternation(names)}{described})(?![\w-])"
        return cls(re.compile(pattern, re.I), re.compile(pattern + SAYS))


def find_conditions(doc: Document, resolved: list[Resolved], entities: dict[str, Person],
                    party: Party) -> list[Condition]:
    found: list[Condition] = []
    sentences = [s for s in doc.sentences if DEMAND_WORD.search(s.text)]
    if not sentences:
        return found
    names = PartyNames.of(party)
    for sent in sentences:
        text, base = sent.text, sent.start
        for mention in names.mention.finditer(text):
            for pattern, may_list in AFTER_PARTY:
                m = pattern.match(text, mention.end())
                if m:
                    as_list = may_list and not m.group().rstrip().endswith("that")
                    found.extend(conditions_from(text, base, m.end(), as_list))
            m = NOUN_BY_PARTY.match(text, mention.end())
            if m and NOUN_BEFORE_PARTY.search(text, max(0, mention.start() - 60), mention.start()):
                found.extend(conditions_from(text, base, m.end(), True))
        for m in STATEMENT_TRIGGER.finditer(text):
            if party_speaks(base + m.start(), resolved, entities, names) or names.says.search(text, 0, m.start()):
                found.extend(conditions_from(text, base, m.end(), False))
    return without_overlaps(found)


def party_speaks(offset: int, resolved: list[Resolved], entities: dict[str, Person], names: PartyNames) -> bool:
    """True when the words at `offset` are attributed to the party or one of its officials."""
    for r in resolved:
        if r.attribution.start <= offset < r.attribution.end:
            for name in r.speakers:
                p = entities.get(name)
                described = " ".join(x for x in (p.role, p.affiliation) if x) if p else ""
                if names.mention.search(name) or names.mention.search(described):
                    return True
    return False


def conditions_from(text: str, base: int, start: int, as_list: bool) -> list[Condition]:
    """The condition(s) that begin at text[start] (text is a sentence at offset `base`)."""
    rest = text[start:]
    end = len(rest.rstrip(" .!?…”\"’"))
    items = list_items(rest, end) if as_list else []
    if len(items) < 2 or not all(len(rest[a:b].split()) >= 2 for a, b in items):
        cut = CUT.search(rest, 0, end)
        end = cut.start() if cut else end
        both = LAST_ITEM.search(rest, 0, end)  # "an end to X and a freeze on Y": two conditions
        if both and len(rest[:both.start()].split()) >= 3 and len(rest[both.end():end].split()) >= 3:
            items = [(0, both.start()), (both.end(), end)]
        else:
            items = [(0, end)]
    return [c for a, b in items for c in trimmed_condition(text, base, start + a, start + b)]


def list_items(rest: str, end: int) -> list[tuple[int, int]]:
    """"a halt to arms deliveries, new elections in Ukraine and the lifting of sanctions": each item."""
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
