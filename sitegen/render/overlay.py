"""Overlapping annotation spans -> non-overlapping runs.

A name inside a quote, a condition inside a quote, two quotes sharing one span:
the spans are cut at every boundary into runs, each run carrying the ids of all
spans that cover it, so the marks placed on the page never interleave.
"""
from __future__ import annotations

from typing import NamedTuple


# Named tuples, not dataclasses: a page makes hundreds of runs, and a tuple is made in C.
class Span(NamedTuple):
    start: int
    end: int
    id: str


class Run(NamedTuple):
    start: int
    end: int
    ids: tuple[str, ...]  # covering spans, in the order they were given; () for plain text


def cut_runs(length: int, spans: list[Span], cuts: tuple[int, ...] = ()) -> list[Run]:
    """Runs that tile [0, length) exactly; spans are clipped to it and empty ones ignored.
    `cuts` are extra places a run must end (where something is inserted between two characters).

    One sweep over the boundaries, keeping the set of open spans (closed ones leave it, so a
    block with many short spans costs time in proportion to them, not their square).
    """
    order = {s.id: i for i, s in reversed(list(enumerate(spans)))}
    events: dict[int, list[tuple[int, str]]] = {0: [], length: []}
    for c in cuts:
        if 0 < c < length:
            events.setdefault(c, [])
    for s in spans:
        start, end = max(0, s.start), min(length, s.end)
        if end > start:
            events.setdefault(start, []).append((1, s.id))
            events.setdefault(end, []).append((-1, s.id))
    cut_set = set(cuts)
    runs: list[Run] = []
    open_ids: dict[str, int] = {}
    bounds = sorted(events)
    for a, b in zip(bounds, bounds[1:]):
        for delta, sid in events[a]:
            n = open_ids.get(sid, 0) + delta
            if n > 0:
                open_ids[sid] = n
            else:
                open_ids.pop(sid, None)
        ids = tuple(sorted(open_ids, key=order.__getitem__))
        if runs and runs[-1].ids == ids and a not in cut_set:
            runs[-1] = Run(runs[-1].start, b, ids)
        else:
            runs.append(Run(a, b, ids))
    return runs
