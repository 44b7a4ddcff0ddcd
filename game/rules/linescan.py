"""The quickest way to read a rule file: the rule files' own subset of YAML, row by row.

libyaml is fast, but handing its events to Python is not: a PyYAML event object per scalar
and a Python loop over them were most of a cold load. Rule files use a small part of YAML
(block mappings and lists, one-row flow lists and mappings, plain and quoted scalars,
comments, `>-` descriptions), and that part can be read from the rows themselves, with
regular expressions and string methods doing the character work: a row `key: value` is one
match; a flow mapping of the usual shape (`{stat: growth, add: "0.1 * x", to: target}`) is
checked whole by one regular expression, then cut at its `, ` and `: ` separators.

This reader gives exactly what game.rules.yamlsrc.fast_parse gives (the same data, the same
lines) for the documents it takes, and declines (None) everything it is not sure of, which
then goes the usual way: tabs, carriage returns, other line breaks, control characters,
document markers and directives, anchors, aliases, tags, `?` keys, keys that are not simple
identifiers or one-line quotes, escapes, a plain scalar over several rows, a flow collection
over several rows, empty list items, indentless lists, block scalars other than `>`, `>-`,
`|`, `|-` or with rows more indented than their first, blank rows made of spaces inside them,
duplicate keys, keys that do not type as text or numbers, nesting deeper than MAX_DEPTH, and
anything odd about a `:`, a `#` or a `,` inside flow collections. Declining costs only time,
so when in doubt it declines.

Typing a plain scalar is not done here: the caller passes its resolver (the one the event
way uses), so both ways type every scalar by the same code. tests/rules/test_fast_reader.py
checks the two ways agree on every rule file, the example mod, odd documents, and generated,
mutated and random ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.rules.problems import Path_

MAX_CHARS = 400_000  # fewer characters than yamlsrc.MAX_NODES: no document here can be too large
MAX_DEPTH = 50  # half yamlsrc.MAX_DEPTH: never near the limit the other ways enforce

# A block mapping's key: an identifier-like plain scalar or a one-line quote without escapes,
# then `:` and a space or the end of the row.
_KEY = re.compile(r"""(?:([A-Za-z0-9_][A-Za-z0-9_.\-]*)|"([^"\\]*)"|'((?:[^']|'')*)'):(?: +|$)""")
# The usual row of a block mapping: an identifier, `:`, and then nothing, or one space and a
# plain scalar without `:` or `#` (group 2) or a quote (3, 4) ending the row, or one space and
# the start of something else.
_ENTRY = re.compile(r"""([A-Za-z_][A-Za-z0-9_]*):(?:$| (?:((?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[^ ]))[^:#]*(?<! ))$"""
                    r"""|"([^"\\]*)"$|'((?:[^']|'')*)'$|(?=[^ #])))""")
# What may follow a value on its row: spaces, then perhaps a comment.
_REST = re.compile(r"(?: +(?:#.*)?)?$")
# A block scalar's header: folded or literal, stripped or clipped, perhaps a comment.
_HEADER = re.compile(r"([>|])(-?)(?: +(?:#.*)?)?$")

# Inside flow collections. A plain scalar there ends at `,[]{}`; it may not hold `#`, `:` or
# `?` at all (libyaml versions disagree on some of them), nor start with an indicator.
_FLOW_PLAIN = r"""(?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[^ ,\[\]{}#:?]))[^ ,\[\]{}#:?]*(?: +[^ ,\[\]{}#:?]+)*"""
_QUOTED = r""""([^"\\]*)"|'((?:[^']|'')*)'"""
_FLOW_SCALAR = re.compile(rf"({_FLOW_PLAIN})|{_QUOTED}")
_FLOW_KEY = re.compile(rf"(?:({_FLOW_PLAIN})|{_QUOTED}): +")
_SPACES = re.compile(" *")

