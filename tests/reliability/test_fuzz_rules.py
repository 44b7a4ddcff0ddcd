"""Mutated rule files never crash the loader: it answers with its own problems, each naming a
file and a line, or with a ruleset.

Hypothesis breaks real rule files two ways: as text (lines dropped, doubled, swapped,
re-indented, cut short, stray YAML punctuation typed in) and as data (a value replaced by one
of another type, a key dropped or renamed, an entry doubled), in the base rules and in a mod.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
FILES = sorted(str(p.relative_to(RULES)) for p in RULES.rglob("*.yaml") if "schemas" not in p.parts)
SMALL_FILES = [f for f in FILES if (RULES / f).stat().st_size < 60_000]  # the scenarios are huge: cut in text only
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PUNCTUATION = ":-[]{}'\"#&*!|>%@`\t ,?"
_tick = [0]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """A copy of the rules and an empty mod next to it; each example edits one file and restores it."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(RULES, root / "rules", ignore=shutil.ignore_patterns("schemas"))
    mod = root / "mod"
    mod.mkdir()
    (mod / "mod.yaml").write_text("id: fuzz\nname: Fuzz\nversion: '1'\nformat: 1\n", encoding="utf-8")
    return root


def _write(path: Path, text: str) -> None:
    """Write with a fresh modification time: the loader caches parsed files by (mtime, size)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _tick[0] += 1
    stamp = 1_700_000_000_000_000_000 + _tick[0] * 1_000_000
    os.utime(path, ns=(stamp, stamp))


def mutate_text(text: str, kind: str, at: float, junk: str) -> str:
    lines = text.split("\n")
    i = min(len(lines) - 1, int(at * len(lines)))
    if kind == "drop":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent":
        lines[i] = "  " + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i].lstrip()
    elif kind == "cut":
        return text[: int(at * len(text))]
    elif kind == "type":
        pos = int(at * len(text))
        return text[:pos] + junk + text[pos:]
    return "\n".join(lines)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                   st.text(max_size=12), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                   st.sampled_from(["1 +", "import os", "__class__", "a" * 500, "max(1)", "x.y.z", "-", "id"]))


def mutate_data(data: object, draw) -> object:
    """Walk down a random path of the parsed file and break the node found there."""
    node = data
    for _ in range(draw(st.integers(1, 6))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = children[draw(st.integers(0, len(children) - 1))]
        action = draw(st.sampled_from(["descend", "descend", "replace", "drop", "rename", "double"]))
        if action == "descend" and isinstance(child, (dict, list)):
            node = child
            continue
        if action == "drop":
            del node[key]
        elif action == "rename" and isinstance(node, dict):
            node[f"{key}x"] = node.pop(key)
        elif action == "double" and isinstance(node, list):
            node.insert(key, child)
        else:
            node[key] = draw(VALUES)
        break
    return data


def check(result, where: Path) -> None:
    for p in result.problems:
        assert isinstance(p.file, str) and p.file, p
        assert isinstance(p.line, int) and p.line >= 1, f"no line: {p}"
        assert "\n" not in str(p)
        assert p.file in ("rules",) or Path(p.file).name.endswith(".yaml") or Path(p.file).is_dir(), f"no file: {p}"
    if any(p.severity == "error" for p in result.problems):
        assert result.ruleset is None or not result.ok


@FUZZ
@given(name=st.sampled_from(FILES), kind=st.sampled_from(["drop", "double", "swap", "indent", "dedent", "cut", "type"]),
       at=st.floats(0, 1), junk=st.text(alphabet=PUNCTUATION, min_size=1, max_size=6), in_mod=st.booleans())
def test_text_damage_is_reported_not_raised(world: Path, name: str, kind: str, at: float, junk: str, in_mod: bool):
    original = (RULES / name).read_text(encoding="utf-8")
    target = (world / "mod" / name) if in_mod else (world / "rules" / name)
    _write(target, mutate_text(original, kind, at, junk))
    try:
        result = load_rules(world / "rules", [world / "mod"])
        check(result, target)
    finally:
        if in_mod:
            target.unlink()
        else:
            _write(target, original)


@FUZZ
@given(name=st.sampled_from(SMALL_FILES), in_mod=st.booleans(), data=st.data())
def test_data_damage_is_reported_not_raised(world: Path, name: str, in_mod: bool, data):
    original = (RULES / name).read_text(encoding="utf-8")
    broken = mutate_data(yaml.safe_load(original), data.draw)
    target = (world / "mod" / name) if in_mod else (world / "rules" / name)
    _write(target, yaml.safe_dump(broken, sort_keys=False, allow_unicode=True))
    try:
        result = load_rules(world / "rules", [world / "mod"])
        check(result, target)
    finally:
        if in_mod:
            target.unlink()
        else:
            _write(target, original)


def test_the_unbroken_copy_loads_clean(world: Path):
    result = load_rules(world / "rules", [world / "mod"])
    assert result.ok, [str(p) for p in result.problems[:5]]
