"""Each kind of broken rule file is reported with the exact file, line, key path and message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", dest, ignore=shutil.ignore_patterns("schemas"))
    return dest


def problems_for(folder: Path, name: str) -> list[str]:
    result = load_rules(folder)
    return [str(p) for p in result.problems if name in p.file]


def test_base_rules_load_clean():
    result = load_rules(ROOT / "rules")
    assert [str(p) for p in result.problems] == []
    assert result.ruleset is not None


def test_bad_yaml_names_the_line(rules_copy: Path):
    (rules_copy / "zz_bad.yaml").write_text("format: 1\nlenses:\n  - id: x\n    name: [unclosed\n")
    found = problems_for(rules_copy, "zz_bad.yaml")
    assert len(found) == 1
    # The flow sequence opened on line 4 is still unclosed when the file ends (line 5).
    assert found[0].startswith(f"{rules_copy / 'zz_bad.yaml'}:5: (yaml): invalid YAML: while parsing a flow sequence")


def test_duplicate_key_is_rejected_with_both_lines(rules_copy: Path):
    text = "format: 1\nlenses:\n  - id: twice\n    name: A\n    name: B\n    description: d\n"
    (rules_copy / "zz_dup.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_dup.yaml")
    assert found == [f"{rules_copy / 'zz_dup.yaml'}:5: lenses[0].name: duplicate key (first defined on line 4)"]


def test_unknown_key_suggests_the_right_one(rules_copy: Path):
    text = "format: 1\nlenses:\n  - id: odd\n    name: Odd\n    descripton: typo\n"
    (rules_copy / "zz_key.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_key.yaml")
    assert f"{rules_copy / 'zz_key.yaml'}:5: lenses[0].descripton: unknown key; did you mean 'description'?" in found


def test_wrong_type_shows_the_value(rules_copy: Path):
    text = "format: 1\nlenses:\n  - id: typed\n    name: Typed\n    description: d\n    weights: {nlio.will-decides: lots}\n"
    (rules_copy / "zz_type.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_type.yaml")
    assert len(found) == 1
    assert found[0].startswith(f"{rules_copy / 'zz_type.yaml'}:6: lenses[0].weights.nlio.will-decides: Input should be a valid number")
    assert found[0].endswith("(got 'lots')")


def test_dangling_reference_says_did_you_mean(rules_copy: Path):
    text = "format: 1\nlenses:\n  - id: dangling\n    name: Dangling\n    description: d\n    claims: [nlio.will-decide]\n"
    (rules_copy / "zz_ref.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_ref.yaml")
    assert found == [f"{rules_copy / 'zz_ref.yaml'}:6: lenses[0].claims[0]: unknown claim id; did you mean 'nlio.will-decides'? (got 'nlio.will-decide')"]


def test_bad_expression_is_reported_at_its_line(rules_copy: Path):
    text = ("format: 1\ndynamics:\n  - id: broken-formula\n    name: Broken\n    system: world\n    description: d\n"
            "    stat: world.disorder\n    add: \"__import__('os')\"\n")
    (rules_copy / "zz_expr.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_expr.yaml")
    assert len(found) == 1 and ":8: dynamics[0].add: " in found[0]


def test_unknown_name_in_expression_suggests(rules_copy: Path):
    text = ("format: 1\ndynamics:\n  - id: misspelt\n    name: Misspelt\n    system: society\n    description: d\n"
            "    stat: approval\n    add: \"0.1 * stabilty\"\n")
    (rules_copy / "zz_name.yaml").write_text(text)
    found = problems_for(rules_copy, "zz_name.yaml")
    assert found == [f"{rules_copy / 'zz_name.yaml'}:8: dynamics[0].add: unknown name 'stabilty'; did you mean 'stability'? (got '0.1 * stabilty')"]


def test_every_problem_is_collected_not_just_the_first(rules_copy: Path):
    (rules_copy / "zz_a.yaml").write_text("format: 1\nlenses:\n  - id: a\n    name: A\n    description: d\n    colour: red\n")
    (rules_copy / "zz_b.yaml").write_text("format: 1\nlenses:\n  - {id: b, name: B, description: d, claims: [nope]}\n")
    result = load_rules(rules_copy)
    files = {p.file.rsplit("/", 1)[-1] for p in result.problems}
    assert {"zz_a.yaml", "zz_b.yaml"} <= files
    assert result.ruleset is None


def test_duplicate_ids_across_files_name_the_first(rules_copy: Path):
    (rules_copy / "zz_1.yaml").write_text("format: 1\nlenses:\n  - {id: same, name: A, description: d}\n")
    (rules_copy / "zz_2.yaml").write_text("format: 1\nlenses:\n  - {id: same, name: B, description: d}\n")
    result = load_rules(rules_copy)
    msgs = [str(p) for p in result.problems]
    assert any("zz_2.yaml:3: lenses[0].id: duplicate lenses id (first defined at" in m and "zz_1.yaml:3)" in m for m in msgs)
