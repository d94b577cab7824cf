"""Who a speaker phrase names: "Kremlin spokesman Dmitry Peskov", "she", "the Kremlin",
"a statement issued by the Kremlin", "one senior Western official", "Chinese experts".

`parse_source` reads one phrase (a span of the text) and returns the sources it names,
unresolved: a pronoun stays a pronoun and a bare surname stays a surname; the
speakers module resolves them in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ABBREVIATIONS, ANONYMOUS_NOUNS, DAY_PARTS, DOCUMENT_NOUNS, GROUP_NOUNS, NATIONALITIES, ROLE_MODIFIERS, ROLE_WORDS,
    WEEKDAYS, alternation, entries, remembered,
)
from .names import (
    ACRONYM, NAME_RUN, ORGANIZATION_RE, PARTICLE, OUTLET_RE, SHORT_NAME, after_honorific, can_be_person_name,
    has_given_name, describe_role, is_organisation_name, is_place_name, name_runs, Run, title_end,
    without_function_words,
)

PRONOUNS = frozenset(entries("subject_pronouns"))
LEADING_NOISE = re.compile(
    rf"^(?:(?:{alternation(entries('speaker_openers'))}|(?:[a-z]+ly\s+)?(?:when|after))\s+"
    r"|[«»\"“”‘’'(\[—–-]\s*)+", re.I)
TRAILER = (rf"(?:(?:{alternation(entries('speaker_trailers'))})(?![\w])|"
           rf"(?:on\s+)?(?:{alternation(WEEKDAYS)})"
           rf"(?:\s+(?:{alternation(DAY_PARTS)}))?|"
           r"last\s+\w+|this\s+\w+|in\s+an?\s+\w+\s+statement|"
           r"\([^()]{1,60}\))")  # a US lawmaker's party and state, "(D-Wis.)", or any aside in brackets
# Trailers after a space, to the end: "(?:\s+TRAILER)+$" written so that it opens with one space
# character, which lets the regex engine jump from space to space instead of trying every position.
TRAILING_NOISE = re.compile(rf"\s\s*{TRAILER}(?:\s+{TRAILER})*$")
# A speaker phrase is at most this long ("a senior official at the Ministry of Foreign Affairs of
# the Russian Federation, speaking on condition of anonymity" is fifteen), and its frame ("But ...
# also", "on Tuesday in a statement") adds at most MAX_TRIMMED_WORDS.
MAX_SOURCE_WORDS = 16
MAX_TRIMMED_WORDS = 6
# The frame after a speaker ("also on Tuesday in a written statement") fits in this many characters.
TRAILING_NOISE_CHARS = 48
# A title of lower-case words before a name ("9/11 widow", "longtime Senate aide") is at most this long.
MAX_TITLE_WORDS = 3
# Titles before a name are short ("Republican vice-presidential nominee Gov." is 41 characters).
MAX_TITLE_CHARS = 80
# "a Senate Judiciary Committee report": longer, the words before a document noun are a clause.
DOCUMENT_OWNER_WORDS = 4
RELATIVE_WORD = re.compile(r" (?:that|which|whom) ")  # a cheap test before RELATIVE_SUBJECT
# "an explosion that Mayor Bill de Blasio (described as)": the subject of a relative clause before a cue.
RELATIVE_SUBJECT = re.compile(rf"\s(?:that|which|whom)\s+((?:[A-Z][\w.’'-]*\s+|{PARTICLE}\s+){{0,5}}"
                              rf"[A-Z][\w’'-]*)\s*$")
NAME_AFTER_SETTING = re.compile(rf"\s([a-z][\w’'-]*)\s+({SHORT_NAME})$")
MANNER_ADVERB = re.compile(r"\s+[a-z]{3,}ly$")
LOWER_WORDS = re.compile(r"^(?:[a-z][\w-]*\s+){1,2}(?=[A-Z])")
DOCUMENT_RE = re.compile(rf"\b(?:{alternation(DOCUMENT_NOUNS)})\b")
AUTHOR_AFTER = re.compile(rf"\s+(?:that\s+|which\s+)?({SHORT_NAME})\s+[a-z]+ed\b")
OWNER_AFTER = re.compile(r".*\b(?:by|from)\s+(.+)$")
# ("[\w.’'-]++\s+": a word taken whole, possessively; it can only be followed by its space, and the
# regex engine then never retries it shorter.)
# Who a source is close to or knows about: kept in the label ("people familiar with the matter").
POST_MODIFIER = rf"(?:\s+(?:{alternation(entries('source_post_modifiers'))})\s+[^,]{{1,40}})?"
GROUP_RE = re.compile(
    rf"^(?:(?:{alternation(entries('group_quantifiers'))})\s+)?"
    rf"((?:[\w.’'-]++\s+){{0,4}}(?:{alternation(GROUP_NOUNS)}){POST_MODIFIER})$", re.I)
ANONYMOUS_RE = re.compile(
    rf"^(a|an|one|another|the|that|this)\s+"
    rf"((?:[\w.’'-]++\s+){{0,4}}?(?:{alternation(ANONYMOUS_NOUNS)})\b{POST_MODIFIER})(.*)$",
    re.I)
# A people named by its plural demonym ("Mexicans often say"): the nationality and an s.
PEOPLES = frozenset(f"{n}s" for n in NATIONALITIES if n.endswith(("an", "ian", "i")))
# "a former party chairman", "one Senate aide": someone described, not named.
INDEFINITE_ROLE = re.compile(
    rf"^(?:a|an|one|another)\s+((?:[\w.’'-]++\s+){{0,4}}?(?:{alternation(ROLE_WORDS)})\b{POST_MODIFIER})$", re.I)
# Nouns that head a body speaking as one ("the ministry", "Ukraine's military").
INSTITUTION_NOUNS = entries("institution_nouns")
INSTITUTION_RE = re.compile(
    rf"^(the\s+|its\s+|their\s+)?"
    rf"((?:[A-Z][\w.-]*[’']s\s+)?(?:[\w.’'-]++\s+){{0,3}}(?:{alternation(INSTITUTION_NOUNS)}))$",
    re.I)
DEFINITE_ROLE = re.compile(r"^(?:(?i:the|his|her|their|its)|[A-Z][\w.-]*[’']s)\s+(?:[\w-]++\s+){0,3}?([\w-]+)$")
AFFILIATED = re.compile(r"(.+?)\s+(?:of|at|from|with|for)\s+(?:the\s+)?[A-Z][^,]*$")
BELONGING = re.compile(r"(his|her|their)\s+(\S.*)$", re.I)
TITLE_DETERMINERS = frozenset({"the", "a", "an", "of", "his", "her", "their", "its"})
AND = re.compile(r"\s+and\s+")
NAMED = ("name", "organization", "media")  # the kinds a name stands for (and that "and" may join)
OWNER_DETERMINER = re.compile(r"^(?:the|a|an|its|his|her|their)(?:\s+|$)", re.I)
DETERMINER = re.compile(r"^(?:the|a|an|one|some)\s+", re.I)
INDEFINITE = re.compile(r"(?:a|an)\s", re.I)
PREPOSITION_FIRST = re.compile(r"(?:in|on|at|during|after|before|from|to|with|by|for|of|via|through|over|into|about)\s",
                               re.I)
POSSESSIVE = re.compile(r"[’']s$")
# Asides between a speaker and the verb: ", citing Russian sources,", ", who opposed the bill,", ", R-Ky.,".
PARENTHETICAL = re.compile(
    rf"^\s*(?:\d+\s*$|(?:{alternation(entries('aside_openers'))})\b|[A-Z]-[A-Z][\w.]*\s*$)", re.I)


@dataclass(slots=True)
class Source:
    """A speaker as written: kind is name | pronoun | anaphor | belonging ("his office") | organization |
    media | group | anonymous."""
    kind: str
    label: str
    start: int
    end: int
    document: bool = False  # cited through a statement, readout or report
    role: str | None = None  # as a transcript labels its speaker ("STEVE INSKEEP, HOST:")


def parse_source(text: str, start: int, end: int) -> tuple[Source, ...]:
    """The sources text[start:end] names, or () when it names none. The readings are tried from
    the most specific ("A and B", "X of the Y", "a statement by X") to the most general. They read
    nothing outside the phrase, so a phrase is read once (speakers recur) and the answer moved to
    where it stands."""
    found = phrase_sources(text[start:end])
    if not start:
        return found
    return tuple(Source(x.kind, x.label, x.start + start, x.end + start, x.document, x.role) for x in found)


@remembered
def phrase_sources(phrase: str) -> tuple[Source, ...]:
    """The sources a whole phrase names, with offsets in the phrase (see parse_source)."""
    text, start, end = phrase, 0, len(phrase)
    relative = (RELATIVE_SUBJECT.search(text, start, end)  # "an explosion that Mayor Ana Ruiz (described as)"
                if RELATIVE_WORD.search(text, start, end) else None)
    if relative:
        return named_source(text, relative.start(1), relative.end(1))
    if text.count(" ", start, end) > MAX_SOURCE_WORDS + MAX_TRIMMED_WORDS:
        return ()  # a clause, not a speaker: decided before any pattern runs
    s, e = trim(text, start, end)
    if s >= e or len(text[s:e].split()) > MAX_SOURCE_WORDS:
        return ()
    phrase = text[s:e]
    if phrase.lower() in PRONOUNS:
        return (Source("pronoun", phrase.lower(), s, e),)
    if PREPOSITION_FIRST.match(phrase):  # "in a statement", "on Telegram": where, not who
        return name_after_setting(text, s, e)
    if len(phrase.split()) == 1:  # one word: a name, an outlet, a body or a group, nothing longer applies
        return group_source(phrase, s, e) or institution_source(phrase, s, e) or named_source(text, s, e)
    return (coordinated(text, s, e) or affiliated_name(text, s, e) or anonymous_source(phrase, s, e)
            or described_source(phrase, s, e)
            or document_source(text, s, e) or group_source(phrase, s, e) or institution_source(phrase, s, e)
            or named_source(text, s, e)
            or organisation_source(phrase, s, e) or role_anaphor(phrase, s, e) or without_adverb(text, s, e))


def name_after_setting(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"In a television interview Trump (declared)": a name after the phrase that sets the scene."""
    m = NAME_AFTER_SETTING.search(text, s, e)
    if not m or PREPOSITION_FIRST.match(m.group(1) + " "):
        return ()  # "on Twitter" names a place, not a speaker
    found = named_source(text, m.start(2), e)
    return found if found and found[0].kind in NAMED else ()


