"""The row reader changes nothing but the time a load takes.

yamlsrc.quick_parse reads the rule files' own subset of YAML from their rows
(game.rules.linescan) and declines (None) anything else, which then goes the event way
(fast_parse) and, failing that, the careful way. Whatever it returns must be exactly what the
event way returns: the same data (same types, same key order) and the same line for every
path, for the shallow lines the loader keeps and for all of them. And whenever the event way
refuses a document (a duplicate key, an error the careful way words), the row reader must
refuse it too. Checked here on every rule file, the example mod, hand-picked odd documents,
documents written in the rule files' style, and mutations of those and of the real files.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.rules import diskcache, linescan, yamlsrc
from game.rules.loader import rule_files

ROOT = Path(__file__).resolve().parents[2]
FILES = rule_files(ROOT / "rules") + sorted((ROOT / "examples" / "mods").rglob("*.yaml"))
TEXTS = {path.relative_to(ROOT).as_posix(): path.read_bytes().decode("utf-8-sig") for path in FILES}


def same(a: object, b: object) -> bool:
    """Equal data of the same types, mappings in the same order (1, 1.0 and True differ;
    NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
                and all(same(a[k], b[k]) for k in a))  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, float):
        return repr(a) == repr(b) or (math.isnan(a) and math.isnan(b))  # type: ignore[arg-type]
    return a == b


def agree(text: str) -> bool:
    """The row reader declines text or reads it as the event reader does, at both depths of
    lines; True when it read it."""
    taken = False
    for limit in (yamlsrc.SHALLOW, yamlsrc.ALL):
        quick = yamlsrc.quick_parse(text, limit)
        if quick is None:
            continue
        fast = yamlsrc.fast_parse(text, limit)
        assert fast is not None, f"the row reader took what the event reader refuses:\n{text}"
        assert same(quick[0], fast[0]), f"different data:\n{text}\n{quick[0]!r}\n{fast[0]!r}"
        assert quick[1] == fast[1], f"different lines:\n{text}\n{quick[1]}\n{fast[1]}"
        taken = True
    return taken


# ---- the real files ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(TEXTS))
def test_every_rule_file_is_read_the_quick_way_and_equally(name: str):
    text = TEXTS[name]
    assert agree(text)
    for limit in (yamlsrc.SHALLOW, yamlsrc.ALL):
        assert yamlsrc.quick_parse(text, limit) is not None, "a real rule file should be in the row reader's subset"
    source, problems = yamlsrc.parse_text(text, name)  # the loader's way, through the row reader
    expected, _ = yamlsrc._parse_careful(text, name)
    assert problems == [] and source == expected


def test_the_files_hold_what_the_reader_must_get_right():
    """The real files do use what the reader has special ways for, so the test above covers them."""
    text = "\n".join(TEXTS.values())
    for needle in (">-\n", ": {", "- {", ": [", ': "', "# ", "\n\n", ": null", ": true", ": false", ": -"):
        assert needle in text, needle
    assert any(not t.isascii() for t in TEXTS.values())


def test_the_cache_key_covers_the_row_reader():
    # code_fingerprint hashes the sources of the game.rules package: the reader is one of them.
    assert Path(linescan.__file__).resolve().parent == Path(diskcache.__file__).resolve().parent
    assert Path(linescan.__file__).name in {p.name for p in Path(diskcache.__file__).resolve().parent.rglob("*.py")}


# ---- odd documents -----------------------------------------------------------------------------

