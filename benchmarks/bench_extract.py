"""Time extract() on the seed articles and on a synthesized 1,000-word article.

    .venv/bin/python benchmarks/bench_extract.py [--runs N] [--scaling] [--folder DIR]

Prints the median time per call, as wall-clock time and as CPU time of this process
(the latter is steadier on a shared, busy machine); the target is 3 ms of CPU for
1,000 words. Each run reads its article as new: the extractor's remembered word tests
are forgotten before it (lexicon.forget), so that timing one article fifty times does
not profit from having read it. Then, with --scaling, the CPU time of one call on
articles of 2,500 and 10,000 one-line quotes: extraction must grow linearly (about 4
times), not faster. With --folder, every article of DIR once, in order, as a build
reads them (what one article has taught the caches serves the next): the median CPU
per 1,000 words over the articles, and the total.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.config import Party  # noqa: E402
from sitegen.extract import extract  # noqa: E402
from sitegen.extract.lexicon import forget  # noqa: E402

PARAGRAPHS = (
    "\"The talks are over for now,\" Kremlin spokesman Dmitry Peskov told reporters on Tuesday, the state-run "
    "Tass news service reported.",
    "Moscow has demanded that Kyiv withdraw its troops from four regions as a condition for a ceasefire, "
    "according to a statement issued by the Kremlin.",
    "Chinese experts said that the call had changed little. \"Both sides are testing each other,\" said Wang Lei, "
    "a professor at Renmin University of China. The gap remains wide, Wang said.",
    "One senior Western official, speaking on condition of anonymity, said allies would meet in Brussels. "
    "The official added that no decision had been taken.",
    "Maria Lopez, a senior fellow at the Atlantic Council, argues that sanctions are working. In a note to "
    "clients, she writes:",
    "\"The Russian economy is running on fumes. Oil revenues are down a third.",
    "\"The question is how long Moscow can keep this up,\" Lopez said.",
    "Putin's demand to halt arms deliveries as the key condition for talks was rejected by German Chancellor "
    "Friedrich Merz, who said Europe would not be dictated to. Ukraine's foreign ministry said the demands were "
    "\"an ultimatum dressed up as diplomacy.\"",
)


# Narrative paragraphs, attributed to no one: news copy alternates them with quotes.
NARRATIVE = (
    "The talks in Riyadh ended late on Tuesday without a joint statement. Delegations from both countries left the "
    "hotel separately, and no date was set for a second round.",
    "Russian forces have advanced slowly in the east this year, taking several villages near Pokrovsk. Ukraine's "
    "drone strikes on refineries have cut fuel exports by a fifth since January.",
    "European leaders are due to meet in Brussels next week to discuss a new package of sanctions and the use of "
    "frozen Russian assets to fund Ukraine's reconstruction.",
)


def synthesized_article(words: int = 1000, narrative: bool = True) -> str:
    """About `words` words of news copy; with `narrative`, quote paragraphs alternate with plain ones
    as they do in the seeds, otherwise every sentence is attributed (a worst case)."""
    out, count, n = [], 0, 0
    while count < words:
        if narrative and n % 2:
            p = NARRATIVE[(n // 2) % len(NARRATIVE)]
        else:
            p = PARAGRAPHS[(n // 2 if narrative else n) % len(PARAGRAPHS)]
        out.append(p)
        count += len(p.split())
        n += 1
    return "\n\n".join(out)


def seed_texts() -> dict[str, str]:
    """The seeds as plain paragraphs (one per line), boilerplate and all: close enough for timing."""
    texts = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        texts[path.name] = "\n\n".join(lines)
    return texts


def median_ms(text: str, runs: int, clock) -> float:
    party = Party()
    extract(text, party)  # warm the regex caches
    times = []
    for _ in range(runs):
        forget()  # each run reads the article as new: no word test remembered from the run before
        t0 = clock()
        extract(text, party)
        times.append(clock() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--scaling", action="store_true", help="also time 2,500 and 10,000 one-line quotes")
    ap.add_argument("--folder", type=Path, help="also time every article of this folder once, as a build does")
    args = ap.parse_args()
    cases = {**seed_texts(), "synthesized": synthesized_article(),
             "synthesized, all quotes": synthesized_article(narrative=False)}
    for name, text in cases.items():
        words = len(text.split())
        wall = median_ms(text, args.runs, time.perf_counter)
        cpu = median_ms(text, args.runs, time.process_time)
        print(f"{name:26} {words:5} words  median wall {wall:6.2f} ms  cpu {cpu:6.2f} ms"
              f"  (cpu {cpu * 1000 / words:5.2f} ms per 1,000 words)")
    if args.scaling:
        for n in (2500, 10000):
            text = quote_lines(n)
            t0 = time.process_time()
            extract(text, Party())
            print(f"{n:6} one-line quotes      cpu {time.process_time() - t0:6.2f} s")
    if args.folder:
        print(folder_line(args.folder))
    return 0


def folder_line(folder: Path) -> str:
    """Each article of the folder extracted once, in a process whose remembered word tests are forgotten first."""
    from sitegen.load import load_article, source_files  # only this option reads article files
    texts = [load_article(p).text for p in source_files(folder)]
    forget()
    party = Party()
    per_1000, total_cpu, total_words = [], 0.0, 0
    for text in texts:
        words = len(text.split())
        t0 = time.process_time()
        extract(text, party)
        cpu = time.process_time() - t0
        total_cpu += cpu
        total_words += words
        if words:
            per_1000.append(cpu * 1000 * 1000 / words)
    median = statistics.median(per_1000) if per_1000 else 0.0
    return (f"{folder}: {len(texts)} articles once, {total_words} words, cpu {total_cpu:.2f} s"
            f"  (median {median:.2f} ms per 1,000 words; all together {total_cpu * 1e6 / max(total_words, 1):.2f})")


def quote_lines(n: int) -> str:
    """An article of n short paragraphs, each one quote with its speaker: the worst case for long texts."""
    shapes = ('"We will build bridge {i} soon," Ana Ruiz said.', '"The ministry will build road {i}," it said.',
              '"We will build school {i} soon," he said.', '"Building {i} opens in May."',
              "The ministry said road {i} was done.")
    return "\n\n".join(shapes[i % len(shapes)].format(i=i) for i in range(n))


if __name__ == "__main__":
    sys.exit(main())