# Other flat flow collections (single quotes, other spacing: see _SIMPLE_MAP for the usual
# ones), each read by one regular expression that lists its entries: an identifier key, `: `,
# and a scalar or a collection without quotes or brackets inside (read on its own), each
# followed by `,` or the end. A character that is not part of such an entry is listed as an
# error (the last group), so the entries listed are the whole collection. Every part of an
# entry is unambiguous (a key ends at `:`, a plain scalar before `,` or a bracket), so the
# entries are the ones a parser would see. What is not flat is read entry by entry (flow).
_VALUE = rf"""(?:{_FLOW_PLAIN}|"[^"\\]*"|'(?:[^']|'')*'|\{{[^{{}}\[\]'"]*\}}|\[[^{{}}\[\]'"]*\])"""
_NAME = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
_PAIRS = re.compile(rf" *({_NAME}): +({_VALUE}) *(,|$)|(.)")
_ITEMS = re.compile(rf" *({_VALUE}) *(,|$)|(.)")

# The simplest flat collections (most of them): entries separated by exactly `, `, keys by
# exactly `: `, plain scalars and one-row double quotes without escapes, or in a mapping
# collections of plain scalars too. The quotes are taken out first (split at `"`) and stand as
# a NUL (which no accepted document holds) in the text that is checked: then no scalar left
# can hold `,` or `:`, so once one regular expression has checked the whole, splitting the text
# at those separators gives the keys and the values. Checked between the brackets.
_PLAIN_S = r"""(?:[^-?:,\[\]{}#&*!|>'"%@` \x00]|-(?=[^ ,\[\]{}#:?\x00]))[^ ,\[\]{}#:?\x00]*+(?: ++[^ ,\[\]{}#:?\x00]++)*+"""
_SIMPLE_NESTED = rf"\{{(?:{_NAME}: {_PLAIN_S}(?:, {_NAME}: {_PLAIN_S})*+)?\}}|\[(?:{_PLAIN_S}(?:, {_PLAIN_S})*+)?\]"
_SIMPLE_ITEM = rf"(?>\x00|{_PLAIN_S})"
_SIMPLE_VALUE = rf"(?>\x00|{_PLAIN_S}|{_SIMPLE_NESTED})"
_SIMPLE_MAP = re.compile(rf"(?:{_NAME}: {_SIMPLE_VALUE}(?:, {_NAME}: {_SIMPLE_VALUE})*+)?")
_SIMPLE_LIST = re.compile(rf"(?:{_SIMPLE_ITEM}(?:, {_SIMPLE_ITEM})*+)?")
_QUOTE = "\x00"
_NOT = object()  # not a simple flat collection

_NOT_PLAIN = frozenset("?:,[]{}#&*!|>'\"%@` ")  # characters no plain scalar starts with here
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_KEY_TYPES = (str, int, float, bool)


def _written(plain, name: str | None, dq: str | None, sq: str | None) -> object:
    """A scalar as a row wrote it: plain text typed (by `plain`), a double-quoted text as it
    is (escapes are declined earlier), a single-quoted one with its doubled quotes undone."""
    if name is not None:
        return plain(name)
    return dq if dq is not None else sq.replace("''", "'")  # type: ignore[union-attr]


class Decline(Exception):
    """Not something this reader is sure of: the event way takes the document."""


def scan(text: str, limit: int, plain: Callable[[str], object]) -> tuple[object, dict[Path_, int]] | None:
    """(data, lines of paths up to `limit` parts) of a rule file in the subset above, typing
    plain scalars with `plain`; None when the document is not in the subset."""
    if len(text) > MAX_CHARS:
        return None
    try:
        return _Rows(text, limit, plain).document()
    except Exception:  # Decline, or anything unforeseen (an index past a row's end): the next way
        return None


