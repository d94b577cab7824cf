"""Which words in quotation marks are a quotation: long enough to be speech, and neither a
label (so-called "safe zones", a film titled "The Long Road") nor a title ("Make America
Great Again", "Meet the Press,")."""
from __future__ import annotations

import re

from .lexicon import alternation, entries

# A quotation of fewer words is a scare quote or a label ("a "reset"", "so-called "peace
# plan""): three words is where news quotes start to be statements.
MIN_QUOTE_WORDS = 3
LABEL_BEFORE = re.compile(rf"(?<![\w-])(?:{alternation(entries('label_cues'))})\s*$", re.I)
# 'called the plan "...": a labelling verb with up to four words before the mark.
CALLED_BEFORE = re.compile(r"(?<![\w-])called\s+(?:[\w’'-]+\s+){1,4}$", re.I)
# How much text before a quotation the label test reads.
LABEL_REACH = 40
TITLE_WORD = re.compile(r"[(\[]?[A-Z0-9]")  # "American Skin (41 Shots)"
TITLE_SMALL_WORDS = frozenset(entries("title_small_words"))


def is_quotation(text: str, a: int, b: int, floor: int) -> bool:
    """The words text[a:b] in marks are speech: long enough, not a label, not a title (`floor`:
    where the paragraph starts, so that the label test stays inside it)."""
    words = text[a:b].split()
    if len(words) < MIN_QUOTE_WORDS:
        return False
    before = text[max(floor, a - 1 - LABEL_REACH):a - 1]
    if LABEL_BEFORE.search(before) or CALLED_BEFORE.search(before):
        return False
    return not is_title(words)


def is_title(words: list[str]) -> bool:
    """"Make America Great Again", "The Art of the Deal", "Meet the Press,": every word but the
    small ones capitalised; a question or an exclamation is speech, not a title."""
    if words[-1][-1] in "!?":
        return False
    return all(TITLE_WORD.match(w) or w in TITLE_SMALL_WORDS for w in words)
