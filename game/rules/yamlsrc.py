"""Reads YAML into plain data while keeping the line of every key and list item.

PyYAML's compose() gives a node tree with positions; we build the data ourselves so that
duplicate keys are rejected (PyYAML silently keeps the last one) and so that a pydantic
error path such as ("policies", 3, "cost") can be mapped back to a line. Only the safe
constructors are used: no tag can create a Python object.

Three ways to the same result, tried in turn (plain_parse, then the careful way). Rule files
use a small part of YAML (block mappings and lists, one-row flow collections, plain and quoted
scalars, comments, `>-` texts), and the row reader (quick_parse, game.rules.linescan) reads
that part from the rows themselves: most of a cold load used to be handing libyaml's events
to Python one object at a time. What it is not sure of, it declines, and the event way takes
it: any plain YAML (mappings, lists, scalars) built in one pass over libyaml's event stream
(fast_parse): no node tree, no second pass to measure the depth. Anything else (anchors,
aliases, tags, complex or duplicate keys, too deep, too large, broken) goes the careful way
(compose, then _build), which also words every problem. All give equal data and lines for
the documents they accept (tests/rules/test_fast_reader.py and test_rules_cache.py check that
on every rule file and on generated, mutated and random documents). Both quicker ways type a
plain scalar with the same function (_plain, each distinct text once: _TYPED).

Only the lines of shallow paths (up to SHALLOW parts: a kind of rule, an entry) are kept
at first: they locate every rule. The others are found again from the text the first time
a deeper path is asked for, which happens only when something is wrong with the file.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from game.rules import linescan
from game.rules.problems import Path_, Problem, display_name, short_value

try:  # The C parser is several times faster on the big scenario files.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML builds
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 400_000  # guards against alias expansion bombs ("billion laughs")
MAX_DEPTH = 100  # real rules nest about 8 deep
SHALLOW = 2  # path length whose lines are kept from the start: (kind, index), where each rule is
ALL = 10**9  # a line limit that keeps every path


class Source:
    """One parsed YAML file: its data and where every part of it stands.

    `lines` maps a path to its line. A Source made with `text` and `depth` holds only the
    paths up to `depth` parts long; the deeper ones are read again from `text` when first
    needed (line_of and lines do that by themselves)."""

    __slots__ = ("file", "data", "_lines", "_depth", "_text")

    def __init__(self, file: str, data: object, lines: dict[Path_, int] | None = None,
                 text: str | bytes | None = None, depth: int | None = None):
        self.file = file
        self.data = data
        self._lines = lines if lines is not None else {}
        self._depth = depth if text is not None else None
        self._text = text

    @property
    def lines(self) -> dict[Path_, int]:
        if self._depth is not None:
            self._complete()
        return self._lines

    def _complete(self) -> None:
        text = self._text
        if text is not None:
            if isinstance(text, bytes):  # a file read back from the cache: it was UTF-8 then
                text = text.decode("utf-8-sig", errors="replace")
            found = plain_parse(text, ALL)
            if found is None:  # the careful way gives the same lines
                found = _careful(text)
            if found is not None:
                self._lines = found[1]
        self._depth = None  # only now: another thread asking meanwhile reads them again too
        self._text = None

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of path (1 when nothing matches)."""
        if self._depth is not None and len(path) > self._depth:
            self._complete()
        lines = self._lines
        for end in range(len(path), -1, -1):
            line = lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return (self.file, self.data, self.lines) == (other.file, other.data, other.lines)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Source({self.file!r})"


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


# ---- the fast way: plain YAML straight from the event stream ---------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SCALAR_KEYS = (str, int, float, bool)


def _resolvers() -> tuple[dict[str, tuple], tuple]:
    """The implicit resolvers by first character, with the wildcard ones appended, as
    yaml.resolver.BaseResolver.resolve tries them."""
    table = _Loader.yaml_implicit_resolvers
    wild = tuple(table.get(None, []))
    return {first: (*found, *wild) for first, found in table.items() if first is not None}, wild


_RESOLVERS, _WILD = _resolvers()


class _Unusual(Exception):
    """The document is not plain YAML, or is broken: the careful way takes it."""


