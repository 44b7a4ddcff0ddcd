"""Claims about the top floor (nlio part III-IV, mgo's three storeys): joining, founding,
charters, and what membership does. Each test applies, founds or lets memberships act a turn."""

from __future__ import annotations

from game.sim.commands import Found, Propose, Respond, TakeAction
from tests.claims.builders import (
    act,
    count,
    crisis,
    drop,
    env,
    found,
    fresh,
    get,
    join,
    propose,
    put,
    relate,
    respond,
    rich,
    standing,
    standing_of,
    vote,
)

DEMOCRACIES = ["GBR", "FRA", "DEU", "JPN", "CAN", "ITA", "AUS", "NLD", "POL", "ESP"]


def apply(s, code: str, iid: str):
    rich(s, code)
    return s.submit(TakeAction(code, "apply_membership", iid))


def test_nlio_sovereignty_as_shield(make_session):
    s = fresh(make_session)
    assert s.rules.institutions["sco"].non_interference and s.rules.institutions["brics"].non_interference
    assert apply(s, "PRK", "sco"), "an autocracy of any creed or region can join the counter-bloc"
    assert "PRK" in s.institution("sco").members
    assert not apply(s, "TUR", "sco"), "a NATO ally cannot"
    rich(s, "CHN", "USA")
    refused = s.submit(Propose("CHN", "sco", "condemnation", "PRK"))
    assert not refused and "forbids" in refused.reason, "the charter shields members from interference"
    assert s.submit(Propose("USA", "un", "condemnation", "PRK")), "the universal body can still speak"


def test_nlio_democracy_summits(make_session):
    s = fresh(make_session)
    assert s.institution("alliance_of_democracies") is None, "no formal alliance at the start"
    assert {"g7", "nato"} <= {i.def_id for i in s.institutions()}, "but the democracies already coordinate"
    before = {k: get(s, "BRA", k) for k in ("alignment", "democracy")}
    act(s, "USA", "democracy_summit", "BRA")
    assert get(s, "BRA", "alignment") > before["alignment"] + 2 and get(s, "BRA", "democracy") > before["democracy"]
    rich(s, "USA")
    assert not s.submit(TakeAction("USA", "democracy_summit", "CHN")), "summits are for democracies"
    # Formalising the circle is a decision a player takes.
    rich(s, "USA")
    assert s.submit(Found("USA", "alliance_of_democracies"))
    assert s.institution("alliance_of_democracies").members == ["USA"]


def force_vote(make_session, forum: str) -> bool:
    s = fresh(make_session, humans=("USA",))
    war = crisis(s, "invasion", "UKR", 70, aggressor="RUS", victim="UKR")
    if forum == "alliance_of_democracies":
        rich(s, "USA")
        assert s.submit(Found("USA", forum, rule="qualified_majority"))
        join(s, forum, *DEMOCRACIES)
        respond(s, "USA", war, "alliance_force")  # a Council member too, yet this goes to the Alliance
    else:
        respond(s, "USA", war, "council_force")
    assert s.proposals()[-1].institution == forum
    members = s.institution(forum).members
    vote(s, {**{m: "yes" for m in members}, "RUS": "no"} if "RUS" in members else {m: "yes" for m in members})
    count(s)
    return war.mandate


def test_nlio_alliance_of_democracies(make_session):
    assert not force_vote(make_session, "unsc"), "the Council is blocked by the aggressor's veto"
    assert force_vote(make_session, "alliance_of_democracies"), "the democracies can authorise it themselves"


def test_nlio_leader_must_join(make_session):
    out = {}
    for with_leader in (True, False):
        s = fresh(make_session)
        inst = found(s, "alliance_of_democracies", DEMOCRACIES + (["USA"] if with_leader else []))
        strength, power = env(s, "world.alliance"), inst.power
        standing(s, turns=4)
        out[with_leader] = (strength, inst.power - power)
    assert out[True][0] > 1.8 * out[False][0], "a league without its strongest democracy is a league on paper"
    assert out[True][1] > 0 > out[False][1], "with it the alliance grows in weight; without it, it withers"


