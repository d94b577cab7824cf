"""The one Markdown configuration every stage shares, and the plain text of its inline tokens.

Loading and rendering must agree on what text a piece of Markdown shows, or
annotation offsets would drift: both use `make_parser()` and `inline_text()`.
Raw HTML is off: an article is untrusted input, so `<b>` in a source is text.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The characters that can open inline Markdown syntax (emphasis, code, links, autolinks,
# raw HTML, entities, escapes). Inline parsing only: block syntax never applies here.
_MD_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>&])")


MAX_NESTING = 20  # markdown-it's own limit (as in commonmark.js): deeper blocks are dropped, not parsed


def make_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False,
                                     "maxNesting": MAX_NESTING})


# What can make inline Markdown more than its text: escapes, code, emphasis, links and images,
# autolinks and raw HTML, entities, and line breaks. A source with none of these shows as itself.
_INLINE_SYNTAX = frozenset("\\`*_[]!<>&\n")


def plain_inline(source: str) -> bool:
    """Whether inline Markdown source is one run of text, exactly as written (most news paragraphs)."""
    return _INLINE_SYNTAX.isdisjoint(source)


def escape_markdown(text: str) -> str:
    """Markdown inline source that renders to exactly `text` (for raw scraped text)."""
    return _MD_INLINE_SYNTAX.sub(r"\\\1", text)


def token_text(token: Token) -> str:
    """The text one inline child token puts on the page."""
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    return ""


def inline_text(children: list[Token]) -> str:
    return "".join(token_text(t) for t in children)