DECLINED = [
    "a: 1\nb:\t2\n",  # a tab
    "a: 1\r\nb: 2\r\n",  # carriage returns
    "a: x\x85y\n",  # NEL, a line break to YAML 1.1
    "a: x\u2028y\n",  # a line separator
    "a: \ufeffx\n",  # a byte order mark inside
    "a: \x07\n",  # a control character
    "a: x\x7f\n",
    "---\na: 1\n",  # document markers, directives
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: &x 1\nb: *x\n",  # anchors, aliases, tags
    "a: !!str 12\n",
    "a: [!!str 1]\n",
    "? a\n: 1\n",  # a complex key
    "a: 1\na: 2\n",  # duplicate keys, the same after typing
    "1: a\n1.0: b\n",
    "a: {x: 1, x: 2}\n",
    "a: {1: x, true: y}\n",
    "null: 1\n",  # a null key
    "a: {~: 1}\n",
    "a: 2024-01-01\n",  # a timestamp, a merge key, a value key
    "<<: {a: 1}\n",
    "a: =\n",
    "a: b\n  c\n",  # a plain scalar over two rows
    "- a\n  b\n",
    "a: [1,\n  2]\n",  # a flow collection over two rows
    "a: 'x\n  y'\n",  # a quote over two rows
    'a: "x\\ty"\n',  # an escape
    "a:\n- 1\n",  # an indentless list
    "a:\n  -\n  - 2\n",  # empty items
    "- \n",
    "a: |+\n  x\n",  # keep chomping, an indentation indicator, more indented rows
    "a: >2\n   x\n",
    "a: >-\n  x\n    y\n",
    "a: >-\n\n  x\n",  # a blank row first
    "a: >-\n  x\n   \n  y\n",  # a row of spaces inside
    "a: b: c\n",  # a mapping where a scalar should be
    "a: b:\n",
    "a: - b\n",
    "a: [1, 2,]\n",  # trailing commas, empty entries
    "a: {x: 1,}\n",
    "a: [1, , 2]\n",
    "a: [x: 1]\n",  # a single pair in a list
    "a: {x:1}\n",
    "a: {x: y:z}\n",
    "a: [a?b]\n",
    "a: [1] x\n",  # something after a flow collection or a quote
    "a: 'x' y\n",
    "a: 1\n b: 2\n",  # bad indentation
    "  a: 1\nb: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "- " * 150 + "x\n",  # nested deeper than the other ways take
    "a: " + "[" * 150 + "]" * 150 + "\n",
    "".join(" " * i + f"k{i}:\n" for i in range(120)),
    "",  # empty
    "# only a comment\n",
    "just text\n",  # a scalar document
    "[1, 2]\n",
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
]


@pytest.mark.parametrize("text", DECLINED)
def test_what_the_row_reader_is_not_sure_of_it_leaves(text: str):
    assert yamlsrc.quick_parse(text, yamlsrc.ALL) is None
    agree(text)


TAKEN = [
    "a: 1\nb: -2\nc: 0.25\nd: 17.\ne: 1.0\nf: +5\ng: 07\nh: 08\ni: 0\n",  # numbers, octal, text
    "a: .5\nb: 1e5\nc: 1.5e+3\nd: 0x1F\ne: 1_000\nf: .inf\ng: -.Inf\nh: 1:20\n",  # the resolver's corners
    "a: true\nb: False\nc: yes\nd: No\ne: on\nf: OFF\ng: y\nh: n\ni: null\nj: ~\nk: Null\nl:\n",
    "a: it's\nb: a#b\nc: C++ & 50%\nd: a, b [c] {d}\ne: x  y\nf: é中文😀\ng: -x\nh: a :b\n",
    "a: 'it''s'\nb: \"q # not a comment\"\nc: ''\nd: \"\"\ne: '1'\nf: \"true\"\n",
    "'a': 1\n\"b c\": 2\n1: x\n2.5: y\nfalse: z\n",  # quoted and typed keys
    "a: b  # a comment\nc:   d\ne: f   \n# a row of comment\n   # indented\n\ng: h\n",
    "a:\n  b:\n    c: 1\n  d: [1, 2]\ne:\n  - x\n  - - y\n    - z\n  - k: v\n    l: w\n",
    "a: {x: 1, y: [p, q], z: {m: n}}\nb: [{s: 1}, {t: 2}]\nc: []\nd: {}\ne: [ 1 , 2 ]\nf: { g: h }\n",
    "a: {name: 'x, y', note: \"a: b\", n: -1}\nb: ['a', \"b\", c d]\nc: [-1, -.5, .5]\n",
    "a: >-\n  folded\n  text\n\n  para\nb: >\n  clip\nc: |\n  lit\n  eral\n\n  x\nd: |-\n  strip\n",
    "a: >-  # why\n  x # not a comment\n  y\n\n\nb: 1\n",
    "- a: >-\n    in a list\n  b: 1\n- >-\n  item\n- |\n  last",
    "  a: 1\n  b:\n    - 2\n",  # a document indented as a whole
    "a: 1",  # no line break at the end
]


