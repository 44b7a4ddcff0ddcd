"""The shortcuts a cold load takes outside the YAML reader give what the plain ways give.

The file list without a Path per entry, a folder resolved once for all its files, UTF-8 decoded
without the utf-8-sig codec, the garbage collector's young generation skipped after a load,
and the expression compiler's table of node builders: each is checked against the plain way,
on the real rules and on odd cases.
"""

from __future__ import annotations

import gc
import math
import os
import random
from pathlib import Path

import numpy as np
import pytest

from game.rules import layers, load_rules
from game.rules.expr import ExprError, compile_expr
from game.rules.loader import SKIP_DIRS, rule_files
from game.rules.scalar import NotScalar, compile_scalar
from game.rules.yamlsrc import decode

ROOT = Path(__file__).resolve().parents[2]


def rule_files_by_rglob(folder: Path) -> list[Path]:
    """rule_files as it was written first: filtering sorted(folder.rglob("*"))."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1]):
            continue
        if path.suffix in (".yaml", ".yml") and path.is_file():
            out.append(path)
    return out


@pytest.fixture
def odd_tree(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    for name in ["a.yaml", "a.yml", "a.yaml.bak", ".yaml", ".x.yaml", "..yaml", "x.yaml.", "b.YAML", "é.yaml",
                 "a/b.yaml", "a/b/c.yml", "a.b/c.yaml", "a-b/c.yaml", "schemas/s.yaml", "x/schemas/s.yaml",
                 ".hidden/h.yaml", "x/.hidden/h.yaml", "z/y/x/w.yaml", "dir.yaml/inner.yaml", "A/upper.yaml"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("format: 1\n", encoding="utf-8")
    (root / "empty").mkdir()
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "deep").mkdir(parents=True)
    (elsewhere / "deep" / "far.yaml").write_text("format: 1\n", encoding="utf-8")
    (elsewhere / "target.yaml").write_text("format: 1\n", encoding="utf-8")
    os.symlink(elsewhere / "deep", root / "linked_folder")  # not followed, as rglob does not
    os.symlink(elsewhere / "target.yaml", root / "linked.yaml")  # a file through a link: listed
    os.symlink(elsewhere / "missing.yaml", root / "broken.yaml")  # a broken link: not a file
    return root


def test_the_file_list_is_the_one_rglob_gives(odd_tree: Path):
    found = rule_files(odd_tree)
    assert found == rule_files_by_rglob(odd_tree)
    names = {p.relative_to(odd_tree).as_posix() for p in found}
    assert {"a.yaml", "a.yml", ".x.yaml", "..yaml", "é.yaml", "a.b/c.yaml", "linked.yaml", "dir.yaml/inner.yaml"} <= names
    assert not names & {".yaml", "x.yaml.", "b.YAML", "schemas/s.yaml", "x/schemas/s.yaml", ".hidden/h.yaml",
                        "linked_folder/far.yaml", "broken.yaml"}


def test_the_file_list_of_the_real_rules_and_of_nothing(tmp_path: Path):
    for folder in (ROOT / "rules", ROOT / "examples" / "mods", Path("rules"), tmp_path / "missing",
                   ROOT / "rules" / "settings.yaml"):
        assert rule_files(folder) == rule_files_by_rglob(folder)
    assert len(rule_files(ROOT / "rules")) > 40


def test_a_file_is_resolved_as_path_resolve_does(odd_tree: Path, tmp_path: Path):
    folders: dict = {}
    linked_dir = tmp_path / "through"
    os.symlink(odd_tree / "a", linked_dir)  # a folder reached through a link
    paths = rule_files(odd_tree) + [linked_dir / "b.yaml", linked_dir / "b" / "c.yml", odd_tree / "gone.yaml"]
    for path in paths:
        assert layers._resolved(path, folders) == path.resolve()
        assert str(layers._resolved(path, folders)) == str(path.resolve())
    assert layers._resolved(odd_tree / "linked.yaml", folders) == (tmp_path / "elsewhere" / "target.yaml").resolve()


@pytest.mark.parametrize("raw", [b"a: 1\n", b"\xef\xbb\xbfa: 1\n", b"\xef\xbb\xbf\xef\xbb\xbfa\n", b"", b"\xef\xbb",
                                 "é: ü\n".encode(), b"a\n\xffb\n", b"\xef\xbb\xbfa\n\n\xff", b"\xed\xa0\x80",
                                 b"a\n\xf0\x9f\x98", b"\xef\xbb\xbf"])
def test_text_is_decoded_as_utf_8_sig_decodes_it(raw: bytes):
    try:
        expected = (raw.decode("utf-8-sig"), [])
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        expected = (None, [f"f.yaml:{line}: (file): not UTF-8 text"])
    text, problems = decode(raw, "f.yaml")
    assert (text, [str(p) for p in problems]) == expected


# ---- the garbage collector after a load ---------------------------------------------------------

@pytest.fixture
def nothing_frozen():
    """These tests start with nothing frozen (an earlier test may have run the game's
    freeze_long_lived in this process); what was frozen is frozen again after."""
    frozen = gc.get_freeze_count() > 0
    if frozen:
        gc.unfreeze()
    yield
    if frozen:
        gc.freeze()


def test_a_load_leaves_the_collector_as_it_found_it(nothing_frozen):
    assert gc.isenabled()
    load_rules(ROOT / "rules")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        load_rules(ROOT / "rules")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_load_does_not_undo_a_freeze(nothing_frozen, monkeypatch):
    """The game freezes what it keeps after its first load; a later load (a hot reload) must
    leave that frozen (unfreezing would put ~200,000 objects back in the collector's way)."""
    calls: list[str] = []
    real_freeze, real_unfreeze = gc.freeze, gc.unfreeze
    monkeypatch.setattr(gc, "freeze", lambda: (calls.append("freeze"), real_freeze())[1])
    monkeypatch.setattr(gc, "unfreeze", lambda: (calls.append("unfreeze"), real_unfreeze())[1])
    load_rules(ROOT / "rules")
    assert calls == ["freeze", "unfreeze"] * 2  # after reading, after assembling
    calls.clear()
    gc.collect()
    real_freeze()
    try:
        assert gc.get_freeze_count() > 0
        load_rules(ROOT / "rules")
        assert calls == [] and gc.get_freeze_count() > 0
    finally:
        real_unfreeze()


def test_what_a_load_made_skips_the_young_generation(nothing_frozen):
    gc.collect()
    before = gc.get_count()[0]
    result = load_rules(ROOT / "rules")
    assert result.ruleset is not None
    assert gc.get_count()[0] < before + 1000  # ~30,000 containers made, none left young


# ---- the expression compiler ---------------------------------------------------------------------

KNOWN = frozenset({"a", "b", "c", "approval", "a.b"})
REFUSED = {
    "a +": "cannot parse expression: invalid syntax",
    "(a+b).c": "Attribute is not allowed in a rule expression",
    "a[0]": "Subscript is not allowed in a rule expression",
    "'x'": "only numbers are allowed, not 'x'",
    "None": "only numbers are allowed, not None",
    "a @ b": "operator MatMult is not allowed",
    "a // b": "operator FloorDiv is not allowed",
    "~a": "operator ~ is not allowed",
    "-~a": "operator ~ is not allowed",
    "a is b": "comparison Is is not allowed",
    "f(a)": "unknown function 'f' (allowed: abs, clamp, log1p, max, min, sqrt)",
    "a.b(1)": "unknown function '?' (allowed: abs, clamp, log1p, max, min, sqrt)",
    "min(a)": "min() takes 2 argument(s)",
    "min(a, b=1)": "min() takes 2 argument(s)",
    "lambda: 1": "Lambda is not allowed in a rule expression",
    "(a, b)": "Tuple is not allowed in a rule expression",
    "(x := 1)": "NamedExpr is not allowed in a rule expression",
    "abs(*a)": "Starred is not allowed in a rule expression",
    "1 + 'x'": "only numbers are allowed, not 'x'",
    "3j": "only numbers are allowed, not 3j",
    "+".join(["a"] * 130): "expression too long (more than 120 parts)",
    "unknown + 1": "unknown name 'unknown'",
    "aproval": "unknown name 'aproval'; did you mean 'approval'?",
    "a.b.c.d": "unknown name 'a.b.c.d'; did you mean 'a.b'?",
    "true.x": "unknown name 'true.x'",
    "min(a, unknown)": "unknown name 'unknown'",
}


@pytest.mark.parametrize("text", list(REFUSED))
def test_refused_expressions_are_worded_as_before(text: str):
    with pytest.raises(ExprError) as caught:
        compile_expr(text, KNOWN)
    assert str(caught.value) == REFUSED[text]


def rule_expressions() -> list[str]:
    from game.rules import ruleset

    result = load_rules(ROOT / "rules")
    assert result.ruleset is not None
    return sorted({e.source for e in ruleset._COMPILED.values() if e.names} | {
        "a < b <= c != 2", "a and b or not c", "(-a) ** 2 if not b else min(a, -b)", "+a - -b", "true + false * a",
        "clamp(a, 0, 1) + sqrt(b) - log1p(c) * abs(a)", "a / 0", "max(a, b) >= min(c, 2) or a == b"})


def test_compiled_expressions_agree_with_their_plain_python_twin():
    """The NumPy closures the compiler builds and the plain-Python evaluator (game.rules.scalar,
    a separate walk of the same tree) give the same numbers on every expression of the rules."""
    import ast

    rnd = random.Random(5)
    checked = 0
    for text in rule_expressions():
        expr = compile_expr(text)
        try:
            twin = compile_scalar(ast.parse(text, mode="eval").body)
        except NotScalar:
            continue
        for _ in range(4):
            env = {name: rnd.choice([-3.0, 0.0, 0.5, 2.0, 40.0]) for name in expr.names}
            want = float(twin(env))
            got = float(np.asarray(expr.fn(env)).reshape(-1)[0])
            assert got == want or (math.isnan(got) and math.isnan(want)), (text, env)
        checked += 1
    assert checked > 300
