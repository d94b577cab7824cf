"""Full-text search: Pagefind indexes the written pages (article bodies, with speaker filters).

Pagefind ships as a binary inside its PyPI package (`pagefind[bin]`); nothing is downloaded.
The search page has its own small interface (static/js/search.js) on Pagefind's JavaScript
API, so Pagefind's stock interfaces (about 400 KB) are not published.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import SourceError


UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def index_for_search(site_dir: Path) -> None:
    """Write the search index into site_dir/pagefind/ (without the interfaces we do not use)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise SourceError(site_dir, 1, f"search indexing failed: {message[-1] if message else result.returncode}")
    for name in UNUSED:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
