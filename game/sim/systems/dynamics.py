"""Runs the dynamics rules (the systems as data) for every country at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.sim.arrays import column, finite
from game.sim.derive import member_rows
from game.sim.effects import apply_effects_masked

if TYPE_CHECKING:
    from game.sim.session import Session


def run_dynamics(session: Session, system: str) -> None:
    """Each dynamic of this system adds its formula to its figure where its condition holds.

    All dynamics of a system read the state as it was when the system began (so their order in
    the files does not matter), then their changes are applied together and clamped.
    """
    rules = session.rules
    env = session.env()
    t = session.table
    n = len(t.codes)
    deltas: dict[str, np.ndarray] = {}
    world_deltas: dict[str, float] = {}
    breakdown = session.breakdown
    for d, when_expr, add_expr in _system_plan(rules, system):
        factor = session.lens_factor(d.claims)
        if when_expr is None:  # a world figure
            value = add_expr.scalar(env) if _world_when(rules, d, env) else 0.0
            key = d.stat[6:]
            world_deltas[key] = world_deltas.get(key, 0.0) + value * factor
            breakdown.setdefault(d.stat, []).append((d.id, value * factor))
            continue
        # .fn: the NumPy version, for the whole world at once (the plain-Python twin that
        # commands use would only find out at the first array that it cannot be used here).
        when = column(when_expr.fn(env), n, bool)
        add = column(add_expr.fn(env), n)
        if factor == 1.0:
            # finite(np.where(when, add, 0.0) * 1.0) in one pass: x * 1.0 is x, bit for bit,
            # and where either the condition or finiteness fails, 0.0.
            delta = np.where(when & np.isfinite(add), add, 0.0)
        else:
            delta = finite(np.where(when, add, 0.0) * factor)
        deltas[d.stat] = deltas.get(d.stat, 0.0) + delta
        breakdown.setdefault(d.stat, []).append((d.id, delta))
    for stat, delta in deltas.items():
        apply_column(session, stat, delta)
    for key, value in world_deltas.items():
        if key in t.world:
            session.clamp_world(key, value)


# (rules' dynamics, system) -> [(dynamic, its `when` compiled or None for a world figure, its
# `add` compiled)], in file order: each system runs six times a turn over a few dozen of the
# rules' ~75 dynamics.
_SYSTEMS: dict[tuple[int, str], tuple[tuple, list]] = {}


def _system_plan(rules, system: str) -> list:
    dynamics = rules.dynamics
    found = _SYSTEMS.get((id(dynamics), system))
    if found is not None and found[0] is dynamics:
        return found[1]
    plan = [(d, None if d.stat.startswith("world.") else rules.expr(d.when), rules.expr(d.add))
            for d in dynamics if d.system == system]
    if len(_SYSTEMS) > 1024:  # many reloads of the rules: start again
        _SYSTEMS.clear()
    _SYSTEMS[(id(dynamics), system)] = (dynamics, plan)
    return plan


def _world_when(rules, d, env) -> bool:
    value = rules.expr(d.when)(env)
    return bool(np.asarray(value).reshape(-1)[0]) if np.size(value) == 1 else False


def apply_column(session: Session, stat: str, delta: np.ndarray) -> None:
    t = session.table
    # (column, min, max) as worked out below the last time: the bounds come from session.rules,
    # which a session never changes; the column is checked against the table's stats each time.
    found = session._columns.get(stat)
    if found is not None:
        j, lo, hi = found
        ids = t.stat_ids
        if j < len(ids) and ids[j] == stat:
            column_ = t.stats[:, j]
            clip_into(column_ + delta, lo, hi, column_)
            return
    if stat.startswith("movement."):
        mid = stat[9:]
        if mid in t.movement_ids:
            j = t.movement_ids.index(mid)
            clip_into(t.movements[:, j] + delta, 0.0, 100.0, t.movements[:, j])
        return
    if stat not in t.stat_ids:
        return
    j = t.stat_ids.index(stat)
    d = session.rules.stats[stat]
    hi = min(d.max, session.rules.settings.capital_cap) if stat == "capital" else d.max
    session._columns[stat] = (j, d.min, hi)  # ~130 columns a turn: the lookups cost as much as the sums
    clip_into(t.stats[:, j] + delta, d.min, hi, t.stats[:, j])


try:  # the ufunc np.clip itself calls for a float array between two bounds (numpy/_core/_methods.py)
    from numpy._core.umath import clip as _clip_ufunc
except ImportError:  # pragma: no cover - another NumPy layout: np.clip as it is
    _clip_ufunc = None


def clip_into(values: np.ndarray, lo: float, hi: float, out: np.ndarray) -> None:
    """out[:] = np.clip(values, lo, hi), the same numbers: for a float array and two bounds,
    np.clip ends in the clip ufunc after two layers of Python dispatch (about two thirds of
    its cost on ~170 countries); the ufunc writes straight into `out` (a column of the
    table, never overlapping `values`)."""
    if _clip_ufunc is not None and lo is not None and hi is not None and values.dtype.kind == "f":
        _clip_ufunc(values, lo, hi, out=out)
    else:
        out[...] = np.clip(values, lo, hi)


def run_standing_effects(session: Session) -> None:
    """Doctrines, policies in force, institution memberships and movements push every turn,
    each evaluated once for all the countries it concerns."""
    rules = session.rules
    t = session.table
    n = len(t.codes)
    cap = t.stat_ids.index("capital")
    doctrine_of = np.array([gov.doctrine for _, gov in session.governments()], dtype=object)
    for did, d in sorted(rules.doctrines.items()):
        if d.per_turn:
            apply_effects_masked(session, d.per_turn, d.claims, doctrine_of == did, breakdown_id=f"doctrine:{did}")
    holders: dict[str, np.ndarray] = {}
    stats = t.stats
    for code, gov in session.governments():
        if not gov.policies:
            continue
        row = session.rows[code]
        for pid in list(gov.policies):
            p = rules.policies[pid]
            have = stats.item(row, cap)  # a Python float: the same subtraction as NumPy's, without its overhead
            if p.upkeep > have + 1e-9:
                gov.policies.remove(pid)  # the upkeep cannot be paid: the policy lapses
                session.invalidate()
                session.emit("policy_lapsed", f"{session.info(code).name} cannot sustain {p.name}; it lapses.", (code,), p.claims)
                continue
            stats[row, cap] = have - p.upkeep
            mask = holders.get(pid)
            if mask is None:
                mask = holders[pid] = np.zeros(n, dtype=bool)
            mask[row] = True
    for pid in sorted(holders):
        p = rules.policies[pid]
        apply_effects_masked(session, p.per_turn, p.claims, holders[pid], breakdown_id=f"policy:{pid}")
    for inst in session.institutions():
        d = rules.institutions.get(inst.def_id)
        if d is None or not d.member_effects:
            continue
        mask = np.zeros(n, dtype=bool)
        mask[member_rows(session, inst)] = True
        apply_effects_masked(session, d.member_effects, d.claims, mask, institution=inst, breakdown_id=f"institution:{inst.def_id}")
    for j, mid in enumerate(t.movement_ids):
        m = rules.movements[mid]
        strength = t.movements[:, j] / 100.0
        if m.pushes:
            # The rules scale pushes themselves with the `strength` name.
            apply_effects_masked(session, m.pushes, m.claims, strength > 0.05, strength=strength, breakdown_id=f"movement:{mid}")


def run_accounting(session: Session) -> None:
    """Output grows with growth; capital is earned; the one-turn flows are cleared."""
    t = session.table
    ids = t.stat_ids
    gdp, growth, pop = ids.index("gdp"), ids.index("growth"), ids.index("population")
    t.stats[:, gdp] = np.maximum(0.1, t.stats[:, gdp] * (1.0 + t.stats[:, growth] / 400.0))
    t.stats[:, pop] = t.stats[:, pop] * 1.0025  # about 1% a year
    env = session.env()
    income = np.asarray(session.rules.expr(session.rules.settings.capital_income)(env), dtype=float)
    apply_column(session, "capital", np.broadcast_to(income, (len(t.codes),)))
    session.breakdown.setdefault("capital", []).append(("capital_income", income))
