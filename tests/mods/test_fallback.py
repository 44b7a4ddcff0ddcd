"""The game always starts: a broken mod is disabled (its problems kept), the others load; and
the hot reload gives problems back instead of raising."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.rules import load_rules, load_with_fallback, reload_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
GOOD_LENS = "format: 1\nlenses:\n  - id: realist\n    name: Realist\n    description: Power decides.\n"


def by_id(result) -> dict:
    return {m.id: m for m in result.mods}


def test_a_broken_mod_is_disabled_and_the_rest_load(make_mod):
    good = make_mod("good", {"lenses/realist.yaml": GOOD_LENS})
    bad = make_mod("bad", {"lenses/x.yaml": "format: 1\nlenses:\n  - id: x\n    name: X\n    description: d\n    weights: lots\n"})
    assert not load_rules(RULES, [good, bad]).ok  # check still sees everything
    result = load_with_fallback(RULES, [good, bad])
    assert result.ok
    assert "realist" in result.ruleset.lenses and result.ruleset.layers == ("base", "good@1")
    mods = by_id(result)
    assert mods["good"].enabled and not mods["bad"].enabled
    assert [str(p) for p in mods["bad"].problems] == [
        f"{bad / 'lenses' / 'x.yaml'}:6: lenses[0].weights: Input should be a valid dictionary (got 'lots')"]
    warnings = [str(p) for p in result.problems]
    assert len(warnings) == 1 and "mod 'bad' disabled: 1 problem(s)" in warnings[0]


def test_a_mod_with_a_broken_manifest_is_listed_as_disabled(make_mod):
    bad = make_mod("junk")
    (bad / "mod.yaml").write_bytes(b"\x00\x01")
    result = load_with_fallback(RULES, [bad])
    assert result.ok
    info = by_id(result)["junk"]
    assert not info.enabled and info.folder == bad and "not a text file" in str(info.problems[0])


def test_a_dependent_of_a_broken_mod_is_disabled_too(make_mod):
    base = make_mod("base-mod", {"lenses/x.yaml": ""})
    top = make_mod("top-mod", {"lenses/realist.yaml": GOOD_LENS}, depends=["base-mod"])
    other = make_mod("other", {"lenses/o.yaml": GOOD_LENS.replace("realist", "other")})
    result = load_with_fallback(RULES, [base, top, other])
    mods = by_id(result)
    assert result.ok and mods["other"].enabled
    assert not mods["base-mod"].enabled and not mods["top-mod"].enabled
    assert "base-mod" in str(mods["top-mod"].problems[0])
    assert "realist" not in result.ruleset.lenses and "other" in result.ruleset.lenses


def test_a_mod_that_breaks_base_rules_is_found_by_loading_one_at_a_time(make_mod):
    # Removing a claim breaks base files that cite it: the errors are located in base files,
    # not in the mod, so only loading the mods one by one finds the culprit.
    good = make_mod("good", {"lenses/realist.yaml": GOOD_LENS})
    culprit = make_mod("culprit", {"remove.yaml": "format: 1\nremove:\n  claims: [nlio.court-credibility]\n"})
    full = load_rules(RULES, [good, culprit])
    assert not full.ok and not any(str(culprit) in p.file for p in full.problems if p.severity == "error")
    result = load_with_fallback(RULES, [good, culprit])
    mods = by_id(result)
    assert result.ok and mods["good"].enabled and not mods["culprit"].enabled
    assert mods["culprit"].problems and "nlio.court-credibility" in str(mods["culprit"].problems[0])


def test_broken_base_rules_give_no_ruleset_and_every_problem(tmp_path: Path, make_mod):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("schemas"))
    (rules / "settings.yaml").write_text("format: 1\nsettings: 3\n", encoding="utf-8")
    result = load_with_fallback(rules, [make_mod("good", {"lenses/realist.yaml": GOOD_LENS})])
    assert result.ruleset is None
    assert any(f"{rules / 'settings.yaml'}:2: settings: must be a list of entries" in str(p) for p in result.problems)


def test_reload_picks_up_an_edit_and_reports_a_broken_one(make_mod):
    mod = make_mod("live", {"lenses/realist.yaml": GOOD_LENS})
    first = reload_rules(RULES, [mod])
    assert first.ok and first.changed and "realist" in first.ruleset.lenses
    same = reload_rules(RULES, [mod], current=first.ruleset)
    assert same.ok and not same.changed
    (mod / "lenses" / "realist.yaml").write_text(GOOD_LENS.replace("Power decides.", "Power still decides."), encoding="utf-8")
    edited = reload_rules(RULES, [mod], current=first.ruleset)
    assert edited.changed and edited.ruleset.lenses["realist"].description == "Power still decides."
    (mod / "lenses" / "realist.yaml").write_text("format: 1\nlenses: [\n", encoding="utf-8")
    broken = reload_rules(RULES, [mod], current=edited.ruleset)
    assert not broken.ok
    assert broken.ruleset is not None and "realist" not in broken.ruleset.lenses  # base rules, mod off
    assert any(line.startswith(f"{mod / 'lenses' / 'realist.yaml'}:") and "invalid YAML" in line for line in broken.lines())


def test_reload_keeps_the_current_rules_when_nothing_loads(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("schemas"))
    current = reload_rules(rules).ruleset
    (rules / "stats.yaml").write_bytes(b"\xff")
    result = reload_rules(rules, current=current)
    assert result.ruleset is current and not result.changed and not result.ok
    assert result.lines()[0] == f"{rules / 'stats.yaml'}:1: (file): not UTF-8 text"


def test_reload_never_raises(monkeypatch, tmp_path: Path):
    import game.rules.fallback as fallback

    def explode(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(fallback, "load_with_fallback", explode)
    result = reload_rules(tmp_path, current=None)
    assert result.ruleset is None and result.lines() and "internal error while loading the rules: RuntimeError: boom" in result.lines()[0]
