"""Attributions: which stretch of text is reported speech, through which cue and source.

Quote-first: every paired quotation of MIN_QUOTE_WORDS words or more is a quote, whether or
not a rule names its speaker. The rules, in the order they are tried for each paragraph
(each attribution records the name of the rule that found it):

  transcript_turn      STEVE INSKEEP, HOST: ...        (transcripts.py)
  colon_block          SOURCE writes:  then a paragraph set as a block quote, without marks
  headline             Peskov: Europe 'has no place' at the table  (a live-blog heading)
  (sentence frames)    the chain of frames/__init__.py, sentence by sentence
  title_case_headline  Ruiz Says Bridge Will Reopen ...  (the chain, on the first line in Title Case)
  continues            "CONTENT." standing alone continues the last speaker
  introduced           ... or is spoken by the subject of the sentence just before, when that
                       sentence quotes no one ("Okafor described the mood." "CONTENT.")
  colon_quote          SOURCE writes:  then "CONTENT."
  speaker_after        "CONTENT." SOURCE wrote on X.  (the attribution as a sentence of its own)

and then, for each quotation no rule attributed:

  dash_credit          "CONTENT." ― Ana Ruiz
  continues            a quotation that opens its sentence continues the last speaker
  sentence_subject     Okafor likened the budget to "a leaking bucket ..."  (the subject of the
                       sentence, or a name before ", saying")
  quotation            any other: kept, with no speaker ("speaker not identified")

Labels and titles in marks (so-called "X", a film titled "Y", "Make It Count") and scare
quotes (fewer than MIN_QUOTE_WORDS words) are not quotations. Speakers stay unresolved here
(see speakers.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .frames import sentence_frames
from .frames.common import (NAME_OR_PRONOUN, Frame, Span, body_end, cue_word, reporting_cues, skip_complement,
                            strip_span)
from .frames.participle import PARTICIPLE
from .frames.subject import sentence_subject, source_before
from .frames.trailing import aside
from .lexicon import PARTICIPLE_CUES, SPEECH_VERBS, alternation, entries
from .names import JOURNALIST_ROLE_RE, SHORT_NAME
from .quotations import MIN_QUOTE_WORDS, is_quotation
from .segments import CLOSE, OPEN, Document, Paragraph, Sentence
from .sources import NAMED, Source, parse_source
from .transcripts import transcript_turn

HEADLINE_SPEAKER = re.compile(r"([A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}):\s+")
# A name (or he, she) opening the sentence, then its verb: "Trump likened", "Gov. Ana Ruiz on Monday praised".
# A scene-setting phrase may come first, ending at a comma or a quoted title ("In a statement, President Ana
# Ruiz condemned", "On "Meet the Voters" Senator Paul Okafor identified").
# An appositive may stand between them ("Aaron Kall, the director of debate at a university, compared").
SUBJECT_VERB = re.compile(r"(?:[^,«»]{0,120}(?:,|«x*»,?)\s+)?"
                          rf"({NAME_OR_PRONOUN})"
                          r"(?:\s+\([^()]{1,20}\))?(?:,\s+[^,«»]{1,90}(?:,\s+[^,«»]{1,40}){0,2},)?,?\s+"
                          r"(?:(?:has|have|had|is|was|also|then|again|once|later|[a-z]{3,}ly)\s+){0,2}"
                          r"[a-z]+(?:ed|s|ing)\b")
# "footage of Trump saying during the debate, "…"": a name, a participle cue, the quotation.
NAME_PARTICIPLE = re.compile(rf"({SHORT_NAME})\s+"
                             rf"(?:{alternation(PARTICIPLE_CUES + entries('voicing_participles'))})\b"
                             rf"[^«»]{{0,60}}$")
# "Trump's claim that ...", "the senator's promise to": the owner of a noun for something said.
CLAIM_OWNER = re.compile(rf"({SHORT_NAME})[’']s\s+(?:[a-z-]+\s+){{0,2}}"
                         rf"(?:{alternation(entries('claim_nouns'))})\s*(?:(?:that|to|about|of)\b|:)[^«»]{{0,80}}$")
DASH_CREDIT = re.compile(r"\s*(?:[―—–]|--)\s*((?:[A-Z][\w.’'-]*\s){0,4}[A-Z][\w’'-]*)")
# A headline in Title Case: at least this share of its words capitalised.
TITLE_CASE_SHARE = 0.6
TITLE_CASE_WORD = re.compile(r"[^\W\d_x][\w’'-]*")
TITLE_CASE_CUE = re.compile(rf"(\b[A-Z][\w’'.-]*\s+)({alternation(w.capitalize() for w in SPEECH_VERBS)})\b")


@dataclass(slots=True)
class Attribution:
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: str | None
    sources: tuple[Source, ...]
    via: Source | None
    para: int
    open_ended: bool = False  # a quotation that runs on into the next paragraph
    turn: str = ""  # transcript turns: "guest" (a quotation) or "narrator" (the host's or reporter's telling)
    rule: str = ""  # the rule that found it
    continues: bool = False  # no sources of its own: it continues the speaker of the quote before


def find_attributions(doc: Document) -> list[Attribution]:
    """Every attribution in the article, in reading order, with its sources unresolved."""
    found: list[Attribution] = []
    waiting: Frame | None = None  # "In a note, she writes:" - the quote comes next
    speaker_turn: Source | None = None  # "STEVE INSKEEP, HOST:" alone on its line
    narrators: set[str] = set()  # surnames of the transcript's hosts and reporters
    before: Sentence | None = None  # a sentence quoting no one: "Sanders described the mood." (rule introduced)
    by_para: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        by_para.setdefault(s.para, []).append(s)
    for para in doc.paragraphs:
        sentences = by_para.get(para.index, [])
        first = len(found)
        turn, speaker_turn = transcript_turn(doc.text, para.start, para.end, speaker_turn)
        if turn:
            start, source = turn
            role = "narrator" if is_narrator(source, narrators) else "guest"
            found.append(Attribution(start, para.end, "direct", None, (source,), None, para.index, turn=role,
                                     rule="transcript_turn"))
            if para.quotations and para.quotations[0].open == para.start:
                continue  # a turn pasted inside quotation marks is one quotation
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
            items = [attribution(sent, f, via) for f, via in sentence_frames(doc, sent)]
            if not items and para.index == 0:
                items = title_case_headline(doc, sent)
            intro, before = before, None
            if items:
                found.extend(items)
                waiting = None
                continue
            quote = quote_only(sent)
            if quote:
                if waiting:
                    quote = replace(quote, sources=waiting.sources, cue=waiting.cue, rule="colon_quote",
                                    continues=False)
                    waiting = None
                else:
                    speaker = introduced_speaker(doc, intro) if intro else ()
                    if speaker:
                        quote = replace(quote, sources=speaker, rule="introduced", continues=False)
                found.append(quote)
                continue
            colon = sent.masked.rstrip().endswith(":")
            after_quote = (found and (found[-1].continues or found[-1].rule == "introduced") and n
                           and found[-1].start >= sentences[n - 1].start)
            bare = bare_attribution(doc, sent) if colon or after_quote else None
            if bare and colon:
                waiting = bare
            elif bare:
                found[-1] = replace(found[-1], sources=bare.sources, cue=bare.cue, rule="speaker_after",
                                    continues=False)
            else:
                before = sent
        found[first:] = sorted(found[first:] + unattributed(doc, para, sentences, found[first:]), key=lambda a: a.start)
    return found


def title_case_headline(doc: Document, sent: Sentence) -> list[Attribution]:
    """"Senator Says Budget Deal Is 'Dead on Arrival'": a headline in Title Case, its cue capitalised too."""
    words = TITLE_CASE_WORD.findall(sent.masked)
    if len(words) < MIN_QUOTE_WORDS or sum(w[0].isupper() for w in words) < TITLE_CASE_SHARE * len(words):
        return []
    lowered = TITLE_CASE_CUE.sub(lambda m: m.group(1) + m.group(2)[0].lower() + m.group(2)[1:], sent.masked)
    return [replace(attribution(sent, f, via), rule=f"title_case_headline/{f.rule}")
            for f, via in sentence_frames(doc, replace(sent, masked=lowered))]


def unattributed(doc: Document, para: Paragraph, sentences: list[Sentence],
                 found: list[Attribution]) -> list[Attribution]:
    """The paragraph's quotations that no rule attributed: one that opens its sentence continues the
    speaker before it (as a quotation standing alone does); any other has no speaker."""
    sentence_starts = {s.start for s in sentences}
    out = []
    for q in para.quotations:
        a, b = q.open + 1, para.end if q.close is None else q.close
        if any(x.start < b and a < x.end for x in found) or not is_quotation(doc.text, a, b, para.start):
            continue
        while b > a and doc.text[b - 1].isspace():
            b -= 1
        credit = dash_credit(doc.text, b + 1, para.end) if q.close is not None else ()
        opens = not credit and q.open in sentence_starts
        subject = () if credit or opens else subject_of(doc, sentences, q.open)
        rule = "dash_credit" if credit else "continues" if opens else "sentence_subject" if subject else "quotation"
        out.append(Attribution(a, b, "direct", None, credit or subject, None, para.index, q.close is None,
                               rule=rule, continues=opens))
    return out


def introduced_speaker(doc: Document, sent: Sentence) -> tuple[Source, ...]:
    """"Sanders described the mood of young voters." then "The young are tired of it.": a sentence
    that quotes no one, whose subject is a name (or he, she), introduces the quotation after it."""
    m = SUBJECT_VERB.match(sent.masked)
    return sentence_subject(doc.text, sent, m.start(1), m.end(1)) if m else ()


def subject_of(doc: Document, sentences: list[Sentence], pos: int) -> tuple[Source, ...]:
    """"Reid has gone after Trump as a "human leech who will bleed the country"": the words quoted in
    a sentence whose subject is a name (or he, she) are that subject's, when no cue says otherwise."""
    sent = next((s for s in sentences if s.start <= pos < s.end), None)
    if sent is None:
        return ()
    owner = CLAIM_OWNER.search(sent.masked, 0, pos - sent.start)  # "Trump's claim that there were "…""
    if owner:
        sources = parse_source(doc.text, sent.start + owner.start(1), sent.start + owner.end(1))
        if sources and sources[0].kind in NAMED:
            return sources
    said = NAME_PARTICIPLE.search(sent.masked, 0, pos - sent.start)
    if said:
        sources = parse_source(doc.text, sent.start + said.start(1), sent.start + said.end(1))
        if sources and sources[0].kind == "name":
            return sources
    m = SUBJECT_VERB.match(sent.masked, 0, pos - sent.start)
    return sentence_subject(doc.text, sent, m.start(1), m.end(1)) if m else ()


