"""Whole-site benchmark: this project against Pelican 4.12 on the same generated corpus (`make bench`).

    .venv/bin/python benchmarks/bench_site.py [--articles N] [--runs N] [--scale N ...] [--no-pelican] ...

The corpus comes from ../shared/bench (gen_corpus.py writes Pelican's Markdown, to_project.py the same
bodies with our front matter), generated at run time into a temporary folder. Pelican is installed on
first use into its own virtual environment, benchmarks/.pelican-venv. Builds alternate (ours, Pelican,
ours --annotations none, ...) so that whatever else the machine is doing falls on both alike. Each build is
a child process measured with os.wait4: wall time, user+sys CPU of it and its waited-for children, and the
peak RSS of its largest process; a thread also samples the RSS of the child and all its descendants
together (a process pool's workers). Progress goes to stderr; the results, as markdown tables, to stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import FLOORS, compile_project  # noqa: E402  (a script beside this one)

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "bench"
PELICAN_VENV = ROOT / "benchmarks" / ".pelican-venv"
PELICAN_SPEC = "pelican==4.12.*"


@dataclass(frozen=True)
class Measurement:
    wall: float  # seconds
    cpu: float  # user + sys seconds, the child's and its waited-for children's
    peak_mb: float  # ru_maxrss: the largest single process, not the sum of a pool's workers
    tree_mb: float  # the most the child and its descendants held together, sampled (0 without /proc)


@dataclass
class Row:
    label: str
    articles: int
    runs: list[Measurement]
    output: tuple[int, float] | None = None  # files and MB of one built site

    def median(self, attr: str) -> float:
        return statistics.median(getattr(m, attr) for m in self.runs)

    def peaks(self) -> str:
        return f"{self.median('peak_mb'):.0f} | {self.median('tree_mb'):.0f}"

    def pages_per_s(self) -> float:
        return self.articles / self.median("wall")


class BuildFailed(Exception):
    pass


# --- measuring -----------------------------------------------------------------------------------------

SAMPLE_EVERY = 0.2  # seconds; a scan of /proc costs a few milliseconds


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, now (Linux's /proc; 0 elsewhere)."""
    parent = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # it ended while we looked
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parent.items() if ppid in tree} - tree
        tree, grew = tree | more, bool(more)
    pages = 0
    for pid in tree:
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class TreeSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            self.peak_mb = max(self.peak_mb, tree_rss_mb(self.pid))


