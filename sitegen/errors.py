"""The errors a build reports to a person: where, and what is wrong, on one line."""
from __future__ import annotations

import re
from pathlib import Path

MESSAGE_LIMIT = 240  # characters: an error is one line of a terminal, however long the text it quotes
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Text safe to print in a message: control characters and line breaks as spaces, cut with '…'."""
    text = _CONTROL.sub(" ", str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


class SourceError(Exception):
    """Bad input, located: printed as `path:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str):
        self.path = Path(path)
        self.line = line
        self.message = one_line(message)
        super().__init__(f"{one_line(str(path), 160)}:{line}: {self.message}")

    def __reduce__(self):  # so an error raised in a worker process arrives whole
        return SourceError, (self.path, self.line, self.message)


class UsageError(Exception):
    """A command that would do harm or cannot be carried out (an --out that is not a site): one sentence."""

    def __init__(self, message: str):
        super().__init__(one_line(message, 400))

    def __reduce__(self):
        return UsageError, (str(self),)
