"""Reads YAML into plain data while keeping the line of every key and list item.

PyYAML's compose() gives a node tree with positions; we build the data ourselves from it so
that duplicate keys are rejected (PyYAML silently keeps the last one) and so that a pydantic
error path such as ("policies", 3, "cost") can be mapped back to a line. Only the safe
constructors are used: no tag can create a Python object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.rules.problems import Path_, Problem, display_name, short_value

try:  # The C composer is several times faster on the big scenario files.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML builds
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 400_000  # guards against alias expansion bombs ("billion laughs")
MAX_DEPTH = 100  # real rules nest about 8 deep


@dataclass
class Source:
    """One parsed YAML file: its data and where every part of it stands."""

    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of path (1 when nothing matches)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Fail(Exception):
    def __init__(self, line: int, path: Path_, message: str, got: object = None):
        self.line, self.path, self.message, self.got = line, path, message, got


_scalar_constructor = yaml.constructor.SafeConstructor()


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], budget: list[int]) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        raise _Fail(node.start_mark.line + 1, path, "document too large (alias expansion?)")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[object, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Fail(key_node.start_mark.line + 1, path, "merge keys (<<) are not supported")
            key = _build(key_node, path, {}, budget)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise _Fail(key_node.start_mark.line + 1, path, "keys must be plain scalars", key)
            if key in out:
                first = lines.get((*path, key), "?")
                raise _Fail(key_node.start_mark.line + 1, (*path, key),
                            f"duplicate key (first defined on line {first})")
            sub = (*path, key) if isinstance(key, str) else (*path, str(key))
            lines[sub] = key_node.start_mark.line + 1
            out[key] = _build(value_node, sub, lines, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, budget) for i, item in enumerate(node.value)]
    try:
        return _scalar_constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        why = getattr(exc, "problem", None) or " ".join(str(exc).split())  # one line: str(exc) has marks
        raise _Fail(node.start_mark.line + 1, path, f"bad value: {why}", node.value) from None


def _too_deep(text: str) -> int:
    """The line where nesting passes MAX_DEPTH, else 0. The C composer recurses once per level
    and overflows the C stack (a crash, not an exception) on `[[[[...` a few 10,000 deep, so
    depth is measured first on the event stream, which is flat."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return 0


def parse_text(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse one YAML document; on failure return the problem with its line, never raise."""
    if "\x00" in text:
        return None, [Problem(file, 1, "(file)", "not a text file (contains NUL bytes)")]
    try:
        deep = _too_deep(text)
        if deep:
            return None, [Problem(file, deep, "(yaml)", f"nested too deeply (more than {MAX_DEPTH} levels)")]
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        msg = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "invalid YAML"
        return None, [Problem(file, line, "(yaml)", f"invalid YAML: {msg}")]
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a position
        line = text[: exc.position].count("\n") + 1
        return None, [Problem(file, line, "(yaml)", f"invalid YAML: control character {exc.character!r} is not allowed")]
    except yaml.YAMLError as exc:  # e.g. more than one document
        return None, [Problem(file, 1, "(yaml)", "invalid YAML: " + " ".join(str(exc).split()))]
    if node is None:
        return None, [Problem(file, 1, "(file)", "file is empty")]
    lines: dict[Path_, int] = {}
    try:
        data = _build(node, (), lines, [MAX_NODES])
    except _Fail as fail:
        from game.rules.problems import format_path

        got = short_value(fail.got) if fail.got is not None else None
        return None, [Problem(file, fail.line, format_path(fail.path), fail.message, got)]
    except RecursionError:
        return None, [Problem(file, 1, "(yaml)", "document nested too deeply")]
    return Source(file, data, lines), []


def parse_file(path: Path, shown_as: str | None = None) -> tuple[Source | None, list[Problem]]:
    file = shown_as or display_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(file, 1, "(file)",
                                  f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 1, "(file)", f"cannot read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, "(file)", "not UTF-8 text")]
    return parse_text(text, file)
