"""How mods change the rules: add, override field by field, remove; load order; conflicts."""

from __future__ import annotations

from pathlib import Path

from game.rules import find_mods, load_rules

RULES = Path(__file__).resolve().parents[2] / "rules"

LENS = "format: 1\nlenses:\n  - id: {id}\n    name: {name}\n    description: {desc}\n"


def test_a_mod_adds_a_rule(make_mod):
    mod = make_mod("addlens", {"lenses/realist.yaml": LENS.format(id="realist", name="Realist", desc="Power decides.")})
    result = load_rules(RULES, [mod])
    assert result.ok, [str(p) for p in result.problems]
    assert result.ruleset.lenses["realist"].name == "Realist"
    assert result.ruleset.layers == ("base", "addlens@1")
    assert "realist" not in load_rules(RULES).ruleset.lenses


def test_an_override_changes_only_the_fields_it_names(make_mod):
    base = load_rules(RULES).ruleset.lenses["liberal"]
    mod = make_mod("tweak", {"lenses/liberal.yaml": "format: 1\nlenses:\n  - id: liberal\n    description: Rewritten.\n"})
    lens = load_rules(RULES, [mod]).ruleset.lenses["liberal"]
    assert lens.description == "Rewritten."
    assert lens.name == base.name and lens.weights == base.weights


def test_an_override_is_validated_and_located_in_the_mod(make_mod):
    mod = make_mod("badtweak", {"lenses/liberal.yaml": "format: 1\nlenses:\n  - id: liberal\n    weights: many\n"})
    result = load_rules(RULES, [mod])
    assert not result.ok
    lines = [str(p) for p in result.problems]
    assert any(line.startswith(f"{mod / 'lenses' / 'liberal.yaml'}:4: lenses[0].weights: ") for line in lines), lines


def test_remove_takes_a_rule_out(make_mod):
    mod = make_mod("nolens", {"remove.yaml": "format: 1\nremove:\n  lenses: [pluralist]\n"})
    result = load_rules(RULES, [mod])
    assert result.ok, [str(p) for p in result.problems]
    assert "pluralist" not in result.ruleset.lenses and "liberal" in result.ruleset.lenses


def test_removing_an_unknown_id_says_did_you_mean(make_mod):
    mod = make_mod("typo", {"remove.yaml": "format: 1\nremove:\n  lenses: [pluralst]\n"})
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert f"{mod / 'remove.yaml'}:3: remove.lenses[0]: cannot remove: no lenses entry with this id; did you mean 'pluralist'? (got 'pluralst')" in lines


def test_two_mods_overriding_one_field_is_a_conflict_naming_both(make_mod):
    text = "format: 1\nlenses:\n  - id: liberal\n    description: {}\n"
    first = make_mod("first", {"lenses/l.yaml": text.format("First.")})
    second = make_mod("second", {"lenses/l.yaml": text.format("Second.")})
    result = load_rules(RULES, [first, second])
    assert result.ok
    assert result.ruleset.lenses["liberal"].description == "Second."
    warnings = [str(p) for p in result.problems if p.severity == "warning"]
    assert len(warnings) == 1 and "'first'" in warnings[0] and "'second' wins" in warnings[0]
    assert warnings[0].startswith(f"{second / 'lenses' / 'l.yaml'}:4: lenses[0].description: conflict")


def test_dependencies_load_first_whatever_the_order_given(make_mod):
    text = "format: 1\nlenses:\n  - id: liberal\n    description: {}\n"
    base = make_mod("base-mod", {"lenses/l.yaml": text.format("From the dependency.")})
    top = make_mod("top-mod", {"lenses/l.yaml": text.format("From the dependent.")}, depends=["base-mod"])
    result = load_rules(RULES, [top, base])
    assert [m.id for m in result.mods] == ["base-mod", "top-mod"]
    assert result.ruleset.lenses["liberal"].description == "From the dependent."


def test_after_is_a_hint_and_missing_targets_are_fine(make_mod):
    a = make_mod("a", after=["b", "not-installed"])
    b = make_mod("b")
    assert [m.id for m in load_rules(RULES, [a, b]).mods] == ["b", "a"]


def test_a_missing_dependency_disables_the_mod_with_a_hint(make_mod):
    mod = make_mod("needy", depends=["courts-with-teth"])
    other = make_mod("courts-with-teeth")
    result = load_rules(RULES, [mod, other])
    needy = next(m for m in result.mods if m.id == "needy")
    assert not needy.enabled
    assert "needs mod 'courts-with-teth', which is not installed; did you mean 'courts-with-teeth'?" in str(needy.problems[0])


def test_a_dependency_cycle_is_reported(make_mod):
    a = make_mod("a", depends=["b"])
    b = make_mod("b", depends=["a"])
    result = load_rules(RULES, [a, b])
    assert any("dependency cycle" in str(p) for p in result.problems)
    assert not all(m.enabled for m in result.mods)


def test_the_same_mod_twice_uses_the_later_copy_with_a_warning(make_mod, tmp_path: Path):
    text = "format: 1\nlenses:\n  - id: liberal\n    description: {}\n"
    old = make_mod("twin", {"lenses/l.yaml": text.format("Old copy.")})
    new = tmp_path / "dev" / "twin"
    new.parent.mkdir()
    old.rename(new)
    old = make_mod("twin", {"lenses/l.yaml": text.format("Old copy.")})
    (new / "lenses" / "l.yaml").write_text(text.format("New copy."), encoding="utf-8")
    result = load_rules(RULES, [old, new])
    assert result.ok and result.ruleset.lenses["liberal"].description == "New copy."
    assert [m.folder for m in result.mods] == [new]
    warnings = [str(p) for p in result.problems if p.severity == "warning"]
    assert warnings == [f"{new / 'mod.yaml'}:1: id: mod 'twin' is also installed at {old}; using this copy"]


def test_a_mod_for_another_rules_format_is_refused(make_mod):
    mod = make_mod("future", format=2)
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert lines == [f"{mod / 'mod.yaml'}:4: format: this mod targets rules format 2; the game reads 1 (got 2)"]


def test_find_mods_takes_a_mod_or_a_folder_of_mods(make_mod, tmp_path: Path):
    a = make_mod("a")
    b = make_mod("b")
    (tmp_path / "mods" / "not-a-mod").mkdir()
    assert find_mods([tmp_path / "mods"]) == [a, b]
    assert find_mods([b, tmp_path / "mods", tmp_path / "missing"]) == [b, a]
