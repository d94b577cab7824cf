"""Start-up: `python build.py --help` against building the two seeds, cold and when nothing changed.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--imports]

Each command runs N times (default 21), the commands alternating so that whatever else the machine
does falls on all alike; each run is a child process measured with os.wait4 (wall time, and user+sys
CPU). Prints the medians and each one's ratio to --help, with two floors no build goes below: Python
starting and stopping, and Python importing Jinja, which every build that renders a page loads.
`--imports` also prints the modules a build that finds nothing changed imports (`python -X
importtime`), slowest first: the extractor, markdown-it and Jinja must not be among them.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# What no build of a page can take less time than: the interpreter starting (as it starts for
# build.py, with this environment's site-packages), and the interpreter loading the template engine.
FLOORS = {"floor: python -c pass": lambda k: [sys.executable, "-c", "pass"],
          "floor: python -c 'import jinja2'": lambda k: [sys.executable, "-c", "import jinja2"]}


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of cmd, from the project root."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {child.returncode}: {child.stderr.read().decode()}")
    child.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def imports(cmd: list[str]) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of every top-level import cmd makes, slowest first."""
    err = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=ROOT, capture_output=True, text=True).stderr
    found = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit() and not name.startswith("  "):  # top level only
                found.append((int(cumulative), name.strip()))
    return sorted(found, reverse=True)


def compile_project() -> None:
    """Write the project's compiled modules (__pycache__), as pip does for an installed package such as
    Pelican and Python does on first import, unless PYTHONDONTWRITEBYTECODE is set (as on some CI
    machines): without them every build would compile the project's source first."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "sitegen", "build.py"], cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    p.add_argument("--imports", action="store_true", help="also list what an up-to-date build imports")
    args = p.parse_args(argv)
    compile_project()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        up_to_date = [sys.executable, "build.py", "--out", str(work / "kept" / "site")]
        run(up_to_date)  # builds once: every later run finds nothing changed
        kinds = {"python build.py --help": lambda k: [sys.executable, "build.py", "--help"],
                 "python build.py (the two seeds, nothing changed)": lambda k: up_to_date,
                 "python build.py (the two seeds, cold: a new folder, so no cache)":
                     lambda k: [sys.executable, "build.py", "--out", str(work / f"cold-{k}" / "site")],
                 **FLOORS}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in kinds}
        for k in range(args.runs):
            for label, command in kinds.items():
                times[label].append(run(command(k)))
        help_wall, help_cpu = (statistics.median(t[i] for t in times["python build.py --help"]) for i in (0, 1))
        print(f"Start-up, median of {args.runs} alternating runs:\n")
        print("| command | wall s | CPU s | relative to --help: wall | CPU |\n| --- | ---: | ---: | ---: | ---: |")
        for label, measured in times.items():
            wall, cpu = (statistics.median(t[i] for t in measured) for i in (0, 1))
            print(f"| {label} | {wall:.3f} | {cpu:.3f} | {wall / help_wall:.2f} | {cpu / help_cpu:.2f} |")
        if args.imports:
            print("\nWhat a build that finds nothing changed imports (cumulative ms, top-level modules):\n")
            for micros, name in imports(up_to_date)[:15]:
                print(f"{micros / 1000:7.1f}  {name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
