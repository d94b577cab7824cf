"""The benchmark scripts still run (they time nothing here: speed is measured by running them by hand)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("script, args", [("bench_render.py", ["--repeat", "1"]), ("bench_extract.py", ["--runs", "1"])])
def test_benchmark_runs(script, args):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "synthe" in result.stdout  # reports the synthetic 1,000-word article too
