"""The shortcuts in building the AI's options table (game.ai.options, game.ai.bodies) give
the same table as the plain formulas they replace, to the bit: same columns, scores, costs
and targets. Each test works the plain formula out here and compares."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import options as O
from game.sim.scope import pair_scope


def _sessions(make_session):
    """A few states with different crises, relations and bodies."""
    for seed, turns in ((1, 0), (1, 5), (7, 9)):
        s = make_session(seed=seed)
        for _ in range(turns):
            s.end_turn()
        yield s


def _columns(block, session, n: int) -> list[tuple]:
    added = []

    def add(kind, ids, score, cost, target=None, picks=None, helps=None):
        added.append((kind, list(ids), score, np.broadcast_to(cost, np.shape(score)), target, picks, helps))

    with session.hold_env():
        block(session, n, add)
    return added


def _same(got: list[tuple], want: list[tuple]) -> None:
    assert [(g[0], g[1]) for g in got] == [(w[0], w[1]) for w in want]
    for g, w in zip(got, want, strict=True):
        for a, b in zip(g[2:5], w[2:5], strict=True):
            if b is None:
                assert a is None
                continue
            a, b = np.asarray(a), np.asarray(b)
            assert a.shape == b.shape and a.dtype == b.dtype, g[1]
            assert np.array_equal(a, b, equal_nan=True), g[1]
            assert np.array_equal(np.signbit(a), np.signbit(b)) if a.dtype == float else True, g[1]


def _plain_actions(session, n: int, add) -> None:
    """Every action over every (actor, target) pair, masked and maximised as a whole."""
    rules = session.rules
    pairs = pair_scope(session)
    structure = O.structure_ok(session, n)
    not_self = ~np.eye(n, dtype=bool)
    rows = np.arange(n)
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "country" or a.kind == "change_doctrine":
            continue
        ok = np.asarray(rules.expr(a.requires).fn(pairs), dtype=bool) & not_self
        if a.kind in structure:
            ok = ok & structure[a.kind]
        if not ok.any():
            continue
        weight = O.tag_weights(session, a.tags)
        value = rules.expr(a.ai_value).fn(pairs)
        fixed = rules.expr(a.cost).constant
        if fixed is not None:
            masked = np.where(ok, value, O.NEG)
            best = np.argmax(masked, axis=1)
            s = masked[rows, best] + (weight - fixed / 10.0)
            cost = np.full(n, fixed)
        else:
            costs = np.broadcast_to(np.asarray(rules.expr(a.cost).fn(pairs), dtype=float), (n, n))
            masked = np.where(ok, value + (weight[:, None] - costs / 10.0), O.NEG)
            best = np.argmax(masked, axis=1)
            s = masked[rows, best]
            cost = costs[rows, best]
        add("action", [aid], np.where(s > 0, s, O.NEG), cost, best)


def test_actions_worked_out_for_the_actors_with_a_target_only(make_session, monkeypatch):
    """Actors without a target score -inf at target 0 without their values being worked out;
    the rest get the values the whole pair scope gives them."""
    made = []

    class Counted(O.Actors):
        def __init__(self, session, rows):
            super().__init__(session, rows)
            made.append(len(rows))

    monkeypatch.setattr(O, "Actors", Counted)
    for s in _sessions(make_session):
        n = len(s.table.codes)
        _same(_columns(O._actions, s, n), _columns(_plain_actions, s, n))
    assert made and all(0 < m < len(s.table.codes) for m in made), "the shortcut was never taken"


@pytest.mark.parametrize("source", ["military >= 25 and relation > 0", "1 + relation / 50", "target.gdp / max(1, gdp)",
                                    "2 + (2 if target.gdp_per_capita < 5 else 0)", "member.nam or abs(alignment) < 30", "3"])
def test_the_actors_scope_gives_the_pair_scopes_rows(make_session, source):
    s = make_session(seed=1)
    n = len(s.table.codes)
    rows = np.array([0, 3, 4, n - 1])
    e = s.rules.expr(source)
    with s.hold_env():
        whole = np.broadcast_to(e.fn(pair_scope(s)), (n, n))
        some = np.broadcast_to(e.fn(O.Actors(s, rows)), (len(rows), n))
    assert np.array_equal(some, whole[rows])


def _plain_policies(session, n: int, add) -> None:
    """Each policy, its doctrine's countries compared anew for each."""
    rules = session.rules
    env = session.env()
    doctrine = np.array([gov.doctrine for _, gov in session.governments()], dtype=object)
    ids, oks, values, weights, costs, upkeeps = [], [], [], [], [], []
    for pid in sorted(rules.policies):
        p = rules.policies[pid]
        eligible = doctrine == p.doctrine
        if not eligible.any():
            continue
        held = env.get(f"policy.{pid}")
        ok = np.broadcast_to(np.asarray(rules.expr(p.requires).fn(env), dtype=bool), (n,)) & eligible
        if held is not None:
            ok = ok & (np.asarray(held) == 0)
        if not ok.any():
            continue
        ids.append(pid)
        oks.append(ok)
        values.append(np.broadcast_to(np.asarray(rules.expr(p.ai_value).fn(env), dtype=float), (n,)))
        weights.append(O.tag_weights(session, p.tags))
        costs.append(float(p.cost))
        upkeeps.append(float(p.upkeep))
    cost = np.array(costs)
    s = np.column_stack(values) + np.column_stack(weights) - cost / 10.0 - np.array(upkeeps)
    add("policy", ids, np.where(np.column_stack(oks) & (s > 0), s, O.NEG), np.broadcast_to(cost, s.shape))


