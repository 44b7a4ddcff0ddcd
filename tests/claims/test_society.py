"""Claims about the ground floor and the inside of states (nlio part IV, mgo's movements): each
test sets two countries (or two runs) apart in one factor and lets society or the movements act."""

from __future__ import annotations

from game.sim.commands import TakeAction
from game.sim.systems.politics import hold_elections
from tests.claims.builders import (
    act,
    crisis,
    evolve,
    flow,
    fresh,
    get,
    govern,
    put,
    relate,
    rich,
    standing,
    standing_of,
    system,
    trigger,
)

QUIET = {"polarisation": 40, "nativist": 0, "far_right": 0, "civil_society": 40}


def test_mgo_three_floors(make_session):
    s = fresh(make_session)
    assert s.institutions() and s.table.movement_ids and len(s.table.codes) > 150, "three floors"
    for code in ("AUT", "CHE"):
        put(s, code, polarisation=50, nativist=5)
    put(s, "AUT", nativist=80)
    standing(s)
    assert get(s, "AUT", "polarisation") > get(s, "CHE", "polarisation") + 0.3, "the street moves the state"
    s = fresh(make_session)
    for code in ("AUT", "CHE"):
        put(s, code, polarisation=50, nativist=5)
    flow(s, "refugees_in", "CHE", 3.0)
    system(s, "society")
    assert get(s, "CHE", "polarisation") > get(s, "AUT", "polarisation") + 0.1, "a war abroad reaches politics at home"
    # The top floor reaches the middle: a healthy order adds growth to its members.
    grown = {}
    for health in (90.0, 10.0):
        s = fresh(make_session)
        standing_of(s, "*", legitimacy=health, power=health)
        put(s, "DEU", growth=1.0)
        system(s, "economy")
        grown[health] = get(s, "DEU", "growth")
    assert grown[90.0] > grown[10.0]


def test_nlio_freedom_recession(make_session):
    s = fresh(make_session)
    for code in ("DEU", "BRA"):  # one anchored in democratic-bloc bodies, one not
        put(s, code, democracy=80, **QUIET)
    standing_of(s, "*", legitimacy=70, power=70)
    system(s, "society", turns=4)
    assert get(s, "BRA", "democracy") < 80 - 0.15, "freedom erodes even in a mature democracy"
    assert 80 - get(s, "DEU", "democracy") < 0.5 * (80 - get(s, "BRA", "democracy")), "...unless institutions anchor it"


def test_nlio_rot_from_within(make_session):
    s = fresh(make_session)
    put(s, "FRA", democracy=80, **QUIET)
    put(s, "ESP", democracy=80, **{**QUIET, "polarisation": 85, "nativist": 50, "far_right": 15})
    system(s, "society", turns=3)
    rot = 80 - get(s, "ESP", "democracy")
    baseline = 80 - get(s, "FRA", "democracy")
    assert rot > 2 * max(baseline, 0.01) and rot > 0.3, "division and populism corrode democracy from inside"


def test_nlio_disinformation_exploits_schisms(make_session):
    s = fresh(make_session)
    put(s, "DEU", polarisation=80, nativist=40)
    put(s, "FRA", polarisation=30, nativist=10)
    act(s, "RUS", "disinformation_campaign", "DEU")
    act(s, "RUS", "disinformation_campaign", "FRA")
    assert get(s, "DEU", "polarisation") - 80 > 1.5 * (get(s, "FRA", "polarisation") - 30) > 0, "it widens the widest splits"
    assert get(s, "DEU", "nativist") - 40 > get(s, "FRA", "nativist") - 10 > 0
    rich(s, "DEU")
    assert not s.submit(TakeAction("DEU", "disinformation_campaign", "RUS")), "democracies do not run it"


def test_nlio_democracy_resilient(make_session):
    out = {}
    for regime, lens in (("democracy", "balanced"), ("autocracy", "balanced"), ("democracy", "liberal"),
                         ("democracy", "pluralist")):
        s = fresh(make_session, lens=lens)
        govern(s, "CHL", regime=regime)
        put(s, "CHL", stability=20, democracy=70, approval=50, growth=2.0, corruption=30)
        system(s, "economy", "society")
        out[(regime, lens)] = (get(s, "CHL", "stability") - 20, get(s, "CHL", "growth"))
    dem, aut = out[("democracy", "balanced")], out[("autocracy", "balanced")]
    assert dem[0] > 1.5 * aut[0] > 0, "a democracy recovers from a shock faster"
    assert dem[1] > aut[1], "the rule of law pays in growth"
    assert out[("democracy", "liberal")][0] > dem[0] > out[("democracy", "pluralist")][0], "the lens weighs it"


def test_nlio_universalism_rejected(make_session):
    out = {}
    for sanctioned in (True, False):
        s = fresh(make_session)
        if not sanctioned:
            s.world.sanctions.pop("IRN", None)
        s.world.sanctions.setdefault("CHL", ["USA", "CHN", "DEU", "JPN"])  # a liberal democracy, also sanctioned
        if not sanctioned:
            s.world.sanctions.pop("CHL")
        for code in ("IRN", "CHL"):
            put(s, code, approval=40)
        s.invalidate()
        system(s, "society")
        out[sanctioned] = (get(s, "IRN", "approval"), get(s, "CHL", "approval"))
    assert out[True][0] > out[False][0] + 0.2, "the regime rallies the nation against foreign pressure"
    assert abs(out[True][1] - out[False][1]) < 1e-9, "a liberal democracy gets no such rally"
    s = fresh(make_session)
    put(s, "KAZ", civil_society=40)
    s.government("KAZ").policies.append("sov_foreign_agents_law")
    standing(s, turns=3)
    assert get(s, "KAZ", "civil_society") < 40


