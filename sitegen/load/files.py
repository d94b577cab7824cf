"""Reading source files as UTF-8 text, with located errors."""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError


def read_text(path: Path) -> str:
    """The file's text, without a byte-order mark; a SourceError if unreadable or not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, 1, f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
