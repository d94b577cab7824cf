"""What every frame rule shares: the Frame it returns, the stretch of a sentence it reads,
and the small readers of a cue's surroundings (its listener, time and place; where the
content starts)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import (
    LISTENER_VERBS, OBJECT_VERBS, PARTICIPLE_CUES, SPEECH_VERBS, TEMPORAL_WORDS, WARNING_VERBS, WORD_BREAK, after_break,
    alternation, entries,
)
from ..segments import CLOSE, OPEN, Document, Sentence
from ..sources import Source

# Who opens a clause as its subject: a capitalised name (with "of" inside: "Bank of England") or he/she.
NAME_OR_PRONOUN = r"(?:[A-Z][\w.’'-]*\s+(?:of\s+)?)*[A-Z][\w’'-]*|[Hh]e|[Ss]he"

# "was quoted (by Tass) as saying" is one cue.
QUOTED_AS_SAYING = r"quoted\s+(?:by\s+[^,;]{1,40}?\s+)?as\s+saying"
CUE_WORD = (rf"(?=[a-z])(?:{QUOTED_AS_SAYING}|{alternation(set(SPEECH_VERBS) | set(PARTICIPLE_CUES))}|"
            rf"according\s+to|per)(?![\w-])")
CUE_RE = re.compile(rf"(?<![\w-]){CUE_WORD}")
CUE_AFTER = re.compile(WORD_BREAK + CUE_WORD)  # searched first: see lexicon.after_break
# "is insisting that", "were saying": a participle reports, as the simple form does, after "to be".
PARTICIPLES = frozenset(PARTICIPLE_CUES) - SPEECH_VERBS
BE_BEFORE = re.compile(r"\b(?:is|are|was|were|been)\s+$")
# A mark, or a spaced dash (" - ", " -- "). (Written as a set, then a dash only after a space, rather
# than "[...]|\s--?\s": a pattern that opens with a set lets the regex engine jump from one to the next.)
SEGMENT_BOUNDARY = re.compile(rf"[,;:{OPEN}{CLOSE}—–\s](?:(?<=\s)--?\s|(?<!\s))")
WORD = re.compile(rf"\s*([^\s,;:{OPEN}{CLOSE}]+)")
THAT = re.compile(r"\s*that\b")
# "vowed he would never quit": a clause without "that", opened by a pronoun and its verb.
PRONOUN_CLAUSE = re.compile(r"(?=\s*(?:he|she|they|it|we|I)\s+(?:would|will|could|should|can|had|has|have|was|were|"
                            r"is|are|did|does|do|might|must|wanted|wants|needed|needs)\b)")
QUOTED_TITLE_THAT = re.compile(rf"\s*{OPEN}x{{1,40}}{CLOSE}(\s*)that\b")
# What makes the cue after it no report, tested in one search: a modal ("would insist", "to say", "did not
# say"), or a possessive or a determiner, after which a cue word is a noun ("Clinton's comments", "the reports").
MODAL_BEFORE = r"\b(?:would|will|could|should|must|may|might|can|to|did|does|do|not|never)"
NOUN_BEFORE = r"[’']s|\b(?:the|a|an|his|her|their|its|our|my|your|this|these|those)"
NOT_REPORTING_BEFORE = re.compile(rf"(?:{MODAL_BEFORE}|{NOUN_BEFORE})\s+$")
# How far back NOT_REPORTING_BEFORE looks: the longest modal ("should") with "not" and spaces
# fits in 12 characters.
MODAL_REACH = 12
FINAL_PUNCTUATION = " \t\n.!?…"
# "said sarcastically", "wrote angrily": a manner adverb after the cue is no content.
MANNER_ADVERB = re.compile(r"[a-z]{3,}ly")
PLACE_APPOSITION = re.compile(r",\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,")
FILL_ONLY = re.compile(r"\s*x+\s*")  # a segment inside quotation marks
# Content shorter than this many words after a leading cue is an object ("said so"), not speech.
MIN_CONTENT_WORDS = 3

# A listener or place after a cue is at most six words ("the Senate Foreign Relations Committee");
# before "that", a named listener at most four ("warned President Ana Ruiz that").
LISTENER_WORDS = 6
NAMED_LISTENER_WORDS = 4

PREPOSITIONS = frozenset(entries("cue_prepositions"))
DETERMINERS = frozenset(entries("determiners"))
NP_STOPS = frozenset(entries("noun_phrase_stops")) | PREPOSITIONS | DETERMINERS
TEMPORAL = frozenset(w.lower() for w in TEMPORAL_WORDS)


@dataclass(slots=True)
class Frame:
    """What a rule found: the content (offsets relative to the sentence start), the cue, the
    sources, whether the cue relays someone else's words ("reported", "per"), and the rule."""
    content: tuple[int, int]
    cue: str
    sources: tuple[Source, ...]
    relay: bool
    rule: str = ""

    def named(self, rule: str) -> "Frame":
        """The frame credited to `rule` (dataclasses.replace costs more, for every frame of every article)."""
        return Frame(self.content, self.cue, self.sources, self.relay, rule)


@dataclass(slots=True)
class Span:
    """The stretch masked[lo:hi] of one sentence that a rule reads, with the sentence's cue words."""
    doc: Document
    sent: Sentence
    cues: tuple[re.Match, ...]
    lo: int
    hi: int
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # speaker phrases already read

    @property
    def masked(self) -> str:
        return self.sent.masked

    def at(self, a: int) -> int:
        """An offset of the sentence as an offset of the article."""
        return self.sent.start + a


