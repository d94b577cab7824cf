"""What a capitalised name is: a person, a title, a role, an organisation or a place.

Small pure functions shared by the source parser and the people finder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    CJK_SURNAMES, EXPERT_INSTITUTIONS, EXPERT_ROLES, FEMALE_NAMES, FUNCTION_WORDS, JOURNALIST_ROLES, MALE_NAMES,
    NATIONALITIES, OFFICIAL_ROLES, ORG_WORDS, ORGANIZATIONS, OUTLETS, PLACES, ROLE_MODIFIERS, ROLE_WORDS, TITLE_HEADS,
    alternation,
)

UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
UP = f"[{re.escape(UPPER)}]"
# One word of a name: "Peskov", "Jae-myung", "O’Neil", "Dr.", an initial "J."
NAME_WORD = rf"(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Adm|Maj|Sgt|Rev|St|Jr|Sr)\.|{UP}\.(?=\s)|{UP}(?:[\w-]|['’](?={UP}))*)"
PARTICLE = r"(?:de|da|di|van|von|der|den|du|del|della|dos|bin|ibn|al|el|le|la|ter)"
NAME_RUN = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:[ \u00a0]+(?:{PARTICLE}[ \u00a0]+)?{NAME_WORD})*")
ACRONYM = re.compile(rf"^(?:{UP}{{2,}}|(?:{UP}\.)+)$")

OUTLET_RE = re.compile(rf"(?<![\w-])(?:{alternation(OUTLETS)})(?![\w-])")
ORGANIZATION_RE = re.compile(rf"(?<![\w-])(?:{alternation(ORGANIZATIONS)})(?![\w-])")
EXPERT_ROLE_RE = re.compile(rf"\b(?:{alternation(EXPERT_ROLES)})s?\b", re.I)
OFFICIAL_ROLE_RE = re.compile(rf"\b(?:{alternation(OFFICIAL_ROLES)})s?\b", re.I)
JOURNALIST_ROLE_RE = re.compile(rf"\b(?:{alternation(JOURNALIST_ROLES)})s?\b", re.I)
EXPERT_INSTITUTION_RE = re.compile(rf"\b(?:{alternation(EXPERT_INSTITUTIONS)})\b", re.I)
# Posts that lead any body; at a university or think tank their holder is an expert.
LEADERSHIP_WORDS = frozenset({"president", "chairman", "chairwoman", "chairperson", "chair", "director", "leader",
                              "officer", "adviser", "advisor", "aide", "speaker", "head", "founder", "dean"})
GOVERNMENT_ROLE_RE = re.compile(rf"\b(?:{alternation(set(OFFICIAL_ROLES) - LEADERSHIP_WORDS)})s?\b", re.I)
# Where the head of an appositive role ends and the affiliation begins.
ROLE_PREPOSITION = re.compile(r"\s+(?:at|of|with|from|for|in|on)\s+")
LEADING_DETERMINER = re.compile(r"^(?:(?:a|an|the|one|now|also|then|currently|who\s+is|is)\s+)+", re.I)
BASED_IN = re.compile(r"\b[\w.-]+-based\s+")
FEMALE_ROLE = re.compile(r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|Mrs\.?|Ms\.?|Queen|Princess|Lady|Dame)\b")
MALE_ROLE = re.compile(r"\b(?:spokesman|chairman|congressman|businessman|Mr\.?|King|Prince|Lord|Sir)\b")
FEMALE_SURNAME = re.compile(r"(?:ova|eva|yova|ina|aya|skaya|ska|cka)$")


def words(phrase: str) -> list[str]:
    return phrase.split()


def title_end(tokens: list[str]) -> int:
    """Index of the first name word after a capitalised title ("German Defense Minister | Boris Pistorius")."""
    last = -1
    for i, tok in enumerate(tokens[:-1]):
        if tok in TITLE_HEADS:
            last = i
    return last + 1


def is_acronym(tok: str) -> bool:
    return bool(ACRONYM.match(tok))


def is_organisation_name(name: str) -> bool:
    toks = name.split()
    return (any(t in ORG_WORDS for t in toks) or bool(ORGANIZATION_RE.fullmatch(name))
            or bool(OUTLET_RE.fullmatch(name)))


def is_place_name(name: str) -> bool:
    return all(t in PLACES or t in NATIONALITIES for t in name.split())


def can_be_person_name(tokens: list[str]) -> bool:
    """Words that could name a person: no organisation word, place, acronym or month."""
    if not tokens or len(tokens) > 5:
        return False
    name = " ".join(tokens)
    if is_organisation_name(name) or is_place_name(name):
        return False
    return not any(t in FUNCTION_WORDS or t in NATIONALITIES or is_acronym(t) or t in TITLE_HEADS for t in tokens)


def is_cjk_name(tokens: list[str]) -> bool:
    """"Cui Hongjian", "Kim Jong Un": family name first."""
    return 2 <= len(tokens) <= 3 and tokens[0] in CJK_SURNAMES and tokens[1] not in MALE_NAMES | FEMALE_NAMES


def has_given_name(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and (tokens[0] in FEMALE_NAMES or tokens[0] in MALE_NAMES)


def surname_keys(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words a later bare mention may use for this person."""
    if len(tokens) < 2:
        return tuple(tokens)
    if is_cjk_name(list(tokens)):
        return (tokens[0],)
    return (tokens[-1],)


