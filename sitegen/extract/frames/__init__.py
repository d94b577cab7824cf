"""Attribution frames inside one sentence: an ordered chain of small named rules.

Each rule reads a Span (a stretch of one sentence, with its quoted words masked and its
cue words found) and returns the frame it recognises, with any further frames it implies,
or None to pass the sentence on. The first rule that answers wins, so the order below is
the order of precedence: the specific shapes before the general ones.

To add a rule: write `def my_rule(span: Span) -> tuple[Frame, list[Frame]] | None` in the
module of its kind of frame (or a new one), add `("my_rule", my_rule)` to RULES where it
should take precedence, and add cases to tests/fixtures/extract/rules.txt naming it. The
rule's name is recorded on every annotation it produces (`build.py annotate FILE --explain`).
"""
from __future__ import annotations

import re
from typing import Callable

from ..segments import CLOSE, OPEN, Document, Sentence
from ..sources import Source
from .according import leading_according, trailing_according
from .called import called
from .common import Frame, Span, body_end, reporting_cues
from .leading import SAID_FIRST, leading_inverted, leading_said, quoted_as_saying
from .participle import PARTICIPLE, participle, split_participles
from .trailing import trailing_inverted, trailing_said

# What a rule needs besides a cue word: a quotation mark ("called"), a sentence-initial "According to",
# "Per" or "Said X:", "quoted ... as saying", a participle (", saying"). A sentence with none is not read.
# (Tested one by one, each behind a plain substring test: most sentences fail them all.)
RULE_OPENING = re.compile(rf"(?:According|Per)\s|{SAID_FIRST.pattern}")
QUOTED_WORD = re.compile(r"\bquoted\s")

# "Tass reported: the minister said ...": the inner speaker stands within this many characters of
# the relayed words' start ("in an interview on Tuesday, the minister said").
RELAY_REACH = 60

Rule = Callable[[Span], "tuple[Frame, list[Frame]] | None"]

RULES: tuple[tuple[str, Rule], ...] = (
    ("trailing_according", trailing_according),  # ..., according to X.
    ("trailing_inverted", trailing_inverted),    # ..., said X, a professor at Y.
    ("trailing_said", trailing_said),            # ..., X said on Tuesday.
    ("leading_according", leading_according),    # According to X, ...
    ("leading_inverted", leading_inverted),      # Said X: "..."
    ("quoted_as_saying", quoted_as_saying),      # Tass quoted X as saying ...
    ("leading_said", leading_said),              # X said (that) ...
    ("called", called),                          # X called it "a disgrace".
    ("participle", participle),                  # X did Y, saying ...
)


def sentence_frames(doc: Document, sent: Sentence) -> list[tuple[Frame, Source | None]]:
    """The frames of one sentence, each with the source that relayed it (or None)."""
    hi = body_end(sent.masked)
    cues = reporting_cues(sent.masked, hi)
    if not cues and not any_rule_word(sent.masked, hi):
        return []  # narration: no rule has anything to read
    return frames_between(Span(doc, sent, cues, 0, hi), via=None)


def any_rule_word(m: str, hi: int) -> bool:
    """Whether m[:hi] holds anything a rule reads besides a cue word (see RULE_OPENING)."""
    return (m.find(OPEN, 0, hi) >= 0 or bool(RULE_OPENING.match(m, 0, hi))
            or m.find("quoted", 0, hi) >= 0 and bool(QUOTED_WORD.search(m, 0, hi))
            or (m.find(",", 0, hi) >= 0 or m.find(CLOSE, 0, hi) >= 0) and bool(PARTICIPLE.search(m, 0, hi)))


def first_frame(span: Span) -> tuple[Frame, list[Frame]] | None:
    """The answer of the first rule that recognises the span, its frame named after the rule."""
    for name, rule in RULES:
        found = rule(span)
        if found:
            frame, extra = found
            return (frame if frame.rule else frame.named(name)), extra
    return None


def frames_between(span: Span, via: Source | None) -> list[tuple[Frame, Source | None]]:
    """The frames of span; a relay's content ("X said ..., Tass reported") is read again for
    the speaker it relays."""
    found = first_frame(span)
    if found is None:
        return []
    frame, extra = found
    if frame.relay and via is None:
        a, b = frame.content
        inner_cues = tuple(c for c in span.cues if a <= c.start() and c.end() <= b)
        inner = frames_between(Span(span.doc, span.sent, inner_cues, a, b), via=frame.sources[0])
        if inner and relays(span, inner[0][0], a):
            return inner + [(f, via) for f in extra]
    return [(f, via) for f in split_participles(span.sent, frame) + extra]


def relays(span: Span, inner: Frame, a: int) -> bool:
    """The relayed words are themselves an attribution ("X said ...", "..., X said") when the inner
    frame opens them; one deep inside ("..., since X insists that ...") is part of what is relayed."""
    start = min([inner.content[0]] + [s.start - span.sent.start for s in inner.sources])
    return start - a <= RELAY_REACH