def test_policies_with_each_doctrines_countries_found_once(make_session):
    for s in _sessions(make_session):
        n = len(s.table.codes)
        _same(_columns(O._policies, s, n), _columns(_plain_policies, s, n))


def _plain_responses(session, n: int, add) -> None:
    """Each response to each running crisis, a column at a time, every condition's row
    asked whether it has a taker."""
    from game.sim.derive import adjacency
    from game.sim.scope import Scope

    rules = session.rules
    t = session.table
    mil = t.stats[:, t.stat_ids.index("military")]
    live = [(c, rules.crises[c.def_id]) for c in session.crises() if c.def_id in rules.crises and rules.crises[c.def_id].responses]
    at = np.array([session.row(c.location) for c, _ in live])
    near = adjacency(session)[at, :].T.astype(float)
    near[at, np.arange(len(at))] = 2.0
    severity = np.array([c.severity for c, _ in live])
    concern = O.CONCERN * session.table.world.get("disorder", 50.0) / 50.0
    stake = (near + np.maximum(t.relations[:, at], 0) / 100.0 + (mil >= 45).astype(float)[:, None] + concern) * (severity / 100.0)
    shared = O.AtLocations(session, at)
    whole, plain = {}, {}
    oks, gains, owns, taste, ids, costs, which = [], [], [], [], [], [], []
    for i, (crisis, cdef) in enumerate(live):
        scope = None
        for r in cdef.responses:
            if r.resolution is not None:
                continue
            expr = rules.expr(r.requires)
            if shared.can(expr):
                if expr.source not in whole:
                    whole[expr.source] = np.broadcast_to(np.asarray(expr.fn(shared), dtype=bool), (len(at), n))
                ok = whole[expr.source][i]
            else:
                if scope is None:
                    scope = Scope(session, None, location=int(at[i]), crisis=crisis, institution=O._court(session, cdef))
                ok = expr.fn(scope)
            if not (ok.any() if type(ok) is np.ndarray else ok):
                continue
            if scope is None:
                scope = Scope(session, None, location=int(at[i]), crisis=crisis, institution=None)
            gain, own = O.relief(rules, cdef, r, scope, plain, n)
            for out, v in ((oks, ok), (gains, gain), (owns, own), (taste, O.tag_weights(session, r.tags))):
                out.append(np.broadcast_to(v, (n,)))
            ids.append((crisis.uid, r.id))
            costs.append(float(r.cost))
            which.append(i)
    cost = np.array(costs)
    gain = np.column_stack(gains)
    liking = np.where(gain > 0.0, O.TASTE, O.TASTE * O.IDLE_TASTE) * np.column_stack(taste)
    score = (liking + O.RELIEF * np.maximum(gain, 0.0)) * stake[:, which] + np.column_stack(owns) - cost / 10.0
    add("respond", ids, np.where(np.column_stack(oks) & (score > O.RESPOND_MIN), score, O.NEG),
        np.broadcast_to(cost, score.shape), helps=(gain.max(axis=0) > O.HELPS).tolist())


def test_responses_filled_a_row_at_a_time(make_session):
    for s in _sessions(make_session):
        n = len(s.table.codes)
        got = _columns(lambda session, n, add: O._responses(session, n, add, {}), s, n)
        want = _columns(_plain_responses, s, n)
        assert got and got[0][6] == want[0][6]  # which columns count among a crisis's answers
        _same(got, want)


