"""The one Markdown configuration every stage shares, and what a block's inline Markdown shows.

A block's inline Markdown is parsed once, where the article is read (`markup_of`): the text it
shows (what annotations count their offsets in) and its markup, the HTML of every token that
is not text, kept with the block. Rendering marks the text pieces and passes the rest through,
without markdown-it. Raw HTML is off: an article is untrusted input, so `<b>` in a source is text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is loaded where an article is parsed, not by every import of this module
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# The characters that can open inline Markdown syntax (emphasis, code, links, autolinks,
# raw HTML, entities, escapes). Inline parsing only: block syntax never applies here.
_MD_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>&])")


MAX_NESTING = 20  # markdown-it's own limit (as in commonmark.js): deeper blocks are dropped, not parsed


def make_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False,
                                     "maxNesting": MAX_NESTING})


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The parser of a document's blocks, without its inline pass: each block's inline Markdown is
    parsed by `markup_of` (most news paragraphs need no parsing at all)."""
    return make_parser().disable("inline")


# What a document may hold for `simple_blocks` to read it: blank lines between blocks; ATX headings
# ("## Title"); paragraphs; block quotes and "-" lists whose lines are plain paragraphs. Tabs, CR,
# NUL and link reference definitions ("]:") leave the whole document to markdown-it.
_NOT_SIMPLE_DOCUMENT = re.compile(r"[\t\r\x00]|\]:")
_NOT_PARAGRAPH_START = frozenset(" -+*_=`~<>#")  # indented code, lists, breaks, underlines, fences, HTML...
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?: |$)")
_HEADING = re.compile(r"(#{1,6}) ([^ #](?:.*[^ #])?)")


def simple_blocks(body: str) -> list[tuple[str, str, int]] | None:
    """The headings and paragraphs of a Markdown document in the forms above, each as (kind, its
    inline source, its line in `body` from 0), as markdown-it's block parser finds them (a test
    compares the two); None for any other document. Most articles are written so, and this reads
    them in under half of markdown-it's time."""
    if _NOT_SIMPLE_DOCUMENT.search(body):
        return None
    lines = body.split("\n")
    found: list[tuple[str, str, int]] = []
    start = None
    for i, line in enumerate(lines + [""]):
        if line.strip(" "):
            start = i if start is None else start
        elif start is not None:
            if not _read_group(lines[start:i], start, found):
                return None
            start = None
    return found


def _read_group(group: list[str], start: int, found: list) -> bool:
    """Lines between blank lines: a block quote, a "-" list, or headings and paragraphs."""
    if group[0][0] == ">":  # every line quoted: no lazy continuation
        inner = [line[2:] if line.startswith("> ") else line[1:] for line in group if line[0] == ">"]
        return len(inner) == len(group) and _paragraphs(inner, start, found)
    if group[0].startswith("- "):  # one plain paragraph an item, no continuation lines
        return all(line.startswith("- ") and _paragraphs([line[2:]], start + k, found)
                   for k, line in enumerate(group))
    first = 0
    for k, line in enumerate(group):
        if line[0] != "#":
            continue
        heading = _HEADING.fullmatch(line)
        if not heading or heading[2].strip() != heading[2] or not _paragraphs(group[first:k], start + first, found):
            return False
        found.append(("heading", heading[2], start + k))
        first = k + 1
    return _paragraphs(group[first:], start + first, found)


def _paragraphs(lines: list[str], start: int, found: list) -> bool:
    """Plain paragraphs, between empty lines (in a quote)."""
    first = None
    for k, line in enumerate(lines + [""]):
        if line.strip(" "):
            if line[0] in _NOT_PARAGRAPH_START or _ORDERED_ITEM.match(line):
                return False
            first = k if first is None else first
        elif first is not None:
            content = "\n".join(lines[first:k]).rstrip(" ")
            if content.strip() != content:  # other white space at its ends: markdown-it trims it
                return False
            found.append(("paragraph", content, start + first))
            first = None
    return True


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    """The parser (and renderer) of blocks' inline Markdown: one a process, holding no state between calls."""
    md = make_parser()
    md.add_render_rule("image", render_image)
    return md