@pytest.mark.parametrize("text", TAKEN)
def test_what_the_row_reader_takes_it_reads_as_the_event_reader_does(text: str):
    assert agree(text)
    careful, problems = yamlsrc._parse_careful(text, "x.yaml")
    assert problems == [] and careful is not None
    assert same(yamlsrc.quick_parse(text, yamlsrc.ALL)[0], careful.data)  # type: ignore[index]


# ---- documents in the rule files' style, written at random ------------------------------------

KEYS = ["id", "name", "stat", "add", "to", "note", "a", "b", "k1", "x.y", "a-b", "_k"]
ODD_KEYS = ["1", "2", "1.5", "true", "yes", "null", "~", "on", "a b", "'q'", '"q q"', "é", "<<", "-k", "k:", "a#b", "",
            "id", "? k", "&a k", "[k]"]
PLAIN = ["trade", "Sign a trade deal", "growth", "world.disorder", "0", "12", "-3", "0.25", "17.", "1.0", "-0.5",
         "100", "true", "false", "null", "yes", "Off", "~", "x y z", "it's", "a#b", "C++", "50%", "A&B", "(x)",
         "é", "Côte d'Ivoire", "-(1.5 + x)", "0.1 * min(1, x)"]
ODD_PLAIN = [".5", "-.5", "1e5", "1.5e+3", "0x1F", "0o17", "07", "08", "+5", "1_000", ".inf", "-.Inf", ".nan",
             "2024-01-01", "1:20", "<<", "=", "a: b", "x:", "-x", "- x", "@x", "%x", "&a", "*a", "!x", "|", ">",
             "?x", ":x", "{x}", "[x]", "a #b", "#c", "'q'", '"q"', "", "a  b", "y", "n", "NULL", "Yes", "0.", "-0",
             "+0.5", "a, b", "f[1]", "a]", "a}", "😀", "\u00a0x", "x\u2028y", "tab\tx", "back\\slash", "--", "---",
             "...", "a ? b", "x\ry"]
FLOW_SAFE = [p for p in PLAIN if not any(c in p for c in ",[]{}#:?")]


