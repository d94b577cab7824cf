"""Time approximate anchoring: does it grow with text plus quote, not text times quote?

    .venv/bin/python benchmarks/bench_anchor.py [--runs N]

Cases (CPU time of this process, median of N runs):
- a 5 KB quote that is nowhere in a 150 KB article (the issue's limit: under 2 s; fails, as it must);
- the same quote with a few typos, where it is (found);
- a 300-character quote with a typo or two in articles of 150 KB to 1.2 MB: the growth per doubling.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen import anchor as anchoring  # noqa: E402
from sitegen.anchor import AnchorError, anchor  # noqa: E402
from sitegen.model import Selector  # noqa: E402

COMMON = "the a of to in and said that for on was with he it as by".split()


def article(size: int, seed: int = 1) -> str:
    """Synthetic news-like text of about `size` characters: common words and many distinct ones."""
    rnd = random.Random(seed)
    words = [w if rnd.random() < 0.45 else f"{rnd.choice('bcdfglmprst')}{rnd.choice('aeiou')}{n % 997}"
             for n, w in enumerate(rnd.choice(COMMON) for _ in range(size // 5))]
    paragraphs = [" ".join(words[i:i + 70]) + "." for i in range(0, len(words), 70)]
    return "\n\n".join(paragraphs)[:size]


def typos(text: str, every: int) -> str:
    """Every `every`-th letter (counting letters only, from the middle of the first stretch) made an 'x'."""
    out, letters = [], 0
    for c in text:
        if c.isalpha():
            letters += 1
            c = "x" if letters % every == every // 2 else c
        out.append(c)
    return "".join(out)


def cpu(fn, runs: int) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(runs):
        anchoring._word_places.cache_clear()  # cold: the article's word index is part of the cost
        start = time.process_time()
        try:
            outcome = f"anchored at {fn()[0]}"
        except AnchorError as exc:
            outcome = exc.reason.split(":")[0]
        times.append(time.process_time() - start)
    return statistics.median(times), outcome


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    runs = p.parse_args().runs
    text = article(150_000)
    elsewhere = article(5_000, seed=7)
    start = len(text) // 2
    there = typos(text[start:start + 5_000], every=400)
    print(f"{'case':52} {'CPU s':>8}  outcome")
    for name, selector in (("5 KB quote nowhere in a 150 KB article", Selector(elsewhere)),
                           ("5 KB quote with 12 typos in a 150 KB article", Selector(there))):
        seconds, outcome = cpu(lambda: anchor(text, selector), runs)
        print(f"{name:52} {seconds:8.4f}  {outcome}")
    previous = None
    for size in (150_000, 300_000, 600_000, 1_200_000):
        big = article(size)
        quote = typos(big[size // 2:size // 2 + 300], every=100)
        seconds, outcome = cpu(lambda: anchor(big, Selector(quote)), runs)
        ratio = f"x{seconds / previous:.2f}" if previous else ""
        print(f"{f'300-char quote, 1-2 typos, {size // 1000} KB article':52} {seconds:8.4f}  {outcome} {ratio}")
        previous = seconds


if __name__ == "__main__":
    main()
