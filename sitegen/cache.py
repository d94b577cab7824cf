"""A content-addressed cache of each article's loaded and annotated result, beside the output folder.

An entry's key is a hash of everything the result depends on: this package's own code and word
lists (so an entry is never trusted across versions), the settings that change annotation, the
article's file name and bytes, and its sidecar's bytes. The value is the pickled result. The folder
(`.<out>.cache/` beside the output, ignored by git) is safe to delete at any time; entries a build
did not use are removed after it succeeds, so it holds one site's worth.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The Cache Directory Tagging Specification: backup tools skip the folder, and prune() touches only
# a folder that carries it, that is, one this build made.
CACHEDIR_TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
                b"# This folder is a cache made by build.py (annotated-reader); it is safe to delete.\n")


CODE_SUFFIXES = (".py", ".txt", ".yaml", ".json")


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """A hash of every file of the package (code, word lists): a new version invalidates everything."""
    return tree_digest(str(PACKAGE), CODE_SUFFIXES)


def tree_digest(root: str, suffixes: tuple[str, ...] | None = None) -> bytes:
    """A hash of the names and bytes of the files under root (those ending in `suffixes`, if given),
    __pycache__ aside: the package's code, the templates, the assets. Every build computes them, even
    one with nothing to do: folders are listed with scandir (no stat a file)."""
    h = hashlib.sha256()
    for rel in sorted(_files(root, "", suffixes), key=lambda rel: rel.split("/")):  # Path's order
        with open(os.path.join(root, rel), "rb") as f:
            h.update(rel.encode() + b"\0" + f.read() + b"\0")
    return h.digest()


def _files(folder: str, prefix: str, suffixes: tuple[str, ...] | None):
    """The files under folder, as paths relative to the root that `prefix` leads from."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    yield from _files(entry.path, f"{prefix}{entry.name}/", suffixes)
            elif (suffixes is None or entry.name.endswith(suffixes)) and entry.is_file():
                yield prefix + entry.name


def fingerprint(*parts: bytes | str | None) -> str:
    """A key from the code's fingerprint and the given parts (None and b'' are told apart)."""
    h = hashlib.sha256(code_fingerprint())
    for part in parts:
        data = b"\x01" if part is None else (part.encode() if isinstance(part, str) else part)
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


class Cache:
    """Pickled values by key in one folder; a missing, stale or unreadable entry is simply a miss."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    @classmethod
    def beside(cls, out_dir: Path) -> "Cache":
        out = Path(os.path.abspath(out_dir))
        return cls(out.parent / f".{out.name}.cache")

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            return pickle.loads(self._path(key).read_bytes())
        except Exception:  # absent, half-written by a killed build, or from another Python: rebuild it
            return None

    def put(self, key: str, value, pickled: bytes | None = None) -> None:
        """Store `value` (`pickled`: already pickled, by a worker)."""
        self.used.add(key)
        if self.folder is None:
            return
        target = self._path(key)
        if not (self.folder / "CACHEDIR.TAG").is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "CACHEDIR.TAG").write_bytes(CACHEDIR_TAG)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if pickled is None else pickled)
        os.replace(temp, target)

    def prune(self) -> None:
        """Remove the entries this build did not use (earlier versions of articles, deleted ones)."""
        tag = self.folder / "CACHEDIR.TAG" if self.folder else None
        if tag is None or not tag.is_file() or tag.read_bytes() != CACHEDIR_TAG:
            return
        for p in self.folder.glob("*/*"):
            if p.name.removesuffix(".pickle") not in self.used:
                p.unlink(missing_ok=True)
