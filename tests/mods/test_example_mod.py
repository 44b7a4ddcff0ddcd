"""The example mod in examples/mods loads cleanly and changes the game; its lens is playable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mods" / "courts-with-teeth"


@pytest.fixture(scope="module")
def modded():
    result = load_rules(ROOT / "rules", [EXAMPLE])
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.ruleset


def test_it_loads_clean_as_a_layer(modded):
    assert modded.layers == ("base", "courts-with-teeth@1.0")


def test_it_changes_real_rules(rules, modded):
    base_icc, icc = rules.institutions["icc"], modded.institutions["icc"]
    assert (icc.legitimacy, icc.power) == (60, 35) and (base_icc.legitimacy, base_icc.power) != (60, 35)
    assert icc.name == base_icc.name and icc.powers == base_icc.powers  # fields it does not name are kept
    mod_dyn, base_dyn = ({d.id: d for d in r.dynamics} for r in (modded, rules))
    assert mod_dyn["vetoes_shield_aggressors"].add != base_dyn["vetoes_shield_aggressors"].add
    assert mod_dyn["vetoes_shield_aggressors"].name == base_dyn["vetoes_shield_aggressors"].name
    assert "courts_restrain_atrocities" in mod_dyn and "courts_restrain_atrocities" not in base_dyn
    assert "legalist" in modded.lenses and "legalist" not in rules.lenses


def test_it_changes_how_the_game_plays(make_session, rules, modded):
    plain = make_session(seed=5)
    mod = make_session(seed=5, ruleset=modded)
    for _ in range(2):
        plain.end_turn()
        mod.end_turn()
    # The calmer world of the mod shows in the figures, not only in the hash.
    assert mod.table.world["disorder"] < plain.table.world["disorder"]
    assert mod.institution("icc").legitimacy > plain.institution("icc").legitimacy
    assert mod.state_hash() != plain.state_hash()


def test_its_lens_is_selectable_on_the_command_line(user_home, capsys):
    code = main(["sim", "--turns", "1", "--quiet", "--seed", "2", "--lens", "legalist", "--mods", str(EXAMPLE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    summary = json.loads(out.out.strip().splitlines()[-1])
    assert summary["lens"] == "legalist" and summary["turns"] == 1


def test_without_the_mod_its_lens_is_unknown(user_home, capsys):
    code = main(["sim", "--turns", "1", "--quiet", "--lens", "legalist"])
    assert code == 2 and "unknown lens 'legalist'" in capsys.readouterr().err


def test_a_mod_in_the_user_folder_is_found_without_flags(user_home, capsys):
    import shutil

    shutil.copytree(EXAMPLE, user_home / "mods" / EXAMPLE.name)
    assert main(["check"]) == 0
    assert "courts-with-teeth@1.0" in capsys.readouterr().err
