"""Attributions: which stretch of text is reported speech, through which cue and source.

A sentence is read in these frames, tried in this order:

  trailing    CONTENT, SOURCE CUE [listener] [when/where].     ..., Peskov told reporters.
              CONTENT, CUE SOURCE[, appositive].                ..., said Liu Jun, deputy ...
              CONTENT, according to SOURCE. / CONTENT, per SOURCE.
  leading     SOURCE CUE [listener] [when/where] [that|:] CONTENT.
              According to SOURCE, CONTENT. / CONTENT, SOURCE CUE, CONTENT (parenthetical)
  labelling   SOURCE called the demands "LABEL" [and said CONTENT].
  participle  SUBJECT did something, writing that CONTENT.

and, across sentences and paragraphs:

  quote only  "CONTENT." continuing the last speaker (split and multi-paragraph quotes)
  after       "CONTENT." SOURCE wrote on X.  (the attribution as a sentence of its own)
  colon       SOURCE writes:  followed by the quotation, or by a block quote without marks

A trailing frame with a relaying cue ("..., Tass reported", "per Reuters") whose
content is itself attributed ("Peskov told reporters") gives the inner speaker, with
the outer source as `via`; ", adding that ..." is an attribution of its own. Speakers
stay unresolved here (see speakers.py); transcript turns are read in transcripts.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import (
    INVERTING_VERBS, LABELLING_VERBS, LISTENER_VERBS, PARTICIPLE_CUES, REPORT_CUES, SPEECH_VERBS, TEMPORAL_WORDS,
    OBJECT_VERBS, WARNING_VERBS, alternation,
)
from .names import JOURNALIST_ROLE_RE
from .segments import CLOSE, OPEN, Document, Paragraph, Sentence
from .sources import Source, is_appositive, is_parenthetical, parse_source
from .transcripts import transcript_turn

# "was quoted (by Tass) as saying" is one cue.
QUOTED_AS_SAYING = r"quoted\s+(?:by\s+[^,;]{1,40}?\s+)?as\s+saying"
CUE_RE = re.compile(rf"(?<![\w-])(?:{QUOTED_AS_SAYING}|{alternation(SPEECH_VERBS)}|according\s+to|per)(?![\w-])")
# Cheap test first: a sentence with none of these attributes nothing.
MAY_ATTRIBUTE = re.compile(rf"(?<![\w-])(?:{alternation(SPEECH_VERBS)}|{alternation(PARTICIPLE_CUES)}|"
                           rf"{alternation(LABELLING_VERBS)}|according|per|Per|According|quoted|telling)(?![\w-])")
LEADING_ACCORDING = re.compile(r"(?:According\s+to|Per)\s+")
# "Russia's RT called it "…"", "described the call as "great"": the quote is the content.
CALLED = re.compile(rf"(?<![\w-])(?:{alternation(LABELLING_VERBS)})\s+(?!for\b)"
                    rf"(?:[^,;{OPEN}{CLOSE}]{{0,80}}?\s+as\s+|"
                    rf"(?:it|this|that|them|him|her)\s+|"
                    rf"(?:the|his|her|their|its|[A-Z][\w.-]*[’']s)\s+[^,;{OPEN}{CLOSE}]{{0,50}}?\s*){OPEN}")
SEGMENT_BOUNDARY = re.compile(rf"[,;:{OPEN}{CLOSE}—–]|\s-\s")
WORD = re.compile(rf"\s*([^\s,;:{OPEN}{CLOSE}]+)")
PARTICIPLE = re.compile(
    rf"(?:,|(?<={CLOSE}))\s+({alternation(PARTICIPLE_CUES)}|telling\s+(?:reporters|journalists|"
    rf"lawmakers|the\s+\w+|[A-Z]\w+(?:\s+[A-Z]\w+)*))\b(?:\s+that\b)?")
RELATIVE = re.compile(rf",\s+(?:which|who)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b(?:\s+that\b)?")
THAT = re.compile(r"\s*that\b")
ASIDE_CLAUSE = re.compile(r",?\s*(?:because|as|since|while|although|though|after|before|when|who|which|where|"
                          r"speaking|asking|declining|citing)\b")
NAME_APPOSITION = re.compile(r",\s+(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*")
QUOTED_TITLE_THAT = re.compile(rf"\s*{OPEN}x{{1,40}}{CLOSE}(\s*)that\b")
AND_CUE = re.compile(rf"[.,]?\s+(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b")
AND_CUE_THAT = re.compile(rf"(?:,|(?<={CLOSE}))?\s+(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\s+that\s+")
AND_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but)\s*$")
SUBJECT = re.compile(r"\s*((?:[A-Z][\w.’'-]*\s+(?:of\s+)?)*[A-Z][\w’'-]*|[Hh]e|[Ss]he)\b")
FINAL_PUNCTUATION = " \t\n.!?…"
FILL_ONLY = re.compile(r"\s*x+\s*")  # a segment inside quotation marks
# ", a Democrat from Ohio," between a name and its verb: a description, whatever its words.
DESCRIPTION = re.compile(r"\s*(?:a|an|the|who|whose)\s")

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
    turn: str = ""  # transcript turns: "guest" (a quotation) or "narrator" (the host's or reporter's telling)


@dataclass(frozen=True)
class Frame:
    """Offsets relative to the sentence start."""
    content: tuple[int, int]
    cue: str
    sources: tuple[Source, ...]
    relay: bool  # the cue relays someone else's words ("reported", "per")


def find_attributions(doc: Document) -> list[Attribution]:
    found: list[Attribution] = []
    waiting: Frame | None = None  # "In a note, she writes:" - the quote comes next
    speaker_turn: Source | None = None  # "STEVE INSKEEP, HOST:" alone on its line
    narrators: set[str] = set()  # surnames of the transcript's hosts and reporters
    by_para: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        by_para.setdefault(s.para, []).append(s)
    for para in doc.paragraphs:
        sentences = by_para.get(para.index, [])
        turn, speaker_turn = transcript_turn(doc.text, para.start, para.end, speaker_turn)
        if turn:
            start, source = turn
            role = "narrator" if is_narrator(source, narrators) else "guest"
            found.append(Attribution(start, para.end, "direct", None, (source,), None, para.index, turn=role))
        if waiting and sentences and not sentences[0].masked.startswith(OPEN):
            block = blockquote(doc, para, sentences, waiting)
            waiting = None
            if block:
                found.append(block)
                continue
        for n, sent in enumerate(sentences):
            items = attributions_in(doc, sent)
            if items:
                found.extend(items)
                waiting = None
                continue
            quote = quote_only(sent)
            if quote:
                if waiting:
                    quote = replace(quote, sources=waiting.sources, cue=waiting.cue)
                    waiting = None
                found.append(quote)
                continue
            bare = bare_attribution(doc, sent)
            if bare and sent.masked.rstrip().endswith(":"):
                waiting = bare
            elif bare and found and not found[-1].sources and n and found[-1].start >= sentences[n - 1].start:
                found[-1] = replace(found[-1], sources=bare.sources, cue=bare.cue)
    return found


def is_narrator(source: Source, narrators: set[str]) -> bool:
    """A host or reporter: labelled so at the first turn ("CHARLES MAYNES, BYLINE:"), known by surname after."""
    surname = source.label.split()[-1].lower()
    if source.role and JOURNALIST_ROLE_RE.search(source.role):
        narrators.add(surname)
    return surname in narrators


def blockquote(doc: Document, para: Paragraph, sentences: list[Sentence], intro: Frame) -> Attribution | None:
    """"Peskov said:" then a paragraph of his words set as a block quote, without marks."""
    if any(attributions_in(doc, s) for s in sentences):
        return None
    return Attribution(para.start, para.end, "direct", intro.cue, intro.sources, None, para.index)


def attributions_in(doc: Document, sent: Sentence) -> list[Attribution]:
    if not MAY_ATTRIBUTE.search(sent.masked):
        return []
    hi = body_end(sent.masked)
    frames = frames_between(doc, sent, 0, hi, via=None)
    return [attribution(sent, f, via) for f, via in frames]


def frames_between(doc: Document, sent: Sentence, lo: int, hi: int,
                   via: Source | None) -> list[tuple[Frame, Source | None]]:
    """The frames of sent.masked[lo:hi]; a relay's content is read again for the speaker it relays."""
    frame, extra = trailing_frame(doc, sent, lo, hi)
    if frame is None:
        frame, extra = leading_frame(doc, sent, lo, hi)
    if frame is None:
        return []
    if frame.relay and via is None:
        inner = frames_between(doc, sent, *frame.content, via=frame.sources[0])
        if inner:
            return inner + [(f, via) for f in extra]
    return [(f, via) for f in split_participles(sent, frame) + extra]


