"""Anchoring a TextQuoteSelector (exact, prefix, suffix) in an article's text.

Exact matching first; `prefix`/`suffix` choose between repeats. When the text has
changed a little since the annotation was written, fall back to approximate matching
as the Hypothesis client does: edit distance over the quote (Sellers' algorithm: the
best substring of the text, not of the whole text), weighed with how well the prefix
and suffix still fit. A match must reach SCORE_FLOOR and beat any other place by
RUNNER_UP_MARGIN, or the annotation is refused rather than put in the wrong place.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Selector

SCORE_FLOOR = 0.8  # at most about a fifth of the quote may have changed
RUNNER_UP_MARGIN = 0.05
CONTEXT_CHARS = 32  # how much prefix and suffix a selector carries, and how much of it is compared


class AnchorError(Exception):
    def __init__(self, reason: str, closest: str | None):
        super().__init__(reason)
        self.reason = reason
        self.closest = closest


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float


def anchor(text: str, selector: Selector) -> tuple[int, int]:
    """[start, end) of the selector in text, or AnchorError (orphaned or ambiguous)."""
    exact = selector.exact
    hits = _occurrences(text, exact)
    if len(hits) == 1:
        return hits[0], hits[0] + len(exact)
    if hits:
        ranked = sorted(((_context_fit(text, h, h + len(exact), selector), h) for h in hits), reverse=True)
        (best, start), (second, _) = ranked[0], ranked[1]
        if best > second:
            return start, start + len(exact)
        raise AnchorError(f"ambiguous: the text occurs {len(hits)} times; add a prefix or suffix to choose one",
                          _with_context(text, ranked[0][1], ranked[0][1] + len(exact)))
    candidates = fuzzy_candidates(text, selector)
    if not candidates or candidates[0].score < SCORE_FLOOR:
        closest = _with_context(text, candidates[0].start, candidates[0].end) if candidates else None
        raise AnchorError("orphaned: the text is not in the article any more", closest)
    best = candidates[0]
    if len(candidates) > 1 and candidates[1].score > best.score - RUNNER_UP_MARGIN:
        raise AnchorError("ambiguous: the changed text fits two places equally well",
                          _with_context(text, best.start, best.end))
    return best.start, best.end


def fuzzy_candidates(text: str, selector: Selector) -> list[Candidate]:
    """Places the quote approximately occurs, best first, at most one per overlapping cluster."""
    exact = selector.exact
    found = []
    for start, end, distance in _approximate_matches(text, exact):
        quote_fit = 1 - distance / max(len(exact), 1)
        score = quote_fit if quote_fit < SCORE_FLOOR else _weigh(quote_fit, text, start, end, selector)
        found.append(Candidate(start, end, score))
    found.sort(key=lambda c: (-c.score, c.start))
    kept: list[Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


def _weigh(quote_fit: float, text: str, start: int, end: int, selector: Selector) -> float:
    """The quote's fit, nudged by how well the context still fits (as Hypothesis weighs them)."""
    if not (selector.prefix or selector.suffix):
        return quote_fit
    return 0.8 * quote_fit + 0.2 * _context_fit(text, start, end, selector)


def _context_fit(text: str, start: int, end: int, selector: Selector) -> float:
    parts = []
    if selector.prefix:
        p = selector.prefix[-CONTEXT_CHARS:]
        parts.append(SequenceMatcher(None, text[max(0, start - len(p)):start], p).ratio())
    if selector.suffix:
        s = selector.suffix[:CONTEXT_CHARS]
        parts.append(SequenceMatcher(None, text[end:end + len(s)], s).ratio())
    return sum(parts) / len(parts) if parts else 0.0


def _approximate_matches(text: str, pattern: str) -> list[tuple[int, int, int]]:
    """(start, end, edits) of substrings of text close to pattern (Sellers 1980).

    Returns every end position within reach of the score floor (plus a margin, to see
    runners-up), or else just the closest one, to show in the error message.
    """
    m = len(pattern)
    reach = int(m * (1 - SCORE_FLOOR + RUNNER_UP_MARGIN * 2))
    prev, prev_start = list(range(m + 1)), [0] * (m + 1)
    near, closest = [], None
    for j, ch in enumerate(text):
        cur, cur_start = [0], [j + 1]
        for i in range(1, m + 1):
            sub = prev[i - 1] + (pattern[i - 1] != ch)
            dele = prev[i] + 1
            ins = cur[i - 1] + 1
            if sub <= dele and sub <= ins:
                cur.append(sub)
                cur_start.append(prev_start[i - 1])
            elif dele <= ins:
                cur.append(dele)
                cur_start.append(prev_start[i])
            else:
                cur.append(ins)
                cur_start.append(cur_start[i - 1])
        match = (cur_start[m], j + 1, cur[m])
        if cur[m] <= reach:
            near.append(match)
        if closest is None or cur[m] < closest[2]:
            closest = match
        prev, prev_start = cur, cur_start
    return near or ([closest] if closest else [])


def _occurrences(text: str, exact: str) -> list[int]:
    hits, i = [], text.find(exact)
    while i != -1 and exact:
        hits.append(i)
        i = text.find(exact, i + 1)
    return hits


def _with_context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 20):start]
    after = text[end:end + 20]
    return f"…{before}[{text[start:end]}]{after}…"
