"""Layered fixtures (as Lektor does): one seeds site built once per session for the many
read-only checks; scratch folders in tmp_path for tests that write."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run build.py as a user would, returning the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "site"
    result = run_build("--seeds", str(SEEDS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def gold_files() -> list[Path]:
    return sorted((SHARED / "gold").glob("*.json")) if (SHARED / "gold").is_dir() else []
