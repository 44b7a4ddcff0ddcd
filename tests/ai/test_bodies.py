"""The AI and the institutions (game.ai.bodies, game.ai.options): option columns for joining,
leaving, founding and funding bodies, for the actions a government takes at home, and for
resolutions about running crises; the commands built from them, and the motives that name
the body. These are short, single-turn checks; tests/ai/test_games.py checks whole games."""

from __future__ import annotations

import numpy as np

from game.ai import command, decide_all, motive, take_best
from game.ai.bodies import PROPOSALS, founder_goals
from game.ai.options import build
from game.sim.commands import Found, Ok, Propose, TakeAction


def _options(s):
    ai = np.array([r for r, c in enumerate(s.table.codes) if not s.is_human(c)], dtype=int)
    with s.hold_env():
        return build(s, ai), ai


def _columns(opts, kind: str, ident=None) -> list[int]:
    return [k for k, (kd, i) in enumerate(zip(opts.kinds, opts.ids, strict=True)) if kd == kind and (ident is None or i == ident)]


def test_a_liberal_democracy_saves_up_and_founds_the_alliance(make_session):
    s = make_session(seed=1)
    opts, ai = _options(s)
    k = _columns(opts, "inst", "found_institution")
    assert k, "no founding column"
    goals = founder_goals(s, opts, ai)
    founders = {s.table.codes[r]: opts.picks[col][opts.target[r, col]] for r, col in goals.items()}
    assert "alliance_of_democracies" in founders.values(), founders
    code = next(c for c, iid in founders.items() if iid == "alliance_of_democracies")
    assert s.government(code).doctrine == "liberal" and s.government(code).regime == "democracy"
    # The founder's command writes a charter, with a bar low enough for the leading democracy.
    r = s.row(code)
    cmd = command(s, opts, r, goals[r])
    assert isinstance(cmd, Found) and cmd.institution == "alliance_of_democracies"
    lo, hi = s.rules.institutions["alliance_of_democracies"].charter_options.min_democracy
    assert lo <= cmd.min_democracy <= min(hi, s.stat("USA", "democracy"))
    # It saves: a few turns later the alliance exists, founded by it.
    for _ in range(8):
        if s.institution("alliance_of_democracies") is not None:
            break
        s.end_turn()
    alliance = s.institution("alliance_of_democracies")
    assert alliance is not None and alliance.founder == code
    assert any(e.kind == "institution_founded" for e in s.log)


def test_members_join_by_doctrine_and_criteria(make_session):
    s = make_session(seed=1)
    for _ in range(10):
        s.end_turn()
    alliance = s.institution("alliance_of_democracies")
    assert alliance is not None and len(alliance.members) > 5, alliance
    floor = alliance.charter["min_democracy"]
    for code in alliance.members:
        if code in alliance.suspended:
            continue
        assert s.stat(code, "democracy") >= min(floor, 50) - 10, (code, s.stat(code, "democracy"))
    joined = [e for e in s.log if e.kind == "joined" and e.data.get("institution") == "alliance_of_democracies"]
    assert joined
    doctrines = {s.government(e.who[0]).doctrine for e in joined}
    assert "liberal" in doctrines and "sovereign" not in doctrines, doctrines
    # Motives name the body.
    named = [(m["why"], m["institution"]) for ms in s.last_motives.values() for m in ms if m.get("institution")]
    assert named and all(s.rules.institutions[iid].name in why for why, iid in named), named[:5]


def test_apply_columns_respect_criteria_and_seats(make_session):
    s = make_session(seed=1)
    opts, _ = _options(s)
    (k,) = _columns(opts, "inst", "apply_membership")
    picks = opts.picks[k]
    for r in np.flatnonzero(np.isfinite(opts.score[:, k])):
        code, iid = s.table.codes[r], picks[opts.target[r, k]]
        inst = s.institution(iid)
        assert code not in inst.members
        d = s.rules.institutions[iid]
        assert d.seats is None or len(inst.members) < d.seats
        assert s.can(TakeAction(code, "apply_membership", iid)) or s.stat(code, "capital") < opts.cost[r, k], (code, iid)


def test_governments_act_at_home(make_session):
    s = make_session(seed=1)
    s.change_country(s.row("DEU"), "capital", 30)
    opts, _ = _options(s)
    cols = {opts.ids[k]: k for k in _columns(opts, "self")}
    assert {"stimulus_package", "address_the_nation"} <= set(cols)
    r = s.row("DEU")  # 20% approval
    assert np.isfinite(opts.score[r, cols["address_the_nation"]]) and opts.score[r, cols["address_the_nation"]] > 2
    cmd = command(s, opts, r, cols["address_the_nation"])
    assert cmd == TakeAction("DEU", "address_the_nation", "")
    before = s.stat("DEU", "approval")
    assert isinstance(s.submit(cmd), Ok) and s.stat("DEU", "approval") > before
    m = motive(s, opts, r, cols["address_the_nation"], 3.0)
    assert m["why"] == s.rules.actions["address_the_nation"].name