def gender(tokens: tuple[str, ...], role: str | None) -> str | None:
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


def role_head(phrase: str) -> bool:
    """True when the phrase names a role: it contains a role word ("senior fellow", "Kremlin spokesman")."""
    return any(w.lower().strip(",") in ROLE_WORDS or w in TITLE_HEADS for w in phrase.split())


def describe_role(phrase: str) -> tuple[str, str | None] | None:
    """(role, affiliation) of an appositive or title ("a professor at X" -> professor, X), or None."""
    phrase = LEADING_DETERMINER.sub("", phrase.strip().rstrip(",.;")).strip()
    if not phrase or len(phrase.split()) > 30:
        return None
    m = ROLE_PREPOSITION.search(phrase)
    head, tail = (phrase[:m.start()], phrase[m.end():]) if m else (phrase, "")
    head_words = head.split()
    if not head_words or len(head_words) > 8 or not role_head(head):
        return None
    if not all(w[0].isupper() or w.lower() in ROLE_WORDS or w.lower() in ROLE_MODIFIERS or "-" in w
               for w in head_words):
        return None
    affiliation = BASED_IN.sub("", re.sub(r"^the\s+", "", tail.strip())) or affiliation_in_title(head)
    return head, affiliation or None


def affiliation_in_title(title: str) -> str | None:
    """The body named inside a title: "Kremlin spokesman" -> Kremlin, "White House Press Secretary" -> White House."""
    m = ORGANIZATION_RE.search(title)
    if m:
        return m.group()
    caps = []
    for w in title.split():
        if not w[0].isupper() or w in TITLE_HEADS or w.lower() in ROLE_MODIFIERS:
            break
        caps.append(w)
    name = " ".join(caps)
    return name if caps and any(w in ORG_WORDS for w in caps) else None


def person_kind(role: str | None, affiliation: str | None) -> str:
    role = role or ""
    if EXPERT_ROLE_RE.search(role):
        return "expert"
    if JOURNALIST_ROLE_RE.search(role):
        return "journalist"
    if affiliation and EXPERT_INSTITUTION_RE.search(affiliation) and not GOVERNMENT_ROLE_RE.search(role):
        return "expert"
    if OFFICIAL_ROLE_RE.search(role) or any(w in TITLE_HEADS for w in role.split()):
        return "official"
    return "other"


@dataclass(frozen=True)
class Run:
    """A capitalised run with its sentence-initial function words ("The", "In") dropped."""
    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def without_function_words(m: re.Match) -> Run | None:
    tokens = [t for t in re.finditer(r"\S+", m.group())]
    while tokens and tokens[0].group() in FUNCTION_WORDS:
        tokens.pop(0)
    if not tokens:
        return None
    begin = m.start() + tokens[0].start()
    return Run(m.string[begin:m.end()], begin, m.end())