def _construct(tag: str, value: str) -> object:
    """A plain scalar the resolver typed, as SafeConstructor builds it."""
    if tag == _INT:
        if value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)
        return _scalar_constructor.construct_yaml_int(yaml.ScalarNode(tag, value))
    if tag == _FLOAT:
        if "_" not in value and ":" not in value and value[-1] not in "fFnN":  # not .inf, .nan
            return float(value)
        return _scalar_constructor.construct_yaml_float(yaml.ScalarNode(tag, value))
    if tag == _BOOL:
        return _scalar_constructor.bool_values[value.lower()]
    if tag == _NULL:
        return None
    raise _Unusual  # timestamps, merge keys, `=`: the careful way


_NUMBER_START = frozenset("0123456789-+")


def _number(value: str) -> int | float | None:
    """A plain decimal number (`12`, `-3`, `0.25`, `17.`) as the resolver and the constructor
    would make it, without their regular expressions; None for anything else."""
    digits = value[1:] if value[:1] in ("-", "+") else value
    if not digits.isascii():
        return None
    if digits.isdigit():  # the int resolver takes it (not the float one: no dot)...
        return int(value) if digits[0] != "0" or digits == "0" else None  # ...0-led is octal, or text
    whole, dot, part = digits.partition(".")
    if dot and whole.isdigit() and (not part or part.isdigit()):
        return float(value)  # the float resolver takes it, and the constructor agrees with float()
    return None


def _plain(value: str) -> object:
    """A plain scalar typed as the resolver and SafeConstructor type it (both fast ways type
    with this, so they agree). Raises _Unusual for the types the careful way is left with."""
    first = value[:1]
    if first in _NUMBER_START:
        number = _number(value)
        if number is not None:
            return number
    for tag, regexp in _RESOLVERS.get(first, _WILD):
        if regexp.match(value):
            return _construct(tag, value)
    return value


class _TypedScalars(dict):
    """Plain scalars typed once each, text -> value: rule files repeat their words and figures
    (about 2,500 distinct plain scalars in 35,000). A dict looked up from C (by map(), by the
    row reader) rather than a function call each; the values are immutable scalars."""

    KEEP = 1 << 14

    def __missing__(self, text: str) -> object:
        value = _plain(text)  # may raise _Unusual: nothing is kept then
        if len(self) >= self.KEEP:
            self.clear()
        self[text] = value
        return value


_TYPED = _TypedScalars()
_typed = _TYPED.__getitem__


def _from_events(get, limit: int) -> tuple[object, dict[Path_, int]]:
    """Data and lines (of paths up to `limit` parts) of one plain YAML document."""
    ev = get()  # stream start
    if type(get()) is not DocumentStartEvent:
        raise _Unusual  # no document at all
    lines: dict[Path_, int] = {}
    budget = MAX_NODES
    stack: list[tuple] = []
    cur: dict | list | None = None  # the collection being filled (None: the document itself)
    path: Path_ | None = ()  # its path, or None below the depth whose lines are kept
    is_map = False
    key: object = None
    has_key = False  # a mapping's key has been read and waits for its value
    sub: Path_ | None = None  # the path of that value
    root: object = None
    while True:
        ev = get()
        kind = type(ev)
        if kind is ScalarEvent:
            if ev.anchor is not None or ev.tag is not None:
                raise _Unusual
            budget -= 1
            value = ev.value
            if ev.implicit[0]:  # plain: the resolver may type it
                value = _typed(value)
            if is_map:
                if not has_key:
                    if type(value) not in _SCALAR_KEYS or value in cur:  # type: ignore[operator]
                        raise _Unusual
                    key, has_key = value, True
                    if path is not None and len(path) < limit:
                        sub = (*path, value if type(value) is str else str(value))
                        lines[sub] = ev.start_mark.line + 1
                    else:
                        sub = None
                    continue
                cur[key] = value  # type: ignore[index]
                has_key = False
            elif cur is not None:
                if path is not None and len(path) < limit:
                    lines.setdefault((*path, len(cur)), ev.start_mark.line + 1)
                cur.append(value)  # type: ignore[union-attr]
            else:
                lines.setdefault((), ev.start_mark.line + 1)
                root = value
                break
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if ev.anchor is not None or ev.tag is not None or (is_map and not has_key):
                raise _Unusual  # an anchor, a tag, a collection as a key
            budget -= 1
            new: dict | list = {} if kind is MappingStartEvent else []
            if is_map:
                cur[key] = new  # type: ignore[index]
                has_key = False
                at = sub  # its line is its key's, set with the key
            elif cur is not None:
                at = (*path, len(cur)) if path is not None and len(path) < limit else None
                if at is not None:
                    lines.setdefault(at, ev.start_mark.line + 1)
                cur.append(new)  # type: ignore[union-attr]
            else:
                at = ()
                lines.setdefault((), ev.start_mark.line + 1)
                root = new
            stack.append((cur, path, is_map))
            if len(stack) > MAX_DEPTH:
                raise _Unusual
            cur, path, is_map = new, at, kind is MappingStartEvent
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            cur, path, is_map = stack.pop()
            has_key = False
            if not stack:
                break
        else:  # an alias, or anything unexpected
            raise _Unusual
        if budget < 0:
            raise _Unusual
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _Unusual  # more than one document
    return root, lines


