"""Paragraphs, quotation marks and sentences of an article's plain text.

Everything keeps code-point offsets into the article text. Each sentence also has a
`masked` copy of the same length in which the inside of every quotation is replaced
by 'x' and the marks by '«' and '»', so that cue words, commas and full stops inside
quoted speech never steer the attribution rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, entries

OPEN, CLOSE, FILL = "«", "»", "x"
DOUBLE_OPENERS = "“„«"
DOUBLE_CLOSERS = "”»"
# Two apostrophes stand for a straight double mark in some wire and archive copy (''Yes,'' she said).
# (Written as one set of marks, an apostrophe counting only with a second one after it, rather than
# as "''|[...]": a pattern that opens with a set lets the regex engine jump from mark to mark.)
DOUBLE_MARK = re.compile(r"['“”„«»\"](?:(?<=')'|(?<!'))")
SINGLE_MARK = re.compile(r"[‘’']")
# The first opening mark of an article tells its house style: “double” or ‘single’.
FIRST_OPENER = re.compile(r"(?:^|(?<=[\s(\[—–-]))([“„«\"]|''|[‘'](?=\w))")
ANY_MARK = re.compile(r"[“„«\"‘']")
# ("[.!?…][.!?…]*", not "[.!?…]+": a pattern that opens with a set, not a repeat, lets the engine jump
# from stop to stop.)
SENTENCE_END = re.compile(r"[.!?…][.!?…]*[»)\]]*(?=\s+(?:«|[(\[]?[A-Z0-9]))")
# Wire datelines open a story's first paragraph: "KYIV, Ukraine (AP) — ", "BEIJING, March 20 (Xinhua) -- ";
# live-blog entries open with their time: "16:12 BST — ".
DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,4}(?:,?\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*"
                      r"(?:\([^)]{1,40}\)\s*)?|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?)"
                      r"(?:—|–|--|-(?=\s))\s*")
INITIALS = re.compile(r"(?:[A-Z]\.)+")


@dataclass(slots=True)
class Quotation:
    """A pair of quotation marks; `close` is None when the quote runs on past its paragraph."""
    open: int
    close: int | None


@dataclass(slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    quotations: tuple[Quotation, ...]


@dataclass(slots=True)
class Sentence:
    para: int
    start: int
    end: int
    text: str
    masked: str


@dataclass(frozen=True)
class Document:
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]


def segment(text: str) -> Document:
    """The article as paragraphs (with their quotations) and sentences."""
    paragraphs, sentences = [], []
    for index, (start, end) in enumerate(paragraph_spans(text)):
        body = text[start:end]
        # each paragraph by its own first mark: a headline in 'single' quotes over a body in "double"
        quotations = double_quotations(body) if quote_style(body) == "double" else single_quotations(body)
        quotations = tuple(Quotation(start + q.open, None if q.close is None else start + q.close)
                           for q in quotations)
        paragraphs.append(Paragraph(index, start, end, quotations))
        masked = mask(body, quotations, start)
        sentences.extend(split_sentences(text, masked, index, start))
    return Document(text, tuple(paragraphs), tuple(sentences))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each non-empty block, without its surrounding white space."""
    spans, pos = [], 0
    for block in text.split("\n\n"):
        lead = len(block) - len(block.lstrip())
        stripped = block.strip()
        if stripped:
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(block) + 2
    return spans


def quote_style(text: str) -> str:
    """"double" or "single": the kind of the first opening mark."""
    first = ANY_MARK.search(text)  # an opener starts at a mark: read from the first one
    m = FIRST_OPENER.search(text, first.start()) if first else None
    return "single" if m and m.group(1) in ("‘", "'") else "double"


