"""Reading level: the Flesch–Kincaid grade of an article's paragraphs.

grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (Kincaid et al., 1975).
Syllables are counted by the usual heuristic (groups of vowels, less a silent final e),
which is what most readability tools do for English.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1 << 16)  # a site's articles share most of their words
def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    count = len(VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_kincaid_grade(paragraphs: list[str]) -> float:
    words = WORD.findall("\n".join(paragraphs))  # one pass (a word never spans the line between two)
    sentences = sum(max(1, len(SENTENCE_END.findall(p))) for p in paragraphs if p.strip())
    if not words or not sentences:
        return 0.0
    counts = Counter(words)  # news repeats its words: count each word's syllables once
    total = sum(syllables(w) * n for w, n in counts.items())
    grade = 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
    return round(grade, 1)