def test_nlio_west_is_values_club(make_session):
    s = fresh(make_session)
    assert apply(s, "JPN", "eu"), "values, not geography, open the democratic clubs"
    assert apply(s, "KOR", "nato")
    refused = apply(s, "BLR", "eu")
    assert not refused and "requires" in refused.reason
    put(s, "GEO", democracy=40, defence=2.0)
    assert not apply(s, "GEO", "nato")
    put(s, "GEO", democracy=70)
    assert apply(s, "GEO", "nato"), "meeting the terms is what counts"


def test_nlio_membership_standards(make_session):
    s = fresh(make_session, humans=("USA",))
    rich(s, "USA")
    assert s.submit(Found("USA", "alliance_of_democracies", min_democracy=80))
    join(s, "alliance_of_democracies", *DEMOCRACIES)
    put(s, "KOR", democracy=75)
    refused = apply(s, "KOR", "alliance_of_democracies")
    assert not refused and "80" in refused.reason, "the founder's bar gates accession"
    put(s, "KOR", democracy=85)
    assert apply(s, "KOR", "alliance_of_democracies")
    # A member that slides below the standard drags the body down until it is suspended.
    inst = s.institution("alliance_of_democracies")
    put(s, "POL", democracy=40)
    start = inst.legitimacy
    standing(s, turns=2)
    with_backslider = inst.legitimacy - start
    relate(s, "USA", "POL", 0)
    propose(s, "USA", "alliance_of_democracies", "suspension", "POL")
    vote(s, {m: "yes" for m in inst.members})
    count(s)
    assert "POL" in inst.suspended and "POL" not in s.members_of("alliance_of_democracies")
    start = inst.legitimacy
    standing(s, turns=2)
    assert inst.legitimacy - start > with_backslider
    # A regional union suspends a junta that seized power.
    coup = crisis(s, "coup", "SEN", 50)
    relate(s, "NGA", "SEN", 0)
    respond(s, "NGA", coup, "suspend_junta")
    assert (s.proposals()[-1].institution, s.proposals()[-1].target) == ("au", "SEN")
    vote(s, {m: "yes" for m in s.institution("au").members})
    count(s)
    assert "SEN" in s.institution("au").suspended


def test_nlio_fence_sitters_must_choose(make_session):
    s = fresh(make_session)
    put(s, "BRA", democracy=80)
    found(s, "alliance_of_democracies", ["USA"])
    refused = apply(s, "BRA", "alliance_of_democracies")
    assert not refused and "sovereigntist" in refused.reason, "a BRICS member must choose"
    influence = {}
    for both in (True, False):
        s = fresh(make_session)
        if both:
            join(s, "brics", "TUR")
        put(s, "TUR", influence=30)
        standing(s, turns=4)
        influence[both] = get(s, "TUR", "influence")
    assert influence[True] < influence[False] - 1, "seats in both camps breed mistrust in each"


def test_nlio_un_successes(make_session):
    out = {}
    for health in (90.0, 10.0):
        s = fresh(make_session)
        standing_of(s, "*", legitimacy=health, power=health)
        put(s, "BDI", growth=2.0)
        wave = crisis(s, "refugee_wave", "TZA", 50)
        respond(s, "DEU", wave, "fund_agencies")
        standing(s)
        out[health] = (50 - wave.severity, get(s, "BDI", "growth"))
    funded, starved = out[90.0], out[10.0]
    assert funded[0] > starved[0] + 2, "UN agencies deliver when the system is healthy"
    assert funded[1] > starved[1], "UN development work lifts the poorest members"
    s = fresh(make_session)
    power = s.institution("un").power
    act(s, "DEU", "fund_institution", "un")
    assert s.institution("un").power > power


def test_nlio_rights_council_discredited(make_session):
    drift = {}
    for abusers in (False, True):
        s = fresh(make_session)
        inst = s.institution("unhrc")
        for i, code in enumerate(inst.members):
            put(s, code, democracy=20 if abusers and i % 2 else 70)
        start = inst.legitimacy
        standing(s, turns=3)
        drift[abusers] = inst.legitimacy - start
    assert drift[True] < 0 < drift[False], "abusers on the council cost it its credibility"


