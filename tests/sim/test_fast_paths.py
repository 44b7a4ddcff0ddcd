"""The shortcuts the turn takes for speed give what the plain formulas give: array helpers
(game.sim.arrays), neighbour maxima, and the caches of members, sanctioners and institutions,
which must notice every change."""

from __future__ import annotations

import numpy as np
import pytest

from game.sim.arrays import column, finite
from game.sim.commands import Ok, TakeAction
from game.sim.derive import adjacency, member_rows, neighbour_max


@pytest.mark.parametrize("value, dtype", [
    (2.5, float), (0.0, bool), (0.5, bool), (3, float), (True, float), (np.float64(-1.25), float),
    (np.bool_(True), bool), (np.arange(5.0), float), (np.arange(5.0), bool), (np.arange(5), float),
    (np.array(7.0), float),
])
def test_column_gives_the_values_of_broadcast_to(value, dtype):
    got = column(value, 5, dtype)
    want = np.broadcast_to(np.asarray(value, dtype=dtype), (5,))
    assert got.shape == (5,) and got.dtype == want.dtype
    assert np.array_equal(got, want)


def test_finite_zeroes_nan_and_infinities_only():
    values = np.array([1.0, np.nan, -np.inf, np.inf, -2.0])
    assert np.array_equal(finite(values), np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0))
    clean = np.array([1.0, 2.0])
    assert finite(clean) is clean  # nothing to change: no copy


def test_neighbour_max_is_the_row_maximum_over_neighbours(make_session):
    s = make_session(seed=3)
    n = len(s.table.codes)
    values = np.random.default_rng(5).uniform(0, 100, n)
    values[::7] = 0.0
    want = np.where(adjacency(s), values[None, :], 0.0).max(axis=1)
    assert np.array_equal(neighbour_max(s, values), want)
    lonely = [r for r, nbrs in enumerate(s.table.neighbours) if not nbrs]
    assert all(neighbour_max(s, values)[r] == 0.0 for r in lonely)


def test_member_rows_follow_a_changed_membership(make_session):
    s = make_session(seed=1)
    inst = next(i for i in s.institutions() if len(i.members) > 3)
    first = member_rows(s, inst).tolist()
    assert first == [s.row(c) for c in inst.members if c not in inst.suspended]
    dropped = inst.members[0]
    inst.suspended = [*inst.suspended, dropped]  # replaced, as the game does
    assert s.row(dropped) not in member_rows(s, inst).tolist()
    inst.members = [c for c in inst.members if c != dropped]
    inst.suspended = [c for c in inst.suspended if c != dropped]
    assert member_rows(s, inst).tolist() == [s.row(c) for c in inst.members if c not in inst.suspended]


def test_sanctions_bite_follows_new_sanctions_in_the_same_turn(make_session):
    s = make_session(seed=1, humans=("USA",))
    s.change_country(s.row("USA"), "capital", 80)
    target = next(c for c in s.table.codes if c != "USA" and c not in s.world.sanctions
                  and s.table.relations[s.row("USA"), s.row(c)] < 0)
    before = float(s.env()["sanctioned"][s.row(target)])
    assert isinstance(s.submit(TakeAction("USA", "impose_sanctions", target)), Ok)
    s.invalidate()
    after = float(s.env()["sanctioned"][s.row(target)])
    assert after > before


def test_institution_lookup_sees_a_new_body(make_session):
    from game.sim.commands import Found
    from game.sim.handlers import found

    s = make_session(seed=1)
    known = {i.def_id for i in s.institutions()}
    assert all(s.institution(iid).def_id == iid for iid in known)
    assert "alliance_of_democracies" not in known
    assert s.institution("alliance_of_democracies") is None
    s.change_country(s.row("USA"), "capital", 100)
    assert isinstance(found(s, Found("USA", "alliance_of_democracies")), Ok)
    made = s.institution("alliance_of_democracies")
    assert made is not None and made.def_id == "alliance_of_democracies" and "USA" in made.members
