"""The behaviour tests fail when the rule encoding their claim is gone or reversed.

For a representative set of claims, the claim's own test is run again on a variant of the
rules: the rule removed (by a mod, as a modder would, or from the loaded Ruleset), its effect
reversed, the claim weighed 0 by the theory lens, or a charter changed. Each must then fail.
"""

from __future__ import annotations

import pytest

from tests.claims import (
    test_crises,
    test_doctrines,
    test_economy,
    test_institutions,
    test_law,
    test_security,
    test_society,
    test_world,
)
from tests.claims.variants import (
    bound,
    changed_dynamic,
    changed_effect,
    claims_off,
    with_defs,
    without_dynamics,
    without_response,
)


def fails(test, make_session, ruleset) -> None:
    with pytest.raises(AssertionError):
        test(bound(make_session, ruleset))


def test_the_tests_pass_on_the_shipped_rules(make_session, rules):
    # The variants below are meaningful only because these pass unchanged.
    test_law.test_nlio_aggressor_holds_veto(bound(make_session, rules))


def council_without_veto(rules):
    unsc = rules.institutions["unsc"]
    return with_defs(rules, "institutions", unsc.model_copy(update={"decision": unsc.decision.model_copy(update={"veto": "none"})}))


def test_no_veto_no_shield(make_session, rules):
    fails(test_law.test_nlio_aggressor_holds_veto, make_session, council_without_veto(rules))


def test_no_veto_no_blocked_mandate(make_session, rules):
    fails(test_crises.test_nlio_peacekeeping_needs_council, make_session, council_without_veto(rules))


def test_alliance_without_the_power_to_authorise_force(make_session, rules):
    alliance = rules.institutions["alliance_of_democracies"]
    weak = alliance.model_copy(update={"powers": tuple(p for p in alliance.powers if p != "force"),
                                       "charter_options": alliance.charter_options.model_copy(update={
                                           "powers": tuple(p for p in alliance.charter_options.powers if p != "force")})})
    fails(test_institutions.test_nlio_alliance_of_democracies, make_session, with_defs(rules, "institutions", weak))


def test_asean_without_non_interference(make_session, rules):
    asean = rules.institutions["asean"].model_copy(update={"non_interference": False})
    fails(test_institutions.test_mgo_regional_sovereignty_charters, make_session, with_defs(rules, "institutions", asean))


def test_task_force_without_the_coalition_bonus(make_session, rules):
    plain = changed_effect(rules, "pandemic", "cross_bloc_taskforce", "crisis.severity", "-5 - 3 * min(world.recognition, 2)")
    fails(test_world.test_mgo_cross_order_coalitions, make_session, plain)


def test_wars_that_do_not_spill_over(make_session, rules):
    war = rules.crises["civil_war_famine"].model_copy(update={"spillovers": ()})
    fails(test_crises.test_nlio_spillover_costs, make_session, with_defs(rules, "crises", war))


# Claims whose effect lives wholly in rules that cite them: weighing the claim 0 in every lens
# must make their test fail (one per theme at least; the rest are shown by the variants above).
LENS_SWITCHABLE = [
    (test_crises, "nlio.aid-needs-access"), (test_crises, "nlio.outsiders-exploit-vacuums"),
    (test_law, "nlio.veto-blocks-aid"), (test_law, "nlio.members-dont-arrest"),
    (test_institutions, "nlio.democracy-summits"), (test_institutions, "mgo.nonalignment-revived"),
    (test_society, "nlio.freedom-recession"), (test_society, "mgo.anti-immigrant-pull"),
    (test_economy, "nlio.debt-diplomacy"), (test_economy, "nlio.protean-autocracy"),
    (test_doctrines, "mgo.great-power-exemption"), (test_doctrines, "mgo.partners-not-identical"),
    (test_security, "nlio.deterrence-architecture"), (test_security, "mgo.pressure-paths-differ"),
    (test_world, "mgo.yalta-pluralism"), (test_world, "nlio.will-decides"),
]


