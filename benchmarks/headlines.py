#!/usr/bin/env python3
"""How often the loader finds the headline of raw text: a folder of .txt files whose first line is the headline.

    python benchmarks/headlines.py [FOLDER]   # default: ../shared/devsets/polnear-dev/raw

Prints, per miss, the file and what was taken as the title, then `headline found for N of M`.
A found headline must equal the first line and must not be repeated in the body.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.load.text_source import read_text_source  # noqa: E402


def main(folder: Path) -> int:
    files = sorted(folder.glob("*.txt"))
    found = 0
    for path in files:
        first = next(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        meta, blocks, _ = read_text_source(path)
        ok = meta.title == first and all(b.text != first for b in blocks)
        found += ok
        if not ok:
            print(f"{path.name}: title {meta.title!r}")
    print(f"headline found for {found} of {len(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/devsets/polnear-dev/raw"))