def cue_word(cue: re.Match) -> str:
    word = cue.group()
    if word.startswith("quoted"):
        return "quoted as saying"
    return " ".join(word.split()) if " " in word or "\n" in word else word


def body_end(masked: str) -> int:
    return len(masked.rstrip(FINAL_PUNCTUATION))


# --- trailing frames ---------------------------------------------------------------------

def trailing_frame(doc: Document, sent: Sentence, lo: int, hi: int) -> tuple[Frame | None, list[Frame]]:
    m = sent.masked
    for cue in reversed(list(CUE_RE.finditer(m, lo, hi))):
        cs, ce, word = cue.start(), cue.end(), cue_word(cue)
        before = m[lo:cs].rstrip()
        if word in ("according to", "per"):
            if before.endswith((",", CLOSE)) and before.strip(" ,"):
                return according_to(doc, sent, lo, hi, cs, ce, word)
            continue
        if word in INVERTING_VERBS and before.endswith((",", CLOSE)) and before.strip(" ,"):
            src_end = next_boundary(m, ce, hi)
            sources = parse_source(doc.text, sent.start + ce, sent.start + src_end)
            if sources and sources[0].kind != "pronoun" or sources and src_end == hi:
                frame = Frame(content_before(m, lo, cs), word, sources, word in REPORT_CUES)
                return frame, continued_quote(m, src_end, hi, word, sources)
        k = skip_complement(m, ce, hi, word)
        rest = m[k:hi].strip()
        participle = PARTICIPLE.match(m, k)
        if rest and not participle and not aside(rest):
            continue
        found = source_before(doc, sent, lo, cs)
        if not found:
            continue
        sources, boundary = found
        if boundary <= lo or not m[lo:boundary].strip(" ,"):
            continue
        frame = Frame(content_before(m, lo, boundary + 1), word, sources, word in REPORT_CUES or sources[0].document
                      or sources[0].kind == "media")
        if participle:
            return frame, split_participles(sent, Frame((participle.end(), hi), participle.group(1), sources, False))
        return frame, continued_quote(m, k, hi, word, sources)
    return None, []


