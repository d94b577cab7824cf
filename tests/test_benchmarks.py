"""The benchmark scripts still run and count what they say (they time nothing here: speed is measured by running
them by hand, `make bench`)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED


@pytest.mark.parametrize("script, args, says", [("bench_render.py", ["--repeat", "1"], "synthe"),
                                                ("bench_extract.py", ["--runs", "1"], "synthe"),
                                                ("bench_extract.py", ["--runs", "1", "--folder", "seeds"],
                                                 "seeds: 2 articles once"),
                                                ("bench_anchor.py", ["--runs", "1"], "nowhere in a 150 KB article"),
                                                ("bench_startup.py", ["--runs", "1"], "nothing changed"),
                                                ("bench_startup.py", ["--runs", "1"], "| floor: python -c 'import jinja2' |")])
def test_benchmark_runs(script, args, says):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert says in result.stdout


def load_bench_site():
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "benchmarks" / "bench_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_site"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_measure_counts_the_cpu_and_memory_of_grandchildren(tmp_path):
    # The child only waits; two grandchildren at once each hold 100 MB, burn CPU and report their CPU time.
    grandchild = ("import time; block = b'x' * (100 << 20); t = time.process_time()\n"
                  "while time.process_time() - t < 0.3: pass\n"
                  "print(time.process_time(), flush=True); time.sleep(0.8)")
    child = ("import subprocess, sys\n"
             f"pool = [subprocess.Popen([sys.executable, '-c', {grandchild!r}]) for _ in range(2)]\n"
             "[p.wait() for p in pool]")
    m = load_bench_site().measure([sys.executable, "-c", child], tmp_path / "log")
    # Linux accounts a reaped child's CPU through tick-based user/sys splits: allow rounding (and a busy machine), not a lost child (half).
    assert m.cpu >= 0.75 * sum(map(float, (tmp_path / "log").read_text().split()))
    assert 100 <= m.peak_mb < 150  # the largest process
    assert m.tree_mb >= 200  # both grandchildren together


def markdown_rows(text: str) -> dict[str, list[str]]:
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}


@pytest.mark.skipif(not (SHARED / "bench" / "gen_corpus.py").is_file(), reason="no ../shared/bench beside the project")
def test_site_benchmark_reports_every_measurement_on_a_tiny_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_site.py"), "--articles", "5", "--runs",
                             "1", "--rebuild-runs", "1", "--no-pelican", "--no-plain", "--scale", "2"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Machine: ") and "Pelican:" not in result.stdout
    rows = markdown_rows(result.stdout)
    assert "Pelican 4.12" not in rows
    cold = rows["this project, automatic annotation"]
    wall, cpu, pages_per_s, peak_mb, together_mb = map(float, cold[:5])
    assert wall > 0 and cpu > 0 and peak_mb > 10 and together_mb > 10 and cold[5:7] == ["n/a", "n/a"]
    assert pages_per_s == pytest.approx(5 / wall, rel=0.05)
    assert int(cold[7]) > 5  # files written: at least one page per article
    for case in ("no-change rebuild (CLI)", "one-article edit (CLI)", "one-article edit (dev server)"):
        assert float(rows[case][0]) > 0 and float(rows[case][3]) > 0
    assert float(rows["2"][2]) == pytest.approx(2 / float(rows["2"][0]), rel=0.05)
    assert rows["python build.py --help"][2:4] == ["1.00", "1.00"]
    assert float(rows["python build.py (the two seeds)"][0]) > 0
    for floor in ("floor: python -c pass", "floor: python -c 'import jinja2'"):
        assert float(rows[floor][0]) > 0 and float(rows[floor][2]) > 0  # its wall time, and its ratio to --help
