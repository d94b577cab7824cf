"""Reader for `.md`: YAML front matter between `---` lines, then Markdown.

The body's headings and paragraphs become blocks (paragraphs inside lists and block
quotes too); their text is what markdown-it renders, so annotation offsets agree with
the page.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..urls import checked_url
from ..mdparser import MAX_NESTING, block_parser, markup_of, simple_blocks
from ..model import Block, Metadata, Removed
from ..yamlsource import LineDict, parse_yaml
from .files import read_text

FRONT_MATTER_KEYS = {"title": "title", "outlet": "outlet", "source": "outlet", "date": "date", "url": "url",
                     "byline": "byline", "author": "byline"}


def read_markdown_source(path: Path) -> tuple[Metadata, tuple[Block, ...], tuple[Removed, ...]]:
    text = read_text(path)
    lines, body, body_line = split_front_matter(text, path)
    front = {k: v for k, v in lines.items() if v is not None}  # `outlet:` left empty, to fill in later
    meta = Metadata(title="", **{FRONT_MATTER_KEYS[k]: str(v) for k, v in front.items() if k != "title"})
    if "title" in front:
        meta = Metadata(title=str(front["title"]), **{k: v for k, v in meta.__dict__.items() if k != "title"})
    if meta.url:
        checked_url(meta.url, path, lines.line_of("url"))
    return meta, markdown_blocks(body, body_line, path), ()


def split_front_matter(text: str, path: Path) -> tuple[LineDict, str, int]:
    """(front matter, body, line the body starts on)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return LineDict(), text, 1
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise SourceError(path, 1, "front matter opened with --- is never closed") from None
    front = parse_yaml("\n".join(lines[1:end]), path, line_offset=1) or LineDict()
    if not isinstance(front, LineDict):
        raise SourceError(path, 2, "front matter must hold keys with values, one per line, such as "
                                       "`title: …` and `date: …`")
    for key, value in front.items():
        if key not in FRONT_MATTER_KEYS:
            raise SourceError(path, front.line_of(key),
                              f"unknown front matter key {key!r} (known: {', '.join(sorted(FRONT_MATTER_KEYS))})")
        if value is not None and (not isinstance(value, (str, int, float)) or isinstance(value, bool)):
            raise SourceError(path, front.line_of(key), f"front matter {key} must be text")
    return front, "\n".join(lines[end + 1:]), end + 2


def markdown_blocks(body: str, first_line: int, path: Path) -> tuple[Block, ...]:
    env: dict = {}  # the document's link references, for its blocks' inline Markdown
    found = simple_blocks(body)
    blocks = []
    for kind, source, line in parsed_blocks(body, first_line, path, env) if found is None else found:
        text, markup = markup_of(source, env)
        if text.strip():
            blocks.append(Block(kind, text, markup, first_line + line))
    return tuple(blocks)


def parsed_blocks(body: str, first_line: int, path: Path, env: dict) -> list[tuple[str, str, int]]:
    """The headings and paragraphs markdown-it's block parser finds (paragraphs inside lists and
    quotes too): (kind, inline source, line in `body` from 0). `env` collects the link references."""
    tokens = block_parser().parse(body, env)
    deepest = max(tokens, key=lambda t: t.level, default=None)
    if deepest and deepest.level >= MAX_NESTING - 1:  # markdown-it drops what lies deeper than that
        line = first_line + next((t.map[0] for t in tokens if t.map and t.level >= deepest.level - 2), 0)
        raise SourceError(path, line, f"lists or block quotes nested more than {MAX_NESTING - 2} deep: the text "
                                      "inside them would be lost; nest less")
    kinds = {"heading_open": "heading", "paragraph_open": "paragraph"}
    return [(kinds[opener.type], tok.content, tok.map[0] if tok.map else 0)
            for opener, tok in zip(tokens, tokens[1:]) if tok.type == "inline" and opener.type in kinds]
