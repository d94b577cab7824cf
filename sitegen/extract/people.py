"""Named people: who they are, what they are called, and where they are mentioned.

A capitalised run is a person's name when something says so: a title before it
("Kremlin spokesman Dmitry Peskov"), a role set off after it ("Cui Hongjian, a
professor at ..."), a common given name, a Chinese-style family name, or its place as
the speaker of a quote. Later bare surnames ("said Liu") are mentions of the one
person introduced with that surname; when two people share it, they are left
unresolved rather than guessed.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from ..model import Person
from .lexicon import (
    FUNCTION_WORDS, NATIONALITIES, ROLE_MODIFIERS, ROLE_WORDS, SPEECH_VERBS, alternation, remembered, whole_words,
)
from .names import (
    NAME_RUN, after_honorific, can_be_person_name, describe_relative, describe_role, gender, has_given_name,
    is_cjk_name, Run, is_organisation_name, name_runs, person_kind, surname_keys, title_end, without_function_words,
)
from .segments import Document
from .sources import Source

# An appositive ends where the sentence goes on: a cue verb, a clause after a comma, a dash or a quote.
# ("\s(?:CUE)\b|[;—–(\"“”‘]|\s-\s|,\s*$" with its first characters taken as one set: a pattern that
# opens with a set lets the regex engine jump from one of them to the next.)
APPOSITIVE_END = re.compile(rf"[\s;—–(\"“”‘,](?:(?<=\s)(?:{alternation(SPEECH_VERBS)})\b"
                            r"|(?<=[;—–(\"“”‘])|(?<=\s)-\s|(?<=,)\s*$)")
# A comma inside an appositive: a list of capitalised words ("Europe, Russia, and Eurasia Program").
LIST_ITEM = re.compile(r"[A-Z][\w’'-]*,|((?:and|or)\s+[A-Z])")
# A capitalised present-tense cue ("Says", "Warns") inside a capitalised run, with the space before it
# (a space, not a look-behind, so that the regex engine jumps from space to space).
HEADLINE_CUE = re.compile(rf"\s(?:{alternation(w.capitalize() for w in SPEECH_VERBS if w.endswith('s'))})\b")
LEADING_CUE = re.compile(rf"(?:{alternation(w.capitalize() for w in SPEECH_VERBS)})\s+(?=[A-Z])")
COMMA = re.compile(r",\s")
ABBREVIATED = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{1,3}\.")
# "His envoy, " before a name, at the start or after a mark: two patterns, so that the search for the
# second opens with a set of characters (the regex engine then jumps from mark to mark).
PRE_APPOSITIVE = r"((?:[\w’'-]+\s+){0,5}[\w’'-]+),\s*$"
PRE_APPOSITIVE_FIRST = re.compile(PRE_APPOSITIVE)
PRE_APPOSITIVE_AFTER = re.compile(rf"[.;:,]\s+{PRE_APPOSITIVE}")
AFFILIATION_AFTER = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?")
POSSESSIVE_END = re.compile(r"[’']s$")
TRANSLITERATED_Y = re.compile(r"(?:yy|iy|ii|yi)$")
POSSESSOR = re.compile(r"^(?:(?:his|her|their|its|our|my|the|a|an)\s+|[A-Z][\w.-]*[’']s\s+)", re.I)


# No name mention is longer than this ("Jean-Marc Ayrault" is 17): found names are at most five words.
MAX_MENTION_CHARS = 120


# "Secretary of the Treasury Ana Ruiz": how far before a name "TITLE of (the)" is looked for.
TITLE_OF_CHARS = 40
# A title or a role set off before a name is at most this long, in characters and in words
# ("Former Ukrainian Deputy Foreign Minister" is 40 characters and five words).
TITLE_CHARS = 90
MAX_ROLE_WORDS = 8


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    person: int | None  # index into People.persons; None when a shared surname leaves it open


@dataclass(frozen=True)
class People:
    persons: tuple[Person, ...]
    genders: tuple[str | None, ...]
    mentions: tuple[Mention, ...]

    def mentions_before(self, pos: int):
        """The mentions that start before pos, nearest first."""
        i = bisect.bisect_left(self.mentions, pos, key=lambda m: m.start)
        return (self.mentions[j] for j in range(i - 1, -1, -1))

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), the longest if several (mentions are sorted by start,
        none longer than MAX_MENTION_CHARS: a bisection, not a scan, keeps long articles linear)."""
        lo = bisect.bisect_left(self.mentions, start - MAX_MENTION_CHARS, key=lambda m: m.start)
        hi = bisect.bisect_left(self.mentions, end, key=lambda m: m.start)
        hits = [m for m in self.mentions[lo:hi] if start < m.end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None


@dataclass
class Record:
    """A person as the finder builds it up, mention by mention."""
    tokens: tuple[str, ...]
    role: str | None
    affiliation: str | None
    spans: list[tuple[int, int]]
    first: int

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @classmethod
    def of(cls, c: "Candidate") -> "Record":
        return cls(c.tokens, c.role, c.affiliation, [(c.start, c.end)], c.start)


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    tokens: tuple[str, ...]
    role: str | None
    affiliation: str | None


def find_people(doc: Document, speakers: tuple[Source, ...]) -> People:
    """`speakers` are the name sources of the attributions: being quoted marks a name as a person's."""
    starts, ends = frozenset(s.start for s in speakers), frozenset(s.end for s in speakers)
    candidates = sorted(list(name_candidates(doc, starts, ends)) + transcript_names(doc.text, speakers),
                        key=lambda c: c.start)
    records = register(c for c in candidates if len(c.tokens) > 1)
    known = {variant_key(k) for r in records for k in surname_keys(r.tokens)}
    for c in candidates:
        if len(c.tokens) == 1 and variant_key(c.tokens[0]) not in known:
            records.append(Record.of(c))
            known.add(variant_key(c.tokens[0]))
    mentions = sorted([Mention(s, e, i) for i, r in enumerate(records) for s, e in r.spans]
                      + surname_mentions(doc.text, records, [p.start for p in doc.paragraphs]),
                      key=lambda m: m.start)
    written: dict[int, list[str]] = {}
    for m in mentions:
        written.setdefault(m.person, []).append(doc.text[m.start:m.end])
    persons = tuple(to_person(r, written.get(i, [])) for i, r in enumerate(records))
    genders = tuple(gender(r.tokens, r.role) for r in records)
    return People(persons, genders, tuple(mentions))


def name_candidates(doc: Document, speaker_starts: frozenset[int], speaker_ends: frozenset[int]):
    """Every capitalised run that something marks as a person's name, with its role if given
    (`speaker_starts` and `speaker_ends`: where the names quoted as speakers start and end)."""
    text = doc.text
    for sent in doc.sentences:
        for m in name_runs(text, sent.start, sent.end):
            end = m.end()
            lone = " " not in m.group() and "\u00a0" not in m.group()  # the only spaces a run holds
            if lone and not (end in speaker_ends or text.startswith(",", end)
                             or role_word_before(text, m.start())):
                continue  # a lone word needs a title, an appositive or a quote to be a name
            run = before_headline_cue(without_function_words(m))
            if not run:
                continue
            end = run.end
            tokens = run.text.split()
            cut = title_end(tokens, text[max(sent.start, run.start - TITLE_OF_CHARS):run.start])
            name_tokens = tokens[cut:]
            if not can_be_person_name(name_tokens, after_honorific(tokens, cut)):
                continue
            title = " ".join(tokens[:cut])
            start = run.start + (len(title) + 1 if cut else 0)
            said = start in speaker_starts or end in speaker_ends
            named = len(name_tokens) > 1 and (has_given_name(name_tokens) or is_cjk_name(name_tokens))
            described = None
            if text.startswith(",", end):
                described = appositive_role(text, end, sent.end) or pre_appositive_role(text, sent.start, start, end)
            pre = title_role(text, sent.start, start, title) if title or role_word_before(text, start) else None
            if not (described or pre or title or said or named):
                continue
            role, affiliation = described or pre or affiliation_after(text, end, sent.end) or (None, None)
            if described and pre and pre[0] != role:
                role = f"{pre[0]}, {role}"  # "Economist Sergei Guriev, dean of Sciences Po"
            yield Candidate(start, end, tuple(name_tokens), role, affiliation)


def before_headline_cue(run: Run | None) -> Run | None:
    """"Ruiz Says Budget Deal Is ...": in a Title Case headline the name ends at its cue; "Said Tom
    Baker: ...": a cue opening the sentence is no part of the name."""
    if run is None:
        return None
    first = LEADING_CUE.match(run.text)
    if first:
        run = Run(run.text[first.end():], run.start + first.end(), run.end)
    cue = HEADLINE_CUE.search(run.text)
    if not cue:
        return run
    text = run.text[:cue.start()].rstrip()
    return Run(text, run.start, run.start + len(text)) if text else None


def role_word_before(text: str, start: int) -> bool:
    """"spokesman Dmitry Peskov": is the word before the name a role word?"""
    j = text.rfind(" ", 0, start - 1)
    word = text[j + 1:start].strip().lower()
    return word in ROLE_WORDS or word in ROLE_MODIFIERS


def transcript_names(text: str, speakers: tuple[Source, ...]) -> list[Candidate]:
    """Speakers of transcript turns, written in capitals: "STEVE INSKEEP, HOST:"."""
    out = []
    for s in speakers:
        if text[s.start:s.end].isupper():
            role = describe_role(s.role) if s.role else None
            out.append(Candidate(s.start, s.end, tuple(s.label.split()), *(role or (s.role, None))))
    return out


def appositive_role(text: str, end: int, limit: int) -> tuple[str, str | None] | None:
    """", a professor at the ... University," after a name."""
    if not (text.startswith(",", end) and text[end + 1:end + 2].isspace()):
        return None
    phrase = appositive_text(text, end + 2, limit)
    return describe_relative(phrase) if phrase.startswith("who ") else describe_role(phrase)


def appositive_text(text: str, start: int, limit: int) -> str:
    """The appositive from `start`: up to the comma that ends it, reading through the commas of a
    list inside a name ("the Europe, Russia, and Eurasia Program"), or up to the verb."""
    stop = APPOSITIVE_END.search(text, start, limit)
    end = stop.start() if stop else limit
    pos, in_list = start, False
    while True:
        found = COMMA.search(text, pos, end)
        comma = found.start() if found else -1
        if comma < 0:
            return text[start:end].rstrip(" .,")
        item = LIST_ITEM.match(text, comma + 2, end)
        if not item or item.group(1) and not in_list:
            return text[start:comma]
        pos, in_list = comma + 2, not item.group(1)


def affiliation_after(text: str, end: int, limit: int) -> tuple[None, str] | None:
    """"Samuel Charap of the RAND Corporation": an affiliation without a role."""
    m = AFFILIATION_AFTER.match(text, end, limit)
    if not m:
        return None
    run = NAME_RUN.match(text, m.end())
    return (None, run.group()) if run and is_organisation_name(run.group()) else None


def pre_appositive_role(text: str, floor: int, start: int, end: int) -> tuple[str, str | None] | None:
    """"His envoy, Steve Witkoff, told ...": a role in commas before the name."""
    if not text.startswith(",", end):
        return None
    before = text[floor:start]
    m = PRE_APPOSITIVE_FIRST.match(before) or PRE_APPOSITIVE_AFTER.search(before)
    if not m:
        return None
    phrase = POSSESSOR.sub("", m.group(1))
    return describe_role(phrase) if len(phrase.split()) <= MAX_ROLE_WORDS else None


def title_role(text: str, floor: int, start: int, title: str) -> tuple[str, str | None] | None:
    """"Kremlin spokesman Dmitry Peskov", "German Defense Minister Boris Pistorius"."""
    words = text[max(floor, start - TITLE_CHARS):start].split()[-MAX_ROLE_WORDS:]
    if title:
        words = words[:len(words) - len(title.split())]
    taken: list[str] = []
    for w in reversed(words):
        if w[-1] in ",:;" or w[-1] == "." and not ABBREVIATED.fullmatch(w):
            break
        if w == "of" and (taken and taken[-1][0].isupper() or not taken and title):
            taken.append(w)
            continue
        bare = POSSESSIVE_END.sub("", w)
        if w.lower() in ROLE_WORDS or w.lower() in ROLE_MODIFIERS or (w[0].isupper() and w not in FUNCTION_WORDS) \
                or bare in NATIONALITIES:
            taken.append(w)
            continue
        break
    while taken and taken[-1] == "of":
        taken.pop()
    taken.reverse()
    while taken and taken[-1].lower() not in ROLE_WORDS and not title:
        taken.pop()
    phrase = " ".join(taken + ([title] if title else []))
    if not phrase:
        return None
    return describe_role(phrase)


@remembered
def variant_key(token: str) -> str:
    """One key for spellings of one name: "Zelenskyy", "Zelensky", "Zelenskiy"."""
    t = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode().lower()
    return TRANSLITERATED_Y.sub("y", t)


def identity_keys(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Keys under which two written names are one person: all words, or (for names written
    given name first) the first and last word, so "José Manuel Albares" is "José Albares"."""
    keys = tuple(variant_key(t) for t in tokens)
    if is_cjk_name(list(tokens)):
        return (keys,)
    return (keys, (keys[0], keys[-1]))


def register(candidates) -> list[Record]:
    """One record per person, merging the full names that are one person's."""
    records: list[Record] = []
    index: dict[tuple[str, ...], Record] = {}
    for c in candidates:
        keys = identity_keys(c.tokens)
        match = next((index[k] for k in keys if k in index), None)
        if match is None:
            record = Record.of(c)
            records.append(record)
            for k in keys:
                index.setdefault(k, record)
            continue
        match.spans.append((c.start, c.end))
        if match.role is None and c.role:
            match.role, match.affiliation = c.role, c.affiliation
    return records


def surname_mentions(text: str, records: list[Record], paragraph_starts: list[int]) -> list[Mention]:
    """Bare surnames ("said Liu"): the one person introduced before with it; when two were, the
    one of them named earlier in the same paragraph, if only one was; otherwise None."""
    keys: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for k in surname_keys(r.tokens):
            keys.setdefault(variant_key(k), []).append(i)
    spans = sorted((s, e) for r in records for s, e in r.spans)
    words = {k for r in records for k in surname_keys(r.tokens) if " " not in k}
    words |= {variant_spelling(w) for w in words}
    words |= {w.upper() for w in words}  # transcripts write speakers in capitals
    if not words:
        return []
    out = []
    for start, end in whole_words(words, text):
        if covered(spans, start):
            continue
        owners = keys.get(variant_key(text[start:end]), [])
        earlier = [i for i in owners if records[i].first < start]
        pool = earlier or owners
        if len(pool) > 1:
            para = paragraph_starts[bisect.bisect_right(paragraph_starts, start) - 1]
            pool = [i for i in pool if any(para <= s < start for s, _ in records[i].spans)] or pool
        out.append(Mention(start, end, pool[0] if len(pool) == 1 else None))
    return out


def covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when pos falls inside one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def variant_spelling(word: str) -> str:
    """The other common transliteration of a -sky/-skyy name, so both spellings are found."""
    if word.endswith("yy"):
        return word[:-1]
    if word.endswith("sky"):
        return word + "y"
    return word


def to_person(r: Record, mentioned_as: list[str]) -> Person:
    """The finished Person; the other forms it was mentioned by become its aliases."""
    aliases = tuple(dict.fromkeys(w for w in mentioned_as if w != r.name))
    return Person(r.name, person_kind(r.role, r.affiliation), r.role, r.affiliation, aliases)
