"""Stage 5, write: pages and assets into the output folder, atomically, and only over a site.

Everything is written into a fresh folder beside the target, which replaces the
target only when all of it is written: a failed build leaves the previous site.
The build writes only where it may: a folder that does not exist yet, an empty one,
or one a previous build made (it carries MARKER). Anything else is refused before a
byte is written, because replacing a folder deletes everything in it.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable

from .errors import UsageError

MARKER = ".sitegen-site"
MARKER_TEXT = b"This folder was written by build.py; the next build replaces all of it.\n"
STAGING, OLD = "building", "old"  # leftovers are named .<out>.building-XXXX and .<out>.old-XXXX


def guard_output(out_dir: Path, protected: dict[str, Path]) -> Path:
    """The resolved output folder, or UsageError if writing there could destroy what the build did not make.

    `protected` names the folders and files the build reads (the articles, the settings, the project
    itself): the output may be none of them nor any folder that holds one.
    """
    named = str(out_dir) if str(out_dir) not in ("", ".") else f"'{out_dir}'"
    out = Path(os.path.abspath(out_dir or ".")).resolve()
    for what, p in {"the current folder": Path.cwd(), **protected}.items():
        p = p.resolve()
        if out == p or out in p.parents:
            holds = "is" if out == p else "holds"
            raise UsageError(f"--out {named} {holds} {what} ({p}): the build replaces its output folder whole, so "
                             "it must be a folder of its own, such as site/")
    if out.exists() or out.is_symlink():
        if not stat.S_ISDIR(out.lstat().st_mode):
            raise UsageError(f"--out {named} is not a folder: the build writes a folder of pages")
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise UsageError(f"--out {named} is a folder with files that a build did not make (it has no {MARKER}); "
                             "choose a new or empty folder (a site from a version before 0.2 has no marker either: "
                             "delete it yourself)")
    return out


def write_file(folder: Path, rel: str, data: bytes) -> None:
    target = folder / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def write_site(out_dir: Path, produce: Callable[[Path], None], static_dir: Path, finish=None,
               protected: dict[str, Path] | None = None) -> None:
    """A new site in out_dir's place: `produce(folder)` writes the pages into the fresh folder (with
    write_file), static assets are copied, and `finish(folder)` runs on the complete folder before
    it goes live."""
    out_dir = guard_output(out_dir, protected or {})
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.{STAGING}-", dir=out_dir.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a site is for serving
        (staging / MARKER).write_bytes(MARKER_TEXT)  # first, so a killed build's leftover is known as ours
        if static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static")
        produce(staging)
        if finish:
            finish(staging)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def recover_leftovers(out_dir: Path) -> None:
    """Undo what a killed build left beside out_dir: a lost site is put back, staging folders go.

    Only folders carrying MARKER are touched: the build made those.
    """
    leftovers = sorted(p for p in out_dir.parent.glob(f".{out_dir.name}.*-*")
                       if p.name.startswith((f".{out_dir.name}.{STAGING}-", f".{out_dir.name}.{OLD}-"))
                       and p.is_dir() and not p.is_symlink() and (p / MARKER).is_file())
    for p in leftovers:
        if not out_dir.exists() and f".{OLD}-" in p.name:
            p.rename(out_dir)  # killed between the two renames of a swap: the old site is the last good one
        else:
            shutil.rmtree(p, ignore_errors=True)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put staging in out_dir's place so that out_dir always exists; the old site is removed after."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        return
    old = out_dir.with_name(f".{out_dir.name}.{OLD}-{staging.name.rsplit('-', 1)[-1]}")
    out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
