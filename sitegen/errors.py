"""The one error type a build reports to a person: where, and what is wrong."""
from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input, located: printed as `path:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = Path(path)
        self.line = line
        self.message = message