def test_nlio_alliance_complements_un(make_session):
    s = fresh(make_session, humans=("USA",))
    un = list(s.institution("un").members)
    rich(s, "USA")
    assert s.submit(TakeAction("USA", "found_institution", "alliance_of_democracies"))
    for code in ("GBR", "FRA", "DEU", "JPN"):
        assert apply(s, code, "alliance_of_democracies")
    assert s.institution("un").members == un, "founding the alliance takes nobody out of the UN"
    refused = apply(s, "TWN", "alliance_of_democracies")
    assert not refused and "UN member" in refused.reason, "it is built beside the UN, not instead of it"
    rich(s, "USA")
    assert s.submit(Propose("USA", "unsc", "condemnation", "PRK")), "its members still act in the Council"


def test_mgo_secondary_institutions(make_session):
    s = fresh(make_session)
    n = len(s.table.codes)
    share = {iid: len(s.institution(iid).members) / n for iid in ("un", "imf", "wto", "icj", "unhrc")}
    assert share["un"] >= 0.95 and share["imf"] >= 0.95 and share["icj"] >= 0.95 and share["wto"] >= 0.8
    assert share["unhrc"] > 0.2
    # ...and they work for their members: a Fund programme eases a debt crisis.
    debt = crisis(s, "debt_crisis", "LKA", 50, borrower="LKA")
    respond(s, "LKA", debt, "imf_programme")
    assert debt.severity < 40
    drop(s, "imf", "PAK")
    other = crisis(s, "debt_crisis", "PAK", 50, borrower="PAK")
    rich(s, "PAK")
    assert not s.submit(Respond("PAK", other.uid, "imf_programme")), "outside the Fund there is no programme"


def test_mgo_universal_bodies_erode_hegemony(make_session):
    out = {}
    for universal in (True, False):
        s = fresh(make_session)
        un = s.institution("un")
        if not universal:
            drop(s, "un", *[c for c in un.members[1::2] if c != "USA"])
        start, influence = un.legitimacy, get(s, "USA", "influence")
        standing(s, turns=4)
        out[universal] = (un.legitimacy - start, get(s, "USA", "influence") - influence)
    assert out[True][0] > 0 > out[False][0], "universality underwrites the Assembly's standing"
    assert out[True][1] < out[False][1], "...and dilutes the sway of the strongest power"


def test_mgo_nonalignment_revived(make_session):
    out = {}
    for member in (True, False):
        s = fresh(make_session)
        if not member:
            drop(s, "nam", "IDN")
        put(s, "IDN", alignment=60, autonomy=30)
        standing(s, turns=4)
        out[member] = (get(s, "IDN", "alignment"), get(s, "IDN", "autonomy"))
    assert out[True][0] < out[False][0] - 2, "members drift back toward the middle whoever courts them"
    assert out[True][1] > out[False][1]
    s = fresh(make_session)
    put(s, "IDN", alignment=60)
    act(s, "IDN", "hedge_between_camps", "VNM")
    assert get(s, "IDN", "alignment") < 60


def test_mgo_regional_sovereignty_charters(make_session):
    s = fresh(make_session)
    assert all(s.rules.institutions[i].non_interference for i in ("asean", "brics", "sco"))
    rich(s, "IDN", "USA")
    refused = s.submit(Propose("IDN", "asean", "condemnation", "MMR"))
    assert not refused and "forbids" in refused.reason, "ASEAN never acts against a member"
    assert s.submit(Propose("USA", "un", "condemnation", "MMR"))
    assert apply(s, "COL", "brics"), "democracies can sit in the sovereigntist clubs too"


def test_mgo_parallel_institutions(make_session):
    s = fresh(make_session)
    rich(s, "BRA")
    assert not s.submit(TakeAction("BRA", "found_institution", "payment_system")), "only the sanctioned need it"
    growth = {}
    for founded in (True, False):
        s = fresh(make_session)
        put(s, "RUS", growth=0.0)
        if founded:
            act(s, "RUS", "found_institution", "payment_system")
            assert s.institution("payment_system").members == ["RUS"]
        standing(s, turns=2)
        growth[founded] = get(s, "RUS", "growth")
    assert growth[True] > growth[False] + 0.05, "own payment rails blunt the sanctions"