class Writer:
    """Rule-file-like YAML from a source of random choices. `odd` mixes in what rule files
    do not hold (odd scalars and keys, other spacing, comments in odd places...), which the
    row reader must decline or still read as the event reader does."""

    def __init__(self, rnd: random.Random, odd: bool):
        self.rnd, self.odd = rnd, odd
        self.rows: list[str] = []

    def chance(self, p: float) -> bool:
        return self.odd and self.rnd.random() < p

    def key(self) -> str:
        return self.rnd.choice(ODD_KEYS) if self.chance(0.06) else self.rnd.choice(KEYS)

    def word(self, flow: bool = False) -> str:
        if self.chance(0.15):
            return self.rnd.choice(ODD_PLAIN)
        return self.rnd.choice(FLOW_SAFE if flow else PLAIN)

    def quoted(self) -> str:
        text = self.word()
        if self.rnd.random() < 0.5:
            return '"' + (text if self.chance(0.3) else text.replace('"', "").replace("\\", "")) + '"'
        return "'" + (text if self.chance(0.3) else text.replace("'", "''")) + "'"

    def comment(self) -> str:
        return self.rnd.choice(["  # note", " # x: [y]", "   #", " #'"]) if self.chance(0.08) else ""

    def flow(self, depth: int) -> str:
        rnd = self.rnd
        sep = rnd.choice([", ", ",", " , ", ",  "]) if self.chance(0.2) else ", "
        colon = rnd.choice([":", ":  ", " : "]) if self.chance(0.1) else ": "
        items = []
        is_map = rnd.random() < 0.6
        keys = self.keys(rnd.randrange(0 if self.odd else 1, 6))
        for key in keys:
            roll = rnd.random()
            if roll < 0.15 and depth < 2:
                value = self.flow(depth + 1)
            elif roll < 0.3:
                value = self.quoted()
            else:
                value = self.word(flow=True)
            items.append(f"{key}{colon}{value}" if is_map else value)
        inner = sep.join(items) + ("," if self.chance(0.05) else "")
        pad = " " if self.chance(0.1) else ""
        return ("{" + pad + inner + pad + "}") if is_map else ("[" + pad + inner + pad + "]")

    def block_text(self, indent: int) -> list[str]:
        rnd = self.rnd
        header = rnd.choice([">-", ">", "|", "|-", ">+", ">2", ">-  # c", "|  "]) if self.chance(0.3) else ">-"
        step = rnd.choice([1, 3, 4]) if self.chance(0.2) else 2
        body = []
        for _ in range(rnd.randrange(1, 4)):
            if body and rnd.random() < 0.2:
                body.append(rnd.choice(["", "   "]) if self.chance(0.3) else "")
            text = " ".join(self.word() for _ in range(rnd.randrange(1, 5)))
            extra = " " * rnd.randrange(1, 3) if self.chance(0.1) else ""
            body.append(" " * (indent + step) + extra + text + (" " if self.chance(0.1) else ""))
        return [header, *body]

    def value(self, indent: int, depth: int) -> tuple[str, list[str]]:
        """The text after `key: ` (or `- `) and the rows under it."""
        roll = self.rnd.random()
        if roll < 0.45 or depth > 3:
            return self.word(), []
        if roll < 0.6:
            return self.quoted(), []
        if roll < 0.75:
            return self.flow(0), []
        if roll < 0.82:
            header, *rows = self.block_text(indent)
            return header, rows
        sub: list[str] = []
        step = self.rnd.choice([0, 1, 3, 4]) if self.chance(0.1) else 2
        if roll < 0.91:
            self.mapping(indent + step, depth + 1, sub)
        else:
            self.sequence(indent + step, depth + 1, sub)
        return "", sub

    def keys(self, count: int) -> list[str]:
        """Keys for one mapping: different ones, unless odd."""
        if self.odd:
            return [self.key() for _ in range(count)]
        return self.rnd.sample(KEYS, count)

    def mapping(self, indent: int, depth: int, out: list[str], first: str | None = None) -> None:
        for n, key in enumerate(self.keys(self.rnd.randrange(1, 5))):
            text, rows = self.value(indent, depth)
            lead = first if (n == 0 and first is not None) else " " * indent
            out.append(f"{lead}{key}:" + (" " + text if text else "") + (self.comment() if not rows else ""))
            out += rows
            self.noise(indent, out)

    def sequence(self, indent: int, depth: int, out: list[str]) -> None:
        for _ in range(self.rnd.randrange(1, 5)):
            roll = self.rnd.random()
            if roll < 0.4 and depth <= 3:
                self.mapping(indent + 2, depth + 1, out, first=" " * indent + "- ")
            elif roll < 0.6:
                out.append(" " * indent + "- " + self.flow(0) + self.comment())
            elif roll < 0.65 and depth <= 3:
                sub: list[str] = []
                self.sequence(indent + 2, depth + 1, sub)
                out.append(" " * indent + "- " + sub[0][indent + 2:])
                out += sub[1:]
            else:
                text, rows = self.value(indent, depth + 1)
                if rows and not text and not self.odd:
                    text, rows = self.word(), []
                if rows and not text:  # a collection under an item: on the next rows
                    out.append(" " * indent + "-" + (" " if self.chance(0.5) else ""))
                else:
                    out.append(" " * indent + "- " + text + (self.comment() if not rows else ""))
                out += rows
            self.noise(indent, out)

    def noise(self, indent: int, out: list[str]) -> None:
        if self.rnd.random() < 0.1:
            out.append("")
        if self.rnd.random() < 0.05:
            out.append(" " * self.rnd.randrange(0, indent + 3) + "# a comment: [x]")

    def document(self) -> str:
        rows = ["# yaml-language-server: $schema=../schemas/x.json", "format: 1", f"{self.rnd.choice(['actions', 'crises'])}:"]
        self.sequence(self.rnd.choice([0, 2]) if self.odd else 2, 1, rows)
        return "\n".join(rows) + ("\n" if self.rnd.random() < 0.9 else "")


