"""Participle frames: the sentence's subject speaks through ", saying ...", ", writing that ...".

    participle  SUBJECT did something, writing that CONTENT.

`split_participles` also cuts a statement at ", noting that ..." and "... and warned that ...":
each part is an item of its own, with the same speaker.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import PARTICIPLE_CUES, SPEECH_VERBS, alternation
from ..segments import CLOSE, OPEN, Sentence
from .common import THAT, Frame, Span, skip_complement, strip_span
from .subject import sentence_subject

# ", saying", "» saying". (The comma or the first space taken as one set, the space kept only after the
# closing mark, rather than "(?:,|(?<=»))\s+": a pattern that opens with a set of characters lets the
# regex engine jump from one to the next instead of trying every position.)
PARTICIPLE = re.compile(
    rf"[,\s](?:(?<=,)\s+|(?<={CLOSE}\s)\s*)({alternation(PARTICIPLE_CUES)})\b(?:\s+that\b)?")
# "... and said she would stand up to them": a second cue of the same speaker, with or without "that"
# (after a comma or a space: "(?:,|(?<=»))?\s+and", written as PARTICIPLE is).
AND_CUE_THAT = re.compile(rf"[,\s](?:(?<=,)\s+|(?<!,)\s*)(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\s+"
                          rf"(?:that\s+|(?=(?:he|she|they|it|we|I|the|there)\s))")
# A participle's content needs this many characters to be speech, not ", saying so".
MIN_PARTICIPLE_CHARS = 10
# A head of fewer words before ", noting that" is no statement of its own ("Yes, noting ...").
MIN_HEAD_WORDS = 3


def participle(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"Zelenskyy thanked lawmakers, writing that the aid "will save lives"": the subject speaks."""
    m, lo, hi = span.masked, span.lo, span.hi
    p = PARTICIPLE.search(m, lo, hi)
    if not p:
        return None
    subject = sentence_subject(span.doc.text, span.sent, lo, p.start())
    start = after_participle(m, p, hi)
    if not subject or hi - start < MIN_PARTICIPLE_CHARS:
        return None
    return Frame(strip_span(m, start, hi), p.group(1), subject, False), []


def after_participle(m: str, p: re.Match, hi: int) -> int:
    """Where the words reported by a participle begin: past the listener of "telling the BBC that"."""
    if p.group(1) != "telling":
        return p.end()
    k = skip_complement(m, p.end(), hi, "told")
    t = THAT.match(m, k)
    return t.end() if t else k


def split_participles(sent: Sentence, frame: Frame) -> list[Frame]:
    """", noting that ..." and "... and warned that ..." report more of the same statement:
    items of their own."""
    a, b = frame.content
    m = sent.masked
    has_and = m.find(" and ", a, b) >= 0 or m.find(" but ", a, b) >= 0  # cheap tests before the patterns
    more = AND_CUE_THAT.search(m, a, b) if has_and else None
    if more and more.start() - a >= MIN_PARTICIPLE_CHARS:
        first = replace(frame, content=(a, more.start()))
        return [first] + split_participles(sent, replace(frame, content=(more.end(), b), cue=more.group(1),
                                                         rule="and_said"))
    p = PARTICIPLE.search(m, a, b) if m.find("ing", a, b) >= 0 else None
    if not p or p.start() - a < MIN_PARTICIPLE_CHARS:
        return [frame]
    first = replace(frame, content=(a, p.start()))
    second = replace(frame, content=(after_participle(m, p, b), b), cue=p.group(1), rule="participle_after")
    rest = split_participles(sent, second)
    short = len(m[a:p.start()].split()) < MIN_HEAD_WORDS and OPEN not in m[a:p.start()]
    return rest if short else [first] + rest
