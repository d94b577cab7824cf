"""The speaker phrase standing before a cue: past an appositive, a parenthesis or a title
("the Kremlin spokesman, Dmitry Peskov, told"), or the subject that opens the sentence."""
from __future__ import annotations

import re

from ..segments import Sentence
from ..sources import NAMED, Source, is_appositive, is_parenthetical, parse_source
from .common import CUE_RE, FILL_ONLY, NAME_OR_PRONOUN, SEGMENT_BOUNDARY, TEMPORAL, Span

JOINT_TITLE = re.compile(r"\s*(.+?)\s+and\s+(.+?)\s*")
AND_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but)\s*$")
SUBJECT = re.compile(rf"\s*({NAME_OR_PRONOUN})\b")
# ", dedicating the museum on Saturday,", ", at a later briefing,": a scene between a speaker and the verb.
SCENE = re.compile(r"\s*(?:[a-z]{3,}ing|at|during|after|before|in|on|from|of)\s")
# "Ana Ruiz, 59, of Salem, Ore., said": a place between a name and its verb.
PLACE = re.compile(r"\s*(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w]*\.?\s*")
# A clause whose subject speaks: ", when the candidate Ana Ruiz suggested", ", which Ana Ruiz called".
SUBORDINATE = re.compile(r"\s*(?:when|after|because|since|although|while|before|until|as|which|that)\s")
# ", a Democrat from Ohio," between a name and its verb: a description, whatever its words.
DESCRIPTION = re.compile(r"\s*(?:a|an|the|who|whose|[A-Z][\w.-]*[’']s)\s")
# An appositive with commas of its own ("an associate fellow at the Institute of Russian, Eastern
# European and Central Asian Studies") is looked for this many segments back, no further.
LONG_APPOSITIVE_SEGMENTS = 5


def source_before(span: Span, lo: int, cs: int) -> tuple[tuple[Source, ...], int] | None:
    """The speaker right before a cue, past an appositive or a parenthesis; and the boundary before it.
    Several rules ask about the same cue: the answer is kept in the span's memo."""
    key = ("source_before", lo, cs)
    if key not in span.memo:
        span.memo[key] = read_source_before(span, lo, cs)
    return span.memo[key]


def read_source_before(span: Span, lo: int, cs: int) -> tuple[tuple[Source, ...], int] | None:
    m, text, base = span.masked, span.doc.text, span.sent.start
    segments, start = [], lo
    for b in SEGMENT_BOUNDARY.finditer(m, lo, cs):
        segments.append((start, b.start()))
        start = b.end()
    segments.append((start, cs))
    segments = [(a, b) for a, b in segments if m[a:b].strip()]
    named = name_before_long_appositive(span, segments)
    if named:
        return named[0], boundary_before(m, lo, named[1])
    for i in range(len(segments) - 1, -1, -1):
        a, b = segments[i]
        phrase = text[base + a:base + b]
        if FILL_ONLY.fullmatch(m[a:b]):
            return None
        if i and (is_parenthetical(phrase) or SCENE.match(phrase)
                  or all(w.lower() in TEMPORAL for w in phrase.split())):
            clause = parse_source(text, base + a, base + b) if SUBORDINATE.match(phrase) else ()
            if clause and clause[0].kind == "name":  # ", when the candidate Ana Ruiz suggested ..."
                return clause, boundary_before(m, lo, a)
            continue  # ", citing Russian sources," / ", for his part, has called"
        sources = parse_source(text, base + a, base + b)
        if not sources and i and PLACE.fullmatch(phrase):
            continue
        if (not sources or sources[0].kind != "name") and i and (is_appositive(text, base + a, base + b)
                                                                 or DESCRIPTION.match(phrase)):
            pa, pb = segments[i - 1]
            clause = FILL_ONLY.fullmatch(m[pa:pb]) or CUE_RE.search(m, pa, pb)  # a quotation or a clause, no name
            named = () if clause else parse_source(text, base + pa, base + pb)
            if named and named[0].kind in NAMED:  # not a quoted title ("On "Meet the Press," the minister")
                return named, boundary_before(m, lo, pa)
        if sources and sources[0].kind == "name" and i >= 1:
            pa, pb = segments[i - 1]
            partner = JOINT_TITLE.fullmatch(m, pa, pb)
            if partner and is_appositive(text, base + partner.start(2), base + pb):
                first = parse_source(text, base + partner.start(1), base + partner.end(1))
                if first and first[0].kind == "name":  # "Lammy and Poland's deputy minister, Marek Zawadzki,"
                    return first + sources, boundary_before(m, lo, pa)
            if is_appositive(text, base + pa, base + pb):
                a = pa  # "..., the Kremlin spokesperson, Dmitry Peskov, told": the title is no content
        if sources:
            return sources, boundary_before(m, lo, a)
        return None
    return None


def name_before_long_appositive(span: Span, segments: list[tuple[int, int]]):
    """"Zhang Hong, an associate fellow at the Institute of Russian, Eastern European and Central Asian
    Studies, told ...": an appositive with commas of its own; the name stands before its first part."""
    text, base = span.doc.text, span.sent.start
    for i in range(len(segments) - 3, max(-1, len(segments) - 1 - LONG_APPOSITIVE_SEGMENTS), -1):
        a, b = segments[i]
        na, nb = segments[i + 1]
        if not (DESCRIPTION.match(text, base + na) and is_appositive(text, base + na, base + nb)):
            continue
        sources = parse_source(text, base + a, base + b)
        if sources and sources[0].kind == "name":
            nearest = parse_source(text, base + segments[-1][0], base + segments[-1][1])
            if nearest and nearest[0].kind == "name":
                return None  # "Anna Berg, the Kremlin's spokesman, Dmitry Peskov, said": the name at the verb
            return sources, a
    return None


def boundary_before(m: str, lo: int, a: int) -> int:
    """Offset of the boundary character just before a segment (or lo - 1 at the start)."""
    k = a - 1
    while k >= lo and m[k].isspace():
        k -= 1
    return k if k >= lo else lo - 1


def coordinated_subject(span: Span, lo: int, cs: int):
    """"Zelensky on Tuesday called for ..., and said ...": the subject opens the sentence."""
    if not AND_BEFORE.search(span.masked, lo, cs):
        return None
    sources = sentence_subject(span.doc.text, span.sent, lo, cs)
    return (sources, lo - 1) if sources else None


def sentence_subject(text: str, sent: Sentence, lo: int, limit: int) -> tuple[Source, ...]:
    """The name (with its title) or pronoun that opens the sentence."""
    first = SUBJECT.match(sent.masked, lo, limit)
    if not first:
        return ()
    sources = parse_source(text, sent.start + first.start(1), sent.start + first.end(1))
    return sources if sources and sources[0].kind in ("name", "pronoun") else ()