def aside(rest: str) -> bool:
    """What may follow a trailing attribution without being content: ", asking not to be
    named", "because he was not authorised to speak", ", Margus Tsahkna" (a name in apposition)."""
    if rest.startswith(",") and (OPEN in rest[:3] or is_parenthetical(rest[1:])):
        return True
    return bool(ASIDE_CLAUSE.match(rest) or NAME_APPOSITION.fullmatch(rest))


def according_to(doc: Document, sent: Sentence, lo: int, hi: int, cs: int, ce: int, word: str):
    m = sent.masked
    src_end = next_boundary(m, ce, hi)
    sources = parse_source(doc.text, sent.start + ce, sent.start + src_end)
    if not sources:
        return None, []
    rel = RELATIVE.match(m, src_end)
    after = m[src_end:hi].strip(" ,")
    if after and not rel and not aside(m[src_end:hi]) and not is_appositive(doc.text, sent.start + src_end + 1,
                                                                            sent.start + hi):
        # "The plan, according to officials, would ..." - the attribution interrupts its content
        return Frame(strip_span(m, lo, hi), word, sources, False), []
    frame = Frame(content_before(m, lo, cs), word, sources, True)
    if rel:
        return frame, [Frame((rel.end(), hi), rel.group(1), sources, False)]
    return frame, []


