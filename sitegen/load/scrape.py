"""Raw scraped text -> clean article parts.

A scrape is one paragraph per line (or paragraphs separated by blank lines). Scraping
breaks a page in known ways; each repair is a small named rule, applied in the order
of RULES. No rule changes a character of the article's own sentences: it only decides
what a line is (headline, caption, heading, paragraph, boilerplate) or cuts a glued
subheading off the front of its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Removed

# --- what lines look like -------------------------------------------------------------

SEPARATOR = re.compile(r"^[-_=*~#•·—–\s]{3,}$")
PUBLISHED_IN = re.compile(r"^Published (?:in|on|by)\b", re.I)
CREDIT_LINE = re.compile(
    r"^(?:With (?:additional )?assistance from|Additional reporting (?:by|from)|Reporting by|"
    r"(?:Writing|Editing|Edited|Compiled|Produced|Translated) by)\b", re.I)
COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)\s*\d{4}|Copyright\b)", re.I)
BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'’ -]+)*$")
# Page furniture that scrapes leave after the last paragraph.
TRAILING_FURNITURE = re.compile(
    r"^(?:Comments?|\d+\s+Comments?|Share(?: this(?: article)?)?|Related(?: (?:articles|stories|coverage))?|"
    r"Advertisement|Read more|Most read)$", re.I)
# A photo caption ends with its credit: "Photo: VCG", "(AP Photo/Evan Vucci)", "Photograph: Alamy".
PHOTO_CREDIT = re.compile(
    r"(?:\b(?:Photo|Photograph|Image|Picture|Illustration|Graphic|File photo)s?(?:\s+(?:by|courtesy of))?\s*[:/]\s*"
    r"[\w .,&'’/-]{1,60}"
    r"|\((?:[\w .,&'’-]+/)?(?:[\w .&'’-]+\s)?(?:Photo|Photograph|Image|Picture)s?\b[^()]{0,60}\))\s*$")
SENTENCE_END = re.compile(r"[.!?…:;,\"“”'’)\]]$")
HEADING_END = re.compile(r"[.!…:;,\"“”'’)\]]$")  # as a sentence ends, but a headline may ask a question
# Where a scrape glued a subheading to its paragraph, a lower-case letter runs straight
# into the capital (or opening quote) that starts the paragraph: "Positive spinClocking".
GLUE_POINT = re.compile(r"(?<=[a-z])(?=[A-Z\"“‘])")
# Name particles written inside one word (McDonald, MacArthur, DeSantis, LaGuardia, O'Neil).
NAME_PARTICLE = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O['’])$")

# A headline written as a sentence ("Council delays vote on bridge.") ends like one.
HEADLINE_SENTENCE_END = re.compile(r"[.;!?…][\"“”'’)\]]*$")
# Short words that Title Case leaves in lower case.
TITLE_CASE_MINOR = frozenset("a an the and or nor but of in on at to for by with from as per via vs into onto over up "
                             "off out than that if is are was be so yet".split())
# A byline without "By": names, then the outlet they write for ("Ana Ruiz, The Associated Press").
NAME = r"[A-Z][\w.'’-]+(?:\s+(?:de|da|van|von|del|la|le|[A-Z][\w.'’-]+)){1,3}"
NAME_AND_OUTLET = re.compile(rf"^(?:By\s+)?{NAME}(?:\s*(?:,|and|&)\s*{NAME})*\s*(?:,|/|\||-|–|—)\s*(?P<outlet>.+)$")
# Words that name a news outlet ("The Riverside Courier", "Associated Press").
OUTLET_WORD = re.compile(
    r"\b(?:Press|News|Times|Post|Journal|Herald|Tribune|Gazette|Courier|Chronicle|Observer|Guardian|Telegraph|"
    r"Independent|Standard|Examiner|Inquirer|Dispatch|Register|Mail|Express|Daily|Weekly|Magazine|Review|Radio|"
    r"Television|TV|Network|Broadcasting|Media|Wire|Agency|Reuters|AP|AFP|Bloomberg|Xinhua|Tass|UPI|CNN|BBC|NPR)\b")

HEADLINE_MAX_WORDS = 20
SUBHEAD_MAX_WORDS = 10


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Part:
    kind: str  # caption | heading | paragraph
    text: str
    line: int


@dataclass(frozen=True)
class Scrape:
    """What the rules have decided so far."""
    lines: tuple[Line, ...]  # still undecided, in order
    parts: tuple[Part, ...] = ()  # decided body parts, once `lines` has been turned into them
    title: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    copyright: str | None = None
    removed: tuple[Removed, ...] = field(default=())

    def without(self, line: Line, reason: str, **changes) -> "Scrape":
        return replace(self, lines=tuple(l for l in self.lines if l is not line),
                       removed=self.removed + (Removed(line.number, line.text, reason),), **changes)


# --- the rules, in order ---------------------------------------------------------------

def drop_boilerplate(s: Scrape) -> Scrape:
    """Separators, 'Published in …', bylines, credit and copyright lines leave the body."""
    for i, line in enumerate(s.lines):
        t = line.text
        if SEPARATOR.match(t):
            s = s.without(line, "separator")
        elif PUBLISHED_IN.match(t):
            s = s.without(line, "publication line")
        elif CREDIT_LINE.match(t):
            s = s.without(line, "credit line", credits=s.credits + (t,))
        elif COPYRIGHT_LINE.match(t):
            s = s.without(line, "copyright line", copyright=t)
        elif i < 4 and s.byline is None and looks_like_byline(t):
            s = s.without(line, "byline", byline=t.removeprefix("By").strip())
        elif i < 4 and s.byline is not None and is_outlet(t):  # "By Ana Ruiz" then "Associated Press"
            s = s.without(line, "byline", byline=f"{s.byline}, {t}")
    return s


def drop_trailing_furniture(s: Scrape) -> Scrape:
    """'Comments', 'Share', 'Related' and the like after the last paragraph."""
    while s.lines and TRAILING_FURNITURE.match(s.lines[-1].text):
        s = s.without(s.lines[-1], "page furniture")
    return s


def take_headline(s: Scrape) -> Scrape:
    """A first line that reads as a headline becomes the title (and leaves the body)."""
    if len(s.lines) < 2 or PHOTO_CREDIT.search(s.lines[0].text):
        return s
    first, rest = s.lines[0].text, s.lines[1:]
    if looks_like_heading(first, HEADLINE_MAX_WORDS) or looks_like_headline_sentence(first, rest):
        return replace(s, lines=rest, title=first)
    return s


def take_caption(s: Scrape) -> Scrape:
    """A first line ending in a photo credit is the caption of the lead photo."""
    if s.lines and PHOTO_CREDIT.search(s.lines[0].text):
        first = s.lines[0]
        return replace(s, lines=s.lines[1:], parts=s.parts + (Part("caption", first.text, first.number),))
    return s


def split_body(s: Scrape) -> Scrape:
    """Every remaining line is a paragraph, a subheading, or a subheading glued to its paragraph."""
    parts = list(s.parts)
    words_elsewhere = _word_counts(s.lines)
    for line in s.lines:
        if looks_like_heading(line.text, SUBHEAD_MAX_WORDS) and line is not s.lines[-1]:
            parts.append(Part("heading", line.text, line.number))
            continue
        cut = glued_subheading_end(line.text, words_elsewhere)
        if cut:
            parts.append(Part("heading", line.text[:cut], line.number))
            parts.append(Part("paragraph", line.text[cut:], line.number))
        else:
            parts.append(Part("paragraph", line.text, line.number))
    return replace(s, lines=(), parts=tuple(parts))


RULES = (drop_boilerplate, drop_trailing_furniture, take_headline, take_caption, split_body)


def clean_scrape(text: str) -> Scrape:
    s = Scrape(lines=split_lines(text))
    for rule in RULES:
        s = rule(s)
    return s


# --- the small predicates the rules share ----------------------------------------------

def split_lines(text: str) -> tuple[Line, ...]:
    """Paragraphs with the line each starts on.

    One paragraph per line, unless the text is hard-wrapped (blank lines between
    paragraphs and short lines within them), where a paragraph's lines are joined.
    """
    raw = text.split("\n")
    lines = [Line(i + 1, t.strip()) for i, t in enumerate(raw)]
    nonblank = [l for l in lines if l.text]
    if not _hard_wrapped(text, nonblank):
        return tuple(nonblank)
    paragraphs, current = [], []
    for line in lines + [Line(len(lines) + 1, "")]:
        if line.text:
            current.append(line)
        elif current:
            paragraphs.append(Line(current[0].number, " ".join(l.text for l in current)))
            current = []
    return tuple(paragraphs)


def _hard_wrapped(text: str, nonblank: list[Line]) -> bool:
    if not re.search(r"\n[ \t]*\n", text) or len(nonblank) < 2:
        return False
    lengths = sorted(len(l.text) for l in nonblank)
    groups_with_several_lines = re.search(r"\S[ \t]*\n[ \t]*\S", text) is not None
    return groups_with_several_lines and lengths[len(lengths) // 2] <= 100


def looks_like_heading(text: str, max_words: int) -> bool:
    """Short, capitalised, and not ending like a sentence (a question is allowed)."""
    words = text.split()
    return (0 < len(words) <= max_words and len(text) <= 150
            and (text[0].isupper() or text[0].isdigit())
            and not HEADING_END.search(text))


def looks_like_headline_sentence(text: str, rest: tuple[Line, ...]) -> bool:
    """A headline that ends with a full stop (as some archives print them): short, capitalised, and
    either in Title Case or much shorter than the paragraphs that follow it."""
    words = text.split()
    if not (0 < len(words) <= HEADLINE_MAX_WORDS and len(text) <= 150 and (text[0].isupper() or text[0].isdigit())
            and HEADLINE_SENTENCE_END.search(text)):
        return False
    following = sorted(len(l.text) for l in rest[:10])
    return title_case(words) or (len(following) >= 2 and len(text) * 2 <= following[len(following) // 2])


def title_case(words: list[str]) -> bool:
    """Most words other than short ones like "of" and "the" start with a capital."""
    content = [w for w in (re.sub(r"^\W+", "", w) for w in words[1:]) if w and w.lower() not in TITLE_CASE_MINOR]
    content = [w for w in content if w[0].isalpha()]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def looks_like_byline(text: str) -> bool:
    """`By Name`, `Name, Outlet`, or an outlet's name alone ("The Associated Press", "Reuters")."""
    if BYLINE.match(text):
        return True
    if len(text.split()) > 10 or SENTENCE_END.search(text):
        return False
    m = NAME_AND_OUTLET.match(text)
    return is_outlet(m["outlet"]) if m else is_outlet(text)


