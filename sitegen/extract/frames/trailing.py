"""Trailing frames: the content first, the attribution closing the sentence.

    trailing_said      CONTENT, SOURCE CUE [listener] [when/where].    ..., Peskov told reporters.
    trailing_inverted  CONTENT, CUE SOURCE[, appositive].               ..., said Liu Jun, deputy ...

The last cue that closes the sentence wins. What may follow the attribution without
being content is an aside (", asking not to be named"), a participle (", adding that ...")
or the second half of a split quote.
"""
from __future__ import annotations

import re

from ..lexicon import INVERTING_VERBS, REPORT_CUES, SPEECH_VERBS, alternation, entries
from ..quotations import is_quotation
from ..segments import CLOSE, OPEN
from ..sources import Source, is_parenthetical, parse_source
from .common import (
    CUE_RE, Frame, Span, content_before, cue_word, next_boundary, skip_complement, strip_span,
)
from .participle import PARTICIPLE, after_participle, split_participles
from .subject import source_before

# A participle phrase (", looking out at the crowd") is an aside too.
ASIDE_CLAUSE = re.compile(rf",?\s*(?:{alternation(entries('trailing_asides'))})\b|,\s+[a-z]{{2,}}ing\b")
NAME_APPOSITION = re.compile(r",\s+(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*")
RELATIVE = re.compile(rf",\s+(?:which|who)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b(?:\s+that\b)?")
WHICH = re.compile(r",\s+(?:which|who)\s+(?:also\s+)?")
QUOTED_SOURCE = re.compile(
    r"(?<![\w-])quoted\s+((?!by\s)(?:[\w.’'-]+\s+){0,5}[\w.’'-]+)\s+as\s+saying(?:\s+that)?\s+")
COLON_QUOTE = re.compile(rf":\s*{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}[\s,]*$")
# A speaker phrase between a closing mark and its cue is at most this long ("the Republican
# vice-presidential nominee, Indiana Gov. Mike Pence (R-Ind.)").
SPEAKER_PHRASE_WORDS = 12
# Between the cue and the second half of a split quote only a short appositive may stand
# ("said Anna Berg, a nurse, "..."); longer, it is a sentence of its own.
SPLIT_QUOTE_GAP_WORDS = 8
# "The conditions, he wrote, "amount to ..."": a head this short is the start of one statement.
SHORT_HEAD_WORDS = 3


def closes(before: str) -> bool:
    """The content before a trailing cue ends at a comma or a closing mark, and is not empty."""
    return before.endswith((",", CLOSE)) and bool(before.strip(" ,"))