def continued_quote(m: str, k: int, hi: int, word: str, sources) -> list[Frame]:
    """"A," she said, "B." - the second half after the cue."""
    q = m.find(OPEN, k, hi)
    between = m[k:q].strip(" ,:")
    if q < 0 or between and (len(between.split()) > 8 or CUE_RE.search(between)):
        return []  # only an appositive ("said Anna Berg, a nurse, "...") may stand between
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
    named = name_before_long_appositive(doc, sent, segments)
    if named:
        return named[0], boundary_before(m, lo, named[1])
    for i in range(len(segments) - 1, -1, -1):
        a, b = segments[i]
        phrase = text[base + a:base + b]
        if FILL_ONLY.fullmatch(m[a:b]):
            return None
        if is_parenthetical(phrase) and i or i and all(w.lower() in TEMPORAL for w in phrase.split()):
            continue  # ", citing Russian sources," / ", for his part, has called"
        sources = parse_source(text, base + a, base + b)
        if (not sources or sources[0].kind != "name") and i and (is_appositive(text, base + a, base + b)
                                                                 or not sources and DESCRIPTION.match(phrase)):
            pa, pb = segments[i - 1]
            named = parse_source(text, base + pa, base + pb)
            if named and named[0].kind == "name":
                return named, boundary_before(m, lo, pa)
        if sources:
            return sources, boundary_before(m, lo, a)
        return None
    return None


def name_before_long_appositive(doc: Document, sent: Sentence, segments: list[tuple[int, int]]):
    """"Zhang Hong, an associate fellow at the Institute of Russian, Eastern European and Central Asian
    Studies, told ...": an appositive with commas of its own; the name stands before its first part."""
    text, base = doc.text, sent.start
    for i in range(len(segments) - 3, max(-1, len(segments) - 6), -1):
        a, b = segments[i]
        na, nb = segments[i + 1]
        if not (DESCRIPTION.match(text, base + na) and is_appositive(text, base + na, base + nb)):
            continue
        sources = parse_source(text, base + a, base + b)
        if sources and sources[0].kind == "name":
            return sources, a
    return None


def boundary_before(m: str, lo: int, a: int) -> int:
    """Offset of the boundary character just before a segment (or lo - 1 at the start)."""
    k = a - 1
    while k >= lo and m[k] == " ":
        k -= 1
    return k if k >= lo else lo - 1


# --- leading frames ----------------------------------------------------------------------

def leading_frame(doc: Document, sent: Sentence, lo: int, hi: int) -> tuple[Frame | None, list[Frame]]:
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
            return Frame(strip_span(m, after, hi), acc.group().strip().lower(), sources, True), []
    called = CALLED.search(m, lo, hi)
    for cue in CUE_RE.finditer(m, lo, hi):
        if called and called.start() < cue.start():
            break
        word = cue_word(cue)
        if word in ("according to", "per"):
            continue
        found = source_before(doc, sent, lo, cue.start()) or coordinated_subject(doc, sent, lo, cue.start())
        if not found:
            continue
        if is_parenthetical_frame(m, lo, found[1], skip_complement(m, cue.end(), hi, word)):
            return Frame(strip_span(m, lo, hi), word, found[0], False), []
        start = content_start(m, cue.end(), hi, word)
        if start is None:
            said = PARTICIPLE.search(m, cue.end(), hi)  # "confirmed the exchange, saying ..."
            if said and word in OBJECT_VERBS:
                return Frame(strip_span(m, said.end(), hi), said.group(1), found[0], False), []
            continue
        return Frame(strip_span(m, start, hi), word, found[0], word in REPORT_CUES), []
    if called:
        found = source_before(doc, sent, lo, called.start())
        if found:
            return called_frames(m, called, hi, found[0])
    return participle_frame(doc, sent, lo, hi), []


def called_frames(m: str, called: re.Match, hi: int, sources: tuple[Source, ...]) -> tuple[Frame, list[Frame]]:
    """"called the demands "an ultimatum" and said ...": the quoted label, then what else was said."""
    q = called.end() - 1
    close = m.find(CLOSE, q, hi)
    end = close + 1 if close >= 0 else hi
    frame = Frame((q, end), called.group().split()[0], sources, False)
    more = AND_CUE.match(m, end, hi)
    if more:
        start = content_start(m, more.end(), hi, more.group(1))
        if start is not None:
            return frame, [Frame(strip_span(m, start, hi), more.group(1), sources, False)]
    return frame, []


