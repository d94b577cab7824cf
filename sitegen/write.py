"""Stage 5, write: pages and assets into the output folder, atomically.

Everything is written into a fresh folder beside the target, which replaces the
target only when all of it is written: a failed build leaves the previous site.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


def write_site(out_dir: Path, files: dict[str, bytes], static_dir: Path, finish=None) -> None:
    """Write files and static assets; `finish(folder)` runs on the complete folder before it goes live."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a site is for serving
    try:
        if static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static")
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if finish:
            finish(staging)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out_dir: Path) -> None:
    """Put staging in out_dir's place; the old site is removed only after the rename."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}")
        out_dir.rename(old)
    staging.rename(out_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
