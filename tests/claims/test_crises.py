"""Claims about wars, famines and aid (nlio part I and III): each test builds a small crisis,
runs the crisis system or a response, and compares with a run that lacks the claim's factor."""

from __future__ import annotations

from game.sim.commands import Propose, Respond
from tests.claims.builders import (
    act,
    count,
    crisis,
    draws,
    evolve,
    flow,
    fresh,
    get,
    put,
    put_world,
    respond,
    rich,
    standing,
    system,
    vote,
)


def test_nlio_neglected_crises_escalate(make_session):
    s = fresh(make_session)
    left = crisis(s, "civil_war_famine", "SDN", 40)
    tended = crisis(s, "civil_war_famine", "TCD", 40)
    helpers = ["DEU", "FRA", "GBR", "JPN", "CAN", "ITA", "ESP", "NLD", "SWE", "NOR", "DNK", "FIN"]
    for turn in range(3):
        for code in helpers[4 * turn:4 * turn + 4]:
            respond(s, code, tended, "condemn")  # words only: what counts is the attention
        evolve(s)
    assert left.severity > 40 + 3 * 3, "an unattended war should keep worsening every turn"
    assert tended.severity - 40 < (left.severity - 40) / 2, "attention should slow the escalation"


def test_nlio_aid_needs_access(make_session):
    s = fresh(make_session)
    # Same season (the rains in the Sahel) and severity; only convoy protection differs.
    blocked = crisis(s, "civil_war_famine", "SDN", 80)
    open_ = crisis(s, "civil_war_famine", "TCD", 80)
    open_.protection = 100.0
    assert s.is_bad_season("SDN") and s.is_bad_season("TCD")
    respond(s, "USA", blocked, "humanitarian_aid")
    respond(s, "USA", open_, "humanitarian_aid")
    lost, arrived = 80 - blocked.severity, 80 - open_.severity
    assert arrived > 3, "aid with access should relieve the crisis"
    assert lost < 0.25 * arrived, "aid without access should be mostly lost"
    # The same holds for development aid to a country at war.
    put(s, "SSD", growth=2.0)
    put(s, "NER", growth=2.0)
    crisis(s, "insurgency", "SSD", 90)
    act(s, "NOR", "development_aid", "SSD")
    act(s, "NOR", "development_aid", "NER")
    assert get(s, "SSD", "growth") - 2.0 < 0.25 * (get(s, "NER", "growth") - 2.0)


def test_nlio_factions_raid_aid(make_session):
    s = fresh(make_session)
    raided = crisis(s, "civil_war_famine", "SDN", 60)
    escorted = crisis(s, "civil_war_famine", "TCD", 60)
    escorted.protection = 60.0
    evolve(s)
    assert raided.diverted > 0.3, "unescorted convoys in a civil war should be looted"
    assert escorted.diverted == 0.0, "escorted convoys should arrive intact"
    # Looted aid helps less, even feeds the fighters: compare with the same crisis, not looted.
    clean = crisis(s, "civil_war_famine", "SSD", raided.severity)
    clean.protection = raided.protection
    before = {c.uid: c.severity for c in (raided, clean)}
    respond(s, "USA", raided, "humanitarian_aid")
    respond(s, "USA", clean, "humanitarian_aid")
    assert raided.severity - before[raided.uid] > clean.severity - before[clean.uid] + 1.0


def test_nlio_peacekeeping_needs_council(make_session):
    s = fresh(make_session, humans=("USA",))
    war = crisis(s, "civil_war_famine", "SDN", 70)
    rich(s, "DEU")
    assert not s.submit(Respond("DEU", war.uid, "un_peacekeeping")), "only Council members can ask the Council"
    assert not s.submit(Propose("DEU", "un", "peacekeeping", war.uid)), "the Assembly has no power to mandate"
    members = s.institution("unsc").members
    for vetoer_vote, expect in (("no", False), ("abstain", True)):
        s.acted.clear()
        war = crisis(s, "civil_war_famine", "TCD" if expect else "SSD", 70)
        respond(s, "USA", war, "un_peacekeeping")
        vote(s, {**{m: "yes" for m in members}, "RUS": vetoer_vote})
        events = count(s)
        assert events[-1].data["passed"] is expect
        assert war.mandate is expect and war.vetoed is (not expect)
        assert (war.protection >= 40) is expect


