"""Who a speaker phrase names: "Kremlin spokesman Dmitry Peskov", "she", "the Kremlin",
"a statement issued by the Kremlin", "one senior Western official", "Chinese experts".

`parse_source` reads one phrase (a span of the text) and returns the sources it names,
unresolved: a pronoun stays a pronoun and a bare surname stays a surname; the
speakers module resolves them in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, GROUP_NOUNS, NATIONALITIES, ROLE_MODIFIERS, ROLE_WORDS, alternation
from .names import (
    NAME_RUN, ORGANIZATION_RE, OUTLET_RE, can_be_person_name, describe_role, is_organisation_name, is_place_name,
    title_end, without_function_words,
)

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
LEADING_NOISE = re.compile(
    r"^(?:(?:but|and|while|yet|so|as|meanwhile|however|now|also|then|even|instead|moreover|still|though)\s+"
    r"|[«»\"“”‘’'(\[—–-]\s*)+", re.I)
TRAILING_NOISE = re.compile(
    r"(?:\s+(?:also|later|earlier|again|previously|recently|repeatedly|separately|reportedly|further|then|once|"
    r"still|now|already|publicly|privately|has|had|have|would|will|has\s+long|both|all|together|jointly|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"last\s+\w+|this\s+\w+|in\s+a\s+statement|in\s+an?\s+\w+\s+statement))+$")
DOCUMENT_RE = re.compile(rf"\b(?:{alternation(DOCUMENT_NOUNS)})\b")
OWNER_AFTER = re.compile(r".*\b(?:by|from)\s+(.+)$")
GROUP_RE = re.compile(
    rf"^(?:(?:the|some|many|several|other|two|three|four|both|most|all|a\s+number\s+of|a\s+few)\s+)?"
    rf"((?:[\w.’'-]+\s+){{0,4}}(?:{alternation(GROUP_NOUNS)}))$", re.I)
ANONYMOUS_RE = re.compile(
    rf"^(a|an|one|another|the|that|this)\s+((?:[\w.’'-]+\s+){{0,4}}?(?:{alternation(ANONYMOUS_NOUNS)}))\b(.*)$", re.I)
INSTITUTION_RE = re.compile(
    r"^(?:the|its|their)\s+((?:[\w.’'-]+\s+){0,3}(?:government|ministry|embassy|company|administration|military|"
    r"army|police|presidency|cabinet|agency|office|court|parliament|council|commission|committee|campaign|"
    r"department|firm|bank|party|group|organi[sz]ation|foundation|institute|union|alliance|regime|side))$", re.I)
POSSESSIVE = re.compile(r"[’']s$")
PARENTHETICAL = re.compile(r"^\s*(?:citing|asking|speaking|requesting|declining|quoting|referring|according)\b", re.I)


@dataclass(frozen=True)
class Source:
    """A speaker as written: kind is name | pronoun | anaphor | organization | media | group | anonymous."""
    kind: str
    label: str
    start: int
    end: int
    document: bool = False  # cited through a statement, readout or report


def parse_source(text: str, start: int, end: int) -> tuple[Source, ...]:
    s, e = trim(text, start, end)
    if s >= e or len(text[s:e].split()) > 16:
        return ()
    phrase = text[s:e]
    if phrase.lower() in PRONOUNS:
        return (Source("pronoun", phrase.lower(), s, e),)
    return (coordinated(text, s, e) or document_source(text, s, e) or group_source(phrase, s, e)
            or anonymous_source(phrase, s, e) or named_source(text, s, e) or institution_source(phrase, s, e))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        phrase = text[start:end]
        lead = LEADING_NOISE.match(phrase)
        tail = TRAILING_NOISE.search(phrase)
        stripped = len(phrase) - len(phrase.lstrip())
        trailing = len(phrase) - len(phrase.rstrip(" ,;:"))
        if lead and lead.end():
            start += lead.end()
        elif tail and tail.start() > 0:
            end = start + tail.start()
        elif stripped or trailing:
            start, end = start + stripped, end - trailing
        else:
            return start, end


def coordinated(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"German Chancellor Olaf Scholz and French President Emmanuel Macron": one source each."""
    phrase = text[s:e]
    m = re.search(r"\s+and\s+", phrase)
    if not m:
        return ()
    left = parse_source(text, s, s + m.start())
    right = parse_source(text, s + m.end(), e)
    if left and right and all(x.kind in ("name", "organization", "media") for x in left + right):
        return left + right
    return ()


