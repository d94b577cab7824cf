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
  heading     Peskov: Europe 'has no place' at the table  (a live-blog heading)

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
CUE_RE = re.compile(
    rf"(?<![\w-])(?=[a-z])(?:{QUOTED_AS_SAYING}|{alternation(SPEECH_VERBS)}|according\s+to|per)(?![\w-])")
LEADING_ACCORDING = re.compile(r"(?:According\s+to|Per)\s+")
# "Russia's RT called it "…"", "described the call as "great"": the quote is the content.
CALLED = re.compile(rf"(?<![\w-])(?:{alternation(LABELLING_VERBS)})\s+(?!for\b)"
                    rf"(?:[^,;{OPEN}{CLOSE}]{{0,80}}?\s+as\s+|"
                    rf"(?:it|this|that|them|him|her)\s+|"
                    rf"(?:the|his|her|their|its|[A-Z][\w.-]*[’']s)\s+[^,;{OPEN}{CLOSE}]{{0,50}}?\s*){OPEN}")
SEGMENT_BOUNDARY = re.compile(rf"[,;:{OPEN}{CLOSE}—–]|\s-\s")
WORD = re.compile(rf"\s*([^\s,;:{OPEN}{CLOSE}]+)")
PARTICIPLE = re.compile(
    rf"(?:,|(?<={CLOSE}))\s+({alternation(PARTICIPLE_CUES)})\b(?:\s+that\b)?")
RELATIVE = re.compile(rf",\s+(?:which|who)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b(?:\s+that\b)?")
THAT = re.compile(r"\s*that\b")
ASIDE_CLAUSE = re.compile(r",?\s*(?:because|as|since|while|although|though|after|before|when|who|which|where|"
                          r"speaking|asking|declining|citing)\b")
NAME_APPOSITION = re.compile(r",\s+(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*")
QUOTED_TITLE_THAT = re.compile(rf"\s*{OPEN}x{{1,40}}{CLOSE}(\s*)that\b")
AND_CUE = re.compile(rf"[.,]?\s+(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\b")
HEADLINE_SPEAKER = re.compile(r"([A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}):\s+")
AND_CUE_THAT = re.compile(rf"(?:,|(?<={CLOSE}))?\s+(?:and|but)\s+(?:also\s+)?({alternation(SPEECH_VERBS)})\s+that\s+")
JOINT_TITLE = re.compile(r"\s*(.+?)\s+and\s+(.+?)\s*")
CLAUSE_JOINT = re.compile(r",\s+(?:and|but|while)\s+|;\s+")
WHICH = re.compile(r",\s+(?:which|who)\s+(?:also\s+)?")
QUOTED_SOURCE = re.compile(
    r"(?<![\w-])quoted\s+((?!by\s)(?:[\w.’'-]+\s+){0,5}[\w.’'-]+)\s+as\s+saying(?:\s+that)?\s+")
MODAL_BEFORE = re.compile(r"\b(?:would|will|could|should|must|may|might|can|to|did|does|do|not|never)\s+$")
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
    """Every attribution in the article, in reading order, with its sources unresolved."""
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
        headline = headline_quote(doc, sentences)
        if headline:
            found.append(headline)
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


def headline_quote(doc: Document, sentences: list[Sentence]) -> Attribution | None:
    """A live-blog heading "Peskov: Europe 'has no place' at the table": the name, then their words."""
    if len(sentences) != 1:
        return None
    sent = sentences[0]
    m = HEADLINE_SPEAKER.match(sent.masked)
    if not m or OPEN not in sent.masked[m.end():]:
        return None
    sources = parse_source(doc.text, sent.start, sent.start + m.end(1))
    if not sources:
        return None
    words = strip_span(sent.masked, m.end(), body_end(sent.masked))
    return replace(attribution(sent, Frame(words, "", sources, False), None), cue=None)


def is_narrator(source: Source, narrators: set[str]) -> bool:
    """A host or reporter: labelled so at the first turn ("CHARLES MAYNES, BYLINE:"), known by surname after."""
    surname = source.label.split()[-1].lower()
    if source.role and (JOURNALIST_ROLE_RE.search(source.role) or source.role in ("anchor", "moderator", "presenter")):
        narrators.add(surname)
    return surname in narrators


def blockquote(doc: Document, para: Paragraph, sentences: list[Sentence], intro: Frame) -> Attribution | None:
    """"Peskov said:" then a paragraph of his words set as a block quote, without marks."""
    if any(attributions_in(doc, s) for s in sentences):
        return None
    return Attribution(para.start, para.end, "direct", intro.cue, intro.sources, None, para.index)


def attributions_in(doc: Document, sent: Sentence) -> list[Attribution]:
    """The attributions framed inside one sentence."""
    hi = body_end(sent.masked)
    cues = reporting_cues(sent.masked, hi)
    frames = frames_between(doc, sent, cues, 0, hi, via=None)
    return [attribution(sent, f, via) for f, via in frames]