def dash_credit(text: str, pos: int, end: int) -> tuple[Source, ...]:
    """"…" ― Ana Ruiz: a quotation credited after a dash, as pull quotes and reader roundups are."""
    m = DASH_CREDIT.match(text, pos, end)
    if not m:
        return ()
    sources = parse_source(text, m.start(1), m.end(1))
    return sources if sources and sources[0].kind in NAMED else ()


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
    return replace(attribution(sent, Frame(words, "", sources, False, "headline"), None), cue=None)


def is_narrator(source: Source, narrators: set[str]) -> bool:
    """A host or reporter: labelled so at the first turn ("CHARLES MAYNES, BYLINE:"), known by surname after."""
    surname = source.label.split()[-1].lower()
    if source.role and (JOURNALIST_ROLE_RE.search(source.role) or source.role in ("anchor", "moderator", "presenter")):
        narrators.add(surname)
    return surname in narrators


def blockquote(doc: Document, para: Paragraph, sentences: list[Sentence], intro: Frame) -> Attribution | None:
    """"Peskov said:" then a paragraph of his words set as a block quote, without marks."""
    if any(sentence_frames(doc, s) for s in sentences):
        return None
    return Attribution(para.start, para.end, "direct", intro.cue, intro.sources, None, para.index, rule="colon_block")


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
    if len(sent.text[inner[0]:inner[1]].split()) < MIN_QUOTE_WORDS:
        return None
    return Attribution(sent.start + inner[0], sent.start + inner[1], "direct", None, (), None, sent.para, open_ended,
                       rule="continues", continues=True)