def document_source(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"a statement issued by the Kremlin", "a CNN report", "the statement" (an anaphor)."""
    phrase = text[s:e]
    m = DOCUMENT_RE.search(phrase)
    if not m:
        return ()
    after = OWNER_AFTER.match(phrase, m.end())
    if after:
        owner = parse_source(text, s + after.start(1), e)
        if owner:
            return tuple(Source(o.kind, o.label, o.start, o.end, True) for o in owner)
    before = re.sub(r"^(?:the|a|an|its|his|her|their)(?:\s+|$)", "", phrase[:m.start()].strip(), flags=re.I)
    before = POSSESSIVE.sub("", before)
    if before:
        b = s + phrase.index(before)
        owner = named_source(text, b, b + len(before)) or institution_source("the " + before, b, b + len(before))
        if owner:
            return tuple(Source(o.kind, o.label, o.start, o.end, True) for o in owner)
        return (Source("group", phrase_without_determiner(phrase), s, e),)
    if phrase[m.end():].strip() == "":
        return (Source("anaphor", m.group(), s, e, True),)
    return ()


def group_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    m = GROUP_RE.match(phrase)
    if not m:
        return ()
    label = m.group(1)
    return (Source("group", label, s + m.start(1), e),)


def anonymous_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"one senior Western official", "a diplomat familiar with the talks"; "the official" is an anaphor."""
    m = ANONYMOUS_RE.match(phrase)
    if not m or NAME_RUN.fullmatch(phrase.split()[-1]) and can_be_person_name(phrase.split()[-1:]):
        return ()
    det, label = m.group(1).lower(), m.group(2)
    if det in ("the", "that", "this") and len(label.split()) == 1:
        return (Source("anaphor", label.lower(), s, e),)
    return (Source("anonymous", label, s + m.start(2), s + m.end(2)),)


def named_source(text: str, s: int, e: int) -> tuple[Source, ...]:
    """A name, with or without its title; or a named institution, outlet or country."""
    phrase = text[s:e]
    if OUTLET_RE.fullmatch(phrase) or OUTLET_RE.fullmatch(phrase_without_determiner(phrase)):
        m = OUTLET_RE.search(phrase)
        return (Source("media", media_label(m.group()), s + m.start(), s + m.end()),)
    runs = [r for r in map(without_function_words, NAME_RUN.finditer(phrase)) if r]
    if runs and runs[-1].end() == len(phrase) and words_before_are_title(phrase[:runs[-1].start()]):
        run = runs[-1]
        tokens = run.group().split()
        cut = title_end(tokens)
        name_tokens = tokens[cut:]
        name = " ".join(name_tokens)
        name_start = s + run.start() + len(" ".join(tokens[:cut])) + (1 if cut else 0)
        whole = run.group()
        if OUTLET_RE.fullmatch(whole):
            return (Source("media", media_label(whole), s + run.start(), s + run.end()),)
        if ORGANIZATION_RE.fullmatch(whole) or (is_organisation_name(whole) and not cut):
            return (Source("organization", whole, s + run.start(), s + run.end()),)
        if is_place_name(whole) and phrase.lower().removeprefix("the ").strip() == whole.lower():
            return (Source("organization", whole, s + run.start(), s + run.end()),)
        if can_be_person_name(name_tokens):
            return (Source("name", name, name_start, name_start + len(name)),)
    m = OUTLET_RE.search(phrase)
    if m:
        return (Source("media", media_label(m.group()), s + m.start(), s + m.end()),)
    m = ORGANIZATION_RE.search(phrase)
    if m and m.end() == len(phrase.rstrip()):
        return (Source("organization", m.group(), s + m.start(), s + m.end()),)
    return ()


def words_before_are_title(before: str) -> bool:
    """Only a title may stand before a speaker's name: "the Russian defense analyst", "Kremlin spokesman"."""
    for w in before.split():
        bare = POSSESSIVE.sub("", w)
        if not (w[0].isupper() or w.lower() in ("the", "a", "an") or w.lower() in ROLE_WORDS
                or w.lower() in ROLE_MODIFIERS or bare in NATIONALITIES or "-" in w):
            return False
    return True


def institution_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"the Russian government", "the ministry", "the Chinese Foreign Ministry"."""
    m = INSTITUTION_RE.match(phrase)
    if m:
        return (Source("organization", m.group(1), s + m.start(1), e),)
    bare = phrase_without_determiner(phrase)
    if bare and bare[0].isupper() and is_organisation_name(bare):
        return (Source("organization", bare, e - len(bare), e),)
    return ()


def media_label(name: str) -> str:
    return "The Hill" if name.lower() == "the hill" else name


def phrase_without_determiner(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an|one|some)\s+", "", phrase.strip(), flags=re.I)


def is_appositive(text: str, start: int, end: int) -> bool:
    """A role phrase set off by commas after a name: "a professor at ...", "Chinese Foreign Ministry spokesperson"."""
    phrase = text[start:end].strip()
    return bool(phrase) and describe_role(phrase) is not None


def is_parenthetical(phrase: str) -> bool:
    """", citing Russian sources," between a speaker and the verb."""
    return bool(PARENTHETICAL.match(phrase))