def quick_parse(text: str, limit: int = SHALLOW) -> tuple[object, dict[Path_, int]] | None:
    """(data, lines up to `limit` parts) of a document in the rule files' own subset of YAML,
    read from its rows (game.rules.linescan); None for anything else. Equal to fast_parse's
    result whenever it gives one."""
    return linescan.scan(text, limit, _typed)


def plain_parse(text: str, limit: int = SHALLOW) -> tuple[object, dict[Path_, int]] | None:
    """The quickest of the fast ways that takes the document; None when only the careful way
    can (it also words what is wrong)."""
    found = linescan.scan(text, limit, _typed)
    return found if found is not None else fast_parse(text, limit)


def fast_parse(text: str, limit: int = SHALLOW) -> tuple[object, dict[Path_, int]] | None:
    """(data, lines up to `limit` parts) of a plain YAML document in one pass over the
    events; None when the document needs the careful way (see the module docstring)."""
    loader = _Loader(text)
    try:
        return _from_events(loader.get_event, limit)
    except Exception:  # whatever it is, the careful way meets it again and words it
        return None
    finally:
        loader.dispose()


def _careful(text: str) -> tuple[object, dict[Path_, int]] | None:
    """The careful way's data and every line, or None when the text does not parse."""
    source, _ = _parse_careful(text, "")
    return (source.data, source.lines) if source is not None else None


def parse_text(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse one YAML document; on failure return the problem with its line, never raise."""
    if "\x00" in text:
        return None, [Problem(file, 1, "(file)", "not a text file (contains NUL bytes)")]
    found = plain_parse(text)
    if found is not None:
        return Source(file, found[0], found[1], text=text, depth=SHALLOW), []
    return _parse_careful(text, file)


def _parse_careful(text: str, file: str) -> tuple[Source | None, list[Problem]]:
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


def read_bytes(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a rule file, or the problem reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(file, 1, "(file)", f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Problem(file, 1, "(file)", f"cannot read: {exc.strerror or exc}")]


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a rule file, or where it stops being UTF-8."""
    try:  # what "utf-8-sig" gives, without loading that codec (a first load pays for it)
        text = raw.decode("utf-8")
        return (text[1:] if text[:1] == "\ufeff" else text), []
    except UnicodeDecodeError:
        pass  # decoded again the usual way, for the same error at the same place
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, "(file)", "not UTF-8 text")]


def parse_file(path: Path, shown_as: str | None = None, cache: bool = True) -> tuple[Source | None, list[Problem]]:
    """Parse one rule file. With `cache`, a file parsed before (same bytes, same code) is
    read back from the parsed-rules cache (game.rules.diskcache) instead."""
    file = shown_as or display_name(path)
    raw, problems = read_bytes(path, file)
    if raw is None:
        return None, problems
    if cache:
        from game.rules import diskcache

        return diskcache.parse_cached(raw, file)
    text, problems = decode(raw, file)
    return parse_text(text, file) if text is not None else (None, problems)