def test_documents_in_the_rule_files_style_are_read_and_read_equally():
    """Plain rule-file style: the row reader takes them all, and reads them as the event way."""
    rnd = random.Random(20261122)
    for _ in range(300):
        text = Writer(rnd, odd=False).document()
        assert agree(text), f"declined a plain rule-style document:\n{text}"


def test_odd_documents_in_the_rule_files_style_are_declined_or_read_equally():
    rnd = random.Random(7)
    taken = sum(agree(Writer(rnd, odd=True).document()) for _ in range(400))
    assert 40 < taken < 400  # both ways were exercised: some read, some declined


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.booleans())
def test_generated_rule_style_documents_agree(rnd, odd):
    agree(Writer(rnd, odd=odd).document())


# ---- flow collections on one row, the bulk of the rule files ---------------------------------

FLOW_WORDS = ["a", "b", "id", "x.y", "1", "-1", "0.5", "true", "null", "~", "it's", "a b", "é", "", " ", "  "]
FLOW_QUOTES = ['"x, y: z"', '"{a}"', '"[b]"', '"#c"', '""', '"a\\"b"', "'q'", "'it''s'", '"x" ', ' "y"', '"\\n"',
               '"é"', '"a"b', 'a"b"']


def flow_text(rnd: random.Random, depth: int = 0) -> str:
    """A flow collection of the rule files' kind, now and then spaced, quoted or broken oddly."""
    def value() -> str:
        roll = rnd.random()
        if roll < 0.15 and depth < 2:
            return flow_text(rnd, depth + 1)
        return rnd.choice(FLOW_QUOTES) if roll < 0.35 else rnd.choice(FLOW_WORDS)

    sep = ", " if rnd.random() < 0.8 else rnd.choice([",", " , ", ",  "])
    count = rnd.randrange(0, 5)
    if rnd.random() < 0.6:
        colon = ": " if rnd.random() < 0.85 else rnd.choice([":", ":  ", " : "])
        inner = sep.join(rnd.choice(FLOW_WORDS[:6]) + colon + value() for _ in range(count))
        return "{" + inner + ("," if rnd.random() < 0.05 else "") + "}"
    return "[" + sep.join(value() for _ in range(count)) + "]"


def flow_document(rnd: random.Random) -> str:
    flow, tail = flow_text(rnd), rnd.choice(["", "", "", "  # c", " #", "# x"])
    return rnd.choice([f"a: {flow}{tail}\n", f"- {flow}{tail}\n", f"k:\n  - {flow}{tail}\n  - {flow_text(rnd)}\n",
                       f"x: 1\ny: {flow}{tail}\n"])


def test_flow_collections_are_declined_or_read_equally():
    rnd = random.Random(1)
    taken = sum(agree(flow_document(rnd)) for _ in range(2000))
    assert 500 < taken < 1900


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_generated_flow_collections_agree(rnd):
    agree(flow_document(rnd))


