"""What a capitalised name is: a person, a title, a role, an organisation or a place.

Small pure functions shared by the source parser and the people finder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ABBREVIATIONS, CJK_SURNAMES, EXPERT_INSTITUTIONS, EXPERT_ROLES, FEMALE_NAMES, FUNCTION_WORDS, JOURNALIST_ROLES,
    MALE_NAMES, NAME_ABBREVIATIONS, NATIONALITIES, NON_NAME_WORDS, OFFICIAL_ROLES, ORGANIZATIONS, ORG_WORDS, OUTLETS,
    PLACES, ROLE_MODIFIERS, ROLE_WORDS, TITLE_HEADS, alternation, entries, pairs, remembered,
)

UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
UP = f"[{re.escape(UPPER)}]"
# One word of a name: "Peskov", "Jae-myung", "O’Neil", "Dr.", an initial "J." (An apostrophe only
# before a capital; "[\w-]*(?:'[\w-]*)*" rather than "(?:[\w-]|')*", as the regex engine runs a
# repeated set of characters far faster than a repeated choice.)
NAME_WORD = (rf"(?:{alternation(NAME_ABBREVIATIONS)}|(?:{UP}\.){{2,}}|"
             rf"{UP}\.(?=\s)|{UP}[\w-]*(?:['’](?={UP})[\w-]*)*)")
PARTICLE = rf"(?:{alternation(entries('name_particles'))})"
# A name of up to four capitalised words, as a piece of other patterns ("Ana Ruiz", "J. D. Vance").
SHORT_NAME = r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*"
# "al-Sharaa", "bin Salman": an Arabic particle joined to the name by a hyphen.
HYPHEN_PARTICLE = rf"(?:{alternation(entries('hyphen_particles'))})-"
# Particles may stack ("Ursula von der Leyen"); a hyphenated one leads its word ("Ahmed al-Sharaa").
NAME_RUN = re.compile(rf"(?<![\w’'-])(?={UP}){NAME_WORD}"
                      rf"(?:[ \u00a0]+(?:(?:{PARTICLE}[ \u00a0]+)+|{HYPHEN_PARTICLE})?{NAME_WORD})*")
# Where a run may start: any capital. Found first, so that the regex engine skips to the capitals
# (NAME_RUN opens with a look-behind, and a pattern that opens with one is tried at every position).
CAPITAL = re.compile(UP)
TITLE_OF = re.compile(rf"\b(?:{alternation(TITLE_HEADS)})\s+of\s+(?:the\s+)?$")
ACRONYM = re.compile(rf"^(?:{UP}{{2,}}|(?:{UP}\.)+)$")
# Inside a name of three words or more, initials are a person's ("John R. Smith", "G.K. Butterfield
# Jr."), and a numeral closes it ("Vann Newkirk II"); alone or last they are an acronym ("U.S.").
INITIALS = re.compile(rf"^(?:{UP}\.)+$")
GENERATION = frozenset(entries("generations"))

# A person's name is at most five words ("Ursula von der Leyen", "Martin Luther King Jr."); a role
# phrase ("deputy director of the Centre for ... at ... University") at most 30, its head at most 8.
MAX_NAME_WORDS = 5
MAX_ROLE_PHRASE_WORDS = 30
MAX_ROLE_HEAD_WORDS = 8
# A head longer than five words is a role only when it reads as a title (capitalised or role words).
LONG_HEAD_WORDS = 5
NEVER_IN_NAMES = FUNCTION_WORDS | NATIONALITIES | TITLE_HEADS | NON_NAME_WORDS | ORG_WORDS
OUTLET_RE = re.compile(rf"(?<![\w-])(?:{alternation(OUTLETS)})(?![\w-])")
ORGANIZATION_RE = re.compile(rf"(?<![\w-])(?:{alternation(ORGANIZATIONS)})(?![\w-])")
EXPERT_ROLE_RE = re.compile(rf"\b(?:{alternation(EXPERT_ROLES)})s?\b", re.I)
OFFICIAL_ROLE_RE = re.compile(rf"\b(?:{alternation(OFFICIAL_ROLES)})s?\b", re.I)
JOURNALIST_ROLE_RE = re.compile(rf"\b(?:{alternation(JOURNALIST_ROLES)})s?\b", re.I)
EXPERT_INSTITUTION_RE = re.compile(rf"\b(?:{alternation(EXPERT_INSTITUTIONS)})\b", re.I)
# Posts that lead any body; at a university or think tank their holder is an expert.
LEADERSHIP_WORDS = frozenset(entries("leadership_words"))
GOVERNMENT_BODY_RE = re.compile(rf"\b(?:{alternation(entries('government_bodies'))})\b", re.I)
GOVERNMENT_ROLE_RE = re.compile(rf"\b(?:{alternation(set(OFFICIAL_ROLES) - LEADERSHIP_WORDS)})s?\b", re.I)
# Where the head of an appositive role ends and the affiliation begins.
ROLE_PREPOSITION = re.compile(r"\s+(?:at|of|with|from|for|in|on|to)\s+")
LEADING_DETERMINER = re.compile(
    r"^(?:(?:a|an|the|one|another|now|also|then|currently|who\s+is|is|his|her|their|its|our|my)\s+)+", re.I)
RELATIVE_VERB_ROLES = pairs("relative_verb_roles")
RELATIVE_ROLE = re.compile(
    rf"who\s+(?:(?:is|was)\s+(?P<noun>(?:a|an|the)\s+.+)|(?:also\s+|now\s+)?"
    rf"(?P<verb>{alternation(RELATIVE_VERB_ROLES)})"
    r"\s+(?P<rest>.+))$")
# (",?\s+" written as "[,\s]" and the rest, as in frames/participle.py, so that the pattern opens with a set.)
NOW_ROLE = re.compile(r"[,\s](?:(?<=,)\s+|(?<!,)\s*)(?:who\s+is\s+now|and\s+now|now)\s+(?=(?:a|an|the)\s)")
LEADING_THE = re.compile(r"^the\s+")
RELATIVE_IN_ROLE = re.compile(r"\swho\s")
PARTICIPLE_IN_ROLE = re.compile(rf"\s(?:{alternation(entries('role_participles'))})"
                                r"(?=\s+(?:at|in|on|with)\s)")
POSSESSIVE_WORD = re.compile(r"[’']s$")
BASED_IN = re.compile(r"\b[\w.-]+-based\s+")
FEMALE_ROLE = re.compile(rf"\b(?:{alternation(entries('female_titles'))})(?![\w])")
MALE_ROLE = re.compile(rf"\b(?:{alternation(entries('male_titles'))})(?![\w])")
# Rank words that open a title after the body's name: "Security Council | Deputy Chairman".
RANKS = frozenset(entries("ranks"))
GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES
FEMALE_SURNAME = re.compile(rf"(?:{alternation(entries('female_surname_endings'))})$")


def title_end(tokens: list[str], before: str = "") -> int:
    """Index of the first name word after a capitalised title ("German Defense Minister | Boris Pistorius",
    and after "Secretary of" the department: "State | Marco Rubio")."""
    after_title_of = before.rstrip().endswith((" of", " the")) and bool(TITLE_OF.search(before))
    return title_cut(tuple(tokens), after_title_of)


@remembered
def title_cut(tokens: tuple[str, ...], after_title_of: bool) -> int:
    """title_end of the words, told whether "TITLE of (the)" stands before them."""
    last = -1
    for i, tok in enumerate(tokens[:-1]):
        if tok in TITLE_HEADS:
            last = i
    cut = last + 1
    if cut == 0 and len(tokens) >= 3 and (tokens[0].lower() in ROLE_WORDS or has_given_name(tokens[1:])
                                          and not has_given_name(tokens)):
        cut = 1  # "Economist Sergei Guriev" at the start of a sentence; "Principal Omar Haddad": a title not listed
    if cut == 0 and after_title_of:
        while cut < len(tokens) - 1 and (tokens[cut] in NON_NAME_WORDS or tokens[cut] in ORG_WORDS):
            cut += 1
    if cut == 0:
        # "Special Representative for Eurasian Affairs Li Hui": a name after the words of an office
        last_office = max((i for i, t in enumerate(tokens) if t in NON_NAME_WORDS or t in ORG_WORDS), default=-1)
        rest = tokens[last_office + 1:]
        if last_office >= 0 and len(rest) >= 2 and (is_cjk_name(rest) or has_given_name(rest)):
            cut = last_office + 1
    return cut


@remembered
def is_organisation_name(name: str) -> bool:
    """A body's name: an organisation word, a known institution or an outlet."""
    toks = name.split()
    return (any(t in ORG_WORDS for t in toks) or bool(ORGANIZATION_RE.fullmatch(name))
            or bool(OUTLET_RE.fullmatch(name)))


