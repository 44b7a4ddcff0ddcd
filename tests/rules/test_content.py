"""The world as data (issue 3): both scenarios load and cover every country of the map, their
memberships point at real institutions and real countries, and `main.py check` is clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("2024", "2019")


@pytest.fixture(scope="module")
def map_countries() -> set[str]:
    """Country ids of the Natural Earth shapes; shapes without a country (Antarctica,
    disputed areas...) are drawn but not played."""
    data = json.loads((ROOT / "assets" / "map" / "world-110m.json").read_text(encoding="utf-8"))
    return {s["country"] for s in data["shapes"] if s.get("country") is not None}


def scenario_codes(rules, scenario: str) -> list[str]:
    return [c.id for c in rules.scenarios[scenario].countries]


def test_both_scenarios_are_in_the_rules(rules):
    assert set(SCENARIOS) <= set(rules.scenarios)
    assert rules.scenarios["2024"].start_year == 2024
    assert rules.scenarios["2019"].start_year == 2019


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_loads_into_a_session(make_session, rules, scenario):
    s = make_session(seed=1, scenario=scenario)
    codes = scenario_codes(rules, scenario)
    assert sorted(s.table.codes) == sorted(codes)
    assert s.table.stats.shape[0] == len(codes)
    # Every starting crisis is running, and the date is the scenario's.
    assert len(s.crises()) >= len(rules.scenarios[scenario].crises)
    assert s.date()[0] == rules.scenarios[scenario].start_year


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_map_country_has_scenario_data_and_vice_versa(rules, map_countries, scenario):
    codes = scenario_codes(rules, scenario)
    assert len(codes) == len(set(codes)), "a country appears twice"
    missing = sorted(map_countries - set(codes))
    extra = sorted(set(codes) - map_countries)
    assert not missing, f"map countries without {scenario} data: {missing}"
    assert not extra, f"{scenario} countries not on the map: {extra}"
    assert len(codes) >= 160


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_memberships_reference_real_institutions_and_countries(rules, scenario):
    sc = rules.scenarios[scenario]
    codes = set(scenario_codes(rules, scenario))
    seen = [m.id for m in sc.institutions]
    assert len(seen) == len(set(seen)), "an institution is listed twice"
    for m in sc.institutions:
        assert m.id in rules.institutions, f"{scenario}: unknown institution {m.id!r}"
        assert not rules.institutions[m.id].foundable, f"{scenario}: {m.id} must be founded in play"
        members = codes - set(m.except_) if m.members == "all" else set(m.members)
        assert members, f"{scenario}: {m.id} has no members"
        assert members <= codes, f"{scenario}: {m.id} lists unknown countries {sorted(members - codes)}"
        assert set(m.permanent) <= members and set(m.suspended) <= members, m.id
    for crisis in sc.crises:
        assert crisis.type in rules.crises and crisis.location in codes, crisis


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_institution_of_the_scenario_exists_in_the_session(make_session, rules, scenario):
    s = make_session(seed=1, scenario=scenario)
    started = {m.id for m in rules.scenarios[scenario].institutions}
    assert {i.def_id for i in s.institutions()} == {i for i, d in rules.institutions.items() if not d.foundable}
    for iid in sorted(started):
        assert s.members_of(iid) or s.institution(iid).suspended, iid


def test_memberships_are_those_of_the_year(rules):
    def members(scenario: str, iid: str) -> set[str]:
        m = next(x for x in rules.scenarios[scenario].institutions if x.id == iid)
        return set(m.members)

    p5 = {"CHN", "FRA", "GBR", "RUS", "USA"}
    for scenario in SCENARIOS:
        unsc = next(x for x in rules.scenarios[scenario].institutions if x.id == "unsc")
        assert set(unsc.permanent) == p5
        # Fifteen seats; Malta (elected for 2023-24) is too small for the 1:110m map.
        assert len(unsc.members) == (14 if scenario == "2024" else 15)
    assert {"EGY", "ETH", "IRN", "ARE"} <= members("2024", "brics")  # the 2024 enlargement
    assert members("2019", "brics") == {"BRA", "RUS", "IND", "CHN", "ZAF"}
    assert {"FIN", "SWE"} <= members("2024", "nato") and not {"FIN", "SWE"} & members("2019", "nato")
    assert "GBR" in members("2019", "eu") and "GBR" not in members("2024", "eu")


def test_check_is_clean():
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == ""
