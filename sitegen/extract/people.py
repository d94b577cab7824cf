"""Named people: who they are, what they are called, and where they are mentioned.

A capitalised run is a person's name when something says so: a title before it
("Kremlin spokesman Dmitry Peskov"), a role set off after it ("Cui Hongjian, a
professor at ..."), a common given name, a Chinese-style family name, or its place as
the speaker of a quote. Later bare surnames ("said Liu") are mentions of the one
person introduced with that surname; when two people share it, they are left
unresolved rather than guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Person
from .lexicon import FUNCTION_WORDS, NATIONALITIES, ROLE_MODIFIERS, ROLE_WORDS, SPEECH_VERBS, alternation
from .names import (
    NAME_RUN, can_be_person_name, describe_role, gender, has_given_name, is_cjk_name, person_kind, surname_keys,
    title_end, without_function_words,
)
from .segments import Document

# An appositive ends where the sentence goes on: a cue verb, a clause after a comma, a dash or a quote.
APPOSITIVE_END = re.compile(
    rf"\s(?:{alternation(SPEECH_VERBS)})\b|,\s+(?!(?:and|or)\s+[A-Z])(?=[a-z])|[;—–(\"“”‘]|\s-\s|,\s*$")
PRE_APPOSITIVE = re.compile(r"(?:^|[.;:]\s+|,\s+)((?:[\w’'-]+\s+){0,5}[\w’'-]+),\s*$")
POSSESSOR = re.compile(r"^(?:(?:his|her|their|its|the|a|an)\s+|[A-Z][\w.-]*[’']s\s+)", re.I)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: int | None  # index into People.persons; None when a shared surname leaves it open


@dataclass(frozen=True)
class People:
    persons: tuple[Person, ...]
    genders: tuple[str | None, ...]
    mentions: tuple[Mention, ...]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), the longest if several."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    tokens: tuple[str, ...]
    role: str | None
    affiliation: str | None


def find_people(doc: Document, speaker_spans: frozenset[tuple[int, int]]) -> People:
    candidates = [c for c in name_candidates(doc, speaker_spans)]
    records = register(c for c in candidates if len(c.tokens) > 1)
    singles = [c for c in candidates if len(c.tokens) == 1]
    for c in singles:
        if not any(c.tokens[0] in surname_keys(r["tokens"]) for r in records):
            records.append(new_record(c))
    mentions = full_mentions(records) + surname_mentions(doc.text, records)
    persons = tuple(to_person(r) for r in records)
    genders = tuple(gender(r["tokens"], r["role"]) for r in records)
    return People(persons, genders, tuple(sorted(mentions, key=lambda m: m.start)))


def name_candidates(doc: Document, speaker_spans: frozenset[tuple[int, int]]):
    text = doc.text
    for sent in doc.sentences:
        for m in NAME_RUN.finditer(text, sent.start, sent.end):
            run = without_function_words(m)
            if not run:
                continue
            tokens = run.text.split()
            cut = title_end(tokens)
            name_tokens = tokens[cut:]
            if not can_be_person_name(name_tokens):
                continue
            title = " ".join(tokens[:cut])
            start = run.begin + (len(title) + 1 if cut else 0)
            end = run.finish
            said = any(s < end and start < e for s, e in speaker_spans)
            described = appositive_role(text, end, sent.end) or pre_appositive_role(text, sent.start, start, end)
            pre = title_role(text, sent.start, start, title)
            role, affiliation = described or pre or (None, None)
            if len(name_tokens) > 1:
                evidence = described or pre or said or has_given_name(name_tokens) or is_cjk_name(name_tokens)
            else:
                evidence = described or pre or said
            if evidence:
                yield Candidate(start, end, tuple(name_tokens), role, affiliation)


def appositive_role(text: str, end: int, limit: int) -> tuple[str, str | None] | None:
    """", a professor at the ... University," after a name."""
    if not text.startswith(", ", end):
        return None
    stop = APPOSITIVE_END.search(text, end + 2, limit)
    phrase = text[end + 2:stop.start() if stop else limit].rstrip(" .,")
    return describe_role(phrase)


def pre_appositive_role(text: str, floor: int, start: int, end: int) -> tuple[str, str | None] | None:
    """"His envoy, Steve Witkoff, told ...": a role in commas before the name."""
    if not text.startswith(",", end):
        return None
    m = PRE_APPOSITIVE.search(text[floor:start])
    if not m:
        return None
    phrase = POSSESSOR.sub("", m.group(1))
    return describe_role(phrase) if len(phrase.split()) <= 4 else None


def title_role(text: str, floor: int, start: int, title: str) -> tuple[str, str | None] | None:
    """"Kremlin spokesman Dmitry Peskov", "German Defense Minister Boris Pistorius"."""
    words = text[floor:start].split()
    if title:
        words = words[:len(words) - len(title.split())]
    taken: list[str] = []
    for w in reversed(words):
        if w[-1] in ",.:;":
            break
        bare = re.sub(r"[’']s$", "", w)
        if w.lower() in ROLE_WORDS or w.lower() in ROLE_MODIFIERS or (w[0].isupper() and w not in FUNCTION_WORDS) \
                or bare in NATIONALITIES:
            taken.append(w)
            continue
        break
    taken.reverse()
    while taken and taken[-1].lower() not in ROLE_WORDS and not title:
        taken.pop()
    phrase = " ".join(taken + ([title] if title else []))
    if not phrase:
        return None
    return describe_role(phrase)


def variant_key(token: str) -> str:
    """One key for spellings of one name: "Zelenskyy", "Zelensky", "Zelenskiy"."""
    t = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode().lower()
    return re.sub(r"(?:yy|iy|ii|yi)$", "y", t)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if [variant_key(t) for t in a] == [variant_key(t) for t in b]:
        return True
    if is_cjk_name(list(a)) or is_cjk_name(list(b)):
        return False
    return variant_key(a[0]) == variant_key(b[0]) and variant_key(a[-1]) == variant_key(b[-1])


def new_record(c: Candidate) -> dict:
    return {"tokens": c.tokens, "name": " ".join(c.tokens), "role": c.role, "affiliation": c.affiliation,
            "aliases": [], "spans": [(c.start, c.end)], "first": c.start}


def register(candidates) -> list[dict]:
    records: list[dict] = []
    for c in candidates:
        match = next((r for r in records if same_person(r["tokens"], c.tokens)), None)
        if match is None:
            records.append(new_record(c))
            continue
        match["spans"].append((c.start, c.end))
        if " ".join(c.tokens) != match["name"] and " ".join(c.tokens) not in match["aliases"]:
            match["aliases"].append(" ".join(c.tokens))
        if match["role"] is None and c.role:
            match["role"], match["affiliation"] = c.role, c.affiliation
    return records


def full_mentions(records: list[dict]) -> list[Mention]:
    return [Mention(s, e, i) for i, r in enumerate(records) for s, e in r["spans"]]


def surname_mentions(text: str, records: list[dict]) -> list[Mention]:
    keys: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for k in surname_keys(r["tokens"]):
            keys.setdefault(variant_key(k), []).append(i)
    spans = [(s, e) for r in records for s, e in r["spans"]]
    words = {w for r in records for k in surname_keys(r["tokens"]) for w in (k,) + tuple(r["aliases"])}
    words = {w for w in words if " " not in w}
    if not words:
        return []
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(words | {variant_spelling(w) for w in words})})(?![\w])")
    out = []
    for m in pattern.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        owners = keys.get(variant_key(m.group()), [])
        earlier = [i for i in owners if records[i]["first"] < m.start()]
        pool = earlier or owners
        out.append(Mention(m.start(), m.end(), pool[0] if len(pool) == 1 else None))
        if len(pool) == 1 and m.group() != records[pool[0]]["name"] and m.group() not in records[pool[0]]["aliases"]:
            records[pool[0]]["aliases"].append(m.group())
    return out


def variant_spelling(word: str) -> str:
    """The other common transliteration of a -sky/-skyy name, so both spellings are found."""
    if word.endswith("yy"):
        return word[:-1]
    if word.endswith("sky"):
        return word + "y"
    return word


def to_person(r: dict) -> Person:
    kind = person_kind(r["role"], r["affiliation"])
    return Person(r["name"], kind, r["role"], r["affiliation"], tuple(r["aliases"]))