def frames_between(doc: Document, sent: Sentence, cues: tuple[re.Match, ...], lo: int, hi: int,
                   via: Source | None) -> list[tuple[Frame, Source | None]]:
    """The frames of sent.masked[lo:hi]; a relay's content is read again for the speaker it relays.
    `cues` are the sentence's cue words, found once."""
    cues = tuple(c for c in cues if lo <= c.start() and c.end() <= hi)
    frame, extra = trailing_frame(doc, sent, cues, lo, hi)
    if frame is None:
        frame, extra = leading_frame(doc, sent, cues, lo, hi)
        if frame is not None and not extra:
            frame, extra = second_speaker(doc, sent, cues, frame)
    if frame is None:
        return []
    if frame.relay and via is None:
        inner = frames_between(doc, sent, cues, *frame.content, via=frame.sources[0])
        if inner:
            return inner + [(f, via) for f in extra]
    return [(f, via) for f in split_participles(sent, frame) + extra]


def second_speaker(doc: Document, sent: Sentence, cues: tuple[re.Match, ...],
                   frame: Frame) -> tuple[Frame, list[Frame]]:
    """"The air force said it shot down 48 drones, and Gov. Petro Lysenko said two people were hurt":
    a second speaker takes the rest of the sentence."""
    a, b = frame.content
    for joint in CLAUSE_JOINT.finditer(sent.masked, a, b):
        rest = tuple(c for c in cues if c.start() >= joint.end())
        second, more = leading_frame(doc, sent, rest, joint.end(), b)
        if second and 0 <= second.sources[0].start - (sent.start + joint.end()) <= 40:
            return replace(frame, content=(a, joint.start())), [second] + more
    return frame, []


def reporting_cues(m: str, hi: int) -> tuple[re.Match, ...]:
    """The cue words of m[:hi] that report: "would insist", "to say", "did not say" do not."""
    return tuple(c for c in CUE_RE.finditer(m, 0, hi) if not MODAL_BEFORE.search(m, max(0, c.start() - 12), c.start()))


def cue_word(cue: re.Match) -> str:
    """The cue as it is reported: "said", "according to", "quoted as saying"."""
    word = cue.group()
    if word.startswith("quoted"):
        return "quoted as saying"
    return " ".join(word.split()) if " " in word or "\n" in word else word


def body_end(masked: str) -> int:
    """Where the sentence ends before its final punctuation."""
    return len(masked.rstrip(FINAL_PUNCTUATION))


# --- trailing frames ---------------------------------------------------------------------

def trailing_frame(doc: Document, sent: Sentence, cues: tuple[re.Match, ...], lo: int,
                   hi: int) -> tuple[Frame | None, list[Frame]]:
    """The content first, the attribution closing the sentence; the last cue that closes it wins."""
    m = sent.masked
    for cue in reversed(cues):
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
                return frame, continued_quote(m, src_end, hi, word, sources) or relative_frames(doc, sent, src_end, hi,
                                                                                              sources)
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
            start = after_participle(m, participle, hi)
            return frame, split_participles(sent, Frame((start, hi), participle.group(1), sources, False))
        rest_quote = continued_quote(m, k, hi, word, sources)
        if rest_quote and len(m[lo:boundary].split()) < 3 and OPEN not in m[lo:boundary]:
            # "The conditions, he wrote, "amount to ..."": one statement around its attribution
            return Frame(strip_span(m, lo, hi), word, sources, False), []
        return frame, rest_quote
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


def relative_frames(doc: Document, sent: Sentence, pos: int, hi: int, sources: tuple[Source, ...]) -> list[Frame]:
    """"..., said a CNN report, which quoted one US official as saying ...": more after the source."""
    m = sent.masked
    rel = RELATIVE.match(m, pos)
    if rel:
        return [Frame((rel.end(), hi), rel.group(1), sources, False)]
    which = WHICH.match(m, pos)
    quoted = QUOTED_SOURCE.match(m, which.end()) if which else None
    if quoted:
        speaker = parse_source(doc.text, sent.start + quoted.start(1), sent.start + quoted.end(1))
        if speaker:
            return [Frame(strip_span(m, quoted.end(), hi), "quoted as saying", speaker, False)]
    return []


def continued_quote(m: str, k: int, hi: int, word: str, sources) -> list[Frame]:
    """"A," she said, "B." - the second half after the cue."""
    q = m.find(OPEN, k, hi)
    between = m[k:q].strip(" ,:")
    if q < 0 or between and (len(between.split()) > 8 or CUE_RE.search(between)):
        return []  # only an appositive ("said Anna Berg, a nurse, "...") may stand between
    return [Frame((q, hi), word, sources, False)]


def content_before(m: str, lo: int, end: int) -> tuple[int, int]:
    """The content before a trailing attribution, without the comma or dash that joins them."""
    end = min(end, len(m))
    while end > lo and m[end - 1] in " ,;—–":
        end -= 1
    return lo, end