def test_mgo_civil_society_matters(make_session):
    s = fresh(make_session)
    for code in ("DNK", "NOR"):
        put(s, code, approval=50, unrest=10, corruption=30, climate=5, civil_society=10)
    put(s, "DNK", climate=80, civil_society=80)
    standing(s, turns=2)
    assert get(s, "DNK", "approval") < get(s, "NOR", "approval") - 0.5, "a strong movement costs a deaf government votes"
    assert get(s, "DNK", "corruption") < get(s, "NOR", "corruption"), "watchdogs make graft riskier"
    assert get(s, "DNK", "unrest") > get(s, "NOR", "unrest")


def test_mgo_uncivil_society(make_session):
    s = fresh(make_session)
    for code in ("NER", "TCD"):
        put(s, code, stability=40, jihadist=10)
    put(s, "NER", jihadist=80)
    standing(s)
    assert get(s, "NER", "stability") < get(s, "TCD", "stability") - 0.4, "insurgents threaten the state"
    relate(s, "NER", "MLI", -50)  # (a crisis needs its parties: the rebels' foreign backer)
    relate(s, "TCD", "LBY", -50)
    born = trigger(s, 0.01)
    assert any(c.def_id == "insurgency" and c.location == "NER" for c in born), "a strong insurgency sets off a war"
    assert not any(c.location == "TCD" and c.def_id == "insurgency" for c in born)


def test_mgo_anti_immigrant_pull(make_session):
    out = {}
    for nativist in (60, 10):
        s = fresh(make_session)
        put(s, "DEU", nativist=nativist, climate=10, civil_society=20, approval=5)
        s.government("DEU").next_election = s.turn
        hold_elections(s)
        out[nativist] = s.government("DEU").doctrine
    assert out[60] == "mercantilist" and out[10] == "liberal", "strong nativists pull the new government their way"
    s = fresh(make_session)
    govern(s, "NLD", doctrine="mercantilist")
    for code in ("NLD", "BEL"):
        put(s, code, nativist=60, approval=40, growth=2.0, unrest=10)
    system(s, "society")
    assert get(s, "NLD", "approval") > get(s, "BEL", "approval") + 0.5, "taking up their agenda pays at the polls"


def test_mgo_militarism_breeds_peace_movements(make_session):
    s = fresh(make_session)
    for code in ("DNK", "NOR"):
        put(s, code, peace=10, radical_left=10, defence=1.5, growth=3.0)
    put(s, "DNK", defence=6.0, growth=-1.0)
    system(s, "movements", turns=3)
    assert get(s, "DNK", "peace") > get(s, "NOR", "peace") + 0.2, "an arms race revives the peace movement"
    assert get(s, "DNK", "radical_left") > get(s, "NOR", "radical_left") + 0.2, "stagnation revives the left"


def test_mgo_elite_failure_populism(make_session):
    s = fresh(make_session)
    for code in ("AUT", "CHE"):
        put(s, code, nativist=15, inequality=30, growth=3.0, polarisation=40)
    put(s, "AUT", inequality=60, growth=0.0)
    system(s, "movements", turns=3)
    assert get(s, "AUT", "nativist") > get(s, "CHE", "nativist") + 0.2, "the left-behind turn to the populists"
    # Globalisation with low-wage autocracies hollows out rich heartlands.
    out = {}
    for exposed in (True, False):
        s = fresh(make_session)
        put(s, "NLD", inequality=30, growth=1.0)
        if exposed:
            s.world.trade.extend(sorted(["NLD", c]) for c in ("CHN", "VNM", "SAU", "ARE", "KAZ", "EGY"))
            s.world.trade.sort()
        system(s, "economy")
        out[exposed] = get(s, "NLD", "inequality")
    assert out[True] > out[False] + 0.05


def test_mgo_pre_empt_colour_revolutions(make_session):
    s = fresh(make_session)
    put(s, "BLR", civil_society=40, legitimacy=40)
    act(s, "BLR", "suppress_civil_society")
    assert get(s, "BLR", "civil_society") < 35 and get(s, "BLR", "legitimacy") < 40, "suppression works, at a price"
    rich(s, "DEU")
    assert not s.submit(TakeAction("DEU", "suppress_civil_society")), "a liberal democracy cannot"
    out = {}
    for suppressed in (True, False):
        s = fresh(make_session)
        put(s, "BLR", civil_society=40, capital=60)
        protests = crisis(s, "autocracy_protests", "BLR", 40)
        if suppressed:
            act(s, "BLR", "suppress_nativist")  # police on the streets, whichever movement is named
        evolve(s)
        assert "suppression" not in s.table.flows, "suppression lasts the turn it was ordered"
        out[suppressed] = protests.severity
    assert out[True] < out[False] - 0.5, "a regime that watches the street heads off the uprising"