def double_quotations(body: str) -> list[Quotation]:
    """Pairs of “curly” or "straight" double marks; an opening mark left open runs to the end. An
    opener inside a quotation (“... what he calls “hell” than ...”) opens a quotation within it:
    the next closing mark closes that one, not the outer."""
    found, opened, inner = [], None, 0
    for m in DOUBLE_MARK.finditer(body):
        ch, i = m.group(), m.start()
        if ch == "''":  # the opener is its second apostrophe, the closer its first (see mask)
            ch, i = '"', (i + 1 if opened is None else i)
        if ch in DOUBLE_OPENERS:
            if opened is None:
                opened = i
            elif i + 1 < len(body) and not body[i + 1].isspace():
                inner += 1
        elif inner:
            inner -= 1
        elif ch in DOUBLE_CLOSERS:
            if opened is not None:
                found.append(Quotation(opened, i))
                opened = None
            elif (i == 0 or body[i - 1].isspace()) and i + 1 < len(body) and body[i + 1].isalnum():
                opened = i  # a closing mark typed where an opening one belongs: ”Mr. Smith said ...
        elif opened is None:
            if i + 1 < len(body) and not body[i + 1].isspace():
                opened = i
        else:
            found.append(Quotation(opened, i))
            opened = None
    if opened is not None:
        found.append(Quotation(opened, None))
    return found


def single_quotations(body: str) -> list[Quotation]:
    """‘British’ quotes: an opener at a word start; the closer is the first ’ that is not
    an apostrophe (inside a word) or, likely, a plural possessive ("the leaders’ talks")."""
    found, opened = [], None
    marks = [m.start() for m in SINGLE_MARK.finditer(body)]
    for n, i in enumerate(marks):
        before = body[i - 1] if i else " "
        after = body[i + 1] if i + 1 < len(body) else " "
        if opened is None:
            if (before.isspace() or before in "([—–-\"“") and not after.isspace() and body[i] in "‘'":
                opened = i
            continue
        if before.isspace() or (before.isalnum() and after.isalnum()):
            continue
        if before == "s" and after == " " and n + 1 < len(marks) and looks_possessive(body, i):
            continue
        found.append(Quotation(opened, i))
        opened = None
    if opened is not None:
        found.append(Quotation(opened, None))
    return found


POSSESSED = re.compile(r"\s([a-z][a-z-]+)")
NOT_POSSESSED = frozenset(entries("not_possessed"))


def looks_possessive(body: str, i: int) -> bool:
    """"the leaders’ talks": a plural possessive, not a closing mark."""
    m = POSSESSED.match(body, i + 1)
    return bool(m) and m.group(1) not in NOT_POSSESSED


def mask(body: str, quotations: tuple[Quotation, ...], offset: int) -> str:
    """The paragraph with quoted words hidden (see the module note)."""
    if not quotations:
        return body
    chars = list(body)
    for q in quotations:
        o = q.open - offset
        c = len(body) if q.close is None else q.close - offset
        chars[o + 1:c] = FILL * (c - o - 1)
        # keep the quote's own final stop visible: it may end the sentence
        if q.close is not None and c - 1 > o and body[c - 1] in ".!?…":
            chars[c - 1] = body[c - 1]
        chars[o] = OPEN
        if body[o - 1:o + 1] == "''":
            chars[o - 1] = " "
        if q.close is not None:
            chars[c] = CLOSE
            if body[c:c + 2] == "''":
                chars[c + 1] = " "
    return "".join(chars)


def split_sentences(text: str, masked: str, para: int, offset: int) -> list[Sentence]:
    """Sentences of one paragraph; a wire dateline is left out of the first."""
    dateline = DATELINE.match(masked)
    out, start = [], dateline.end() if dateline else 0
    for m in SENTENCE_END.finditer(masked):
        if is_abbreviation(masked, m.start()):
            continue
        end = m.end()
        out.append((start, end))
        start = end
        while start < len(masked) and masked[start].isspace():
            start += 1
    if start < len(masked):
        out.append((start, len(masked)))
    return [Sentence(para, offset + s, offset + e, text[offset + s:offset + e], masked[s:e]) for s, e in out if e > s]


def is_abbreviation(masked: str, stop: int) -> bool:
    """A full stop after "U.S.", "Mr." or an initial does not end the sentence."""
    if masked[stop] != ".":
        return False
    word = masked[max(0, stop - 30):stop + 1].split()[-1].lstrip("«(\"“")  # the word that ends at the stop
    return word in ABBREVIATIONS or bool(INITIALS.fullmatch(word))
