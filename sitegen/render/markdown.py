"""Block Markdown -> HTML, with annotation marks placed on markdown-it's token stream.

A block's inline source is parsed once (`parsed_inline`, cached: the reader, quiz and
handout views of an article render the same blocks) and each view marks that token
list with its own `env`:
  runs    block-local Runs (sitegen.render.overlay) that tile the block's text;
  mark    a function (ids, in_link) -> (opening tag, closing tag) for a covered piece of a run
          (in_link: inside a link of the article, where a mark must not be a link);
  before  {offset: html} to insert before the run starting there (empty elements only);
  after   {offset: html} to insert after the run ending there.
Marking cuts text tokens at run boundaries and wraps each covered piece in its own
element, so marks never cross a link or emphasis boundary and never interleave.
Measured (benchmarks/bench_render.py): this costs a fraction of a millisecond a
page, where re-parsing the finished HTML with BeautifulSoup costs several.
"""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from ..mdparser import make_parser, plain_inline, token_text


@lru_cache(maxsize=1)
def make_renderer() -> MarkdownIt:
    """The one renderer of a process (it holds no state between calls)."""
    md = make_parser()
    md.add_render_rule("image", render_image)
    return md


# The blocks of the article being rendered, and of a few before it: enough for an article's
# three views, so each block is parsed once.
PARSED_BLOCKS = 1024


@lru_cache(maxsize=PARSED_BLOCKS)
def parsed_inline(source: str) -> tuple[Token, ...]:
    """The inline tokens of a block's source. Shared between views: never modified (marking
    builds a new list around them)."""
    tokens = make_renderer().parseInline(source, {})
    return tuple(tokens[0].children or ()) if tokens else ()


def render_image(self, tokens, idx, options, env) -> str:
    """An image in an article is never loaded (it would be a request to anyone, for every student):
    an http(s) image becomes a link to it, anything else a label. Its alt text is not part of the
    article's text, so the label is drawn by CSS from an attribute and the text stays exact."""
    tok = tokens[idx]
    src, alt = tok.attrGet("src") or "", tok.content or "image"
    label = escapeHtml(f"Image: {alt}")
    in_link = sum({"link_open": 1, "link_close": -1}.get(t.type, 0) for t in tokens[:idx]) > 0
    if src.startswith(("https://", "http://")) and not in_link:  # a link inside a link would nest
        return f'<a class="image-link" href="{escapeHtml(src)}" aria-label="{label}" data-label="{label}"></a>'
    return f'<span class="image-link" role="img" aria-label="{label}" data-label="{label}"></span>'


def is_plain(source: str, text: str) -> bool:
    """Whether a block's Markdown source is its text, with no syntax that renders differently."""
    return source == text and plain_inline(source)


def render_inline(source: str, env: dict) -> str:
    """A block's HTML with the marks `env` asks for."""
    runs = env.get("runs")
    if env.get("plain"):  # most news paragraphs: the same HTML without parsing (marking one text token)
        return "".join(_marked_text(source, 0, runs, 0, env, 0)[0]) if runs else escapeHtml(source)
    md = make_renderer()
    children = list(parsed_inline(source))
    if runs:
        children = _marked_children(children, runs, env)
    return md.renderer.renderInline(children, md.options, env)


def _html(content: str) -> Token:
    t = Token("html_inline", "", 0)
    t.content = content
    return t


def _marked_children(children: list[Token], runs, env: dict) -> list[Token]:
    before, mark = env.get("before", {}), env["mark"]
    out: list[Token] = []
    pos, r, links = 0, 0, 0
    for child in children:
        links += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        text = token_text(child)
        if not text:
            out.append(child)
            continue
        while runs[r].end <= pos:
            r += 1
        if child.type != "text":  # inline code or a line break: marked whole, by the run it starts in
            opening, closing = mark(runs[r].ids, links > 0) if runs[r].ids else ("", "")
            head = before.get(pos, "") if pos == runs[r].start else ""
            out += [_html(head + opening), child, _html(closing)]
            pos += len(text)
            continue
        html, r = _marked_text(text, pos, runs, r, env, links)
        out.append(_html("".join(html)))  # one token for the whole text token: fewer tokens render faster
        pos += len(text)
    return out


def _marked_text(text: str, base: int, runs, r: int, env: dict, links: int) -> tuple[list[str], int]:
    """The HTML of a text token starting at offset `base` of its block: each piece of a run escaped,
    in its mark, with the elements to put before and after runs; and the index of the run it ends in
    (runs[r] is the first that may hold `base`)."""
    before, after, mark = env.get("before", {}), env.get("after", {}), env["mark"]
    html = []
    pos, end = base, base + len(text)
    while pos < end:
        while runs[r].end <= pos:
            r += 1
        run = runs[r]
        piece_end = min(end, run.end)
        opening, closing = mark(run.ids, links > 0) if run.ids else ("", "")
        head = before.get(pos, "") if pos == run.start else ""
        tail = after.get(piece_end, "") if piece_end == run.end else ""
        html.append(f"{head}{opening}{escapeHtml(text[pos - base:piece_end - base])}{closing}{tail}")
        pos = piece_end
    return html, r