def next_boundary(m: str, pos: int, hi: int) -> int:
    """The next comma, colon, dash or quotation mark at or after pos."""
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
        if sources and sources[0].kind == "name" and i >= 1:
            pa, pb = segments[i - 1]
            partner = JOINT_TITLE.fullmatch(m, pa, pb)
            if partner and is_appositive(text, base + partner.start(2), base + pb):
                first = parse_source(text, base + partner.start(1), base + partner.end(1))
                if first and first[0].kind == "name":  # "Lammy and Poland's deputy minister, Marek Zawadzki,"
                    return first + sources, boundary_before(m, lo, pa)
            if i >= 2 and is_appositive(text, base + pa, base + pb):
                a = pa  # "..., the Kremlin spokesperson, Dmitry Peskov, told": the title is no content
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
            nearest = parse_source(text, base + segments[-1][0], base + segments[-1][1])
            if nearest and nearest[0].kind == "name":
                return None  # "Anna Berg, the Kremlin's spokesman, Dmitry Peskov, said": the name at the verb
            return sources, a
    return None


def boundary_before(m: str, lo: int, a: int) -> int:
    """Offset of the boundary character just before a segment (or lo - 1 at the start)."""
    k = a - 1
    while k >= lo and m[k] == " ":
        k -= 1
    return k if k >= lo else lo - 1


# --- leading frames ----------------------------------------------------------------------

def leading_frame(doc: Document, sent: Sentence, cues: tuple[re.Match, ...], lo: int,
                  hi: int) -> tuple[Frame | None, list[Frame]]:
    """The source first: "According to X, ...", "X quoted Y as saying ...", "X said (that) ...",
    "X called it "..."", "X did this, writing that ..."; the first cue with a source wins."""
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
    quoted = QUOTED_SOURCE.search(m, lo, hi) if m.find("quoted", lo, hi) >= 0 else None  # "which quoted X as saying"
    if quoted:
        sources = parse_source(text, base + quoted.start(1), base + quoted.end(1))
        if sources and sources[0].kind != "pronoun":
            return Frame(strip_span(m, quoted.end(), hi), "quoted as saying", sources, False), []
    called = CALLED.search(m, lo, hi) if m.find(OPEN, lo, hi) >= 0 else None
    for cue in cues:
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
                return Frame(strip_span(m, after_participle(m, said, hi), hi), said.group(1), found[0], False), []
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
    start = after_participle(sent.masked, p, hi)
    if not subject or hi - start < 10:
        return None
    return Frame(strip_span(sent.masked, start, hi), p.group(1), subject, False)


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
    """Where a leading frame's content begins after its cue, or None when what follows is no content."""
    k = skip_complement(m, ce, hi, cue)
    titled = QUOTED_TITLE_THAT.match(m, k)  # told CNN's "State of the Union" that ...
    if titled:
        k = titled.end(1)
    t = THAT.match(m, k) or cue in WARNING_VERBS and listener_then_that(m, k, hi)
    if t:
        k = t.end()
    rest = m[k:hi]
    stripped = rest.lstrip(" ,:")
    if rest.lstrip().startswith(",") and not stripped.startswith(OPEN):
        return None  # "Peskov, asked about the memo, said ...": the cue sits in an aside
    if cue in OBJECT_VERBS and not t and OPEN not in stripped.split(",")[0] and not rest.lstrip(" ").startswith(":"):
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
    """The span without the spaces and punctuation at its edges."""
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
    """End of a short noun phrase from pos ("the Global Times", "reporters")."""
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
    """A sentence that only names who spoke, after a quote: "… ." then "The deputy minister wrote on his blog."."""
    m = sent.masked
    hi = body_end(m)
    if m[:hi].rstrip().endswith(":"):
        hi = len(m[:hi].rstrip()) - 1
    for cue in reporting_cues(m, hi):
        word = cue_word(cue)
        if skip_complement(m, cue.end(), hi, word) < hi:
            continue
        found = source_before(doc, sent, 0, cue.start())
        if found:
            return Frame((0, 0), word, found[0], False)
    return None


# --- from frames to attributions --------------------------------------------------------------

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
    has_that = m.find(" that ", a, b) >= 0  # cheap tests before the patterns
    more = AND_CUE_THAT.search(m, a, b) if has_that else None
    if more and more.start() - a >= 10:
        first = replace(frame, content=(a, more.start()))
        return [first] + split_participles(sent, replace(frame, content=(more.end(), b), cue=more.group(1)))
    p = PARTICIPLE.search(m, a, b) if m.find("ing", a, b) >= 0 else None
    if not p or p.start() - a < 10:
        return [frame]
    first = replace(frame, content=(a, p.start()))
    second = replace(frame, content=(after_participle(sent.masked, p, b), b), cue=p.group(1))
    rest = split_participles(sent, second)
    return rest if len(sent.masked[a:p.start()].split()) < 3 else [first] + rest


def attribution(sent: Sentence, frame: Frame, via: Source | None) -> Attribution:
    """The frame as an attribution in article offsets, with its kind: direct, mixed or indirect."""
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
