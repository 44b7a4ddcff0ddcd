"""Commands come back Ok or Rejected with a reason a player can read, and change the state."""

from __future__ import annotations

from game.sim.commands import CastVote, EnactPolicy, Ok, Propose, Rejected, Respond, TakeAction


def test_unknown_things_are_rejected_with_reasons(make_session):
    s = make_session(seed=1)
    assert s.submit(EnactPolicy("DEU", "no_such_policy")) == Rejected("no policy 'no_such_policy'")
    assert isinstance(s.submit(TakeAction("DEU", "no_such_action", "FRA")), Rejected)
    assert s.submit(EnactPolicy("XXX", "anything")) == Rejected("no country 'XXX'")
    assert isinstance(s.submit(CastVote("DEU", "p999", "yes")), Rejected)


def test_an_affordable_policy_is_enacted_and_paid_for(make_session, rules):
    s = make_session(seed=1, humans=("DEU",))
    s.change_country(s.row("DEU"), "capital", 50)
    doctrine = s.government("DEU").doctrine
    from game.sim.scope import Scope

    pid = next(p for p, d in sorted(rules.policies.items())
               if d.doctrine == doctrine and bool(rules.expr(d.requires).scalar(Scope(s, s.row("DEU")))))
    before = s.stat("DEU", "capital")
    result = s.submit(EnactPolicy("DEU", pid))
    assert isinstance(result, Ok), result
    assert pid in s.government("DEU").policies
    assert s.stat("DEU", "capital") == before - rules.policies[pid].cost
    again = s.submit(EnactPolicy("DEU", pid))
    assert isinstance(again, Rejected) and "already in force" in again.reason


def test_unaffordable_action_is_rejected_with_the_price(make_session, rules):
    s = make_session(seed=1, humans=("FRA",))
    s.change_country(s.row("FRA"), "capital", -100)
    aid = next(a for a, d in sorted(rules.actions.items()) if d.target == "country" and rules.expr(d.cost).constant and rules.expr(d.cost).constant > 0)
    result = s.submit(TakeAction("FRA", aid, "DEU"))
    assert isinstance(result, Rejected)


def test_a_crisis_response_gives_attention(make_session, rules):
    s = make_session(seed=1, humans=("USA",))
    s.change_country(s.row("USA"), "capital", 60)
    crisis = next(c for c in s.crises() if c.def_id == "civil_war_famine")
    cdef = rules.crises[crisis.def_id]
    done = [r for r in cdef.responses if r.resolution is None and s.submit(Respond("USA", crisis.uid, r.id))]
    assert done, "no response could be taken"
    assert crisis.attention > 0


def test_a_proposal_is_voted_and_counted(make_session, rules):
    s = make_session(seed=1, humans=("USA",))
    s.change_country(s.row("USA"), "capital", 60)
    result = s.submit(Propose("USA", "unsc", "condemnation", "PRK"))
    assert isinstance(result, Ok), result
    assert len(s.proposals()) == 1
    report = s.end_turn()
    voted = [e for e in report.events if e.kind == "resolution_voted"]
    assert voted and voted[0].data["votes"]["USA"] == "yes"
    # Counted and gone; what is left on the table are the AI's own proposals of the turn, which
    # wait a turn for the human member to vote on them.
    assert not [p for p in s.proposals() if p.proposer == "USA"]
    assert all(p.proposer != "USA" and p.turn == 0 for p in s.proposals())


def test_can_checks_without_changing_anything(make_session, rules):
    from game.sim.commands import Respond

    s = make_session(seed=1, humans=("DEU",))
    s.change_country(s.row("DEU"), "capital", 40)
    before_hash, before_capital = s.state_hash(), s.stat("DEU", "capital")
    crisis = next(c for c in s.crises() if c.def_id == "invasion" and c.location == "UKR")
    verdicts = {r.id: s.can(Respond("DEU", crisis.uid, r.id)) for r in rules.crises["invasion"].responses}
    assert s.state_hash() == before_hash and s.stat("DEU", "capital") == before_capital
    assert any(verdicts.values()) and not all(verdicts.values())
    for rid, verdict in verdicts.items():
        if verdict:
            assert s.submit(Respond("DEU", crisis.uid, rid)), rid
            break


def test_ai_proposals_wait_for_human_members_to_vote(make_session):
    from game.sim.systems.votes import count_votes

    s = make_session(seed=1, humans=("FRA",))
    s.change_country(s.row("USA"), "capital", 60)
    assert s.submit(Propose("USA", "unsc", "condemnation", "PRK"))
    count_votes(s)  # France sits on the Council and has not voted: the vote waits
    assert len(s.proposals()) == 1
    assert s.submit(CastVote("FRA", s.proposals()[0].uid, "yes"))
    count_votes(s)
    assert s.proposals() == []
