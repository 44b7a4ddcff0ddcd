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