def measure(cmd: list[str], log: Path, env: dict | None = None) -> Measurement:
    """Run cmd to completion as a child process; its output goes to log (a pipe could fill and block)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # releases the GIL: the sampler keeps sampling
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
    if child.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise BuildFailed(f"{' '.join(map(str, cmd))} exited {child.returncode}:\n{tail}")
    peak_mb = usage.ru_maxrss / 1024
    # A run shorter than one sample is not missed: together is at least the largest process.
    return Measurement(wall, usage.ru_utime + usage.ru_stime, peak_mb, max(peak_mb, sampler.peak_mb))


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- the corpus ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Corpus:
    articles: int
    raw: Path  # Pelican's Markdown (Key: value metadata)
    project: Path  # the same bodies with YAML front matter, for build.py


def make_corpus(n: int, work: Path) -> Corpus:
    raw, project = work / f"corpus-{n}" / "raw", work / f"corpus-{n}" / "project"
    if not project.exists():
        for tool, args in (("gen_corpus.py", [str(n), str(raw)]), ("to_project.py", [str(raw), str(project)])):
            subprocess.run([sys.executable, str(TOOLS / tool), *args], check=True, capture_output=True)
    return Corpus(n, raw, project)


def append_sentence(article: Path, k: int) -> None:
    with open(article, "a", encoding="utf-8") as f:
        f.write(f"\nThe council said on Friday that review number {k + 1} would end in spring.\n")


def first_article(corpus_dir: Path) -> Path:
    return sorted(corpus_dir.glob("*.md"))[0]


# --- the two builders ------------------------------------------------------------------------------------

def build_has_jobs() -> bool:
    """`--jobs` is passed only when build.py lists it (it is being added in parallel)."""
    help_text = subprocess.run([sys.executable, "build.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    return "--jobs" in help_text.stdout


def ours(corpus: Corpus, out: Path, annotations: str = "auto", jobs: int | None = None) -> list[str]:
    cmd = [sys.executable, "build.py", "--seeds", str(corpus.project), "--out", str(out), "--annotations", annotations]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


def pelican(corpus: Corpus, out: Path) -> tuple[list[str], dict]:
    # No bytecode: Pelican imports pelicanconf.py, and ../shared/bench is not ours to write into.
    env = dict(os.environ, CORPUS=str(corpus.raw), PYTHONDONTWRITEBYTECODE="1")
    cmd = [str(PELICAN_VENV / "bin" / "pelican"), str(corpus.raw), "-s", str(TOOLS / "pelicanconf.py"), "-o", str(out)]
    return cmd, env


def ensure_pelican() -> str:
    """Create benchmarks/.pelican-venv on first use; Pelican's version string."""
    marker = PELICAN_VENV / ".installed"
    if not marker.exists():
        progress(f"installing {PELICAN_SPEC} into {PELICAN_VENV.relative_to(ROOT)} (once)")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PELICAN_VENV)], check=True)
        subprocess.run([str(PELICAN_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", PELICAN_SPEC,
                        "markdown"], check=True)
        marker.touch()
    found = subprocess.run([str(PELICAN_VENV / "bin" / "pelican"), "--version"], capture_output=True, text=True)
    return found.stdout.strip()


# --- what is measured ------------------------------------------------------------------------------------

class Bench:
    """Fresh folders for every cold build: a cache kept beside the output must not carry over.

    Nothing is deleted until the benchmark ends (main removes the whole work folder). On ext4, files
    created in the minutes after many were deleted cost up to 30 times the system time (the file system
    does not reuse an inode freed in the last minute or more, and searches past them): deleting each
    build's 6,000 files before the next build made that build pay for the one before, whichever tool
    it was, and made our times depend on what ran before them."""

    def __init__(self, work: Path):
        self.work = work
        self.count = 0

    def fresh(self, name: str) -> Path:
        self.count += 1
        folder = self.work / "runs" / f"{self.count:03d}-{name}"
        folder.mkdir(parents=True)
        return folder

    def run(self, name: str, cmd: list[str], env: dict | None = None) -> Measurement:
        m = measure(cmd, self.work / "last.log", env)
        progress(f"  {name}: {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.peak_mb:.0f} MB, {m.tree_mb:.0f} MB together")
        return m


def cold_rounds(bench: Bench, corpus: Corpus, args, jobs: int | None) -> tuple[list[Row], Path]:
    """Alternating cold builds; also returns one of our finished sites for the rebuild measurements."""
    kinds = [("this project, automatic annotation", lambda out: (ours(corpus, out, "auto", jobs), None))]
    if not args.no_pelican:
        kinds.append(("Pelican 4.12", lambda out: pelican(corpus, out)))
    if not args.no_plain:
        kinds.append(("this project, --annotations none", lambda out: (ours(corpus, out, "none", jobs), None)))
    if jobs is not None and not args.no_serial:
        kinds.append(("this project, automatic annotation, --jobs 1", lambda out: (ours(corpus, out, "auto", 1), None)))
    rows = [Row(label, corpus.articles, []) for label, _ in kinds]
    kept = None
    for k in range(args.runs):
        progress(f"cold builds, round {k + 1} of {args.runs}")
        for row, (label, command) in zip(rows, kinds):
            out = bench.fresh("cold") / "site"
            cmd, env = command(out)
            row.runs.append(bench.run(label, cmd, env))
            row.output = row.output or folder_size(out)
            if row is rows[0] and kept is None:
                kept = out
    return rows, kept


def rebuild_rows(bench: Bench, corpus: Corpus, site: Path, args, jobs: int | None) -> list[Row]:
    """Into an already built folder: a no-change rebuild, then one-article edits (the corpus is edited)."""
    unchanged, edited = Row("no-change rebuild (CLI)", corpus.articles, []), Row("one-article edit (CLI)", corpus.articles, [])
    progress("rebuilds into the same folder")
    for _ in range(args.rebuild_runs):
        unchanged.runs.append(bench.run(unchanged.label, ours(corpus, site, "auto", jobs)))
    for k in range(args.rebuild_runs):
        append_sentence(first_article(corpus.project), k)
        edited.runs.append(bench.run(edited.label, ours(corpus, site, "auto", jobs)))
    return [unchanged, edited]


def dev_server_row(bench: Bench, corpus: Corpus, runs: int) -> Row:
    """DevBuild in a child process: its timings of each edit's rebuild, and the whole process's peak RSS."""
    progress("dev server: one-article edits")
    out = bench.fresh("dev") / "site"
    report = bench.work / "dev.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--dev-child", str(corpus.project), str(out), str(runs),
           str(report)]
    whole = bench.run("dev server process (first build and edits)", cmd)
    timings = json.loads(report.read_text(encoding="utf-8"))
    return Row("one-article edit (dev server)", corpus.articles,
               [Measurement(wall, cpu, whole.peak_mb, whole.tree_mb) for wall, cpu in timings])