# ---- mutations ---------------------------------------------------------------------------------

MUTATION_CHARS = " -:#,'\"[]{}>|&*!?%@`\t\r\n.0aé\u2028\ufeff\\"


def mutate(text: str, rnd: random.Random, count: int) -> str:
    """text with a few edits a careless hand (or a fuzzer) makes."""
    for _ in range(count):
        rows = text.split("\n")
        r = rnd.randrange(len(rows))
        roll = rnd.random()
        if roll < 0.3 and text:
            at = rnd.randrange(len(text) + 1)
            text = text[:at] + rnd.choice(MUTATION_CHARS) + text[at:]
        elif roll < 0.5 and text:
            at = rnd.randrange(len(text))
            text = text[:at] + text[at + 1:]
        elif roll < 0.65 and text:
            at = rnd.randrange(len(text))
            text = text[:at] + rnd.choice(MUTATION_CHARS) + text[at + 1:]
        elif roll < 0.75:
            rows.insert(r, rows[r])  # a row twice: duplicate keys, or another item
            text = "\n".join(rows)
        elif roll < 0.9:
            rows[r] = " " * rnd.randrange(0, 4) + rows[r].lstrip(" ") if rnd.random() < 0.5 else rows[r][1:]
            text = "\n".join(rows)
        else:
            s = rnd.randrange(len(rows))
            rows[r], rows[s] = rows[s], rows[r]
            text = "\n".join(rows)
    return text


def _kind_row(row: str) -> bool:
    return bool(row) and row[0].isalpha() and row.endswith(":")


LISTED = [text for text in TEXTS.values() if any(map(_kind_row, text.split("\n")))]


def excerpt(rnd: random.Random) -> str:
    """A few whole entries of a real rule file, under its own head (format, kind)."""
    rows = rnd.choice(LISTED).split("\n")
    kind = next(i for i, row in enumerate(rows) if _kind_row(row))
    items = [i for i, row in enumerate(rows) if row.startswith("  - ") and i > kind] or [kind + 1]
    first = rnd.randrange(len(items))
    last = min(len(items) - 1, first + rnd.randrange(1, 4))
    end = items[last] if last > first else len(rows)
    return "\n".join(rows[:kind + 1] + rows[items[first]:end]) + "\n"


def test_excerpts_of_the_rule_files_are_read_the_quick_way():
    rnd = random.Random(3)
    for _ in range(100):
        text = excerpt(rnd)
        assert agree(text), text


def test_mutated_rule_files_are_declined_or_read_equally():
    rnd = random.Random(11)
    taken = 0
    for _ in range(400):
        taken += agree(mutate(excerpt(rnd), rnd, rnd.randrange(1, 4)))
    assert 40 < taken < 400


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 5), st.booleans())
def test_mutations_agree(rnd, count, of_real_file):
    base = excerpt(rnd) if of_real_file else Writer(rnd, odd=False).document()
    agree(mutate(base, rnd, count))


# ---- what PyYAML writes, and anything at all ----------------------------------------------------

SCALARS = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32), st.booleans(), st.none(),
    st.text(alphabet="aby01.-+_:eE nN~yYtT'\"#é,[]{}", max_size=8),
    st.sampled_from(ODD_PLAIN + PLAIN),
)
TREES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(alphabet="abk1 .", min_size=1, max_size=4), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES, st.sampled_from([False, True, None]), st.sampled_from([None, "'", '"']), st.sampled_from([2, 4]))
def test_dumped_documents_agree(tree, flow, style, indent):
    text = yaml.safe_dump({"root": tree}, default_flow_style=flow, default_style=style, allow_unicode=True,
                          indent=indent, width=60)
    agree(text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="ab1:-[]{},'\"#&*!|>? \n.0~", max_size=60))
def test_arbitrary_text_agrees(text):
    agree(text)
