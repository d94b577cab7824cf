"""Leading frames: the source first, the content after the cue.

    quoted_as_saying  X quoted Y as saying CONTENT.
    leading_said      SOURCE CUE [listener] [when/where] [that|:] CONTENT.
                      CONTENT, SOURCE CUE, CONTENT.    (the frame interrupts its content)

The first cue with a source before it wins. `second_speaker` reads "X said A, and Y said B"
as two items.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import INVERTING_VERBS, OBJECT_VERBS, REPORT_CUES, alternation
from ..sources import parse_source
from .called import first_label
from .common import Frame, Span, content_start, cue_word, skip_complement, strip_span
from .participle import PARTICIPLE, after_participle
from .subject import coordinated_subject, source_before
from .trailing import QUOTED_SOURCE

# A cue inside a relative clause ("X, who said ...,") and the comma before the main verb that closes it.
WHO_BEFORE = re.compile(r",\s+who\s+(?:also\s+|has\s+|had\s+)?$")
RELATIVE_END = re.compile(r",\s+(?=(?:[a-z]+ed|[a-z]+s|is|was|has|had)\b)")
# A capitalised cue opening the sentence, its speaker, a colon or comma: "Said Ellis:", "Added the mayor,".
SAID_FIRST = re.compile(rf"({alternation(w.capitalize() for w in INVERTING_VERBS)})\s+([^,:;«»]{{1,60}}?)\s*[:,]\s*")
CLAUSE_JOINT = re.compile(r",\s+(?:and|but|while)\s+|;\s+|\s[-—–]\s+(?:and|but)\s+")
# "X said A, and Y said B": the second speaker stands at most this many characters after the joint.
SECOND_SPEAKER_REACH = 40


def leading_inverted(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"Said Ellis: "I don't see it."": the cue opens the sentence, the speaker after it."""
    m = span.masked
    opening = SAID_FIRST.match(m, span.lo, span.hi)
    if not opening:
        return None
    sources = parse_source(span.doc.text, span.at(opening.start(2)), span.at(opening.end(2)))
    if not sources or sources[0].kind == "pronoun":
        return None
    return Frame(strip_span(m, opening.end(), span.hi), opening.group(1).lower(), sources, False), []


def quoted_as_saying(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"Tass quoted Peskov as saying ...", "which quoted X as saying": X speaks."""
    m, lo, hi = span.masked, span.lo, span.hi
    quoted = QUOTED_SOURCE.search(m, lo, hi) if m.find("quoted", lo, hi) >= 0 else None
    if not quoted:
        return None
    sources = parse_source(span.doc.text, span.at(quoted.start(1)), span.at(quoted.end(1)))
    if sources and sources[0].kind != "pronoun":
        return Frame(strip_span(m, quoted.end(), hi), "quoted as saying", sources, False), []
    return None


def leading_said(span: Span) -> tuple[Frame, list[Frame]] | None:
    m, lo, hi = span.masked, span.lo, span.hi
    called = first_label(m, lo, hi) if "«" in m[lo:hi] else None
    for cue in span.cues:
        if called and called.start() < cue.start():
            break  # "X called it "..."": the labelling rule reads it
        word = cue_word(cue)
        if word in ("according to", "per"):
            continue
        found = source_before(span, lo, cue.start()) or coordinated_subject(span, lo, cue.start())
        if not found:
            continue
        if is_parenthetical_frame(m, lo, found[1], skip_complement(m, cue.end(), hi, word)):
            return Frame(strip_span(m, lo, hi), word, found[0], False, "interrupting"), []
        start = content_start(m, cue.end(), hi, word)
        if start is None:
            said = PARTICIPLE.search(m, cue.end(), hi)  # "confirmed the exchange, saying ..."
            if said and word in OBJECT_VERBS:
                return Frame(strip_span(m, after_participle(m, said, hi), hi), said.group(1), found[0], False,
                             "participle_after"), []
            continue
        end = hi
        if WHO_BEFORE.search(m, lo, cue.start()):  # "Okafor, who said the plan was flawed, voted no"
            close = RELATIVE_END.search(m, start, hi)
            end = close.start() if close else hi
        return second_speaker(span, Frame(strip_span(m, start, end), word, found[0], word in REPORT_CUES))
    return None


def is_parenthetical_frame(m: str, lo: int, boundary: int, after: int) -> bool:
    """"Russia's demands, he added, are "an ultimatum"": the frame interrupts its content."""
    return boundary > lo and m[boundary] == "," and m[after:after + 1] == "," and bool(m[lo:boundary].strip())


def second_speaker(span: Span, frame: Frame) -> tuple[Frame, list[Frame]]:
    """"The air force said it shot down 48 drones, and Gov. Petro Lysenko said two people were hurt":
    a second speaker takes the rest of the sentence."""
    a, b = frame.content
    m = span.masked
    for joint in CLAUSE_JOINT.finditer(m, a, b):
        rest = Span(span.doc, span.sent, tuple(c for c in span.cues if c.start() >= joint.end()), joint.end(), b)
        found = leading_said(rest)
        if found:
            second, more = found
            if 0 <= second.sources[0].start - span.at(joint.end()) <= SECOND_SPEAKER_REACH:
                return replace(frame, content=(a, joint.start())), [replace(second, rule="second_speaker")] + more
    return frame, []
