"""Claims about war and deterrence (nlio part II-IV, mgo on alliances and regime change): each
test starts or answers a crisis in two worlds that differ in the factor the claim is about.
Trigger chances are compared with a fixed random draw (builders.trigger)."""

from __future__ import annotations

from tests.claims.builders import (
    act,
    count,
    crisis,
    drop,
    evolve,
    found,
    fresh,
    get,
    propose,
    put,
    put_world,
    respond,
    standing,
    system,
    trigger,
    vote,
)

DEMOCRACIES = ["GBR", "FRA", "DEU", "JPN", "CAN", "ITA", "AUS", "NLD", "POL", "ESP"]
VIOLENT = {"civil_war_famine", "invasion", "client_war_airpower", "coup"}


def started(make_session, disorder: float, draw: float, setup) -> set[tuple[str, str]]:
    s = fresh(make_session)
    put_world(s, disorder=disorder)
    setup(s)
    return {(c.def_id, c.location) for c in trigger(s, draw)}


def test_nlio_postliberal_anarchy(make_session):
    wars = {d: {x for x in started(make_session, d, 0.02, lambda s: None) if x[0] in VIOLENT} for d in (95, 5)}
    assert any(t == "civil_war_famine" for t, _ in wars[95]), "open anarchy breeds atrocities"
    assert len(wars[95]) > len(wars[5]) and not any(t == "civil_war_famine" for t, _ in wars[5])
    invasions = {d: {x for x in started(make_session, d, 0.004, lambda s: None) if x[0] == "invasion"} for d in (95, 5)}
    assert invasions[95] and not invasions[5], "...and aggression"


def test_nlio_deterrence_architecture(make_session):
    out = {}
    for guarded in (True, False):
        s = fresh(make_session)
        put_world(s, disorder=50)
        if guarded:
            inst = found(s, "alliance_of_democracies", DEMOCRACIES + ["USA", "ARM"])
            inst.power = inst.legitimacy = 90
        out[guarded] = {c.location for c in trigger(s, 0.002) if c.def_id == "invasion"}
    assert "ARM" in out[False] and "ARM" not in out[True], "collective deterrence keeps the aggressor home"
    s = fresh(make_session)
    inst = found(s, "alliance_of_democracies", DEMOCRACIES + ["USA"])
    inst.power = inst.legitimacy = 90
    standoff = crisis(s, "strait_standoff", "PHL", 60, aggressor="CHN")
    respond(s, "JPN", standoff, "collective_deterrence")
    assert standoff.severity < 60 - 6, "a red line is worth the alliance behind it"


def test_nlio_threat_raises_spending(make_session):
    out = {}
    for war in (True, False):
        s = fresh(make_session)
        if war:
            crisis(s, "invasion", "EST", 60, aggressor="RUS", victim="EST")
        put(s, "PRT", defence=1.5, threat=20)
        system(s, "military", turns=4)
        out[war] = (get(s, "PRT", "threat"), get(s, "PRT", "defence"))
    assert out[True][0] > out[False][0] + 2, "an invasion of an ally alarms every ally"
    assert out[True][1] > out[False][1] + 0.1, "...and their defence budgets climb"


def test_nlio_only_hard_power_stops_aggression(make_session):
    s = fresh(make_session, humans=("DEU",))
    war = crisis(s, "invasion", "UKR", 60, aggressor="RUS", victim="UKR")
    for code in ("FRA", "ITA", "ESP"):
        respond(s, code, war, "condemn")
    propose(s, "DEU", "un", "condemnation", "RUS")
    vote(s, {m: "yes" for m in s.institution("un").members if m != "RUS"})
    legit = get(s, "RUS", "legitimacy")
    assert count(s)[-1].data["passed"] and get(s, "RUS", "legitimacy") < legit
    assert war.severity == 60, "words move no front line"
    respond(s, "POL", war, "military_aid")
    assert war.severity < 58, "weapons do"
    out = {}
    for armed in (True, False):
        s = fresh(make_session)
        war = crisis(s, "invasion", "UKR", 60, aggressor="RUS", victim="UKR")
        if armed:
            for code in ("USA", "GBR", "DEU", "FRA"):
                act(s, code, "military_aid", "UKR")
        evolve(s, 2)
        out[armed] = war.severity
    assert out[True] < out[False] - 0.5, "an armed defender holds the front"