def render_image(self, tokens, idx, options, env) -> str:
    """An image in an article is never loaded (it would be a request to anyone, for every student):
    an http(s) image becomes a link to it, anything else a label. Its alt text is not part of the
    article's text, so the label is drawn by CSS from an attribute and the text stays exact."""
    tok = tokens[idx]
    src, alt = tok.attrGet("src") or "", tok.content or "image"
    label = escape_html(f"Image: {alt}")
    in_link = sum(LINK_DEPTH.get(t.type, 0) for t in tokens[:idx]) > 0
    if src.startswith(("https://", "http://")) and not in_link:  # a link inside a link would nest
        return f'<a class="image-link" href="{escape_html(src)}" aria-label="{label}" data-label="{label}"></a>'
    return f'<span class="image-link" role="img" aria-label="{label}" data-label="{label}"></span>'


def escape_html(raw: str) -> str:
    """markdown-it's escaping of text: &, <, > and " (not ')."""
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# What can make inline Markdown more than its text: escapes, code, emphasis, links and images,
# autolinks and raw HTML, entities, and line breaks. A source with none of these shows as itself.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&\n]")


def plain_inline(source: str) -> bool:
    """Whether inline Markdown source is one run of text, exactly as written (most news paragraphs)."""
    return _INLINE_SYNTAX.search(source) is None


# A block's markup: a tuple of pieces, in order, that tile its text.
#   an int n          the next n characters of the text, as text (escaped when rendered)
#   (html, n, links)  a token that is not text: its HTML; the n characters of the text it shows
#                     (inline code, a line break: marked whole), or 0 (a link's or emphasis's tag,
#                     an image); and +1 or -1 where a link opens or closes (a mark inside a link
#                     must not be a link itself)
LINK_DEPTH = {"link_open": 1, "link_close": -1}


def markup_of(source: str, env: dict | None = None) -> tuple[str, tuple | None]:
    """The text inline Markdown shows, and its markup: None when it shows as written (`plain_inline`).
    `env`: the document's, for its link references."""
    if plain_inline(source):
        return source, None
    return simple_markup(source) or parse_markup(source, env)


