"""The one check for every URL that comes from input (front matter, sidecar, site.yaml).

A URL from an article ends up in an href: only http(s) ones to a host are kept, so a
`javascript:` or `data:` URL can never become a working link.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import SourceError

WEB_URL = re.compile(r"^https?://[^\s/?#@]+(?:[/?#][^\s]*)?$", re.IGNORECASE)


def is_web_url(value: str) -> bool:
    return bool(WEB_URL.match(value))


def checked_url(value: str, path: Path, line: int, what: str = "url") -> str:
    """value, or SourceError if it is not an absolute http(s) URL."""
    if not is_web_url(value):
        raise SourceError(path, line, f"{what} {value!r} must be an absolute http:// or https:// address")
    return value
