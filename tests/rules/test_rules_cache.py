"""The fast rules reader and the parsed-rules cache change nothing but the time a load takes.

yamlsrc reads plain YAML in one pass over libyaml's events and leaves everything else to the
careful way (compose, then build); both must give the same data and lines (the row reader
tried before them, game.rules.linescan, is checked against the event way in
test_fast_reader.py). The cache (game.rules.diskcache) stores parsed files as JSON by content
hash: a load from it must give the same Ruleset and the same problems, at the same lines, as a
load without it; an edited file, a damaged entry or an unwritable folder must never show.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.rules import diskcache, layers, load_rules, load_with_fallback, yamlsrc
from game.rules.loader import rule_files

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
MOD = ROOT / "examples" / "mods" / "courts-with-teeth"


def all_yaml() -> list[Path]:
    return rule_files(RULES) + sorted(MOD.rglob("*.yaml"))


def careful(text: str):
    source, problems = yamlsrc._parse_careful(text, "x.yaml")
    return (source.data, source.lines) if source is not None else problems


def canon(rs) -> dict:
    """A Ruleset as plain data: the models by value, compiled expressions by what they are."""
    out = {}
    for name in rs.__dataclass_fields__:
        value = getattr(rs, name)
        if name == "_exprs":
            out[name] = {k: (e.source, sorted(e.names), e.constant) for k, e in value.items()}
        elif isinstance(value, BaseModel):
            out[name] = value.model_dump()
        elif isinstance(value, tuple):
            out[name] = [v.model_dump() if isinstance(v, BaseModel) else v for v in value]
        elif hasattr(value, "items"):
            out[name] = [(k, v.model_dump() if isinstance(v, BaseModel) else v) for k, v in value.items()]
        else:
            out[name] = value
    return out


def loaded(folder: Path, mods=()) -> tuple[dict | None, list[str]]:
    layers._parsed.clear()  # no in-process reuse: every file comes from disk, or from the cache
    result = load_rules(folder, list(mods))
    return (canon(result.ruleset) if result.ruleset else None), [str(p) for p in result.problems]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV, str(where))
    for key in diskcache.stats:
        diskcache.stats[key] = 0
    yield where
    layers._parsed.clear()


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(RULES, dest, ignore=shutil.ignore_patterns("schemas"))
    return dest


def no_cache(monkeypatch, fn):
    with monkeypatch.context() as m:
        m.setenv(diskcache.ENV, "off")
        return fn()


# ---- the fast reader -----------------------------------------------------------------------

@pytest.mark.parametrize("path", all_yaml(), ids=lambda p: p.name)
def test_fast_reader_matches_the_careful_one_on_every_rule_file(path: Path):
    text = path.read_bytes().decode("utf-8-sig")
    fast = yamlsrc.fast_parse(text, yamlsrc.ALL)
    assert fast is not None, "a real rule file should be plain YAML"
    assert fast == careful(text)
    data, shallow = yamlsrc.fast_parse(text)
    assert shallow == {p: line for p, line in fast[1].items() if len(p) <= yamlsrc.SHALLOW}


def test_a_source_finds_deep_lines_again_from_its_text():
    path = RULES / "scenarios" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    source, problems = yamlsrc.parse_text(text, "2024.yaml")
    assert problems == [] and source._depth == yamlsrc.SHALLOW
    data, lines = careful(text)
    deep = ("scenarios", 0, "countries", 3, "movements", "peace")
    assert source.line_of(deep) == lines[deep] == 21
    assert source.lines == lines and source == yamlsrc.Source("2024.yaml", data, lines)


ODD = [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: !!str 12\n",  # tags
    "? [1, 2]\n: x\n",  # a complex key
    "a: 1\na: 2\n",  # a duplicate key
    "a: 1\n1: b\n",
    "<<: {a: 1}\n",  # a merge key
    "a: 2024-01-01\n",  # a timestamp
    "a: [1, 2\n",  # broken
    "a: 1\n---\nb: 2\n",  # two documents
    "",  # empty
    "# only a comment\n",
    "a: \x07\n",  # a control character
    "[" * 150 + "]" * 150,  # too deep
    "x",
    "- 1\n- [2, {a: b}]\n",
    "a: {1: x, 1.5: y, true: z, null: w}\n",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_documents_come_out_as_the_careful_reader_makes_them(text: str):
    fast = yamlsrc.fast_parse(text, yamlsrc.ALL)
    if fast is not None:
        assert fast == careful(text)
    source, problems = yamlsrc.parse_text(text, "x.yaml")
    expected = careful(text)
    if isinstance(expected, list):
        assert source is None and problems == expected
    else:
        assert problems == [] and (source.data, source.lines) == expected


SCALARS = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32), st.booleans(), st.none(),
    st.text(alphabet="aby01.-+_:eE nN~yYtT'\"#é", max_size=8),
    st.sampled_from(["0", "00", "07", "08", "-0", "+5", "1.", ".5", "-.5", "1e5", "1.5e+3", "0x1F", "1_000",
                     ".inf", ".nan", "yes", "No", "on", "~", "null", "1:20", "2024-01-01", "<<", "="]),
)
TREES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(alphabet="abk1 .", min_size=1, max_size=4), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES, st.booleans(), st.sampled_from([None, "'", '"']))
def test_fast_reader_agrees_on_generated_documents(tree, flow, style):
    text = yaml.safe_dump({"root": tree}, default_flow_style=flow, default_style=style, allow_unicode=True)
    fast = yamlsrc.fast_parse(text, yamlsrc.ALL)
    if fast is not None:
        assert fast == careful(text)


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(alphabet="ab1:-[]{},'\"#&*!|>? \n\t.0", max_size=40))
def test_fast_reader_agrees_on_arbitrary_text(text):
    fast = yamlsrc.fast_parse(text, yamlsrc.ALL)
    if fast is not None:
        assert fast == careful(text)


# ---- the shortcuts of the checks and the expression compiler ------------------------------------

def test_the_pruned_walks_find_what_the_full_walks_find(rules):
    from game.rules.checks import HOLDS_CLAIMS, HOLDS_EFFECTS, _is_claims, _is_effect, find, walk
    from game.rules.ruleset import _collect, expr_fields

    kinds = ("claims", "stats", "doctrines", "policies", "institutions", "resolutions", "movements", "crises",
             "actions", "lenses", "victories", "personalities", "difficulties", "scenarios")
    objs = [obj for kind in kinds for obj in getattr(rules, kind).values()] + [rules.settings, *rules.dynamics]
    counts = [0, 0, 0]
    for obj in objs:
        for i, (match, into, keys) in enumerate(((_is_claims, HOLDS_CLAIMS, ("claims",)), (_is_effect, HOLDS_EFFECTS, ()))):
            full = [(loc, v) for loc, v in walk(obj, into=into) if match(loc, v)]
            assert find(obj, match, into, keys=keys) == full
            counts[i] += len(full)
        found: list = []
        _collect(obj, (), found)
        assert found == list(expr_fields(obj))
        counts[2] += len(found)
    assert min(counts) > 100  # the walks met real claims, effects and expressions


# ---- the cache ---------------------------------------------------------------------------------

def test_a_load_from_the_cache_equals_a_load_without_it(cache: Path, monkeypatch):
    plain = no_cache(monkeypatch, lambda: loaded(RULES, [MOD]))
    first = loaded(RULES, [MOD])  # fills the cache
    assert diskcache.stats["misses"] > 0 and diskcache.stats["writes"] == diskcache.stats["misses"]
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == diskcache.stats["writes"] >= len(rule_files(RULES))
    hits = diskcache.stats["hits"]
    again = loaded(RULES, [MOD])
    assert diskcache.stats["hits"] - hits == len(entries)
    assert plain[0] is not None and plain == first == again
    fallback = load_with_fallback(RULES, [MOD])  # the game's way, from the cache too
    assert canon(fallback.ruleset) == plain[0]


def test_entries_are_json_only(cache: Path):
    loaded(RULES)
    for entry in cache.glob("*.json"):
        head, _, body = entry.read_bytes().partition(b"\n")
        header = json.loads(head)
        assert header["format"] == diskcache.FORMAT and header["key"] == entry.stem
        assert set(json.loads(body)) == {"data", "lines"}


def test_an_edited_file_is_read_again(cache: Path, rules_copy: Path):
    first, _ = loaded(rules_copy)
    path = rules_copy / "settings.yaml"
    text = path.read_text(encoding="utf-8")
    number = next(line for line in text.splitlines() if line.strip().startswith("autosave_keep:"))
    path.write_text(text.replace(number, number.split(":")[0] + ": 7"), encoding="utf-8")
    misses = diskcache.stats["misses"]
    second, problems = loaded(rules_copy)
    assert diskcache.stats["misses"] == misses + 1
    assert problems == [] and second["settings"]["autosave_keep"] == 7 != first["settings"]["autosave_keep"]


def test_another_version_of_the_code_does_not_read_old_entries(cache: Path, monkeypatch):
    loaded(RULES)
    monkeypatch.setattr(diskcache, "_code", "another version of the loader and models")
    hits = diskcache.stats["hits"]
    loaded(RULES)
    assert diskcache.stats["hits"] == hits


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "body", "lines", "header"])
def test_a_damaged_entry_is_parsed_again(cache: Path, monkeypatch, damage: str):
    plain = no_cache(monkeypatch, lambda: loaded(RULES))
    loaded(RULES)
    for entry in cache.glob("*.json"):
        blob = entry.read_bytes()
        head, _, body = blob.partition(b"\n")
        if damage == "garbage":
            blob = b"\x00\xff not json at all"
        elif damage == "truncated":
            blob = blob[: len(blob) // 2]
        elif damage == "empty":
            blob = b""
        elif damage == "body":  # valid JSON, but not what the checksum says
            blob = head + b"\n" + json.dumps({"data": {"format": 1}, "lines": []}).encode()
        elif damage == "lines":  # the checksum made to fit a body of the wrong shape
            bad = json.dumps({"data": {}, "lines": [["x", 1]]}).encode()
            header = json.loads(head) | {"sha256": __import__("hashlib").sha256(bad).hexdigest()}
            blob = json.dumps(header).encode() + b"\n" + bad
        else:
            blob = b'["not", "a", "header"]\n' + body
        entry.write_bytes(blob)
    errors = diskcache.stats["errors"]
    assert loaded(RULES) == plain
    assert diskcache.stats["errors"] > errors
    assert loaded(RULES) == plain  # rewritten: read back fine


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.ENV, str(blocker / "cache"))
    plain = no_cache(monkeypatch, lambda: loaded(RULES))
    assert loaded(RULES) == plain
    assert loaded(RULES) == plain


def test_data_json_cannot_carry_is_not_cached(cache: Path):
    text = "a: {1: x}\nb: 2024-01-01\n"
    source, problems = diskcache.parse_cached(text.encode(), "odd.yaml")
    assert problems == [] and source.data == {"a": {1: "x"}, "b": __import__("datetime").date(2024, 1, 1)}
    assert list(cache.glob("*.json")) == []


BROKEN = {
    # a shallow mistake, deep ones (a scenario country's figures, whose lines the cache does not
    # keep), an unknown kind of rule
    "validation": {
        "scenarios/2024.yaml": [("gdp: 17.0, growth: 2.7", "gdp: 17.0, growht: 2.7"),
                                ("movements: {climate: 2, peace: 5,", "movements: {climate: 2, peace: five,")],
        "actions/economy.yaml": [("{stat: trade, add: 1.5, to: target}", "{stat: trade, add: 1.5, to: target, extra: 1}")],
        "victories.yaml": [("format: 1\n", "format: 1\nvictoriez: []\n")],
    },
    # found once every entry is valid: a figure an effect changes; a name in an expression
    "checks": {"actions/economy.yaml": [('{stat: growth, add: "0.1', '{stat: growthh, add: "0.1')]},
    "expression": {"actions/economy.yaml": [('requires: "relation > -20"', 'requires: "relaton > -20"')]},
}
EXPECTED = {
    "validation": ["scenarios/2024.yaml:18: scenarios[0].countries[0].growht: unknown key; did you mean 'growth'?",
                   "scenarios/2024.yaml:18: scenarios[0].countries[0].movements.peace: Input should be a valid number",
                   "actions/economy.yaml:15: actions[0].effects[1].extra: unknown key",
                   "victories.yaml:4: victoriez: unknown kind of rule"],
    "checks": ["actions/economy.yaml:17: actions[0].effects[3].stat: unknown figure; did you mean 'growth'?"],
    "expression": ["actions/economy.yaml:12: actions[0].requires: unknown name 'relaton'; did you mean 'relation'?"],
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_problems_from_a_cached_load_name_the_same_lines(cache: Path, rules_copy: Path, monkeypatch, case: str):
    for name, edits in BROKEN[case].items():
        path = rules_copy / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    plain = no_cache(monkeypatch, lambda: loaded(rules_copy))
    first = loaded(rules_copy)
    hits = diskcache.stats["hits"]
    again = loaded(rules_copy)
    assert diskcache.stats["hits"] - hits == len(rule_files(rules_copy))
    assert plain == first == again and plain[0] is None
    for expected in EXPECTED[case]:
        assert any(p.startswith(f"{rules_copy}/{expected}") for p in again[1]), (expected, again[1])