def participle_frame(doc: Document, sent: Sentence, lo: int, hi: int) -> Frame | None:
    """"Zelenskyy thanked lawmakers, writing that the aid "will save lives"": the subject speaks."""
    p = PARTICIPLE.search(sent.masked, lo, hi)
    if not p:
        return None
    subject = sentence_subject(doc, sent, lo, p.start())
    if not subject or hi - p.end() < 10:
        return None
    return Frame(strip_span(sent.masked, p.end(), hi), p.group(1), subject, False)


def is_parenthetical_frame(m: str, lo: int, boundary: int, after: int) -> bool:
    """"Russia's demands, he added, are "an ultimatum"": the frame interrupts its content."""
    return boundary > lo and m[boundary] == "," and m[after:after + 1] == "," and bool(m[lo:boundary].strip())


def coordinated_subject(doc: Document, sent: Sentence, lo: int, cs: int):
    """"Zelensky on Tuesday called for ..., and said ...": the subject opens the sentence."""
    if not AND_BEFORE.search(sent.masked, lo, cs):
        return None
    sources = sentence_subject(doc, sent, lo, cs)
    return (sources, lo - 1) if sources else None


def sentence_subject(doc: Document, sent: Sentence, lo: int, limit: int) -> tuple[Source, ...]:
    """The name (with its title) or pronoun that opens the sentence."""
    first = SUBJECT.match(sent.masked, lo, limit)
    if not first:
        return ()
    sources = parse_source(doc.text, sent.start + first.start(1), sent.start + first.end(1))
    return sources if sources and sources[0].kind in ("name", "pronoun") else ()


def content_start(m: str, ce: int, hi: int, cue: str) -> int | None:
    k = skip_complement(m, ce, hi, cue)
    titled = QUOTED_TITLE_THAT.match(m, k)  # told CNN's "State of the Union" that ...
    if titled:
        k = titled.end(1)
    t = THAT.match(m, k) or cue in WARNING_VERBS and listener_then_that(m, k, hi)
    if t:
        k = t.end()
    rest = m[k:hi]
    stripped = rest.lstrip(" ,:")
    if cue in OBJECT_VERBS and not t and OPEN not in stripped and not rest.lstrip(" ").startswith(":"):
        return None  # "announced a new package": an object, not speech
    if not stripped or len(stripped.split()) < 3 and not stripped.startswith(OPEN):
        return None
    if k == ce and rest[:1] not in (" ", ":", ","):
        return None
    return k + len(rest) - len(stripped)


def listener_then_that(m: str, k: int, hi: int) -> re.Match | None:
    """"warned Vladimir Putin that ...", "reminded lawmakers that ...": a listener before "that"."""
    j = skip_noun_phrase(m, k, hi, first=True, limit=4)
    return THAT.match(m, j) if j > k else None


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
    if m[:hi].rstrip().endswith(":"):
        hi = len(m[:hi].rstrip()) - 1
    for cue in CUE_RE.finditer(m, 0, hi):
        word = cue_word(cue)
        if skip_complement(m, cue.end(), hi, word) < hi:
            continue
        found = source_before(doc, sent, 0, cue.start())
        if found:
            return Frame((0, 0), word, found[0], False)
    return None


# --- from frames to attributions --------------------------------------------------------------

def split_participles(sent: Sentence, frame: Frame) -> list[Frame]:
    """", noting that ..." and "... and warned that ..." report more of the same statement:
    items of their own."""
    a, b = frame.content
    more = AND_CUE_THAT.search(sent.masked, a, b)
    if more and more.start() - a >= 10:
        first = replace(frame, content=(a, more.start()))
        return [first] + split_participles(sent, replace(frame, content=(more.end(), b), cue=more.group(1)))
    p = PARTICIPLE.search(sent.masked, a, b)
    if not p or p.start() - a < 10:
        return [frame]
    first = replace(frame, content=(a, p.start()))
    second = replace(frame, content=(p.end(), b), cue=p.group(1))
    rest = split_participles(sent, second)
    return rest if len(sent.masked[a:p.start()].split()) < 3 else [first] + rest


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