def bare_attribution(doc: Document, sent: Sentence) -> Frame | None:
    """A sentence that only names who spoke, after a quote: "… ." then "The deputy minister wrote on his blog."."""
    m = sent.masked
    hi = body_end(m)
    if m[:hi].rstrip().endswith(":"):
        hi = len(m[:hi].rstrip()) - 1
    span = Span(doc, sent, (), 0, hi)
    for cue in reporting_cues(m, hi):
        word = cue_word(cue)
        k = skip_complement(m, cue.end(), hi, word)
        if k < hi and not (PARTICIPLE.match(m, k) or aside(m[k:hi].strip())):
            continue  # "He said, looking out at the crowd." names a speaker; "He said it twice." does not
        found = source_before(span, 0, cue.start())
        if found:
            return Frame((0, 0), word, found[0], False)
    return None


def attribution(sent: Sentence, frame: Frame, via: Source | None) -> Attribution:
    """The frame as an attribution in article offsets, with its kind: direct, mixed or indirect."""
    m = sent.masked
    a, b = frame.content
    while a < b and m[a].isspace():
        a += 1
    while b > a and (m[b - 1].isspace() or m[b - 1] in ",;"):
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
    return Attribution(sent.start + a, sent.start + b, kind, frame.cue, frame.sources, via, sent.para, open_ended,
                       rule=frame.rule)