def test_members_put_crises_to_the_vote(make_session):
    """A famine with a civil war gets proposals that fit it (peacekeeping, humanitarian access,
    a tribunal, a warrant), put by members of bodies that hold the power, and voted on."""
    s = make_session(seed=1)
    crisis = next(c for c in s.crises() if c.def_id == "civil_war_famine")
    crisis.severity = 80.0
    opts, ai = _options(s)
    (k,) = _columns(opts, "propose", crisis.uid)
    kinds = {res for res, _ in PROPOSALS["civil_war_famine"]}
    proposers = np.flatnonzero(np.isfinite(opts.score[:, k]))
    assert len(proposers) > 3
    for r in proposers:
        iid, res, target = opts.picks[k][opts.target[r, k]]
        assert res in kinds
        inst = s.institution(iid)
        assert s.table.codes[r] in inst.members and s.table.codes[r] not in crisis.parties.values()
        power = s.rules.resolutions[res].power
        assert power in (inst.charter.get("powers") or s.rules.institutions[iid].powers)
    r = proposers[np.argmax(opts.score[proposers, k])]
    cmd = command(s, opts, r, k)
    assert isinstance(cmd, Propose)
    s.change_country(r, "capital", 20)
    assert isinstance(s.submit(cmd), Ok)
    m = motive(s, opts, r, k, 4.0)
    assert s.rules.institutions[cmd.institution].name in m["why"] and m["institution"] == cmd.institution
    voted = [e for e in s.end_turn().events if e.kind == "resolution_voted"]
    assert any(e.data["institution"] == cmd.institution and e.data["resolution"] == cmd.resolution for e in voted)


def test_the_same_question_is_not_put_twice_in_a_row(make_session):
    s = make_session(seed=1)
    for _ in range(3):
        s.end_turn()
    voted = [(e.turn, e.data["institution"], e.data["resolution"], e.text) for e in s.log if e.kind == "resolution_voted"]
    assert voted, "no votes in three turns"
    seen: dict[tuple, int] = {}
    for turn, iid, res, text in voted:
        key = (iid, res, text.split(" on ", 1)[-1].split(" passes")[0].split(" fails")[0])
        assert key not in seen or turn - seen[key] >= 4, (key, seen.get(key), turn)
        seen[key] = turn


def test_crowds_and_crises_share_out_the_attention(make_session):
    """No more than game.ai.RESPONSES_PER_CRISIS helpful answers per crisis in a turn, and no
    more than game.ai.CROWD takers of the same action against the same country."""
    from game.ai import CROWD, RESPONSES_PER_CRISIS

    s = make_session(seed=2)
    for _ in range(4):
        decided_turn = s.turn
        s.end_turn()
        actions: dict[tuple, int] = {}
        for e in s.log:
            if e.turn == decided_turn and e.kind == "action" and e.data.get("action_kind") not in ("apply", "leave", "found"):
                key = (e.data["action"], e.data["target"] or e.who[0])
                actions[key] = actions.get(key, 0) + 1
        assert max(actions.values(), default=0) <= CROWD, sorted(actions.items(), key=lambda x: -x[1])[:3]
    assert RESPONSES_PER_CRISIS >= 1


def test_decisions_stay_a_function_of_the_seed(make_session):
    a, b = make_session(seed=5), make_session(seed=5)
    for s in (a, b):
        for _ in range(3):
            s.end_turn()
    assert a.state_hash() == b.state_hash()
    assert a.last_motives == b.last_motives


def test_take_best_skips_a_proposal_already_made(make_session):
    s = make_session(seed=1)
    crisis = next(c for c in s.crises() if c.def_id == "civil_war_famine")
    crisis.severity = 80.0
    opts, ai = _options(s)
    (k,) = _columns(opts, "propose", crisis.uid)
    scores = np.where(np.isfinite(opts.score), -1.0, -np.inf)
    scores[:, k] = np.where(np.isfinite(opts.score[:, k]), 100.0, -np.inf)
    for r in range(len(s.table.codes)):
        s.change_country(r, "capital", 30)
    with s.hold_env():
        take_best(s, ai, opts, scores, 1)
    made = [(p.institution, p.resolution, p.target) for p in s.proposals()]
    assert made and len(made) == len(set(made)), made


def test_decide_all_runs_with_no_crises(make_session):
    s = make_session(seed=3)
    for c in list(s.crises()):
        from game.sim.systems.crises import end_crisis

        end_crisis(s, c, s.rules.crises[c.def_id])
    assert not s.crises()
    decide_all(s)
    assert s.motives