# The inline Markdown most articles hold, read without markdown-it's inline parser (in Python, the
# larger part of reading an article that has any): links with plain text to http(s) addresses,
# emphasis of plain words, code spans and line breaks, each in a form whose reading CommonMark leaves
# in no doubt, and "&", "!" and ">" where they are text. Anything else (nested or intraword emphasis,
# escapes, entities, images, reference links, autolinks, hard breaks, a "[" or "*" left open) is left
# to markdown-it. A test checks that both read random mixes of all of these alike.
_NOT_PLAIN = r"\\`*_\[\]!<&\n\r\x00"  # (inside a character class) what may mean more than itself
_SPECIAL = re.compile(f"[{_NOT_PLAIN}]")
_PLAIN, _PLAIN_EDGE = f"[^{_NOT_PLAIN}]", rf"[^\s{_NOT_PLAIN}]"
_CODE = re.compile(r"`([^`\s\x00](?:[^`\n\r\x00]*[^`\s\x00])?)`(?!`)")
_LINK = re.compile(rf"\[({_PLAIN_EDGE}(?:{_PLAIN}*{_PLAIN_EDGE})?)\]\((https?://[^\s()<>\\`\"'\x00-\x1f\x7f]+)\)")
_EMPHASIS = re.compile(rf"(\*\*?|__?)([^\W_](?:{_PLAIN}*[^\W_])?)\1")
# An address markdown-it's normalizeLink leaves as it is (a test checks): an ASCII host name, no
# port, and a path of characters that need no percent-encoding. (normalizeLink parses and formats an
# address again: a third of the time of reading a paragraph with a link.)
URL_AS_WRITTEN = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:[/?#](?:[A-Za-z0-9\-._~/?#:@!$&*+,;=]|%[0-9A-Fa-f]{2})*)?")
_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")  # may be a character reference: markdown-it's to read
_BEFORE_EMPHASIS = frozenset(" \t\n(\"'“‘")  # an opening run after these can only open
_AFTER_EMPHASIS = frozenset(" \t\n.,;:?)\"'”’")  # a closing run before these can only close


def simple_markup(source: str) -> tuple[str, tuple] | None:
    """`parse_markup`'s result for the inline Markdown described above; None for anything else."""
    text: list[str] = []
    pieces: list = []
    pos = 0

    def add_text(chunk: str, empty: bool = False) -> None:
        """Text joins the text before it, as markdown-it joins text tokens; `empty`: even none (what
        markdown-it leaves of the second "*" of "**")."""
        if chunk or empty:
            text.append(chunk)
            pieces.append(pieces.pop() + len(chunk) if pieces and pieces[-1].__class__ is int else len(chunk))

    while (found := _SPECIAL.search(source, pos)) is not None:
        at, char = found.start(), found.group()
        add_text(source[pos:at])
        pos = at + 1
        if char == "&" and not _ENTITY.match(source, at) or char == "!" and not source.startswith("[", at + 1):
            add_text(char)
        elif char == "\n" and 0 < at < len(source) - 1 and source[at - 1] != " " and source[at + 1] not in " \t":
            text.append("\n")
            pieces.append(("\n", 1, 0))
        elif char == "`" and (code := _CODE.match(source, at)):
            content = code.group(1)
            text.append(content)
            pieces.append((f"<code>{escape_html(content)}</code>", len(content), 0))
            pos = code.end()
        elif char == "[" and (link := _LINK.match(source, at)) and not _ENTITY.search(link.group(2)):
            href = link.group(2)
            if not URL_AS_WRITTEN.fullmatch(href):
                md = _inline_parser()
                href = md.normalizeLink(href)
                if not md.validateLink(href):
                    return None
            pieces.append((f'<a href="{escape_html(href)}">', 0, 1))
            add_text(link.group(1))
            pieces.append(("</a>", 0, -1))
            pos = link.end()
        elif (char in "*_" and (emphasis := _EMPHASIS.match(source, at))
              and (at == 0 or source[at - 1] in _BEFORE_EMPHASIS)
              and (emphasis.end() == len(source) or source[emphasis.end()] in _AFTER_EMPHASIS)):
            strong = len(emphasis.group(1)) == 2
            add_text("", empty=strong)
            pieces.append(("<strong>" if strong else "<em>", 0, 0))
            add_text(emphasis.group(2))
            pieces.append(("</strong>" if strong else "</em>", 0, 0))
            add_text("", empty=strong)
            pos = emphasis.end()
        else:
            return None
    add_text(source[pos:])
    return "".join(text), tuple(pieces)


def raw_markup(text: str) -> tuple | None:
    """The markup of raw text (a scrape's, a web page's): its Markdown escaped, it shows as written."""
    return markup_of(escape_markdown(text))[1]


def parse_markup(source: str, env: dict | None = None) -> tuple[str, tuple]:
    """`markup_of` through markdown-it, even for plain text (a test checks the two agree)."""
    md = _inline_parser()
    parsed = md.parseInline(source, {} if env is None else env)
    tokens = (parsed[0].children or []) if parsed else []
    pieces: list = []
    for i, tok in enumerate(tokens):
        text = token_text(tok)
        if tok.type == "text":
            pieces.append(len(text))
            continue
        rule = md.renderer.rules.get(tok.type)
        html = rule(tokens, i, md.options, {}) if rule else md.renderer.renderToken(tokens, i, md.options, {})
        pieces.append((html, len(text), LINK_DEPTH.get(tok.type, 0)))
    return inline_text(tokens), tuple(pieces)


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
