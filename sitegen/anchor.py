"""Anchoring a TextQuoteSelector (exact, prefix, suffix) in an article's text.

Exact matching first; `prefix`/`suffix` choose between repeats. When the text has
changed a little since the annotation was written, fall back to approximate matching
as the Hypothesis client does: edit distance over the quote (Sellers' algorithm: the
best substring of the text, not of the whole text), weighed with how well the prefix
and suffix still fit. A match must reach SCORE_FLOOR and beat any other place by
RUNNER_UP_MARGIN, or the annotation is refused rather than put in the wrong place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .model import Selector

SCORE_FLOOR = 0.8  # at most about a fifth of the quote may have changed
RUNNER_UP_MARGIN = 0.05
CONTEXT_CHARS = 32  # how much prefix and suffix a selector carries, and how much of it is compared
# Approximate matching costs quote length x window length; a quote longer than this must match exactly
# (a person re-quotes it), so no sidecar can make a build take minutes.
FUZZY_LIMIT = 20_000
MAX_WINDOWS = 6  # places compared closely: the best, runners-up to tell ambiguity, and a few more
MIN_VOTES = 0.3  # share of the quote's words that must recur near a place for it to be compared
COMMON_WORD = 50  # a word found more often than this in the article says little about where a quote is
PLACES_PER_WINDOW = 3  # a window may hold the quote and a near-copy: keep both, to see ambiguity
MIN_RARE = 3  # fewer rare words than this vote too unevenly: then every word votes
WORD = re.compile(r"\w+")


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
        too_long = f" (over {FUZZY_LIMIT} characters, so it must match exactly)" if len(exact) > FUZZY_LIMIT else ""
        raise AnchorError(f"orphaned: the text is not in the article any more{too_long}", closest)
    best = candidates[0]
    if len(candidates) > 1 and candidates[1].score > best.score - RUNNER_UP_MARGIN:
        raise AnchorError("ambiguous: the changed text fits two places equally well",
                          _with_context(text, best.start, best.end))
    return best.start, best.end


def fuzzy_candidates(text: str, selector: Selector) -> list[Candidate]:
    """Places the quote approximately occurs, best first, at most one per overlapping cluster.

    Two passes, so the cost grows with the text's length plus the quote's, not their product: words of
    the quote vote for where it would start (`_windows`), then edit distance runs only inside the few
    windows with enough votes.
    """
    exact = selector.exact
    if len(exact) > FUZZY_LIMIT:
        return []
    found = []
    for lo, hi in _windows(text, exact):
        for start, end, distance in _approximate_matches(text[lo:hi], exact):
            start, end = _snap_to_words(text, lo + start, lo + end)
            quote_fit = 1 - distance / max(len(exact), 1)
            score = quote_fit if quote_fit < SCORE_FLOOR else _weigh(quote_fit, text, start, end, selector)
            found.append(Candidate(start, end, score))
    found.sort(key=lambda c: (-c.score, c.start))
    kept: list[Candidate] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


def _windows(text: str, pattern: str) -> list[tuple[int, int]]:
    """Stretches of text where the pattern may approximately be: [lo, hi) around the likeliest starts.

    Every word the quote shares with the text votes for a start (the word's place in the text less its
    place in the quote); a changed word or two shifts the votes a little, so nearby starts pool theirs.
    """
    words = [(m.start(), m.group().casefold()) for m in WORD.finditer(pattern)]
    if not words:
        return []
    places = _word_places(text)
    rare = [(offset, w) for offset, w in words if 0 < len(places.get(w, ())) <= COMMON_WORD]
    voters = rare if len(rare) >= min(MIN_RARE, len(words)) else words
    votes: dict[int, int] = {}
    pool = max(8, len(pattern) // 8)  # starts this close pool their votes
    for offset, w in voters:
        for place in places.get(w, ()):
            votes[(place - offset) // pool] = votes.get((place - offset) // pool, 0) + 1
    slack = int(len(pattern) * (1 - SCORE_FLOOR)) + pool
    windows = []
    for bucket, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WINDOWS]:
        if windows and n + votes.get(bucket - 1, 0) + votes.get(bucket + 1, 0) < MIN_VOTES * len(voters):
            break  # (the best place is always compared: it is the closest text an error message shows)
        lo = max(0, bucket * pool - slack)
        windows.append((lo, min(len(text), bucket * pool + pool + len(pattern) + slack)))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


@lru_cache(maxsize=4)  # one article's text serves all of its sidecar's annotations
def _word_places(text: str) -> dict[str, list[int]]:
    places: dict[str, list[int]] = {}
    for m in WORD.finditer(text):
        places.setdefault(m.group().casefold(), []).append(m.start())
    return places


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match that starts or ends inside a word to the whole word: `e vote` -> `the vote`."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


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
    """(start, end, edits) of substrings of text close to pattern, best first, a few apart.

    The places within reach of the score floor (plus a margin, to see runners-up), or else just the
    closest one, to show in the error message. Distances come from `end_distances`; a place's start
    from the same search run backwards from its end.
    """
    m = len(pattern)
    if not m or not text:
        return []
    reach = int(m * (1 - SCORE_FLOOR + RUNNER_UP_MARGIN * 2))
    distances = end_distances(text, pattern)
    ends = sorted(range(len(text)), key=lambda j: (distances[j], j))
    near = [j for j in ends if distances[j] <= reach] or ends[:1]
    chosen: list[int] = []
    for j in near:  # one place per stretch of half a quote: its neighbours are the same place, shifted
        if len(chosen) == PLACES_PER_WINDOW:
            break
        if all(abs(j - c) > m // 2 for c in chosen):
            chosen.append(j)
    return [(_start_of(text, pattern, j + 1, distances[j]), j + 1, distances[j]) for j in chosen]


def _start_of(text: str, pattern: str, end: int, distance: int) -> int:
    """Where the closest match ending at `end` starts: the same search, on both strings reversed."""
    lo = max(0, end - len(pattern) - distance)
    back = end_distances(text[lo:end][::-1], pattern[::-1])
    best = min(range(len(back)), key=lambda j: (back[j], abs(j + 1 - len(pattern))))
    return end - (best + 1)


def end_distances(text: str, pattern: str) -> list[int]:
    """For each j, the fewest edits that turn pattern into some substring of text ending at j + 1.

    Sellers' problem (approximate matching with a free start), solved by Myers' bit-vector algorithm
    (1999): a column of the edit-distance table is two bit masks, advanced a text character at a
    time with a few integer operations, so the cost is len(text) x len(pattern) / 64 machine steps.
    """
    m = len(pattern)
    full, high = (1 << m) - 1, 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = full, 0, m
    out = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & full  # shifting in 0: a match may start anywhere in the text
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        out.append(score)
    return out


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