def without_adverb(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"Gingrich cynically (dismissed)": the speaker before a manner adverb."""
    m = MANNER_ADVERB.search(text, s, e)
    return parse_source(text, s, m.start()) if m and m.start() > s else ()


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The phrase without its frame: "But ... also", "... on Tuesday", quotation marks, commas."""
    while True:
        phrase = text[start:end]
        lead = LEADING_NOISE.match(phrase)
        if lead and lead.end():
            start += lead.end()
            continue
        # (no frame word ends in a space: a phrase that does is stripped first)
        window = max(0, len(phrase) - TRAILING_NOISE_CHARS)
        tail = None if phrase[-1:].isspace() else TRAILING_NOISE.search(phrase, window)
        if tail and tail.start() > 0:
            end = start + tail.start()
            continue
        stripped = len(phrase) - len(phrase.lstrip())
        trailing = len(phrase) - len(phrase.rstrip(" \t\n\u00a0,;:"))
        if not (stripped or trailing):
            return start, end
        start, end = start + stripped, end - trailing


def coordinated(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"German Chancellor Olaf Scholz and French President Emmanuel Macron": one source each."""
    phrase = text[s:e]
    m = AND.search(phrase)
    if not m:
        return ()
    # the right side first: it is the shorter, and when it names no one the left need not be read
    right = parse_source(text, s + m.end(), e)
    if not right or any(x.kind not in NAMED for x in right):
        return ()
    left = parse_source(text, s, s + m.start())
    return left + right if left and all(x.kind in NAMED for x in left) else ()


def affiliated_name(text: str, s: int, e: int) -> tuple[Source, ...]:
    """"Samuel Charap of the RAND Corporation": the person, not the body."""
    m = AFFILIATED.match(text, s, e)
    if not m:
        return ()
    named = named_source(text, s, m.end(1))
    return named if named and named[0].kind == "name" else ()


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
    author = AUTHOR_AFTER.match(phrase, m.end())  # "a speech Mrs. Clinton delivered at ..."
    if author:
        owner = named_source(text, s + author.start(1), s + author.end(1))
        return tuple(Source(o.kind, o.label, o.start, o.end, True) for o in owner)
    if phrase[m.end():].strip(" ,;:\u00a0"):
        return ()  # the document noun heads the phrase or it names none: "refuses to release his records"
    before = OWNER_DETERMINER.sub("", phrase[:m.start()].strip())
    before = POSSESSIVE.sub("", before)
    if before:
        b = s + phrase.index(before)
        owner = (institution_source(before, b, b + len(before)) or named_source(text, b, b + len(before))
                 or organisation_source(before, b, b + len(before)))
        if owner:
            return tuple(Source(o.kind, o.label, o.start, o.end, True) for o in owner)
        if len(before.split()) > DOCUMENT_OWNER_WORDS:
            return ()  # "His district was at the center of a lawsuit in which ...": a clause, not an owner
        return (Source("group", phrase_without_determiner(phrase), s, e),)
    return (Source("anaphor", m.group(), s, e, True),)


def group_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"Chinese experts", "officials on both sides", "three sources", "many Mexicans"."""
    m = GROUP_RE.match(phrase)
    if not m:
        last = phrase.split()[-1]
        return (Source("group", phrase_without_determiner(phrase), s, e),) if last in PEOPLES else ()
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


def described_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"a former party chairman": an unnamed person described by a role."""
    m = INDEFINITE_ROLE.match(phrase)
    return (Source("anonymous", m.group(1), s + m.start(1), e),) if m else ()


def named_source(text: str, s: int, e: int) -> tuple[Source, ...]:
    """A name, with or without its title; or a named institution, outlet or country."""
    phrase = text[s:e]
    if OUTLET_RE.fullmatch(phrase) or OUTLET_RE.fullmatch(phrase_without_determiner(phrase)):
        m = OUTLET_RE.search(phrase)
        return (Source("media", m.group(), s + m.start(), s + m.end()),)
    runs = [r for r in map(without_function_words, name_runs(phrase)) if r]
    run = runs[-1] if runs else None
    # "a Democrat from Ohio" describes, it does not name (the title is read only for a run that ends the phrase)
    if run and run.end == len(phrase) and not INDEFINITE.match(phrase):
        found = titled_run(phrase, s, run)
        if found:
            return found
    m = OUTLET_RE.search(phrase)
    if m:
        return (Source("media", m.group(), s + m.start(), s + m.end()),)
    if run and run.end == len(phrase) and ACRONYM.match(run.text) and run.text not in ABBREVIATIONS \
            and len(phrase[:run.start].split()) <= 1:
        return (Source("organization", run.text, s + run.start, s + run.end),)  # "the S.E.C.", "NAACP"
    m = ORGANIZATION_RE.search(phrase)
    if m and m.end() == len(phrase.rstrip()):
        return (Source("organization", m.group(), s + m.start(), s + m.end()),)
    return ()


def titled_run(phrase: str, s: int, run: Run) -> tuple[Source, ...]:
    """The source named by the run that ends the phrase, when only a title stands before it."""
    tokens = run.text.split()
    before = phrase[:run.start]
    cut = title_end(tokens, before)
    titled = cut > 0 and len(before.split()) <= 3  # "Odesa regional Gov. Petro Lysenko"
    # "9/11 widow Terry Strada": a short description before a name with a common given name is its title
    described = has_given_name(tokens[cut:]) and len(before.split()) <= MAX_TITLE_WORDS
    if not (titled or described or words_before_are_title(before)):
        return ()
    name_tokens = tokens[cut:]
    name = " ".join(name_tokens)
    name_start = s + run.start + len(" ".join(tokens[:cut])) + (1 if cut else 0)
    whole = run.text
    if OUTLET_RE.fullmatch(whole):
        return (Source("media", whole, s + run.start, s + run.end),)
    if ORGANIZATION_RE.fullmatch(whole) or (is_organisation_name(whole) and not cut):
        return (Source("organization", whole, s + run.start, s + run.end),)
    if is_place_name(whole) and phrase.lower().removeprefix("the ").strip() == whole.lower():
        return (Source("organization", whole, s + run.start, s + run.end),)
    if can_be_person_name(name_tokens, after_honorific(tokens, cut)):
        return (Source("name", name, name_start, name_start + len(name)),)
    return ()


@remembered
def words_before_are_title(before: str) -> bool:
    """Only a title may stand before a speaker's name: "the Russian defense analyst", "Kremlin spokesman",
    "regional governor" (any short phrase that ends in a role word)."""
    if len(before) > MAX_TITLE_CHARS:
        return False  # a sentence's opening words, not a title: stop before splitting them all
    words = before.split()
    if 0 < len(words) <= MAX_TITLE_WORDS + 1 and words[-1].lower() in ROLE_WORDS:
        return True
    for w in words:
        bare = POSSESSIVE.sub("", w)
        if not (w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_DETERMINERS or w.lower() in ROLE_WORDS
                or w.lower() in ROLE_MODIFIERS or bare in NATIONALITIES or "-" in w):
            return False
    return True


def institution_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"the Russian government", "the ministry", "Ukraine's military", "Police" (but not an outlet's name)."""
    m = INSTITUTION_RE.match(phrase)
    if not m or OUTLET_RE.search(phrase):
        return ()
    whose = BELONGING.match(m.group(2))
    if whose:  # "his office": the office of someone named before
        return (Source("belonging", f"{whose.group(1).lower()} {whose.group(2)}", s, e),)
    if m.group(1) and m.group(1).strip().lower() == "the" and len(m.group(2).split()) == 1:
        return (Source("anaphor", m.group(2).lower(), s, e),)  # "the ministry": one named before
    return (Source("organization", m.group(2), s + m.start(2), e),)


def organisation_source(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"the Chinese Foreign Ministry": a capitalised name with an organisation word."""
    bare = LOWER_WORDS.sub("", phrase_without_determiner(phrase))  # "the nonpartisan Commission on ..."
    if bare and bare[0].isupper() and is_organisation_name(bare):
        return (Source("organization", bare, e - len(bare), e),)
    return ()


def role_anaphor(phrase: str, s: int, e: int) -> tuple[Source, ...]:
    """"the minister", "the Prime Minister", "the former ambassador": someone named before."""
    m = DEFINITE_ROLE.match(phrase)
    if not m or m.group(1).lower() not in ROLE_WORDS:
        return ()
    return (Source("anaphor", m.group(1).lower(), s, e),)


def phrase_without_determiner(phrase: str) -> str:
    """The phrase without a leading "the", "a" or "one"."""
    return DETERMINER.sub("", phrase.strip())


def is_appositive(text: str, start: int, end: int) -> bool:
    """A role phrase set off by commas after a name: "a professor at ...", "Chinese Foreign Ministry spokesperson"."""
    phrase = text[start:end].strip()
    return bool(phrase) and describe_role(phrase) is not None


def is_parenthetical(phrase: str) -> bool:
    """", citing Russian sources," between a speaker and the verb."""
    return bool(PARENTHETICAL.match(phrase))