def dev_child(project: Path, out: Path, runs: int, report: Path) -> None:
    """Runs inside the child: DevBuild's first build, then `runs` timed rebuilds after one-article edits."""
    sys.path.insert(0, str(ROOT))
    from sitegen.config import load_config
    from sitegen.serve import DevBuild

    dev = DevBuild(load_config(None, seeds_dir=project, out_dir=out, annotations="auto"))
    dev.rebuild()
    timings = []
    for k in range(runs):
        append_sentence(first_article(project), k)
        wall, cpu = time.perf_counter(), time.process_time()
        written = dev.rebuild()
        timings.append((time.perf_counter() - wall, time.process_time() - cpu))
        if dev.error or not written:  # a rebuild that wrote nothing measured nothing
            sys.exit(f"the dev server's rebuild failed or wrote nothing: {dev.error}")
    report.write_text(json.dumps(timings), encoding="utf-8")


def scale_rows(bench: Bench, sizes: list[int], jobs: int | None, cold: Row) -> list[Row]:
    """One cold build per size; the compared size is not built again (its median stands in)."""
    rows = []
    for n in sizes:
        if n == cold.articles:
            rows.append(Row(f"{n:,} (median of the cold builds)", n, cold.runs))
            continue
        progress(f"scale: {n} articles")
        corpus = make_corpus(n, bench.work)
        out = bench.fresh(f"scale-{n}") / "site"
        rows.append(Row(f"{n:,}", n, [bench.run(f"{n} articles", ours(corpus, out, "auto", jobs))]))
    return rows


def startup_rows(bench: Bench, runs: int) -> list[Row]:
    """`build.py --help` against a build of the two seeds: how much of a small build is start-up; and
    the floors no build goes below (bench_startup.FLOORS: Python alone, Python loading Jinja)."""
    rows = [Row("python build.py --help", 0, []), Row("python build.py (the two seeds)", 2, []),
            *(Row(label, 0, []) for label in FLOORS)]
    progress("start-up")
    for _ in range(runs):
        rows[0].runs.append(bench.run(rows[0].label, [sys.executable, "build.py", "--help"]))
        out = bench.fresh("seeds") / "site"
        rows[1].runs.append(bench.run(rows[1].label, [sys.executable, "build.py", "--out", str(out)]))
        for row in rows[2:]:
            row.runs.append(bench.run(row.label, FLOORS[row.label](None)))
    return rows


def folder_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


# --- the report ------------------------------------------------------------------------------------------

def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()}"


PEAKS = "peak MB, largest process | peak MB, all processes"


