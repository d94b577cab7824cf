"""YAML that remembers line numbers, so errors in sidecars and front matter can point at them."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import SourceError


class LineDict(dict):
    """A mapping from YAML that knows the line it starts on and the line of each key."""
    line: int = 1
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 1


# libyaml's parser, when PyYAML has it (its wheels do), reads YAML about fifteen times faster than
# PyYAML's own; the values are built by the same Python constructors either way.
_LIBYAML = hasattr(yaml, "CSafeLoader")


class _Loader(yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader):
    pass


MAX_NODES = 100_000  # values once aliases are expanded: far above any sidecar, far below exhausting memory
MERGE_TAG = "tag:yaml.org,2002:merge"


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    first_line: dict = {}
    for key_node, _ in node.value:  # a key written twice would silently drop the first value
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != MERGE_TAG:
            line = key_node.start_mark.line + 1 + loader.line_offset
            if key_node.value in first_line:
                raise SourceError(loader.path, line, f"{key_node.value!r} is given twice (first on line "
                                                     f"{first_line[key_node.value]}): join the two into one")
            first_line[key_node.value] = line
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise SourceError(loader.path, key_node.start_mark.line + 1 + loader.line_offset, "a key must be plain text")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    return result


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay as written: "2025-03-19" is shown and compared as text.
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse_yaml(text: str, path: Path, line_offset: int = 0):
    """Parse YAML text; errors become SourceError at the right line of `path`."""
    loader = None
    try:
        loader = _Loader(text)  # (reads the text: a control character stops it here)
        loader.path = path
        loader.line_offset = line_offset
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, path, line_offset)
        return loader.construct_document(node)
    except RecursionError:
        raise SourceError(path, 1 + line_offset, "malformed YAML: nested too deeply") from None
    except yaml.reader.ReaderError as exc:
        read = text.encode("utf-8") if _LIBYAML else text  # libyaml counts bytes, PyYAML characters
        line = read.count(b"\n" if _LIBYAML else "\n", 0, exc.position) + 1 + line_offset
        raise SourceError(path, line, f"character U+{exc.character:04X} is not allowed in YAML text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark.line >= text.rstrip("\n").count("\n"):
            mark = exc.context_mark  # found at the end ("[" never closed): point at what was left open
        line = (mark.line + 1 if mark else 1) + line_offset
        raise SourceError(path, line, f"malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise SourceError(path, 1 + line_offset, f"malformed YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _check_size(root: yaml.Node, path: Path, line_offset: int) -> None:
    """Refuse a document whose aliases (*name) refer to themselves or expand beyond MAX_NODES values."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            on_path.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            if size[id(node)] > MAX_NODES:
                raise SourceError(path, node.start_mark.line + 1 + line_offset,
                                  f"YAML aliases expand to more than {MAX_NODES:,} values: write the values out")
            continue
        if id(node) in size:
            continue
        on_path.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise SourceError(path, child.start_mark.line + 1 + line_offset, "a YAML alias refers to itself")
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load_yaml(path: Path):
    from .load.files import read_text  # reading (and its errors) lives in one place

    return parse_yaml(read_text(path), path)
