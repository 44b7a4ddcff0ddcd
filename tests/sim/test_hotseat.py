"""Hot-seat (issue 4, item 8): several human seats in one game. The session knows whose
decisions are pending, and a human seat can do everything an AI country can, through the same
Commands."""

from __future__ import annotations

from game.sim.commands import (
    COMMANDS,
    CastVote,
    ChangeDoctrine,
    EnactPolicy,
    EndSeat,
    Found,
    Ok,
    Propose,
    Rejected,
    RepealPolicy,
    Respond,
    TakeAction,
)

SEATS = ("BRA", "DEU")


def fill_capital(s, *codes: str) -> None:
    cap = s.rules.settings.capital_cap
    for code in codes:
        s.change_country(s.row(code), "capital", cap - s.stat(code, "capital"))


def test_pending_seats_until_each_ends_its_decisions(make_session):
    s = make_session(seed=3, humans=SEATS)
    assert s.human_codes() == sorted(SEATS)
    assert s.pending_seats() == ["BRA", "DEU"]
    assert s.submit(EndSeat("DEU")) == Ok()
    assert s.pending_seats() == ["BRA"]
    assert s.submit(EndSeat("DEU")) == Ok(), "ending twice is harmless"
    assert s.pending_seats() == ["BRA"]
    assert s.submit(EndSeat("BRA")) == Ok()
    assert s.pending_seats() == []
    turn = s.turn
    s.end_turn()
    assert s.turn == turn + 1
    assert s.pending_seats() == ["BRA", "DEU"], "a new turn opens every seat again"


def test_only_a_human_seat_ends_its_decisions(make_session):
    s = make_session(seed=3, humans=SEATS)
    result = s.submit(EndSeat("FRA"))
    assert isinstance(result, Rejected) and "human seat" in result.reason
    assert not s.can(EndSeat("FRA")) and s.can(EndSeat("BRA"))
    assert s.pending_seats() == ["BRA", "DEU"]


def test_the_ai_never_decides_for_a_human_seat(make_session):
    s = make_session(seed=3, humans=SEATS)
    policies = {c: list(s.government(c).policies) for c in SEATS}
    for _ in range(3):
        s.end_turn()
        for code in SEATS:
            assert code not in s.motives
        issued = {c["country"] for c in s.commands[-2]}
        assert not issued & set(SEATS), "commands were issued for a human seat"
    assert {c: list(s.government(c).policies) for c in SEATS} == policies


def test_a_human_seat_can_issue_every_command(make_session, rules):
    """One of each command type succeeds for a human seat, and has its effect."""
    s = make_session(seed=3, humans=SEATS)
    done: set[str] = set()

    def ok(command) -> None:
        fill_capital(s, *SEATS)
        result = s.submit(command)
        assert isinstance(result, Ok), (command, result)
        done.add(type(command).__name__)

    # Found: Germany founds the Alliance of Democracies with its own charter.
    ok(Found("DEU", "alliance_of_democracies", rule="majority", min_democracy=60, powers=("sanctions", "aid", "force")))
    alliance = s.institution("alliance_of_democracies")
    assert alliance.founder == "DEU" and alliance.charter["rule"] == "majority"
    # EnactPolicy / RepealPolicy: a policy of Germany's doctrine it qualifies for.
    from game.sim.scope import Scope

    doctrine = s.government("DEU").doctrine
    pid = next(p for p, d in sorted(rules.policies.items())
               if d.doctrine == doctrine and p not in s.government("DEU").policies
               and s.can(EnactPolicy("DEU", p)) and bool(rules.expr(d.requires).scalar(Scope(s, s.row("DEU")))))
    ok(EnactPolicy("DEU", pid))
    assert pid in s.government("DEU").policies
    ok(RepealPolicy("DEU", pid))
    assert pid not in s.government("DEU").policies
    # TakeAction against a country, on an institution, and at home.
    ok(TakeAction("BRA", "improve_relations", "DEU"))
    ok(TakeAction("BRA", "fund_institution", "un"))
    ok(TakeAction("DEU", "suppress_jihadist", ""))
    # Respond to a running crisis.
    war = next(c for c in s.crises() if c.def_id == "invasion")
    ok(Respond("DEU", war.uid, "military_aid"))
    assert war.responses[-1] == [s.turn, "DEU", "military_aid"]
    # Propose and CastVote: a condemnation in the UN General Assembly, with Brazil voting no.
    ok(Propose("DEU", "un", "condemnation", "PRK"))
    prop = s.proposals()[-1]
    ok(CastVote("BRA", prop.uid, "no"))
    assert prop.votes["BRA"] == "no"
    # ChangeDoctrine: Brazil turns to another doctrine.
    old = s.government("BRA").doctrine
    new = next(d for d in sorted(rules.doctrines) if d != old)
    ok(ChangeDoctrine("BRA", new))
    assert s.government("BRA").doctrine == new
    ok(EndSeat("BRA"))
    ok(EndSeat("DEU"))
    assert done == set(COMMANDS), f"command types not exercised: {sorted(set(COMMANDS) - done)}"
    report = s.end_turn()
    voted = next(e for e in report.events if e.kind == "resolution_voted" and e.data["institution"] == "un")
    assert voted.data["votes"]["BRA"] == "no" and voted.data["votes"]["DEU"] == "yes"
    assert "BRA" not in voted.data["motives"], "a human's vote has no AI motive"


def test_a_human_seat_can_take_every_kind_of_ai_action(make_session, rules):
    """Every action the AI scores for a country target is open to a human seat on the same
    terms: whatever can() allows for an AI country is allowed for a human one in its place."""
    ai = make_session(seed=3)
    human = make_session(seed=3, humans=("USA",))
    for s in (ai, human):
        fill_capital(s, "USA")
    checked = 0
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "country":
            continue
        for target in ("CAN", "CHN", "UKR", "NGA"):
            ai.activate()
            verdict_ai = bool(ai.can(TakeAction("USA", aid, target)))
            human.activate()
            verdict_human = bool(human.can(TakeAction("USA", aid, target)))
            assert verdict_ai == verdict_human, (aid, target)
            checked += verdict_human
    assert checked >= 10
