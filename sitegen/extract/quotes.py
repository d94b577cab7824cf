"""Attributions: which stretch of text is reported speech, through which cue and source.

A sentence is read in three frames, tried in this order:

  trailing   CONTENT, SOURCE CUE [listener] [when/where].      ..., Peskov told reporters.
             CONTENT, CUE SOURCE[, appositive].                 ..., said Liu Jun, deputy ...
             CONTENT, according to SOURCE. / CONTENT, per SOURCE.
  leading    SOURCE CUE [listener] [when/where] [that|:] CONTENT.
             According to SOURCE, CONTENT.
  quote only "CONTENT." continuing the last speaker (split and multi-paragraph quotes)

A trailing frame with a relaying cue ("..., Tass reported", "per Reuters") whose
content is itself attributed ("Peskov told reporters") gives the inner speaker, with
the outer source as `via`. Speakers stay unresolved here (see speakers.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import INVERTING_VERBS, LISTENER_VERBS, REPORT_CUES, SPEECH_VERBS, TEMPORAL_WORDS, alternation
from .segments import CLOSE, OPEN, Document, Sentence
from .sources import Source, is_appositive, is_parenthetical, parse_source

CUE_RE = re.compile(rf"(?<![\w-])(?:{alternation(SPEECH_VERBS)}|according\s+to|per)(?![\w-])")
LEADING_ACCORDING = re.compile(r"^(?:According\s+to|Per)\s+")
# "Russia's RT called it "…"", "described the call as "great"": the quote is the content.
CALLED = re.compile(rf"(?<![\w-])(?:called|dubbed|described|labell?ed|termed)\s+(?:[^,;{OPEN}{CLOSE}]{{0,80}}?\s+as\s+|(?:it|this|that|them|him|her)\s+){OPEN}")
SEGMENT_BOUNDARY = re.compile(rf"[,;:{OPEN}{CLOSE}—–]|\s-\s")
WORD = re.compile(rf"\s*([^\s,;:{OPEN}{CLOSE}]+)")
PARTICIPLE = re.compile(
    rf"(?:,|(?<={CLOSE}))\s+(noting|adding|saying|arguing|warning|stressing|explaining|insisting|claiming|calling|"
    rf"describing|suggesting|pointing\s+out)\b(?:\s+that\b)?")
RELATIVE = re.compile(rf",\s+(?:which|who)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b(?:\s+that\b)?")
THAT = re.compile(r"\s*that\b")
FINAL_PUNCT = re.compile(r"[\s.!?…]+$")

PREPOSITIONS = frozenset({"on", "in", "at", "during", "after", "before", "from", "to", "via", "with", "by", "through",
                          "over", "following", "ahead", "late", "early", "outside", "inside", "near", "while", "when",
                          "for", "of", "about"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those", "my", "your"})
NP_STOPS = frozenset({"that", "he", "she", "they", "it", "we", "i", "there", "is", "are", "was", "were", "has", "have",
                      "had", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do",
                      "not", "and", "but", "as", "if", "because"}) | PREPOSITIONS | DETERMINERS
TEMPORAL = frozenset(w.lower() for w in TEMPORAL_WORDS)


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: str | None
    sources: tuple[Source, ...]  # () continues the previous attribution's speaker
    via: Source | None
    para: int
    open_ended: bool = False  # a quotation that runs on into the next paragraph


@dataclass(frozen=True)
class Frame:
    """Offsets relative to the sentence start."""
    content: tuple[int, int]
    cue: str
    sources: tuple[Source, ...]
    relay: bool  # the cue relays someone else's words ("reported", "per")


def find_attributions(doc: Document) -> list[Attribution]:
    found: list[Attribution] = []
    for para in doc.paragraphs:
        sentences = [s for s in doc.sentences if s.para == para.index]
        for n, sent in enumerate(sentences):
            items = attributions_in(doc, sent)
            if items:
                found.extend(items)
                continue
            quote = quote_only(sent)
            if quote:
                found.append(quote)
                continue
            bare = bare_attribution(doc, sent)
            if bare and found and not found[-1].sources and n and found[-1].start >= sentences[n - 1].start:
                found[-1] = replace(found[-1], sources=bare.sources, cue=bare.cue)
    return found


def attributions_in(doc: Document, sent: Sentence) -> list[Attribution]:
    hi = body_end(sent.masked)
    frames = frames_between(doc, sent, 0, hi, via=None)
    return [attribution(sent, f, via) for f, via in frames]


def frames_between(doc: Document, sent: Sentence, lo: int, hi: int, via: Source | None) -> list[tuple[Frame, Source | None]]:
    frame, extra = trailing_frame(doc, sent, lo, hi)
    if frame is None:
        frame = leading_frame(doc, sent, lo, hi)
    if frame is None:
        return []
    if frame.relay and via is None:
        inner = frames_between(doc, sent, *frame.content, via=frame.sources[0])
        if inner:
            return inner + [(f, via) for f in extra]
    return [(f, via) for f in split_participles(sent, frame) + extra]


def body_end(masked: str) -> int:
    m = FINAL_PUNCT.search(masked)
    return m.start() if m else len(masked)


# --- trailing frames ---------------------------------------------------------------------

def trailing_frame(doc: Document, sent: Sentence, lo: int, hi: int) -> tuple[Frame | None, list[Frame]]:
    m = sent.masked
    for cue in reversed(list(CUE_RE.finditer(m, lo, hi))):
        cs, ce, word = cue.start(), cue.end(), " ".join(cue.group().split())
        before = m[lo:cs].rstrip()
        if word in ("according to", "per"):
            if before.endswith((",", CLOSE)) and before.strip(" ,"):
                return according_to(doc, sent, lo, hi, cs, ce, word)
            continue
        if word in INVERTING_VERBS and before.endswith((",", CLOSE)) and before.strip(" ,"):
            src_end = next_boundary(m, ce, hi)
            sources = parse_source(doc.text, sent.start + ce, sent.start + src_end)
            if sources and sources[0].kind != "pronoun" or sources and src_end == hi:
                return Frame(content_before(m, lo, cs), word, sources, word in REPORT_CUES), []
        k = skip_complement(m, ce, hi, word)
        rest = m[k:hi].strip()
        if rest and not (rest.startswith(",") and (OPEN in rest[:3] or is_parenthetical(rest[1:]))):
            continue
        found = source_before(doc, sent, lo, cs)
        if not found:
            continue
        sources, boundary = found
        if boundary <= lo or not m[lo:boundary].strip(" ,"):
            continue
        frame = Frame(content_before(m, lo, boundary + 1), word, sources, word in REPORT_CUES or sources[0].document
                      or sources[0].kind == "media")
        return frame, continued_quote(m, k, hi, word, sources)
    return None, []


def according_to(doc: Document, sent: Sentence, lo: int, hi: int, cs: int, ce: int, word: str):
    m = sent.masked
    src_end = next_boundary(m, ce, hi)
    sources = parse_source(doc.text, sent.start + ce, sent.start + src_end)
    if not sources:
        return None, []
    frame = Frame(content_before(m, lo, cs), word, sources, True)
    extra = []
    rel = RELATIVE.match(m, src_end)
    if rel:
        k = rel.end()
        extra.append(Frame((k, hi), rel.group(1), sources, False))
    return frame, extra


def continued_quote(m: str, k: int, hi: int, word: str, sources) -> list[Frame]:
    """"A," she said, "B." - the second half after the cue."""
    q = m.find(OPEN, k, hi)
    if q < 0 or m[k:q].strip(" ,:"):
        return []
    return [Frame((q, hi), word, sources, False)]


def content_before(m: str, lo: int, end: int) -> tuple[int, int]:
    end = min(end, len(m))
    while end > lo and m[end - 1] in " ,;—–":
        end -= 1
    return lo, end


def next_boundary(m: str, pos: int, hi: int) -> int:
    b = SEGMENT_BOUNDARY.search(m, pos, hi)
    return b.start() if b else hi


def source_before(doc: Document, sent: Sentence, lo: int, cs: int) -> tuple[tuple[Source, ...], int] | None:
    """The speaker right before a cue, past an appositive or a parenthesis; and the boundary before it."""
    m, text, base = sent.masked, doc.text, sent.start
    segments, start = [], lo
    for b in SEGMENT_BOUNDARY.finditer(m, lo, cs):
        segments.append((start, b.start()))
        start = b.end()
    segments.append((start, cs))
    segments = [(a, b) for a, b in segments if m[a:b].strip()]
    for i in range(len(segments) - 1, -1, -1):
        a, b = segments[i]
        phrase = text[base + a:base + b]
        if FILL_ONLY.fullmatch(m[a:b]):
            return None
        if is_parenthetical(phrase) and i:
            continue
        sources = parse_source(text, base + a, base + b)
        if (not sources or sources[0].kind != "name") and i and is_appositive(text, base + a, base + b):
            pa, pb = segments[i - 1]
            named = parse_source(text, base + pa, base + pb)
            if named and named[0].kind == "name":
                return named, boundary_before(m, lo, pa)
        if sources:
            return sources, boundary_before(m, lo, a)
        return None
    return None


FILL_ONLY = re.compile(r"\s*x+\s*")


def boundary_before(m: str, lo: int, a: int) -> int:
    """Offset of the boundary character just before a segment (or lo - 1 at the start)."""
    k = a - 1
    while k >= lo and m[k] == " ":
        k -= 1
    return k if k >= lo else lo - 1


# --- leading frames ----------------------------------------------------------------------

def leading_frame(doc: Document, sent: Sentence, lo: int, hi: int) -> Frame | None:
    m, text, base = sent.masked, doc.text, sent.start
    acc = LEADING_ACCORDING.match(m, lo)
    if acc:
        src_end = next_boundary(m, acc.end(), hi)
        sources = parse_source(text, base + acc.end(), base + src_end)
        after = src_end + 1
        nxt = next_boundary(m, after, hi)
        if nxt < hi and is_appositive(text, base + after, base + nxt):
            after = nxt + 1
        if sources and after < hi:
            return Frame(strip_span(m, after, hi), acc.group().strip().lower(), sources, True)
    called = CALLED.search(m, lo, hi)
    for cue in CUE_RE.finditer(m, lo, hi):
        if called and called.start() < cue.start():
            break
        word = " ".join(cue.group().split())
        if word in ("according to", "per"):
            continue
        found = source_before(doc, sent, lo, cue.start()) or coordinated_subject(doc, sent, lo, cue.start())
        if not found:
            continue
        start = content_start(m, cue.end(), hi, word)
        if start is None:
            continue
        return Frame(strip_span(m, start, hi), word, found[0], word in REPORT_CUES)
    if called:
        found = source_before(doc, sent, lo, called.start())
        if found:
            q = called.end() - 1
            return Frame(strip_span(m, q, hi), called.group().split()[0], found[0], False)
    return None


def coordinated_subject(doc: Document, sent: Sentence, lo: int, cs: int):
    """"Zelensky on Tuesday called for ..., and said ...": the subject opens the sentence."""
    m = sent.masked
    if not re.search(r"(?:,\s*|\s)and\s*$", m[lo:cs]):
        return None
    first = re.match(r"\s*(\S+(?:\s+[A-Z]\S*)*)", m[lo:cs])
    if not first:
        return None
    sources = parse_source(doc.text, sent.start + lo + first.start(1), sent.start + lo + first.end(1))
    return (sources, lo - 1) if sources and sources[0].kind in ("name", "pronoun") else None


def content_start(m: str, ce: int, hi: int, cue: str) -> int | None:
    k = skip_complement(m, ce, hi, cue)
    t = THAT.match(m, k)
    if t:
        k = t.end()
    rest = m[k:hi]
    stripped = rest.lstrip(" ,:")
    if not stripped or len(stripped.split()) < 2 and not stripped.startswith(OPEN):
        return None
    if k == ce and rest[:1] not in (" ", ":", ","):
        return None
    return k + len(rest) - len(stripped)


def strip_span(m: str, a: int, b: int) -> tuple[int, int]:
    while a < b and m[a] in " ,:":
        a += 1
    while b > a and m[b - 1] in " ,;":
        b -= 1
    return a, b


# --- complements: listener, time and place after a cue ------------------------------------

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
        if word in TEMPORAL:
            k = w.end()
            continue
        if word in PREPOSITIONS:
            j = skip_noun_phrase(m, w.end(), hi, first=True)
            if j == w.end():
                return k
            k = j
            continue
        return k


def skip_noun_phrase(m: str, pos: int, hi: int, first: bool, limit: int = 6) -> int:
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


# --- quotes standing alone -------------------------------------------------------------------

def quote_only(sent: Sentence) -> Attribution | None:
    """A sentence that is nothing but a quotation continues the last speaker."""
    m = sent.masked
    hi = body_end(m)
    if not m.startswith(OPEN):
        return None
    close = m.find(CLOSE)
    if close == -1:
        inner = (1, len(m.rstrip()))
        open_ended = True
    elif close >= hi - 1 and not m[close + 1:hi].strip():
        inner = (1, close)
        open_ended = False
    else:
        return None
    if len(sent.text[inner[0]:inner[1]].split()) < 3:
        return None
    return Attribution(sent.start + inner[0], sent.start + inner[1], "direct", None, (), None, sent.para, open_ended)


def bare_attribution(doc: Document, sent: Sentence) -> Frame | None:
    """"Russian Security Council Deputy Chairman Dmitry Medvedev wrote on his X account." after a quote."""
    m = sent.masked
    hi = body_end(m)
    for cue in CUE_RE.finditer(m, 0, hi):
        word = " ".join(cue.group().split())
        if skip_complement(m, cue.end(), hi, word) < hi:
            continue
        sources = parse_source(doc.text, sent.start, sent.start + cue.start())
        if sources:
            return Frame((0, 0), word, sources, False)
    return None


# --- from frames to attributions --------------------------------------------------------------

def split_participles(sent: Sentence, frame: Frame) -> list[Frame]:
    """", noting that ..." reports more of the same statement: an item of its own."""
    a, b = frame.content
    p = PARTICIPLE.search(sent.masked, a, b)
    if not p or p.start() - a < 10:
        return [frame]
    first = replace(frame, content=(a, p.start()))
    second = replace(frame, content=(p.end(), b), cue=p.group(1))
    return [first] + split_participles(sent, second)


def attribution(sent: Sentence, frame: Frame, via: Source | None) -> Attribution:
    m = sent.masked
    a, b = frame.content
    while a < b and m[a] == " ":
        a += 1
    while b > a and m[b - 1] in " ,;":
        b -= 1
    kind = "indirect"
    open_ended = False
    if m[a:a + 1] == OPEN:
        close = m.find(CLOSE, a)
        if close == -1:
            a, open_ended, kind = a + 1, True, "direct"
        elif close >= b - 1:
            a, b, kind = a + 1, close, "direct"
    if kind == "indirect" and OPEN in m[a:b]:
        kind = "mixed"
    return Attribution(sent.start + a, sent.start + b, kind, frame.cue, frame.sources, via, sent.para, open_ended)
