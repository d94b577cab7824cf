"""Reading source files as text, with located errors; control characters removed."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError

# Control characters have no place in an article's text (NUL, escape sequences, DEL, C1);
# tabs and line ends stay, form feeds and vertical tabs become spaces.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
SPACE_LIKE = re.compile(r"[\x0b\x0c]")


def clean_text(text: str) -> str:
    return CONTROL.sub("", SPACE_LIKE.sub(" ", text))


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a SourceError if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(path, 1, f"cannot read file: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """The file's text, without a byte-order mark or control characters; a SourceError if unreadable or not UTF-8."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return clean_text(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