@remembered
def is_place_name(name: str) -> bool:
    """Every word a place or nationality: "Saudi Arabia", "Middle East"."""
    return all(t in PLACES or t in NATIONALITIES for t in name.split())


def can_be_person_name(tokens: list[str], honorific: bool = False) -> bool:
    """Words that could name a person: no organisation word, place, acronym or month. After an
    honorific ("Mr. King"), a title word is a surname."""
    return could_name_person(tuple(tokens), honorific)


@remembered
def could_name_person(tokens: tuple[str, ...], honorific: bool) -> bool:
    """can_be_person_name of a tuple (remembered: the same names recur)."""
    if not tokens or len(tokens) > MAX_NAME_WORDS:
        return False
    surname_ok = honorific or has_given_name(tokens)  # "Claudia Major", "Anna King": a title word as a surname
    for i, t in enumerate(tokens):
        if t in NEVER_IN_NAMES and not (surname_ok and i == len(tokens) - 1 and t in TITLE_HEADS):
            return False
        if ACRONYM.match(t) and not initial_in_name(tokens, i):
            return False
    if all(t in PLACES for t in tokens):
        return False
    name = " ".join(tokens)
    return not (ORGANIZATION_RE.fullmatch(name) or OUTLET_RE.fullmatch(name))


def after_honorific(tokens: list[str], cut: int) -> bool:
    """The name starts right after "Mr.", "Ms.", "Dr." ..."""
    return cut > 0 and tokens[cut - 1] in HONORIFICS