def reporting_cues(m: str, hi: int) -> tuple[re.Match, ...]:
    """The cue words of m[:hi] that report: "would insist", "to say", "did not say" do not."""
    cues = []
    for c in after_break(CUE_RE, CUE_AFTER, m, 0, hi):
        cs = c.start()
        if not m[cs - 1:cs].isspace():  # the words before the cue all end in a space
            if cue_word(c) not in PARTICIPLES:
                cues.append(c)
            continue
        reach = max(0, cs - MODAL_REACH)
        if NOT_REPORTING_BEFORE.search(m, reach, cs):
            continue
        if cue_word(c) in PARTICIPLES and not BE_BEFORE.search(m, reach, cs):
            continue
        cues.append(c)
    return tuple(cues)


def cue_word(cue: re.Match) -> str:
    """The cue as it is reported: "said", "according to", "quoted as saying"."""
    word = cue.group()
    if word.startswith("quoted"):
        return "quoted as saying"
    return word if word.isalpha() else " ".join(word.split())  # most cues are one word: no split needed


def body_end(masked: str) -> int:
    """Where the sentence ends before its final punctuation."""
    return len(masked.rstrip(FINAL_PUNCTUATION))


def strip_span(m: str, a: int, b: int) -> tuple[int, int]:
    """The span without the spaces and punctuation at its edges."""
    while a < b and (m[a].isspace() or m[a] in ",:"):
        a += 1
    while b > a and (m[b - 1].isspace() or m[b - 1] in ",;"):
        b -= 1
    return a, b


def content_before(m: str, lo: int, end: int) -> tuple[int, int]:
    """The content before a trailing attribution, without the comma or dash that joins them."""
    end = min(end, len(m))
    while end > lo and (m[end - 1].isspace() or m[end - 1] in ",;—–"):
        end -= 1
    return lo, end


def next_boundary(m: str, pos: int, hi: int) -> int:
    """The next comma, colon, dash or quotation mark at or after pos."""
    b = SEGMENT_BOUNDARY.search(m, pos, hi)
    return b.start() if b else hi


def skip_complement(m: str, pos: int, hi: int, cue: str) -> int:
    """End of "told [reporters] [on Wednesday] [in a statement]": the part that is not content."""
    k = pos
    if cue in LISTENER_VERBS:
        k = skip_noun_phrase(m, k, hi, first=True)
    while True:
        w = WORD.match(m, k, hi)
        if not w:
            return k
        word = w.group(1).lower()
        if word in TEMPORAL or MANNER_ADVERB.fullmatch(word):
            k = w.end()
            continue
        if word in PREPOSITIONS:
            j = skip_noun_phrase(m, w.end(), hi, first=True)
            if j == w.end():
                return k
            place = PLACE_APPOSITION.match(m, j, hi)  # "at a rally in Toledo, Ohio, that ..."
            k = place.end() if place else j
            continue
        return k


def skip_noun_phrase(m: str, pos: int, hi: int, first: bool, limit: int = LISTENER_WORDS) -> int:
    """End of a short noun phrase from pos ("the Global Times", "reporters"); at most `limit` words,
    the length of a listener or place ("the Senate Foreign Relations Committee")."""
    k, n = pos, 0
    while n < limit:
        w = WORD.match(m, k, hi)
        if not w:
            break
        word = w.group(1)
        low = word.lower()
        if low in DETERMINERS and n == 0 and first:
            k, n = w.end(), n + 1
            continue
        if low in NP_STOPS or low in SPEECH_VERBS or word.startswith("x") and set(word) == {"x"}:
            break
        k, n = w.end(), n + 1
    return k


def listener_then_that(m: str, k: int, hi: int) -> re.Match | None:
    """"warned Vladimir Putin that ...", "reminded lawmakers that ...": a listener before "that"
    (at most four words: a name with its title)."""
    j = skip_noun_phrase(m, k, hi, first=True, limit=NAMED_LISTENER_WORDS)
    return THAT.match(m, j) if j > k else None


def content_start(m: str, ce: int, hi: int, cue: str) -> int | None:
    """Where a leading frame's content begins after its cue, or None when what follows is no content."""
    k = skip_complement(m, ce, hi, cue)
    titled = QUOTED_TITLE_THAT.match(m, k)  # told CNN's "State of the Union" that ...
    if titled:
        k = titled.end(1)
    t = THAT.match(m, k) or cue in WARNING_VERBS and listener_then_that(m, k, hi) or PRONOUN_CLAUSE.match(m, k)
    if t:
        k = t.end()
    rest = m[k:hi]
    stripped = rest.lstrip(" ,:")
    if not t and rest.lstrip().startswith(",") and not stripped.startswith(OPEN):
        return None  # "Peskov, asked about the memo, said ...": the cue sits in an aside
    if cue in OBJECT_VERBS and not t and OPEN not in stripped.split(",")[0] and not rest.lstrip(" ").startswith(":"):
        return None  # "announced a new package": an object, not speech
    if not stripped or len(stripped.split()) < MIN_CONTENT_WORDS and OPEN not in stripped:
        return None
    if k == ce and not (rest[:1].isspace() or rest[:1] in (":", ",")):
        return None
    return k + len(rest) - len(stripped)
