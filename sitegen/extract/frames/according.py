"""According-to frames: the source named by a preposition, not a verb.

    trailing_according  CONTENT, according to SOURCE.  /  CONTENT, per SOURCE.
    leading_according   According to SOURCE, CONTENT.  /  Per SOURCE, CONTENT.

Both relay: a content that is itself attributed ("X said, according to Tass") gives the
inner speaker, with SOURCE as the relaying `via`.
"""
from __future__ import annotations

import re

from ..sources import Source, is_appositive, parse_source
from .common import Frame, Span, content_before, cue_word, next_boundary, strip_span
from .trailing import RELATIVE, aside, closes

LEADING_ACCORDING = re.compile(r"(?:According\s+to|Per)\s+")


def trailing_according(span: Span) -> tuple[Frame, list[Frame]] | None:
    m, lo, hi = span.masked, span.lo, span.hi
    for cue in reversed(span.cues):
        word = cue_word(cue)
        if word not in ("according to", "per") or not closes(m[lo:cue.start()].rstrip()):
            continue
        sources, src_end = according_source(span, cue.end(), hi)
        if not sources:
            return None
        rel = RELATIVE.match(m, src_end)
        after = m[src_end:hi].strip(" ,")
        if after and not rel and not aside(m[src_end:hi]) and not is_appositive(span.doc.text, span.at(src_end + 1),
                                                                                span.at(hi)):
            # "The plan, according to officials, would ..." - the attribution interrupts its content
            return Frame(strip_span(m, lo, hi), word, sources, False), []
        frame = Frame(content_before(m, lo, cue.start()), word, sources, True)
        if rel:
            return frame, [Frame((rel.end(), hi), rel.group(1), sources, False, "who_said")]
        return frame, []
    return None


def leading_according(span: Span) -> tuple[Frame, list[Frame]] | None:
    m, lo, hi, text = span.masked, span.lo, span.hi, span.doc.text
    acc = LEADING_ACCORDING.match(m, lo)
    if not acc:
        return None
    sources, src_end = according_source(span, acc.end(), hi)
    after = src_end + 1
    nxt = next_boundary(m, after, hi)
    if nxt < hi and is_appositive(text, span.at(after), span.at(nxt)):
        after = nxt + 1
    if sources and after < hi:
        return Frame(strip_span(m, after, hi), acc.group().strip().lower(), sources, True), []
    return None


def according_source(span: Span, start: int, hi: int) -> tuple[tuple[Source, ...], int]:
    """The source after "according to", and where it ends: "the city engineer, Tom Baker" is Tom Baker."""
    m, text = span.masked, span.doc.text
    end = next_boundary(m, start, hi)
    sources = parse_source(text, span.at(start), span.at(end))
    if (not sources or sources[0].kind != "name") and end < hi and m[end] == ",":
        name_end = next_boundary(m, end + 1, hi)
        named = parse_source(text, span.at(end + 1), span.at(name_end))
        if named and named[0].kind == "name" and (is_appositive(text, span.at(start), span.at(end)) or not sources):
            return named, name_end
    return sources, end