def test_nlio_airpower_props_regimes(make_session):
    s = fresh(make_session)
    war = crisis(s, "client_war_airpower", "SYR", 60, government="SYR", patron="RUS")
    war.protection = 30.0
    put(s, "SYR", stability=10, jihadist=20)
    legit = get(s, "RUS", "legitimacy")
    respond(s, "RUS", war, "patron_airstrikes")
    assert war.severity < 60 - 8 and get(s, "SYR", "stability") > 12, "the bombing saves the regime"
    assert war.protection < 30 and get(s, "SYR", "jihadist") > 20, "...at the price of roads, aid and extremists"
    assert get(s, "RUS", "legitimacy") < legit


def intervene(make_session, mandate: bool, response: str, where: str, kind: str) -> tuple[float, float]:
    s = fresh(make_session)
    war = crisis(s, kind, where, 60, government=where)
    war.mandate = mandate
    norm, legit = s.table.world["intervention_norm"], get(s, "USA", "legitimacy")
    respond(s, "USA", war, response)
    return s.table.world["intervention_norm"] - norm, get(s, "USA", "legitimacy") - legit


def test_nlio_iraq_damaged_intervention(make_session):
    lawful = intervene(make_session, True, "protection_force", "SDN", "civil_war_famine")
    unlawful = intervene(make_session, False, "protection_force", "SDN", "civil_war_famine")
    assert lawful[0] > 0 > unlawful[0], "an unauthorised intervention damages the norm itself"
    assert lawful[1] > 0 > unlawful[1], "...and the intervener's name"
    assert intervene(make_session, False, "regime_change", "SYR", "client_war_airpower")[0] <= -4


def test_nlio_atrocities_forge_norms(make_session):
    out = {}
    for answered in (False, True):
        s = fresh(make_session)
        put_world(s, intervention_norm=40)
        war = crisis(s, "civil_war_famine", "SDN", 90)
        if answered:
            war.attention = 1.0
        evolve(s)
        out[answered] = s.table.world["intervention_norm"]
    assert out[False] > out[True] + 0.3, "an atrocity the world watches and ignores sharpens the norm"
    s = fresh(make_session)
    put_world(s, intervention_norm=70)
    system(s, "world", turns=5)
    assert s.table.world["intervention_norm"] < 70 - 1.5, "...and the memory fades"


def test_mgo_regime_change_fails(make_session):
    out = {}
    for toppled in (True, False):
        s = fresh(make_session)
        war = crisis(s, "client_war_airpower", "SYR", 60, government="SYR")
        for code in s.table.codes:  # no other insurgency competes for the draw
            put(s, code, jihadist=5, far_right=2)
        put(s, "SYR", jihadist=30, stability=20)
        if toppled:
            respond(s, "USA", war, "regime_change")
        out[toppled] = (war.severity, get(s, "SYR", "stability"),
                        {c.def_id for c in trigger(s, 0.01) if c.location == "SYR"})
    assert out[True][0] < out[False][0], "the regime falls..."
    assert out[True][1] < out[False][1] - 5, "...and the state with it"
    assert "insurgency" in out[True][2] and "insurgency" not in out[False][2], "occupation breeds a new war"


def test_mgo_rigid_alliances(make_session):
    out = {}
    for allied in (True, False):
        s = fresh(make_session)
        if not allied:
            drop(s, "nato", "PRT")
        crisis(s, "invasion", "EST", 60, aggressor="RUS", victim="EST")
        put(s, "PRT", threat=20)
        system(s, "military")
        standing(s)
        out[allied] = get(s, "PRT", "threat")
    assert out[True] > out[False] + 1.5, "a war on the alliance's edge drags in its farthest member"
    severity = {}
    for allied in (True, False):
        s = fresh(make_session)
        if allied:
            found(s, "alliance_of_democracies", DEMOCRACIES + ["USA", "PHL"]).power = 90
        standoff = crisis(s, "strait_standoff", "PHL", 50, aggressor="CHN")
        evolve(s)
        severity[allied] = standoff.severity
    assert severity[True] > severity[False], "treaty commitments raise the stakes of a standoff"


def test_mgo_pressure_paths_differ(make_session):
    out = {}
    for enlarged in (True, False):
        s = fresh(make_session)
        put(s, "MNG", defence=2.0, democracy=70)
        for code in ("RUS", "CHN"):
            put(s, code, threat=30)
        put(s, "CHN", defence=1.6)
        if enlarged:
            act(s, "MNG", "apply_membership", "nato")
        system(s, "military")
        out[enlarged] = (get(s, "RUS", "threat"), get(s, "CHN", "threat"))
    russia, china = (out[True][i] - out[False][i] for i in (0, 1))
    assert russia > 6, "a militarised power meets an enlarging alliance head on"
    assert 1 < china < 4, "...another adapts slowly"