def cold_table(rows: list[Row], runs: int) -> list[str]:
    baseline = next((r for r in rows if r.label.startswith("Pelican")), None)
    lines = [f"Cold builds, {rows[0].articles:,} articles, median of {runs} alternating runs:", "",
             f"| build | wall s | CPU s | article pages/s | {PEAKS} | pages/s vs Pelican | pages per CPU s vs Pelican "
             "| files written | MB written |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        # By CPU too: on a shared machine wall time also counts the others' work.
        by_wall = f"{r.pages_per_s() / baseline.pages_per_s():.2f}×" if baseline else "n/a"
        by_cpu = f"{baseline.median('cpu') / r.median('cpu'):.2f}×" if baseline else "n/a"
        lines.append(f"| {r.label} | {r.median('wall'):.2f} | {r.median('cpu'):.2f} | {r.pages_per_s():.1f} "
                     f"| {r.peaks()} | {by_wall} | {by_cpu} | {r.output[0]:,} | {r.output[1]:.1f} |")
    return lines


def rebuild_table(rows: list[Row], cold: Row) -> list[str]:
    lines = [f"Rebuilds, {cold.articles:,} articles (median of {len(rows[0].runs)}):", "",
             f"| case | wall s | CPU s | {PEAKS} | share of a cold build: wall | CPU |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r.label} | {r.median('wall'):.3f} | {r.median('cpu'):.3f} | {r.peaks()} "
                     f"| {r.median('wall') / cold.median('wall'):.3f} | {r.median('cpu') / cold.median('cpu'):.3f} |")
    return lines


def scale_table(rows: list[Row]) -> list[str]:
    lines = ["Scale, this project with automatic annotation (one cold build each):", "",
             f"| articles | wall s | CPU s | article pages/s | {PEAKS} |", "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r.label} | {r.median('wall'):.2f} | {r.median('cpu'):.2f} | {r.pages_per_s():.1f} "
                     f"| {r.peaks()} |")
    return lines


def startup_table(rows: list[Row]) -> list[str]:
    lines = [f"Start-up (median of {len(rows[0].runs)}):", "",
             "| command | wall s | CPU s | relative to --help: wall | CPU |", "| --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r.label} | {r.median('wall'):.3f} | {r.median('cpu'):.3f} "
                     f"| {r.median('wall') / rows[0].median('wall'):.2f} | {r.median('cpu') / rows[0].median('cpu'):.2f} |")
    return lines


# --- the command line ------------------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000, help="articles in the compared corpus (default 1000)")
    p.add_argument("--runs", type=int, default=5, help="cold builds of each kind, alternating (default 5)")
    p.add_argument("--rebuild-runs", type=int, default=3,
                   help="no-change rebuilds, CLI edits and dev server edits (default 3)")
    p.add_argument("--scale", type=int, nargs="*", default=[], metavar="N",
                   help="also build corpora of these sizes once each, e.g. --scale 100 1000 3000 10000")
    p.add_argument("--jobs", type=int, help="pass --jobs N to build.py (only if it has the option; "
                                            "default: the build's own default)")
    p.add_argument("--no-pelican", action="store_true", help="skip Pelican (no install, no network)")
    p.add_argument("--no-plain", action="store_true", help="skip the --annotations none builds")
    p.add_argument("--no-serial", action="store_true", help="skip the --jobs 1 builds (made only when build.py "
                                                            "has --jobs)")
    p.add_argument("--no-rebuild", action="store_true", help="skip the no-change rebuild and the CLI edit")
    p.add_argument("--no-dev", action="store_true", help="skip the dev server's edit")
    p.add_argument("--no-startup", action="store_true", help="skip build.py --help against building the seeds")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (corpora, last site, logs)")
    p.add_argument("--dev-child", nargs=4, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.dev_child:
        project, out, runs, report = args.dev_child
        dev_child(Path(project), Path(out), int(runs), Path(report))
        return 0
    has_jobs = build_has_jobs()
    if args.jobs and not has_jobs:
        sys.exit("build.py has no --jobs option yet")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = args.jobs if args.jobs else (cores if has_jobs else None)  # build.py's own default
    compile_project()
    header = [f"Machine: {machine()}",
              f"build.py --jobs: {jobs if jobs else 'not available (one process)'}"]
    if not args.no_pelican:
        header.append(f"Pelican: {ensure_pelican()}")
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        report = run_all(Bench(work), args, jobs)
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            progress(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(header + [""] + report))
    return 0


def run_all(bench: Bench, args, jobs: int | None) -> list[str]:
    corpus = make_corpus(args.articles, bench.work)
    cold, site = cold_rounds(bench, corpus, args, jobs)
    report = cold_table(cold, args.runs)
    rebuilds = [] if args.no_rebuild else rebuild_rows(bench, corpus, site, args, jobs)
    if not args.no_dev:
        rebuilds.append(dev_server_row(bench, corpus, args.rebuild_runs))
    if rebuilds:
        report += [""] + rebuild_table(rebuilds, cold[0])
    if args.scale:
        report += [""] + scale_table(scale_rows(bench, args.scale, jobs, cold[0]))
    if not args.no_startup:
        report += [""] + startup_table(startup_rows(bench, args.runs))
    return report


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