def test_nlio_outsiders_exploit_vacuums(make_session):
    s = fresh(make_session)
    armed = crisis(s, "civil_war_famine", "SDN", 50)
    alone = crisis(s, "civil_war_famine", "TCD", 50)
    before = get(s, "RUS", "influence")
    respond(s, "RUS", armed, "arm_faction")
    evolve(s, 2)
    assert get(s, "RUS", "influence") > before + 2, "the sponsor should gain a foothold"
    assert armed.severity > alone.severity + 4, "the armed war should drag on longer"
    # Talks go nowhere while a strong patron keeps a side supplied.
    backed = crisis(s, "civil_war_famine", "SSD", 50, patron="RUS")
    bare = crisis(s, "civil_war_famine", "NER", 50)
    respond(s, "NOR", backed, "mediation")
    respond(s, "NOR", bare, "mediation")
    assert 50 - backed.severity < 0.5 * (50 - bare.severity)


def test_nlio_spillover_costs(make_session):
    runs = {}
    for war in (True, False):
        s = fresh(make_session)
        for code in s.table.codes:
            put(s, code, growth=2.0)
        if war:
            crisis(s, "civil_war_famine", "SDN", 90)
        with draws(s, 0.0):  # every spillover that can happen, happens
            evolve(s)
        system(s, "economy", "movements")
        runs[war] = s
    s, calm = runs[True], runs[False]
    nbrs = [s.table.codes[o] for o in s.table.neighbours[s.row("SDN")]]
    assert all(s.table.flows["refugees_in"][s.row(c)] > 0 for c in nbrs), "refugees should cross every border"
    assert all(get(s, c, "growth") < get(calm, c, "growth") for c in nbrs), "the neighbours' economies should suffer"
    assert all(get(s, c, "jihadist") > get(calm, c, "jihadist") for c in nbrs), "fighters should cross the borders"
    spilled = [c for c in s.crises() if c.parties.get("origin") == "SDN"]
    assert any(c.def_id == "refugee_wave" and c.location in nbrs for c in spilled)


def test_nlio_multipolar_disorder(make_session):
    runs = {}
    for disorder in (85.0, 30.0):
        s = fresh(make_session)
        put(s, "NLD", growth=1.0, trade=150)
        put_world(s, disorder=disorder, intervention_norm=50)
        system(s, "economy", "world")
        standing(s, turns=5)
        runs[disorder] = s
    chaos, calm = runs[85.0], runs[30.0]
    assert get(chaos, "NLD", "growth") < get(calm, "NLD", "growth") - 0.1, "a disorderly world trades and grows less"
    assert get(chaos, "NLD", "trade") < get(calm, "NLD", "trade")
    assert chaos.table.world["intervention_norm"] < calm.table.world["intervention_norm"], "norms erode"
    assert chaos.institution("unsc").power < calm.institution("unsc").power - 1, "the Council loses its grip"
    assert chaos.institution("au").power < calm.institution("au").power


def test_nlio_refugees_feed_populism(make_session):
    s = fresh(make_session)
    for code in ("DEU", "AUT", "BLR", "KAZ"):
        put(s, code, nativist=20, far_right=5)
    flow(s, "refugees_in", "DEU", 2.0)
    flow(s, "refugees_in", "BLR", 2.0)
    system(s, "movements")
    assert get(s, "DEU", "nativist") > get(s, "AUT", "nativist") + 1.5, "arrivals should feed national-populists"
    assert get(s, "DEU", "far_right") > get(s, "AUT", "far_right")
    # In an autocracy the nativist right cannot campaign on it.
    assert abs((get(s, "BLR", "nativist") - 20) - (get(s, "KAZ", "nativist") - 20)) < 0.5
    # A refugee wave in a democracy keeps feeding them while it lasts.
    wave = crisis(s, "refugee_wave", "AUT", 60)
    before = get(s, "AUT", "nativist")
    evolve(s, 2)
    assert wave.location == "AUT" and get(s, "AUT", "nativist") > before + 1.0