def test_votes_cast_for_a_whole_body_are_each_members_stance(make_session):
    """cast_votes (arrays over a body's voters, read back as Python numbers) gives each AI
    member the vote, reason and claims that stance() gives it, drawing from the session RNG
    at the same points."""
    from game.ai import take_best
    from game.ai.votes import cast_votes, stance

    compared, reasons = 0, set()
    for s in _sessions(make_session):
        n = len(s.table.codes)
        with s.hold_env():
            opts = O.build(s, np.arange(n))
            take_best(s, np.arange(n), opts, opts.score, 3)
        s.invalidate()
        # The same bodies asked to condemn or sanction a few countries, friends and rivals of
        # their members: the reasons beyond relief and order.
        for p, (res, target) in zip(s.proposals(), [("condemnation", "RUS"), ("sanctions", "USA"), ("condemnation", "CHN"),
                                                   ("sanctions", "IRN"), ("condemnation", "BRA")], strict=False):
            p.resolution, p.target = res, target
        before = {p.uid: set(p.votes) for p in s.proposals()}
        state = s.rng.getstate()
        cast_votes(s, set())
        cast = [(p, [(c, p.votes[c], p.motives[c]) for c in p.votes if c not in before[p.uid]]) for p in s.proposals()]
        s.rng.setstate(state)
        for p, votes in cast:
            for voter, vote, m in votes:  # in member order, as cast_votes went
                want = stance(s, voter, p)
                assert (vote, m["why"], m["claims"]) == (want[0], want[1], list(want[2])), voter
                compared += 1
                reasons.add(m["why"].split(" (")[0])
    assert compared > 50 and len(reasons) >= 6, reasons


def test_vetoes_asked_once_per_body_give_the_plain_answer():
    """_Vetoes, asked in any order and for helping and other resolutions alike, answers what
    the plain formula answers for each (body, resolution)."""
    from game.ai.bodies import _Vetoes

    gen = np.random.default_rng(5)
    rel = gen.uniform(-100, 100, (12, 12))
    rel[2, 7] = rel[7, 2] = 60.0  # a friendship exactly at the bar
    bodies = [np.array([], dtype=int), np.array([1, 2]), np.array([3]), np.array([2, 4, 5, 9]), np.array([0, 7, 11])]
    seen = set()
    for accused in ([], [7], [3], [7, 9], [2, 5]):
        vetoes = _Vetoes(rel, accused)
        for _ in range(3):
            for b in gen.permutation(len(bodies)).tolist():
                blockers = bodies[b]
                blocking = set(blockers.tolist())
                for helping in (True, False):
                    want = bool(blocking) and (any(a in blocking for a in accused) or (
                        not helping and bool(accused) and bool((rel[np.ix_(blockers, accused)] >= 60).any())))
                    assert vetoes.blocked(b, blocking, blockers, helping) == want
                    seen.add(want)
    assert seen == {True, False}


def test_structure_reads_the_sanctioners_rows_of_the_turn(make_session):
    """structure_ok's sanctioners are those of the sanctions lists as they stand, also after
    a list is replaced during the turn."""
    for s in _sessions(make_session):
        n, rows = len(s.table.codes), s.rows
        with s.hold_env():
            for _ in range(2):
                plain = np.zeros((n, n), dtype=bool)
                for target, by in s.world.sanctions.items():
                    if target in rows:
                        plain[[rows[c] for c in by if c in rows], rows[target]] = True
                assert np.array_equal(O.structure_ok(s, n)["sanction"], ~plain)
                target = next(iter(s.world.sanctions), "USA")
                s.world.sanctions[target] = [*s.world.sanctions.get(target, []), "FRA", "DEU"]  # replaced, as actions do


def test_bodies_weighed_this_turn_are_worked_out_for_that_half_only(make_session):
    """_weighed gives, for this turn's half of the bodies, what working every body out and
    keeping that half gives; over two turns every body is weighed once."""
    from game.ai import bodies as B

    s = make_session(seed=1)
    n = len(s.table.codes)
    weighed = []
    for _ in range(2):
        with s.hold_env():
            existing = s.institutions()
            info, foundable = B._weighed(s, existing, n)
            every = {inst.def_id: inst for inst in existing if inst.def_id in s.rules.institutions}
            half = [iid for j, iid in enumerate(sorted(every)) if (j + s.turn) % 2 == 0]
            assert sorted(info) == half
            for iid in half:
                d, f, member, scope, inst = info[iid]
                assert d is s.rules.institutions[iid] and inst is every[iid] and scope.institution is inst
                assert np.array_equal(f, B.fit(s, d))
                assert np.array_equal(member, np.isin(np.arange(n), [s.rows[c] for c in inst.members if c in s.rows]))
            assert [d.id for d in foundable] == [i for i in sorted(s.rules.institutions)
                                                 if s.rules.institutions[i].foundable and i not in every]
        weighed += half
        s.end_turn()
    assert len(weighed) > 4 and len(set(weighed)) == len(weighed)
