"""Stage 5, write: pages and assets into the output folder, atomically, and only over a site.

Everything a build writes goes first into a fresh folder beside the target. A first build (or one
without the cache) writes the whole site there, and that folder replaces the target when all of it
is written. A rebuild of a folder the last build made writes there only the files that change; they
then replace theirs in the site one by one (each whole), and the files the site no longer has are
removed. Either way a build that fails leaves the previous site as it was.

The build writes only where it may: a folder that does not exist yet, an empty one, or one a
previous build made (it carries MARKER). Anything else is refused before a byte is written,
because the build deletes what it does not write again.
"""
from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

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


# A new file, as open(..., "wb") makes it (read-write for all that the umask allows).
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


def write_file(folder: Path, rel: str, data: bytes) -> None:
    """Write one file of the site, making its folder when it has none yet: the first file of a
    folder finds it missing, the others go straight in (a site is thousands of files, six a folder)."""
    target = os.path.join(folder, rel)
    try:
        fd = os.open(target, NEW_FILE, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, NEW_FILE, 0o666)
    try:
        rest = memoryview(data)
        while rest:  # (a write may take less than all)
            rest = rest[os.write(fd, rest):]
    finally:
        os.close(fd)


class Output:
    """Where a build puts the site's files: every one of them into `folder`, the fresh folder that
    replaces the site when it is complete. A page that did not change is hard-linked from `live`,
    the site the last build made, instead of written again."""

    def __init__(self, folder: Path, live: Path):
        self.folder, self.live = folder, live
        self.made: set[Path] = set()  # the folders made so far: one mkdir a folder, not one a file

    def write(self, rel: str, data: bytes) -> None:
        write_file(self.folder, rel, data)

    def keep(self, rels: list[str]) -> bool:
        """Keep these files of the last build, all of them or none; False if one is missing (or the
        two folders are on different file systems)."""
        done = []
        try:
            for rel in rels:
                parent = (self.folder / rel).parent
                if parent not in self.made:
                    parent.mkdir(parents=True, exist_ok=True)
                    self.made.add(parent)
                os.link(self.live / rel, self.folder / rel)
                done.append(self.folder / rel)
        except OSError:
            for p in done:
                p.unlink(missing_ok=True)
            return False
        return True


class InPlace(Output):
    """A rebuild of the site where it stands: `folder` receives only the files that change, and `kept`
    names the files of the site that stay as they are (creating a file or a folder costs far more
    than comparing one, and a site of 1,000 articles has 6,000 files in 2,000 folders)."""

    def __init__(self, folder: Path, live: Path):
        super().__init__(folder, live)
        self.kept: set[str] = set()

    def write(self, rel: str, data: bytes) -> None:
        try:
            same = (self.live / rel).read_bytes() == data
        except OSError:
            same = False
        if same:
            self.kept.add(rel)
        else:
            super().write(rel, data)

    def keep(self, rels: list[str]) -> bool:
        live = str(self.live)
        if not all(os.path.isfile(os.path.join(live, rel)) for rel in rels):
            return False
        self.kept.update(rels)
        return True


def write_site(out_dir: Path, produce: Callable[[Output], None], static_dir: Path, finish=None,
               protected: dict[str, Path] | None = None, in_place: bool = False) -> None:
    """A new site in out_dir's place: `produce(output)` writes the pages (Output.write) or keeps the last
    build's (Output.keep), static assets are copied, and `finish(folder)` runs on the complete folder
    before it goes live. `in_place`: the caller knows the site in out_dir to be the last build's, so
    only what changes need be written (not with `finish`, which needs the whole site in one folder)."""
    import tempfile  # here, as threading and ctypes below: a build with nothing to do writes nothing

    out_dir = guard_output(out_dir, protected or {})
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover_leftovers(out_dir)
    in_place = in_place and finish is None and (out_dir / MARKER).is_file()
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.{STAGING}-", dir=out_dir.parent))
    output = (InPlace if in_place else Output)(staging, out_dir)
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a site is for serving
        (staging / MARKER).write_bytes(MARKER_TEXT)  # first, so a killed build's leftover is known as ours
        for path in sorted(static_dir.rglob("*")) if static_dir.is_dir() else ():
            if path.is_file():
                output.write(f"static/{path.relative_to(static_dir).as_posix()}", path.read_bytes())
        produce(output)
        if finish:
            finish(staging)
        _go_live(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _go_live(output: Output) -> None:
    """The new site takes the old one's place: the whole folder, or the changed files one by one."""
    if isinstance(output, InPlace):
        _update(output)
    else:
        _swap(output.folder, output.live)


def _update(output: InPlace) -> None:
    """Put the new marker in first, remove the site's files that the new site neither keeps nor
    replaces, then move the staged files into their places. The new marker tells the next build
    that this one wrote the folder, and until this build records that, a killed update leaves a
    folder the next build trusts nothing of (it builds it whole again). Ctrl-C and SIGTERM wait
    until the update is done: the site is never left half updated by them."""
    live, staging = output.live, output.folder
    staged = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir())
    wanted = output.kept | set(staged)
    with signals_held():
        os.replace(staging / MARKER, live / MARKER)
        removed: set[str] = set()  # folders removed, deepest first (the walk is bottom-up)
        for folder, subfolders, files in os.walk(live, topdown=False):
            here = Path(folder)
            prefix = here.relative_to(live).as_posix() + "/" if here != live else ""
            left = [name for name in files if prefix + name in wanted]
            for name in files:
                if prefix + name not in wanted:
                    (here / name).unlink()
            if here != live and not left and all(os.path.join(folder, d) in removed for d in subfolders):
                here.rmdir()  # a person or an article the site no longer has
                removed.add(folder)
        made = set()
        for rel in staged:
            if rel == MARKER:
                continue
            target = live / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.replace(staging / rel, target)
    shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def signals_held():
    """Ctrl-C and SIGTERM are ignored inside the block: once it is done the build has finished, so
    they would have nothing left to stop. (Only the main thread may handle signals.)"""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda *_: None) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


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
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
