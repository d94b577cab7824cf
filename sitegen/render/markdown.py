"""Block Markdown -> HTML, with annotation marks placed on markdown-it's token stream.

The `annotate` core rule runs after `text_join`. It reads from `env`:
  runs    block-local Runs (sitegen.render.overlay) that tile the block's text;
  starts  {offset: [annotation ids starting there]}, for permalink anchors;
  mark    a function (ids) -> (opening tag, closing tag) for a covered run.
It cuts text tokens at run boundaries and wraps each covered piece in its own
element, so marks never cross a link or emphasis boundary and never interleave.
Measured (benchmarks/bench_render.py): this costs a fraction of a millisecond a
page, where re-parsing the finished HTML with BeautifulSoup costs several.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..mdparser import make_parser, token_text


def make_renderer() -> MarkdownIt:
    md = make_parser()
    md.core.ruler.after("text_join", "annotate", annotate_rule)
    return md


def render_inline(md: MarkdownIt, source: str, env: dict) -> str:
    return md.renderer.render(md.parseInline(source, env), md.options, env)


def annotate_rule(state: StateCore) -> None:
    runs = state.env.get("runs")
    if not runs:
        return
    for tok in state.tokens:
        if tok.type == "inline" and tok.children:
            tok.children = _marked_children(tok.children, runs, state.env)


def _html(content: str) -> Token:
    t = Token("html_inline", "", 0)
    t.content = content
    return t


def _marked_children(children: list[Token], runs, env: dict) -> list[Token]:
    starts, mark = env.get("starts", {}), env["mark"]
    out: list[Token] = []
    pos, r = 0, 0
    for child in children:
        text = token_text(child)
        end = pos + len(text)
        if not text:
            out.append(child)
            continue
        if child.type != "text":  # inline code or a line break: marked whole, by the run it starts in
            while runs[r].end <= pos:
                r += 1
            out.extend(_wrapped(child, runs[r], pos, starts, mark))
            pos = end
            continue
        while pos < end:
            while runs[r].end <= pos:
                r += 1
            piece_end = min(end, runs[r].end)
            piece = Token("text", "", 0)
            piece.content = text[pos - (end - len(text)):piece_end - (end - len(text))]
            out.extend(_wrapped(piece, runs[r], pos, starts, mark))
            pos = piece_end
    return out


def _wrapped(tok: Token, run, pos: int, starts: dict, mark) -> list[Token]:
    anchors = [_html(f'<span class="anchor" id="{i}"></span>') for i in starts.get(pos, ())] \
        if pos == run.start else []
    if not run.ids:
        return anchors + [tok]
    opening, closing = mark(run.ids)
    return anchors + [_html(opening), tok, _html(closing)]
