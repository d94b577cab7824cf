"""Overlapping annotation spans -> non-overlapping runs.

A name inside a quote, a condition inside a quote, two quotes sharing one span:
the spans are cut at every boundary into runs, each run carrying the ids of all
spans that cover it, so the marks placed on the page never interleave.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    id: str


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    ids: tuple[str, ...]  # covering spans, in the order they were given; () for plain text


def cut_runs(length: int, spans: list[Span]) -> list[Run]:
    """Runs that tile [0, length) exactly; spans are clipped to it and empty ones ignored."""
    spans = [s for s in spans if min(s.end, length) > max(s.start, 0)]
    bounds = sorted({0, length} | {max(0, s.start) for s in spans} | {min(length, s.end) for s in spans})
    runs = []
    for a, b in zip(bounds, bounds[1:]):
        ids = tuple(s.id for s in spans if s.start <= a and s.end >= b)
        if runs and runs[-1].ids == ids:
            runs[-1] = Run(runs[-1].start, b, ids)
        else:
            runs.append(Run(a, b, ids))
    return runs
