"""Word lists shipped in lexicons/*.txt, read once at import.

Each file holds one entry a line; lines starting with '#' say where the list came
from and are skipped. Lists are exposed as tuples (file order) and frozensets.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).with_name("lexicons")


def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicons/<name>.txt, in file order, without duplicates."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    seen: dict[str, None] = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            seen.setdefault(line, None)
    return tuple(seen)


def alternation(words) -> str:
    """A regex that matches any of `words`, the longest first so that phrases beat their prefixes
    (a space in a phrase matches any white space). Written as a trie ("sa(?:id|ys)"), not as a
    list of alternatives: the regex engine then tries each letter once, not once per word, which
    halves the time of the long lists (speech verbs, role words)."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie_pattern(trie)


# Where a word may start: after a character that is no ASCII letter, digit, "_" or "-" (more places
# than "no [\w-] before", which the exact pattern checks again). A pattern "(?<![\w-])BODY" is tried by
# the regex engine at every position of a text; WORD_BREAK + BODY opens with a set of characters, and
# the engine jumps from one of them to the next instead.
WORD_BREAK = "[^A-Za-z0-9_-]"


def after_break(exact: re.Pattern, leader: re.Pattern, text: str, pos: int, end: int):
    """exact.finditer(text, pos, end), for exact = "(?<![\\w-])BODY" and leader = WORD_BREAK + "BODY" (BODY
    never matching an empty string): each match of the leader is one character before a candidate."""
    found = exact.match(text, pos, end)
    while True:
        if found:
            yield found
            pos = found.end()
            found = exact.match(text, pos, end)  # one may follow at once ("only if")
            if found:
                continue
        before = leader.search(text, pos, end)
        if before is None:
            return
        pos = before.start() + 1
        found = exact.match(text, pos, end)


WORD_CHAR = re.compile(r"[\w-]")
WORD_AFTER = re.compile(r"\w")


def whole_words(words, text: str):
    """(start, end) of each of `words` in text that stands as a whole word (no letter, digit or hyphen
    before it, no letter or digit after), in reading order, the longest where several start at one
    place: what a pattern of the words, longest first, between word boundaries would give. For a list made per
    article (the surnames it names), str.find costs far less than compiling a pattern each time."""
    found = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if not WORD_AFTER.match(text, end):
                found.append((i, -len(word), end))
            i = text.find(word, i + 1)
    found.sort()
    pos = 0
    for start, _, end in found:
        if start < pos:
            continue
        if start and WORD_CHAR.match(text, start - 1):
            pos = start + 1  # inside a word: a match may still start at the next position
            continue
        yield start, end
        pos = max(end, start + 1)


def trie_pattern(node: dict) -> str:
    """The pattern of a trie node: its branches, optional where a word may end here (greedy, so that
    the longer word is tried first)."""
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# Word tests are pure, and the same names, roles and phrases come back within an article and across
# a site's articles: `remembered` keeps each answer, in caches this big (bounded, so that a long
# build stays small). `forget` empties them (benchmarks/bench_extract.py, so that timing one article
# again and again does not profit from having read it before).
WORD_CACHE = 8192
REMEMBERED: list = []


def remembered(fn):
    """fn (pure, with hashable arguments) with its answers kept."""
    cached = lru_cache(maxsize=WORD_CACHE)(fn)
    REMEMBERED.append(cached)
    return cached


def forget() -> None:
    """Empty the caches of every remembered function."""
    for fn in REMEMBERED:
        fn.cache_clear()


def pairs(name: str) -> dict[str, str]:
    """Tab-separated key/value entries of lexicons/<name>.txt."""
    return dict(line.split("\t", 1) for line in entries(name))


SPEECH_VERBS = frozenset(entries("speech_verbs"))
PARTICIPLE_CUES = entries("participle_cues")
LABELLING_VERBS = entries("labelling_verbs")
REPORT_CUES = frozenset(entries("report_cues"))
LISTENER_VERBS = frozenset(entries("listener_verbs"))
WARNING_VERBS = frozenset(entries("warning_verbs"))
OBJECT_VERBS = frozenset(entries("object_verbs"))
INVERTING_VERBS = frozenset(entries("inverting_verbs"))
TITLE_HEADS = frozenset(entries("title_heads"))
ROLE_WORDS = frozenset(entries("role_words"))
EXPERT_ROLES = entries("expert_roles")
OFFICIAL_ROLES = entries("official_roles")
JOURNALIST_ROLES = entries("journalist_roles")
EXPERT_INSTITUTIONS = entries("expert_institutions")
OUTLETS = entries("outlets")
ORGANIZATIONS = entries("organizations")
ORG_WORDS = frozenset(entries("org_words"))
NON_NAME_WORDS = frozenset(entries("non_name_words"))
GROUP_NOUNS = entries("group_nouns")
ANONYMOUS_NOUNS = entries("anonymous_nouns")
DOCUMENT_NOUNS = entries("document_nouns")
PLACES = frozenset(entries("places"))
DEMONYMS = pairs("demonyms")
NATIONALITIES = frozenset(DEMONYMS.values())
FUNCTION_WORDS = frozenset(entries("function_words"))
NAME_ABBREVIATIONS = entries("name_abbreviations")
ABBREVIATIONS = frozenset(entries("abbreviations") + NAME_ABBREVIATIONS)
FEMALE_NAMES = frozenset(entries("given_names_female"))
MALE_NAMES = frozenset(entries("given_names_male"))
CJK_SURNAMES = frozenset(entries("cjk_surnames"))
DEMAND_VERBS = entries("demand_verbs")
CONDITION_NOUNS = entries("condition_nouns")
WEEKDAYS = entries("weekdays")
DAY_PARTS = entries("day_parts")
TEMPORAL_WORDS = frozenset(entries("temporal_words") + WEEKDAYS + DAY_PARTS)
ROLE_MODIFIERS = frozenset(entries("role_modifiers"))
