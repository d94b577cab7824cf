"""A block's HTML, with annotation marks placed on its pieces.

Where the article was read, each block's inline Markdown was parsed once into its text and its
markup (`mdparser.markup_of`): pieces of text, and the HTML of the tokens that are not text.
Each view marks the text pieces with its own `env`:
  runs    block-local Runs (sitegen.render.overlay) that tile the block's text;
  mark    a function (ids, in_link) -> (opening tag, closing tag) for a covered piece of a run
          (in_link: inside a link of the article, where a mark must not be a link);
  before  {offset: html} to insert before the run starting there (empty elements only);
  after   {offset: html} to insert after the run ending there.
Each covered piece of text is wrapped in its own element, so marks never cross a link or
emphasis boundary and never interleave. Inline code and line breaks are marked whole, by the
run they start in. Measured (benchmarks/bench_render.py): this costs a fraction of a
millisecond a page, where re-parsing the finished HTML with BeautifulSoup costs several.
"""
from __future__ import annotations

from ..mdparser import escape_html


def render_inline(text: str, markup: tuple | None, env: dict) -> str:
    """A block's HTML with the marks `env` asks for (`markup` None: the text shows as written)."""
    runs = env.get("runs")
    if markup is None:  # most news paragraphs: one text piece
        return "".join(_marked_text(text, 0, runs, 0, env, 0)[0]) if runs else escape_html(text)
    if not runs:
        return "".join(escape_html(text[pos:pos + piece]) if piece.__class__ is int else piece[0]
                       for pos, piece in _placed(markup))
    before, mark = env.get("before", {}), env["mark"]
    html: list[str] = []
    r = links = 0
    for pos, piece in _placed(markup):
        if piece.__class__ is int:  # text
            marked, r = _marked_text(text[pos:pos + piece], pos, runs, r, env, links)
            html += marked
            continue
        tag, length, depth = piece
        links += depth
        if not length:
            html.append(tag)
            continue
        while runs[r].end <= pos:  # inline code or a line break: marked whole, by the run it starts in
            r += 1
        opening, closing = mark(runs[r].ids, links > 0) if runs[r].ids else ("", "")
        head = before.get(pos, "") if pos == runs[r].start else ""
        html += (head, opening, tag, closing)
    return "".join(html)


def _placed(markup: tuple):
    """Each piece with the offset in the block's text where it starts."""
    pos = 0
    for piece in markup:
        yield pos, piece
        pos += piece if piece.__class__ is int else piece[1]


def _marked_text(text: str, base: int, runs, r: int, env: dict, links: int) -> tuple[list[str], int]:
    """The HTML of a text piece starting at offset `base` of its block: each piece of a run escaped,
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
        html.append(f"{head}{opening}{escape_html(text[pos - base:piece_end - base])}{closing}{tail}")
        pos = piece_end
    return html, r
