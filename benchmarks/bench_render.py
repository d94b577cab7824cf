"""Where to place annotation marks: on each block's pieces kept when it was read, or in the finished HTML?

    .venv/bin/python benchmarks/bench_render.py [--repeat N]
    .venv/bin/python benchmarks/bench_render.py --growth [--sizes small]

Times, per page, (a) the extra cost of marking the pieces (rendering the article
body with marks minus rendering it without), and (b) a BeautifulSoup pass that puts
the same marks into the finished page (parse, wrap text runs, serialise). Pages: the
two seeds with their curated annotations, and a synthetic 1,000-word article with 60
overlapping annotations. Prints the median of repeated runs.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from sitegen.annotate import annotate, number  # noqa: E402
from sitegen.config import SiteConfig  # noqa: E402
from sitegen.link import link  # noqa: E402
from sitegen.load import load_article, source_files  # noqa: E402
from sitegen.model import AnnotatedArticle, Annotation, Article, Block, Metadata, Person  # noqa: E402
from sitegen.mdparser import raw_markup  # noqa: E402
from sitegen.render.article import notes_by_id, render_blocks  # noqa: E402
from sitegen.render.overlay import Span, cut_runs  # noqa: E402
from sitegen.render.pages import render_site  # noqa: E402

REPEAT = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 50
PARAGRAPHS = (3_750, 7_500, 15_000, 30_000)
QUOTES = (2_500, 5_000, 10_000)


def synthetic_article() -> AnnotatedArticle:
    rng = random.Random(7)
    words = (ROOT / "seeds/001_bc0a6ab47d58b0ed.txt").read_text(encoding="utf-8").split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(100)) for _ in range(10)]
    blocks = tuple(Block("paragraph", p, raw_markup(p), i + 1) for i, p in enumerate(paragraphs))
    article = Article(Path("synthetic.txt"), "synthetic", Metadata("Synthetic"), blocks)
    text, people = article.text, (Person("Ann Example", "expert", "fellow", "Institute"),)
    anns = []
    for i, layer in enumerate(["quote"] * 20 + ["person"] * 30 + ["condition"] * 10):
        start = rng.randrange(len(text) - 300)
        anns.append(Annotation("", layer, start, start + rng.randrange(5, 250), ("Ann Example",)))
    return AnnotatedArticle(article, number(anns), people)


def median_ms(fn) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def soup_overlay(html: str, art: AnnotatedArticle) -> str:
    """The alternative: find each block in the finished page and wrap its text runs."""
    soup = BeautifulSoup(html, "html.parser")
    for el, start in zip(soup.select("[data-block]"), art.article.block_starts):
        length = len(el.get_text())
        spans = [Span(a.start - start, a.end - start, a.id) for a in art.annotations
                 if a.start < start + length and a.end > start]
        runs = cut_runs(length, spans)
        pos = 0
        for node in list(el.find_all(string=True)):
            pieces, node_end = [], pos + len(node)
            for run in runs:
                a, b = max(run.start, pos), min(run.end, node_end)
                if a >= b:
                    continue
                piece = str(node)[a - pos:b - pos]
                if run.ids:
                    tag = soup.new_tag("a", attrs={"class": "m", "data-ann": " ".join(run.ids)})
                    tag.string = piece
                    pieces.append(tag)
                else:
                    pieces.append(piece)
            node.replace_with(*pieces)
            pos = node_end
    return str(soup)


def quoted_paragraphs(n: int) -> AnnotatedArticle:
    """n short paragraphs, one quote each (as a long live blog or transcript)."""
    paragraphs = [f"Item {i}: the committee met again on Tuesday, an official said." for i in range(n)]
    blocks = tuple(Block("paragraph", p, raw_markup(p), i + 1) for i, p in enumerate(paragraphs))
    article = Article(Path("growth.txt"), "growth", Metadata("Growth"), blocks)
    anns = [Annotation("", "quote", s + 9, s + 9 + len("the committee met again on Tuesday"), ("Ann Example",),
                       "indirect", "said") for s in article.block_starts]
    return AnnotatedArticle(article, number(anns), (Person("Ann Example", "official"),))


def quotes_per_block(n: int, blocks: int = 10) -> AnnotatedArticle:
    """n curated quotes in one article of `blocks` long paragraphs: many annotations per block."""
    sentence = "An official said the talks went well. "
    per = n // blocks
    paragraphs = [sentence * per for _ in range(blocks)]
    article = Article(Path("dense.txt"), "dense", Metadata("Dense"),
                      tuple(Block("paragraph", p, raw_markup(p), i + 1) for i, p in enumerate(paragraphs)))
    anns = [Annotation("", "quote", start + k * len(sentence) + 17, start + k * len(sentence) + 36, ("Ann Example",),
                       "indirect", "said") for start in article.block_starts for k in range(per)]
    return AnnotatedArticle(article, number(anns), (Person("Ann Example", "official"),))


def render_seconds(art: AnnotatedArticle, config: SiteConfig) -> float:
    """CPU time of the render stage for one article: every page and data file of the site."""
    site = link([art])
    t = time.process_time()
    render_site(site, config)
    return time.process_time() - t


def growth() -> None:
    """Render time as the input doubles: linear when each doubling costs about twice (< 2.3)."""
    config = SiteConfig()
    small = "--sizes" in sys.argv and sys.argv[sys.argv.index("--sizes") + 1] == "small"
    for label, make, sizes in (("quoted paragraphs", quoted_paragraphs, PARAGRAPHS),
                               ("curated quotes, 10 paragraphs", quotes_per_block, QUOTES)):
        sizes = tuple(n // 25 for n in sizes) if small else sizes
        print(f"{label}:")
        previous = None
        for n in sizes:
            seconds = render_seconds(make(n), config)
            ratio = f"{seconds / previous:.2f}" if previous else "-"
            print(f"  {n:>7,}  {seconds:7.2f} s  ratio {ratio}")
            previous = seconds


def main() -> None:
    if "--growth" in sys.argv:
        growth()
        return
    config = SiteConfig()
    seeds = [annotate(load_article(p), config) for p in source_files(ROOT / "seeds")]
    cases = [(a.article.source_path.name, a) for a in seeds] + [("synthetic 1,000 words, 60 annotations",
                                                                 synthetic_article())]
    print(f"{'page':42} {'annotations':>11} {'on pieces':>11} {'soup pass':>10}  (median ms of {REPEAT})")
    for name, art in cases:
        site = link([art])
        art = site.articles[0]
        notes = notes_by_id(art, site)
        bare = replace(art, annotations=())
        with_marks = median_ms(lambda: render_blocks(art, notes))
        without = median_ms(lambda: render_blocks(bare, {}))
        page = render_site(link([bare]), config)[f"{art.article.slug}/index.html"].decode()
        soup = median_ms(lambda: soup_overlay(page, art))
        print(f"{name:42} {len(art.annotations):>11} {with_marks - without:>11.3f} {soup:>10.3f}")


if __name__ == "__main__":
    main()
