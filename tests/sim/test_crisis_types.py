"""Every crisis type can start in the 2024 world, and every one of its responses can be taken
(issue 3). Triggers are tested by building the conditions: the figures are set so the type's
`when` holds somewhere, the per-turn chance is forced to certainty, and the crises phase's
own trigger_crises runs. Responses are tested by submitting Respond for a country that
Session.can() finds eligible, as a player would."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from game.sim.commands import Found, Ok, Respond
from game.sim.systems.crises import end_crisis, fill_roles, start_crisis, trigger_crises

CRISIS_TYPES = (
    "autocracy_protests", "civil_war_famine", "client_war_airpower", "climate_disaster", "coup", "cyberattack",
    "debt_crisis", "disinformation_scandal", "indicted_leader_visit", "insurgency", "invasion", "pandemic",
    "populist_surge", "refugee_wave", "sanctions_renewal", "strait_standoff",
)


class CertainRng(random.Random):
    """An RNG whose every draw is 0: each per-turn trigger chance comes up."""

    def random(self) -> float:
        return 0.0


def hostile(s, a: str, b: str, value: float = -60.0) -> None:
    s.table.relations[s.row(a), s.row(b)] = s.table.relations[s.row(b), s.row(a)] = value


def set_stats(s, code: str, **stats: float) -> None:
    for stat, value in stats.items():
        name = stat.replace("__", ".")
        s.change_country(s.row(code), name, value - s.stat(code, name))


def _protests(s):
    set_stats(s, "IRN", unrest=80)
    return "IRN"


def _civil_war(s):
    set_stats(s, "TCD", stability=10, unrest=80)
    hostile(s, "TCD", "LBY")
    return "TCD"


def _client_war(s):
    set_stats(s, "SYR", stability=20, movement__jihadist=70)
    hostile(s, "SYR", "ISR")
    return "SYR"


def _climate(s):
    return "BGD"  # poor and populous: the condition already holds


def _coup(s):
    set_stats(s, "NER", stability=20)
    return "NER"


def _cyber(s):
    hostile(s, "KOR", "PRK")
    return "KOR"


def _debt(s):
    set_stats(s, "ZMB", debt=130)
    s.world.loans.append(["CHN", "ZMB", 20.0])
    return "ZMB"


def _disinformation(s):
    set_stats(s, "EST", polarisation=70)
    hostile(s, "EST", "RUS")
    return "EST"


def _indicted(s):
    s.world.indicted.append("RUS")  # the ICC warrant of March 2023
    return "ZAF"


def _insurgency(s):
    set_stats(s, "MLI", movement__jihadist=70)
    hostile(s, "MLI", "DZA")
    return "MLI"


def _invasion(s):
    hostile(s, "ARM", "AZE")
    return "ARM"


def _pandemic(s):
    return "IND"


def _populists(s):
    set_stats(s, "FRA", movement__nativist=60, approval=30)
    return "FRA"


def _refugees(s):
    war = next(c for c in s.crises() if c.def_id == "invasion" and c.location == "UKR")
    war.severity = 80.0
    return "POL"


def _renewal(s):
    set_stats(s, "SVK", movement__nativist=60)
    return "SVK"


def _strait(s):
    set_stats(s, "PHL", trade=70)
    hostile(s, "PHL", "TWN")
    return "PHL"


SETUPS = {
    "autocracy_protests": _protests, "civil_war_famine": _civil_war, "client_war_airpower": _client_war,
    "climate_disaster": _climate, "coup": _coup, "cyberattack": _cyber, "debt_crisis": _debt,
    "disinformation_scandal": _disinformation, "indicted_leader_visit": _indicted, "insurgency": _insurgency,
    "invasion": _invasion, "pandemic": _pandemic, "populist_surge": _populists, "refugee_wave": _refugees,
    "sanctions_renewal": _renewal, "strait_standoff": _strait,
}


def test_every_crisis_type_has_a_test(rules):
    assert sorted(rules.crises) == sorted(CRISIS_TYPES) == sorted(SETUPS)


@pytest.mark.parametrize("cid", CRISIS_TYPES)
def test_crisis_type_triggers_in_2024(make_session, rules, cid):
    s = make_session(seed=1, scenario="2024")
    cdef = rules.crises[cid]
    # Make room: end running crises of this type beyond what its max_active leaves free.
    running = [c for c in s.crises() if c.def_id == cid]
    for crisis in running[: max(0, len(running) - cdef.trigger.max_active + 1)]:
        end_crisis(s, crisis, cdef)
    target = SETUPS[cid](s)
    s.invalidate()
    when = np.broadcast_to(np.asarray(rules.expr(cdef.trigger.when)(s.env()), dtype=bool), (len(s.table.codes),))
    assert when[s.row(target)], f"the setup does not satisfy {cid}'s condition in {target}"
    assert fill_roles(s, cdef, target) is not None, f"no parties for {cid} in {target}"
    before, news = {c.uid for c in s.crises()}, len(s.events)
    s.rng = CertainRng(0)
    with s.hold_env():
        trigger_crises(s)
    s.invalidate()
    new = [c for c in s.crises() if c.uid not in before and c.def_id == cid]
    assert new, f"no {cid} started"
    for crisis in new:
        assert when[s.row(crisis.location)], crisis
        assert set(crisis.parties) == set(cdef.trigger.roles), crisis.parties
    started = [e for e in s.events[news:] if e.kind == "crisis_started" and e.data["type"] == cid]
    assert len(started) == len(new)


# Where a crisis of each type is set up for the response test, when the 2024 scenario has
# none running (or the running one's place does not let every response be taken).
RESPONSE_LOCATIONS = {
    "autocracy_protests": "IRN", "client_war_airpower": "SYR", "climate_disaster": "BGD", "coup": "NER",
    "cyberattack": "EST", "disinformation_scandal": "EST", "pandemic": "IND", "refugee_wave": "POL",
    # A host in the sovereign bloc that is also bound by the Rome Statute (invoke_immunity, arrest).
    "indicted_leader_visit": "ZAF",
}


def crisis_for(s, rules, cid: str):
    cdef = rules.crises[cid]
    loc = RESPONSE_LOCATIONS.get(cid)
    if loc is None:
        return next(c for c in s.crises() if c.def_id == cid)
    if cid == "indicted_leader_visit":
        s.world.indicted.append("RUS")
        set_stats(s, loc, military=max(35, s.stat(loc, "military")))  # strong enough to dare an arrest
    if cid == "disinformation_scandal":
        hostile(s, "EST", "RUS")
    parties = fill_roles(s, cdef, loc)
    assert parties is not None, f"no parties for {cid} in {loc}"
    return start_crisis(s, cdef, loc, 50.0, parties)


def response_cases():
    from game.rules import load_rules

    rules = load_rules(Path(__file__).resolve().parents[2] / "rules").ruleset
    for cid in sorted(rules.crises):
        for resp in rules.crises[cid].responses:
            yield pytest.param(cid, resp.id, id=f"{cid}-{resp.id}")


@pytest.fixture(scope="module")
def world_with_alliance(rules):
    """One 2024 session per module, with the Alliance of Democracies founded (several
    responses need a member), a crisis of every type, and political capital to spare."""
    from game.sim.setup import new_session

    s = new_session(rules, "2024", 1)
    cap = s.table.stat_ids.index("capital")
    s.table.stats[:, cap] = rules.settings.capital_cap
    assert s.submit(Found("DEU", "alliance_of_democracies")) == Ok("Alliance of Democracies founded")
    crises = {cid: crisis_for(s, rules, cid) for cid in sorted(rules.crises)}
    s.invalidate()
    yield s, crises
    s.close()


@pytest.mark.parametrize(("cid", "rid"), list(response_cases()))
def test_every_response_applies(world_with_alliance, rules, cid, rid):
    s, crises = world_with_alliance
    s.activate()
    crisis = crises[cid]
    assert s.crisis(crisis.uid) is crisis
    resp = next(r for r in rules.crises[cid].responses if r.id == rid)
    cap = s.table.stat_ids.index("capital")
    s.table.stats[:, cap] = rules.settings.capital_cap
    order = [crisis.location] + [c for c in s.table.codes if c != crisis.location]
    who = next((c for c in order if s.can(Respond(c, crisis.uid, rid))), None)
    assert who is not None, f"nobody can take {rid}: e.g. {s.can(Respond('USA', crisis.uid, rid))}"
    proposals = len(s.proposals())
    attention = crisis.attention
    result = s.submit(Respond(who, crisis.uid, rid))
    assert isinstance(result, Ok), result
    if resp.resolution is None:
        assert s.stat(who, "capital") == pytest.approx(rules.settings.capital_cap - resp.cost)
        assert crisis.attention == pytest.approx(attention + resp.attention)
    else:
        assert len(s.proposals()) == proposals + 1
        prop = s.proposals()[-1]
        assert (prop.proposer, prop.resolution) == (who, resp.resolution)
    assert crisis.responses[-1][1:] == [who, rid]
    assert not s.submit(Respond(who, crisis.uid, rid)), "the same response twice in one turn"


def test_a_response_goes_to_the_body_it_names(make_session, rules):
    """A UNSC member acting "through the Alliance of Democracies" puts it to the alliance,
    where no permanent member can veto it, not to the Council."""
    s = make_session(seed=1)
    s.table.stats[:, s.table.stat_ids.index("capital")] = rules.settings.capital_cap
    assert s.submit(Found("USA", "alliance_of_democracies"))
    war = next(c for c in s.crises() if c.def_id == "invasion")
    assert s.submit(Respond("USA", war.uid, "alliance_force"))
    assert [(p.institution, p.resolution) for p in s.proposals()] == [("alliance_of_democracies", "force")]