def is_outlet(text: str) -> bool:
    """A short capitalised name whose last word names a kind of outlet: "Daily Post", "Reuters"."""
    words = text.split()
    return 0 < len(words) <= 5 and looks_like_heading(text, 5) and bool(OUTLET_WORD.fullmatch(words[-1])) \
        and all(w[0].isupper() or w.lower() in TITLE_CASE_MINOR for w in words)


def glued_subheading_end(text: str, words_elsewhere: dict[str, int]) -> int | None:
    """Where a subheading glued onto the front of this paragraph ends, or None.

    The subheading has 2-10 words and no sentence punctuation; the glued word
    ("spinClocking") is not a word the article uses elsewhere (as "PlayStation" or
    "YouTube" would be), nor a name written with a particle ("McDonald").
    """
    for m in GLUE_POINT.finditer(text, 0, 100):
        cut = m.start()
        head, rest = text[:cut], text[cut:]
        head_words = head.split()
        glued_word = head_words[-1] + rest.split()[0] if head_words and rest.split() else ""
        before = re.search(r"[A-Za-z'’]*$", head).group()
        if not (2 <= len(head_words) <= SUBHEAD_MAX_WORDS and looks_like_heading(head, SUBHEAD_MAX_WORDS)):
            continue
        if re.search(r"[,\"“”]", head) or NAME_PARTICLE.match(before):
            continue
        if len(re.search(r"[a-z]*$", head).group()) < 2 or words_elsewhere.get(_bare(glued_word), 0) > 1:
            continue
        if len(rest.split()) >= 4 and SENTENCE_END.search(rest):
            return cut
    return None


def _bare(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word)


def _word_counts(lines: tuple[Line, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in lines:
        for w in line.text.split():
            w = _bare(w)
            counts[w] = counts.get(w, 0) + 1
    return counts