@pytest.mark.parametrize(("module", "claim"), LENS_SWITCHABLE, ids=[c for _, c in LENS_SWITCHABLE])
def test_claim_switched_off_by_the_lens(make_session, rules, module, claim):
    test = getattr(module, "test_" + claim.replace(".", "_").replace("-", "_"))
    fails(test, make_session, claims_off(rules, claim))


def test_without_refugee_populism(make_session, rules):
    fails(test_crises.test_nlio_refugees_feed_populism, make_session, without_dynamics(rules, "refugees_feed_nativists"))


def test_without_sanctions_leakage(make_session, rules):
    fails(test_economy.test_nlio_sanctions_evasion, make_session, claims_off(rules, "nlio.sanctions-evasion"))


def test_without_escalation(make_session, rules):
    war = rules.crises["civil_war_famine"].model_copy(update={"escalation": 0})
    fails(test_crises.test_nlio_neglected_crises_escalate, make_session, with_defs(rules, "crises", war))


def test_aid_that_ignores_access(make_session, rules):
    blind = changed_effect(rules, "civil_war_famine", "humanitarian_aid", "crisis.severity",
                           "-8 * (1 - crisis.diverted) + 3 * crisis.diverted")
    fails(test_crises.test_nlio_aid_needs_access, make_session, blind)


def test_without_looting(make_session, rules):
    war = rules.crises["civil_war_famine"]
    safe = war.model_copy(update={"per_turn": tuple(e for e in war.per_turn if e.stat != "crisis.diverted")})
    fails(test_crises.test_nlio_factions_raid_aid, make_session, with_defs(rules, "crises", safe))


def test_arms_that_do_not_prolong(make_session, rules):
    fails(test_crises.test_nlio_outsiders_exploit_vacuums, make_session,
          without_response(rules, "civil_war_famine", "arm_faction", effect_stat="crisis.severity"))


def test_rot_reversed(make_session, rules):
    d = next(d for d in rules.dynamics if d.id == "rot_from_within")
    fails(test_society.test_nlio_rot_from_within, make_session, changed_dynamic(rules, d.id, add=f"-({d.add})"))


def test_self_correction_reversed(make_session, rules):
    d = next(d for d in rules.dynamics if d.id == "democratic_self_correction")
    fails(test_society.test_nlio_democracy_resilient, make_session, changed_dynamic(rules, d.id, add=f"-({d.add})"))


def test_without_the_rally(make_session, rules):
    fails(test_society.test_nlio_universalism_rejected, make_session, claims_off(rules, "nlio.universalism-rejected"))


def test_without_disorder_costs(make_session, rules):
    fails(test_crises.test_nlio_multipolar_disorder, make_session, claims_off(rules, "nlio.multipolar-disorder"))


def test_alliance_without_member_effects(make_session, rules):
    alliance = rules.institutions["alliance_of_democracies"].model_copy(update={"member_effects": ()})
    fails(test_institutions.test_nlio_leader_must_join, make_session, with_defs(rules, "institutions", alliance))


def test_without_defenders_of_the_un(make_session, rules):
    fails(test_doctrines.test_mgo_top_floor_belongs_to_all, make_session, claims_off(rules, "mgo.top-floor-belongs-to-all"))


def test_mod_removing_words_and_deeds(make_session, tmp_path):
    """The way a modder would switch the claim off: a mod that removes its rule."""
    from pathlib import Path

    from game.rules import load_rules

    mod = tmp_path / "no_cynicism"
    mod.mkdir()
    (mod / "mod.yaml").write_text("id: no_cynicism\nname: No cynicism\nversion: '1'\nformat: 1\n", encoding="utf-8")
    (mod / "dynamics.yaml").write_text("format: 1\nremove:\n  dynamics: [words_and_deeds]\n", encoding="utf-8")
    result = load_rules(Path(__file__).resolve().parents[2] / "rules", [mod])
    assert result.ruleset is not None, result.problems
    assert "words_and_deeds" not in {d.id for d in result.ruleset.dynamics}
    fails(test_doctrines.test_nlio_cynical_legalism, make_session, result.ruleset)
