"""Labelling frames: the quoted words are a label the source gave.

    called  SOURCE called the demands "LABEL" [and said CONTENT].
"""
from __future__ import annotations

import re

from ..lexicon import LABELLING_VERBS, SPEECH_VERBS, WORD_BREAK, after_break, alternation
from ..segments import CLOSE, OPEN
from .common import Frame, Span, content_start, strip_span
from .subject import source_before

# "Russia's RT called it "…"", "described the call as "great"": the quote is the content.
LABEL = (rf"(?:{alternation(LABELLING_VERBS)})\s+(?!for\b)"
         rf"(?:[^,;{OPEN}{CLOSE}]{{0,80}}?\s+as\s+|"
         rf"(?:it|this|that|them|him|her)\s+|"
         rf"(?:[A-Z][\w’'.-]*\s+){{1,3}}(?:an?\s+)?|"
         rf"|as\s+|"  # nothing ("which the chief executive called "…""), "described as "…""
         rf"(?:the|his|her|their|its|[A-Z][\w.-]*[’']s)\s+[^,;{OPEN}{CLOSE}]{{0,50}}?\s*){OPEN}")
CALLED = re.compile(rf"(?<![\w-]){LABEL}")
CALLED_AFTER = re.compile(WORD_BREAK + LABEL)  # searched first: see lexicon.after_break
AND_CUE = re.compile(rf"[.,]?\s+(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b")


def first_label(m: str, lo: int, hi: int) -> re.Match | None:
    """CALLED.search(m, lo, hi)."""
    return next(after_break(CALLED, CALLED_AFTER, m, lo, hi), None)


def called(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"called the demands "an ultimatum" and said ...": the quoted label, then what else was said."""
    m, lo, hi = span.masked, span.lo, span.hi
    label = first_label(m, lo, hi) if m.find(OPEN, lo, hi) >= 0 else None
    if not label:
        return None
    found = source_before(span, lo, label.start())
    if not found:
        return None
    q = label.end() - 1
    close = m.find(CLOSE, q, hi)
    end = close + 1 if close >= 0 else hi
    frame = Frame((q, end), label.group().split()[0], found[0], False)
    more = AND_CUE.match(m, end, hi)
    if more:
        start = content_start(m, more.end(), hi, more.group(1))
        if start is not None:
            return frame, [Frame(strip_span(m, start, hi), more.group(1), found[0], False, "and_said")]
    return frame, []