class _Rows:
    __slots__ = ("rows", "n", "lines", "limit", "plain", "keysets")

    def __init__(self, text: str, limit: int, plain: Callable[[str], object]):
        odd = text.encode().translate(None, _PRINTABLE_ASCII)
        if odd and (min(odd) < 0x80 or not odd.decode().isprintable()):
            # A control character, a tab, a carriage return, or among the others (the bytes of
            # the characters beyond ASCII, whole) one Python does not call printable: its
            # printable is narrower than YAML's, leaving out NEL and the Unicode line and
            # paragraph separators (line breaks to YAML 1.1), a byte order mark, and a few
            # that are fine (no-break spaces, private use). Those documents go the event way.
            raise Decline
        self.rows = text.split("\n")
        self.n = len(self.rows)
        self.lines: dict[Path_, int] = {}
        self.limit = limit
        self.plain = plain
        # The keys of flow mappings, typed, by their first key: lists of countries, effects,
        # phases... repeat one set of keys row after row.
        self.keysets: dict[str, tuple[list[str], list]] = {}

    def skip(self, i: int) -> tuple[int, int]:
        """The next row from i holding something other than spaces and a comment, and its
        indentation; (n, -1) at the end."""
        rows, n = self.rows, self.n
        while i < n:
            row = rows[i]
            body = row.lstrip(" ")
            if body and body[0] != "#":
                indent = len(row) - len(body)
                if not indent and body.startswith(("---", "...", "%")):
                    raise Decline  # a document marker, a directive
                return i, indent
            i += 1
        return n, -1

    def document(self) -> tuple[object, dict[Path_, int]]:
        i, col = self.skip(0)
        if i == self.n:
            raise Decline  # empty: the careful way words it
        self.lines[()] = i + 1
        data, i, _ = self.collection(i, col, (), 1)
        if i != self.n:
            raise Decline  # something left of the document's column after it
        return data, self.lines

    def collection(self, i: int, col: int, path: Path_ | None, depth: int) -> tuple[object, int, int]:
        """The block list or mapping whose first entry starts at column col of row i; with the
        next row after it and that row's indentation."""
        row = self.rows[i]
        if row[col] == "-" and row[col + 1:col + 2] in (" ", ""):
            return self.sequence(i, col, path, depth)
        return self.mapping(i, col, path, depth)  # which declines a row that is not `key: ...`

    def mapping(self, i: int, col: int, path: Path_ | None, depth: int) -> tuple[dict, int, int]:
        if depth > MAX_DEPTH:
            raise Decline
        rows, lines, plain = self.rows, self.lines, self.plain
        keep = path is not None and len(path) < self.limit
        out: dict[object, object] = {}
        while True:
            row = rows[i]
            match = _ENTRY.match(row, col)
            if match is not None:  # the usual row: an identifier, perhaps a plain scalar or a quote
                name, text, dq, sq = match.groups()
                key = plain(name)
            else:
                match = _KEY.match(row, col)
                if match is None:
                    raise Decline
                name, dq, sq = match.groups()
                key = _written(plain, name, dq, sq)
                text = dq = sq = None
            if type(key) not in _KEY_TYPES or key in out:
                raise Decline  # null or odd keys, duplicates: the careful way words them
            sub = (*path, key if type(key) is str else str(key)) if keep else None  # type: ignore[misc]
            if sub is not None:
                lines[sub] = i + 1
            if text is not None:
                value = plain(text)
            elif dq is not None:
                value = dq
            elif sq is not None:
                value = sq.replace("''", "'")
            else:
                at = match.end()
                if at == len(row) or row[at] == "#":  # the value starts on a later row, or is empty
                    i, ind = self.skip(i + 1)
                    if ind > col:
                        value, i, ind = self.collection(i, ind, sub, depth + 1)
                    else:
                        value = plain("")
                    out[key] = value
                    if ind < col:
                        return out, i, ind
                    if ind > col:
                        raise Decline
                    continue
                if row[at] == ">" or row[at] == "|":
                    out[key], i, ind = self.block_scalar(row, at, i, col)
                    if ind < col:
                        return out, i, ind
                    if ind > col:
                        raise Decline
                    continue
                value = self.inline(row, at, sub, i + 1, depth + 1)
            out[key] = value
            i, ind = self.skip(i + 1)
            if ind < col:
                return out, i, ind
            if ind > col:
                raise Decline  # a plain scalar going on over rows, or bad indentation

    def sequence(self, i: int, col: int, path: Path_ | None, depth: int) -> tuple[list, int, int]:
        if depth > MAX_DEPTH:
            raise Decline
        rows, lines, limit = self.rows, self.lines, self.limit
        keep = path is not None and len(path) < limit
        out: list[object] = []
        while True:
            row = rows[i]
            if row[col:col + 2] != "- ":
                raise Decline  # an empty item, or not an item at all
            at = col + 2
            while row[at] == " ":  # IndexError on a row of only "- ": declined
                at += 1
            sub = (*path, len(out)) if keep else None  # type: ignore[misc]
            if sub is not None:
                lines.setdefault(sub, i + 1)
            first = row[at]
            if first == "{" and row[-1] == "}" and depth < MAX_DEPTH:  # the usual item: one row, simple
                value = self.simple(row, at, len(row) - 1, sub if sub is not None and len(sub) < limit else None,
                                    i + 1, depth + 1)
                out.append(value if value is not _NOT else self.inline(row, at, sub, i + 1, depth + 1))
            elif first == "{" or first == "[" or first == '"' or first == "'":
                out.append(self.inline(row, at, sub, i + 1, depth + 1))
            else:
                if first == "-" and row[at + 1:at + 2] in (" ", ""):
                    value, i, ind = self.sequence(i, at, sub, depth + 1)
                elif _KEY.match(row, at):
                    value, i, ind = self.mapping(i, at, sub, depth + 1)
                elif first == ">" or first == "|":
                    value, i, ind = self.block_scalar(row, at, i, col)
                else:
                    value = None
                    ind = -2
                if ind != -2:
                    out.append(value)
                    if ind < col:
                        return out, i, ind
                    if ind > col:
                        raise Decline
                    continue
                out.append(self.inline(row, at, sub, i + 1, depth + 1))
            i, ind = self.skip(i + 1)
            if ind < col:
                return out, i, ind
            if ind > col:
                raise Decline

    def inline(self, row: str, at: int, path: Path_ | None, line: int, depth: int) -> object:
        """The value written on one row from column `at` (a flow collection, a quote, a plain
        scalar), with nothing but a comment after it; its entries' lines kept under path."""
        first = row[at]
        if first == "{" or first == "[":
            if depth > MAX_DEPTH:
                raise Decline
            last = len(row) - 1
            if row[last] == ("}" if first == "{" else "]"):
                value = self.simple(row, at, last, path if path is not None and len(path) < self.limit else None,
                                    line, depth)
                if value is not _NOT:
                    return value
            value, end = self.flow(row, at, path, line, depth)
        elif first == '"' or first == "'":
            match = _FLOW_SCALAR.match(row, at)
            if match is None:
                raise Decline  # over several rows, or with escapes
            dq, sq = match.group(2), match.group(3)
            value, end = (dq if dq is not None else sq.replace("''", "'")), match.end()
        else:
            if first in _NOT_PLAIN or (first == "-" and row[at + 1:at + 2] in (" ", "")):
                raise Decline
            end = row.find(" #", at)
            text = (row[at:end] if end >= 0 else row[at:]).rstrip(" ")
            if ": " in text or text[-1] == ":":
                raise Decline  # a mapping where a scalar should be: an error, worded by the careful way
            return self.plain(text)
        if not _REST.match(row, end):
            raise Decline
        return value

    def flow(self, row: str, at: int, path: Path_ | None, line: int, depth: int) -> tuple[object, int]:
        """A flow list or mapping that closes on its row: the value and the column after it."""
        if depth > MAX_DEPTH:
            raise Decline
        keep = path is not None and len(path) < self.limit
        closing = "]" if row[at] == "[" else "}"
        end = row.rfind(closing)
        if end > at and not row[end + 1:].strip(" "):  # nothing after it: perhaps a flat one
            value = self.simple(row, at, end, path if keep else None, line, depth)
            if value is not _NOT:
                return value, end + 1
            flat = self.flat(row, at, end, path if keep else None, line, depth)
            if flat is not None:
                return flat, end + 1
        lines, plain = self.lines, self.plain
        at = _SPACES.match(row, at + 1).end()  # type: ignore[union-attr]
        if row[at] == closing:
            return ([] if closing == "]" else {}), at + 1
        out_list: list[object] = []
        out_map: dict[object, object] = {}
        while True:
            if closing == "}":
                match = _FLOW_KEY.match(row, at)
                if match is None:
                    raise Decline
                name, dq, sq = match.groups()
                key = _written(plain, name, dq, sq)
                if type(key) not in _KEY_TYPES or key in out_map:
                    raise Decline
                sub = (*path, key if type(key) is str else str(key)) if keep else None  # type: ignore[misc]
                if sub is not None:
                    lines[sub] = line
                at = match.end()
            else:
                sub = (*path, len(out_list)) if keep else None  # type: ignore[misc]
                if sub is not None:
                    lines.setdefault(sub, line)
            first = row[at]
            if first == "{" or first == "[":
                value, at = self.flow(row, at, sub, line, depth + 1)
            else:
                match = _FLOW_SCALAR.match(row, at)
                if match is None:
                    raise Decline
                name, dq, sq = match.groups()
                value = _written(plain, name, dq, sq)
                at = match.end()
            if closing == "}":
                out_map[key] = value
            else:
                out_list.append(value)
            at = _SPACES.match(row, at).end()  # type: ignore[union-attr]
            sep = row[at]
            if sep == closing:
                return (out_list if closing == "]" else out_map), at + 1
            if sep != ",":
                raise Decline  # `:` in a list, a comment, an unclosed collection...
            at = _SPACES.match(row, at + 1).end()  # type: ignore[union-attr]
            if row[at] in ",]}":
                raise Decline  # an empty entry or a trailing comma

    def simple(self, row: str, at: int, end: int, path: Path_ | None, line: int, depth: int) -> object:
        """The simple flat collection (see _SIMPLE_MAP) between the brackets at `at` and `end`
        of row, its entries' lines kept under path unless None; _NOT when it is not one."""
        is_map = row[at] == "{"
        pattern = _SIMPLE_MAP if is_map else _SIMPLE_LIST
        quoted = None
        if row.find('"', at, end) < 0:
            if not pattern.fullmatch(row, at + 1, end):
                return _NOT
            inner = row[at + 1:end]
        else:  # the quotes out first, a mark in their place
            if row.find("\\", at, end) >= 0:
                return _NOT  # an escape, perhaps
            pieces = row[at + 1:end].split('"')
            if not len(pieces) & 1:
                return _NOT  # an odd number of quotes
            inner = _QUOTE.join(pieces[0::2])
            if not pattern.fullmatch(inner):
                return _NOT
            quoted = pieces[1::2]
        return self.entries(inner, quoted, is_map, path, line, depth)

    def entries(self, inner: str, quoted: list[str] | None, is_map: bool, path: Path_ | None, line: int,
                depth: int) -> object:
        """A simple flat collection from its checked text between the brackets (see simple)."""
        if not inner:
            return {} if is_map else []
        plain = self.plain
        if not is_map:
            texts = inner.split(", ")
            if path is not None:
                lines = self.lines
                for index in range(len(texts)):
                    lines.setdefault((*path, index), line)
            values = list(map(plain, texts))
            return values if quoted is None else _unquote(texts, values, quoted)
        nested: list[tuple[int, str]] = []  # (index of the value, its text)
        if "{" not in inner and "[" not in inner:  # no collection inside: the usual case
            words = inner.replace(": ", ", ").split(", ")
        else:
            words = []
            at = 0
            start = _collection_in(inner, 0)
            while start >= 0:  # a collection (no brackets inside), the value of the key before it
                words += inner[at:start].replace(": ", ", ").split(", ")
                at = inner.index("}" if inner[start + 2] == "{" else "]", start) + 1
                nested.append((len(words) // 2, inner[start + 2:at]))
                words.append("")
                at += 2  # the `, ` after it
                start = _collection_in(inner, at)
            if at < len(inner):
                words += inner[at:].replace(": ", ", ").split(", ")
        names = words[0::2]
        known = self.keysets.get(names[0])
        if known is not None and known[0] == names:  # the keys of the mapping before: one typing
            keys = known[1]
        else:
            keys = list(map(plain, names))
            self.keysets[names[0]] = (names, keys)
        if quoted is None and not nested and path is None:  # the usual case, shortest
            out = dict(zip(keys, map(plain, words[1::2]), strict=True))
        else:
            texts = words[1::2]
            values = list(map(plain, texts))
            if quoted is not None:
                values = _unquote(texts, values, quoted)
            parts = None
            if path is not None:
                parts = [key if type(key) is str else str(key) for key in keys]
                lines = self.lines
                for part in parts:
                    lines[(*path, part)] = line
            for index, text in nested:
                sub = None if parts is None or len(path) + 1 >= self.limit else (*path, parts[index])  # type: ignore[arg-type]
                values[index] = self.entries(text[1:-1], None, text[0] == "{", sub, line, depth + 1)
            out = dict(zip(keys, values, strict=True))
        if len(out) != len(keys) or None in out:
            raise Decline  # a duplicate key, a null key
        return out

    def flat(self, row: str, at: int, end: int, path: Path_ | None, line: int, depth: int) -> object:
        """The flat flow collection from its opening bracket at `at` to its closing one at
        `end`, lines kept under path unless None; None when it is not flat (the caller reads
        it entry by entry then)."""
        if row[at] == "{":
            found = _PAIRS.findall(row, at + 1, end)
            if not found:
                return {}
            names, texts, seps, errors = zip(*found, strict=True)
            if any(errors) or seps[-1]:
                return None  # not an entry, or a trailing comma
            keys = list(map(self.plain, names))
            parts = None
            if path is not None:
                parts = [key if type(key) is str else str(key) for key in keys]
                lines = self.lines
                for part in parts:
                    lines[(*path, part)] = line
            out = dict(zip(keys, self.values(row, at, end, texts, path, parts, line, depth), strict=True))
            if len(out) != len(keys) or None in out:
                raise Decline  # a duplicate key, a null key
            return out
        found = _ITEMS.findall(row, at + 1, end)
        if not found:
            return []
        texts, seps, errors = zip(*found, strict=True)
        if any(errors) or seps[-1]:
            return None
        if path is not None:
            lines = self.lines
            for index in range(len(texts)):
                lines.setdefault((*path, index), line)
        return self.values(row, at, end, texts, path, range(len(texts)), line, depth)

    def values(self, row: str, at: int, end: int, texts: tuple[str, ...], path: Path_ | None,
               parts: list | range | None, line: int, depth: int) -> list[object]:
        """The values of a flat collection's entries from their texts; `parts` are the last
        parts of their paths when path is not None."""
        out = list(map(self.plain, texts))
        if (row.find('"', at, end) < 0 and row.find("'", at, end) < 0 and row.find("{", at + 1, end) < 0
                and row.find("[", at + 1, end) < 0):
            return out  # plain scalars only: the usual case
        # Some are quoted or collections: plain() took those for text (no resolver starts
        # with a quote or a bracket), and they are read again here.
        for index, text in enumerate(texts):
            first = text[0]
            if first == '"':
                out[index] = text[1:-1]
            elif first == "'":
                out[index] = text[1:-1].replace("''", "'")
            elif first == "{" or first == "[":
                sub = None if path is None else (*path, parts[index])  # type: ignore[index]
                value, stop = self.flow(text, 0, sub, line, depth + 1)
                if stop != len(text):
                    raise Decline  # pragma: no cover - the text ends with the collection's bracket
                out[index] = value
        return out

    def block_scalar(self, row: str, at: int, i: int, col: int) -> tuple[str, int, int]:
        """A `>` or `|` scalar (stripped or clipped) whose rows all share one indentation,
        deeper than the collection's at col; with the next row after it."""
        header = _HEADER.match(row, at)
        if header is None:
            raise Decline  # keep chomping, an indentation indicator, something after it
        literal, strip = header.group(1) == "|", header.group(2) == "-"
        rows, n = self.rows, self.n
        j = i + 1
        first = rows[j] if j < n else ""
        indent = len(first) - len(first.lstrip(" "))
        if indent <= col or indent == len(first):
            raise Decline  # empty, or starting with blank rows: the rules for those are subtle
        parts: list[str] = []
        blank = 0
        last = j
        while j < n:
            text = rows[j]
            if not text:
                blank += 1
                j += 1
                continue
            body = text.lstrip(" ")
            if not body:
                raise Decline  # a row of spaces: content or not, depending on its length
            ind = len(text) - len(body)
            if ind < indent:
                break
            if ind > indent:
                raise Decline  # more indented rows are neither folded nor joined the simple way
            if parts:
                parts.append("\n" * (blank + 1) if literal else "\n" * blank if blank else " ")
            parts.append(body)
            blank = 0
            last = j
            j += 1
        value = "".join(parts)
        if not strip and last + 1 < n:  # clip: the line break after the last row stays
            value += "\n"
        return value, *self.skip(j)


def _collection_in(inner: str, at: int) -> int:
    """Where the first `: {` or `: [` from `at` of a simple mapping's text is, or -1."""
    brace, bracket = inner.find(": {", at), inner.find(": [", at)
    if brace < 0 or 0 <= bracket < brace:
        return bracket
    return brace


def _unquote(texts: list[str], values: list[object], quoted: list[str]) -> list[object]:
    """values with the quotes' contents in place of the marks that stood for them."""
    contents = iter(quoted)
    return [next(contents) if text == _QUOTE else value for text, value in zip(texts, values, strict=True)]