def trailing_inverted(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"..., said Liu Jun, deputy director of ...": the verb before its subject."""
    m, lo, hi = span.masked, span.lo, span.hi
    for cue in reversed(span.cues):
        word = cue_word(cue)
        if word not in INVERTING_VERBS or not closes(m[lo:cue.start()].rstrip()):
            continue
        if skip_complement(m, cue.end(), hi, "") > cue.end():
            continue  # "..., Flynn said Thursday on Fox News": a time or place follows the cue, not its speaker
        src_end = next_boundary(m, cue.end(), hi)
        sources = parse_source(span.doc.text, span.at(cue.end()), span.at(src_end))
        inverted = sources and sources[0].kind != "pronoun" or sources and src_end == hi
        if inverted and not speaker_only(span, cue.start()):
            frame = Frame(content_before(m, lo, cue.start()), word, sources, word in REPORT_CUES)
            return frame, continued_quote(span, src_end, word, sources) or relative_frames(span, src_end, sources)
    return None


def speaker_only(span: Span, cs: int) -> bool:
    """"The minister, Anna Berg, said later that ...": all before the cue is its speaker, so the
    frame leads; the words after the cue are the content, not a speaker."""
    found = source_before(span, span.lo, cs)
    return bool(found) and found[1] < span.lo + 1 and found[0][0].kind != "pronoun"


def trailing_said(span: Span) -> tuple[Frame, list[Frame]] | None:
    """"..., Peskov told reporters on Tuesday.": the source before the cue, nothing but asides after."""
    m, lo, hi = span.masked, span.lo, span.hi
    for cue in reversed(span.cues):
        cs, ce, word = cue.start(), cue.end(), cue_word(cue)
        if word in ("according to", "per"):
            continue
        k = skip_complement(m, ce, hi, word)
        rest = m[k:hi].strip()
        participle = PARTICIPLE.match(m, k)
        if rest and not participle and not closed_just_before(m, lo, cs) and not aside(rest):
            continue
        found = source_before(span, lo, cs)
        if not found:
            continue
        sources, boundary = found
        if rest and not participle and not aside(rest) and not quotation_before(span, lo, boundary + 1):
            continue  # what follows is content, unless a quotation closed right before the speaker
        if boundary <= lo or not m[lo:boundary].strip(" ,"):
            continue
        content = content_before(m, lo, boundary + 1)
        colon = COLON_QUOTE.search(m, lo, content[1])  # "X scolded him: "…," she said": the quotation only
        if colon:
            content = (m.find(OPEN, colon.start()), content[1])
        frame = Frame(content, word, sources, word in REPORT_CUES or sources[0].document or sources[0].kind == "media")
        if participle:
            start = after_participle(m, participle, hi)
            return frame, split_participles(span.sent, Frame((start, hi), participle.group(1), sources, False,
                                                             "participle_after"))
        rest_quote = continued_quote(span, k, word, sources)
        if rest_quote and len(m[lo:boundary].split()) < SHORT_HEAD_WORDS and OPEN not in m[lo:boundary]:
            return Frame(strip_span(m, lo, hi), word, sources, False), []
        return frame, rest_quote
    return None


def closed_just_before(m: str, lo: int, cs: int) -> bool:
    """A quotation closes a few words (a speaker phrase) before the cue: worth reading the speaker."""
    close = m.rfind(CLOSE, lo, cs)
    return close >= 0 and len(m[close + 1:cs].split()) <= SPEAKER_PHRASE_WORDS


def quotation_before(span: Span, lo: int, end: int) -> bool:
    """"…," Flynn said Thursday on Fox News: a quotation (not a title) closes right before the speaker."""
    m = span.masked
    head = m[lo:end].rstrip(" ,")
    if not head.endswith(CLOSE):
        return False
    opened = m.rfind(OPEN, lo, len(head) + lo)
    return opened >= 0 and is_quotation(span.doc.text, span.at(opened + 1), span.at(lo + len(head) - 1),
                                         span.sent.start)


def aside(rest: str) -> bool:
    """What may follow a trailing attribution without being content: ", asking not to be
    named", "because he was not authorised to speak", ", Margus Tsahkna" (a name in apposition)."""
    if rest.startswith(",") and (OPEN in rest[:3] or is_parenthetical(rest[1:])):
        return True
    return bool(ASIDE_CLAUSE.match(rest) or NAME_APPOSITION.fullmatch(rest))


def relative_frames(span: Span, pos: int, sources: tuple[Source, ...]) -> list[Frame]:
    """"..., said a CNN report, which quoted one US official as saying ...": more after the source."""
    m, hi = span.masked, span.hi
    rel = RELATIVE.match(m, pos)
    if rel:
        return [Frame((rel.end(), hi), rel.group(1), sources, False, "who_said")]
    which = WHICH.match(m, pos)
    quoted = QUOTED_SOURCE.match(m, which.end()) if which else None
    if quoted:
        speaker = parse_source(span.doc.text, span.at(quoted.start(1)), span.at(quoted.end(1)))
        if speaker:
            return [Frame(strip_span(m, quoted.end(), hi), "quoted as saying", speaker, False, "quoted_as_saying")]
    return []


def continued_quote(span: Span, k: int, word: str, sources) -> list[Frame]:
    """"A," she said, "B." - the second half after the cue (not a title: "said on "Meet the Press."")."""
    m, hi = span.masked, span.hi
    q = m.find(OPEN, k, hi)
    between = m[k:q].strip(" ,:")
    if q < 0 or between and (len(between.split()) > SPLIT_QUOTE_GAP_WORDS or CUE_RE.search(between)):
        return []
    close = m.find(CLOSE, q, hi)
    if close > 0 and not is_quotation(span.doc.text, span.at(q + 1), span.at(close), span.sent.start):
        return []
    return [Frame((q, hi), word, sources, False, "split_quote")]