def initial_in_name(tokens: tuple[str, ...], i: int) -> bool:
    """An initial or a generation inside a name of two words or more (see INITIALS)."""
    t = tokens[i]
    if t in GENERATION:
        return 1 < i == len(tokens) - 1
    return (len(tokens) >= 2 and i < len(tokens) - 1 and bool(INITIALS.match(t)) and t not in ABBREVIATIONS
            and (tokens[-1] in GENERATION or not ACRONYM.match(tokens[-1])))


def is_cjk_name(tokens: list[str]) -> bool:
    """"Cui Hongjian", "Kim Jong Un": family name first."""
    return 2 <= len(tokens) <= 3 and tokens[0] in CJK_SURNAMES and tokens[1] not in GIVEN_NAMES


def has_given_name(tokens: list[str]) -> bool:
    """Two or more words, the first a common given name."""
    return len(tokens) >= 2 and (tokens[0] in FEMALE_NAMES or tokens[0] in MALE_NAMES)


def surname_keys(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words a later bare mention may use for this person."""
    if len(tokens) < 2:
        return tuple(tokens)
    if is_cjk_name(list(tokens)):
        return (tokens[0],)
    return (tokens[-1],)


def gender(tokens: tuple[str, ...], role: str | None) -> str | None:
    """"f", "m" or None, from the given name, a gendered title or a Slavic surname ending."""
    if tokens and tokens[0] in FEMALE_NAMES:
        return "f"
    if tokens and tokens[0] in MALE_NAMES:
        return "m"
    if role and FEMALE_ROLE.search(role):
        return "f"
    if role and MALE_ROLE.search(role):
        return "m"
    if len(tokens) >= 2 and not is_cjk_name(list(tokens)) and FEMALE_SURNAME.search(tokens[-1]):
        return "f"
    return None


# Honorifics say that a name is a person's, not what the person does.
HONORIFICS = frozenset(entries("honorifics"))


def role_head(phrase: str) -> bool:
    """True when the phrase names a role: it contains a role word ("senior fellow", "Kremlin spokesman")."""
    return any(w.lower().strip(",") in ROLE_WORDS or w in TITLE_HEADS for w in phrase.split())


@remembered
def describe_role(phrase: str) -> tuple[str, str | None] | None:
    """(role, affiliation) of an appositive or title ("a professor at X" -> professor, X), or None."""
    now = NOW_ROLE.search(phrase)  # "a former diplomat who is now a visiting scholar at ...": the role now held
    if now:
        phrase = phrase[now.end():]
    phrase = LEADING_DETERMINER.sub("", phrase.strip().rstrip(",;")).strip()
    if phrase.endswith(".") and phrase.split()[-1] not in TITLE_HEADS:
        phrase = phrase[:-1]
    if not phrase or len(phrase.split()) > MAX_ROLE_PHRASE_WORDS:
        return None
    relative = RELATIVE_IN_ROLE.search(phrase)  # "a former diplomat who now heads the X office"
    if relative:
        return describe_relative(phrase[relative.start() + 1:]) or describe_role(phrase[:relative.start()])
    phrase = PARTICIPLE_IN_ROLE.sub(" ", phrase)  # "a fellow based in Warsaw": a fellow in Warsaw
    m = ROLE_PREPOSITION.search(phrase)
    head, tail = (phrase[:m.start()], phrase[m.end():]) if m else (phrase, "")
    head_words = head.split()
    if all(w in HONORIFICS for w in head_words):
        return None
    if not head_words or len(head_words) > MAX_ROLE_HEAD_WORDS or not role_head(head):
        return None
    if not role_head(head_words[-1]) and not any(w in ORG_WORDS for w in head_words[-1:]):
        return None  # "Kremlin spokesman Dmitry Peskov" is a titled name, not a role
    if len(head_words) > LONG_HEAD_WORDS and not all(titled_word(w) for w in head_words):
        return None
    affiliation = BASED_IN.sub("", LEADING_THE.sub("", tail.strip())) or affiliation_in_title(head)
    return head, affiliation or None


def titled_word(w: str) -> bool:
    """A word that may stand in a long title: capitalised, a role word or modifier, compound, possessive."""
    return (w[0].isupper() or w.lower() in ROLE_WORDS or w.lower() in ROLE_MODIFIERS or "-" in w
            or bool(POSSESSIVE_WORD.search(w)))


def describe_relative(phrase: str) -> tuple[str, str | None] | None:
    """", who directs the Kennan Institute at the Wilson Center," -> (director, Kennan Institute at ...)."""
    m = RELATIVE_ROLE.match(phrase.strip())
    if not m:
        return None
    if m.group("noun"):
        return describe_role(m.group("noun"))
    role = RELATIVE_VERB_ROLES[" ".join(m.group("verb").split())]
    object_ = LEADING_THE.sub("", m.group("rest").strip())
    object_ = re.sub(r"^[a-z][\w\s-]*?\s+(?:at|with|for|of)\s+(?:the\s+)?(?=[A-Z])", "", object_)
    return role, BASED_IN.sub("", object_) or None


def affiliation_in_title(title: str) -> str | None:
    """The body named inside a title: "Kremlin spokesman" -> Kremlin, "White House Press Secretary" -> White House."""
    m = ORGANIZATION_RE.search(title)
    if m:
        return m.group()
    caps = []
    for w in title.split():
        if not w[0].isupper() or w in TITLE_HEADS or w in RANKS:
            break
        caps.append(w)
    name = " ".join(caps)
    return name if caps and any(w in ORG_WORDS for w in caps) else None


@remembered
def person_kind(role: str | None, affiliation: str | None) -> str:
    """expert, journalist, official or other, from the role and the affiliation."""
    role = role or ""
    if EXPERT_ROLE_RE.search(role):
        return "expert"
    if JOURNALIST_ROLE_RE.search(role):
        return "journalist"
    if affiliation and EXPERT_INSTITUTION_RE.search(affiliation) and not GOVERNMENT_ROLE_RE.search(role):
        return "expert"
    if OFFICIAL_ROLE_RE.search(role) or any(w in TITLE_HEADS for w in role.split()):
        return "official"
    if affiliation and GOVERNMENT_BODY_RE.search(affiliation):
        return "official"  # "a member of the Ukrainian parliament's foreign affairs committee"
    return "other"


@dataclass(slots=True)
class Run:
    """A capitalised run with its sentence-initial function words ("The", "In") dropped."""
    text: str
    start: int
    end: int


def name_runs(text: str, pos: int = 0, end: int | None = None):
    """NAME_RUN.finditer(text, pos, end), tried only where a capital stands (see CAPITAL)."""
    end = len(text) if end is None else end
    while True:
        capital = CAPITAL.search(text, pos, end)
        if capital is None:
            return
        m = NAME_RUN.match(text, capital.start(), end)
        if m:
            yield m
            pos = m.end()
        else:
            pos = capital.start() + 1


def without_function_words(m: re.Match) -> Run | None:
    """The run without sentence-opening words ("The", "In"); None when nothing is left."""
    text, begin = m.group(), m.start()
    while True:
        head, _, rest = text.partition(" ")
        if head not in FUNCTION_WORDS:
            return Run(text, begin, m.end())
        if not rest:
            return None
        stripped = rest.lstrip()
        begin += len(text) - len(stripped)
        text = stripped
