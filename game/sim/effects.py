"""Applying (or previewing) the effects a rule lists. Every change is clamped to the stat's
range and scaled by the theory lens's weight for the claims of the rule it comes from."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.rules.expr import Expr
from game.rules.models import Effect
from game.sim.arrays import column
from game.sim.scope import ACCESS_PER_PROTECTION, Scope

if TYPE_CHECKING:
    from game.sim.session import Session


@dataclass(slots=True)
class Change:
    """One figure changed: who ("world", a country code, a crisis uid, an institution id)."""

    who: str
    stat: str
    amount: float

    def text(self) -> str:
        sign = "+" if self.amount >= 0 else ""
        return f"{self.who} {self.stat} {sign}{self.amount:.1f}"


def _rows_for(session: Session, to: str, scope: Scope) -> list[int]:
    if to == "self":
        return [scope.actor] if scope.actor is not None else []
    if to == "target":
        return [scope.target] if scope.target is not None else []
    if to == "location":
        return [scope.location] if scope.location is not None else []
    if to == "neighbours":
        centre = next((r for r in (scope.target, scope.location, scope.actor) if r is not None), None)
        return list(session.table.neighbours[centre]) if centre is not None else []
    if to == "members":
        inst = scope.institution
        return [session.row(c) for c in inst.members if c not in inst.suspended] if inst else []
    return []


# nlio.aid-needs-access: access has no store of its own. It is computed from severity, the
# season and convoy protection (scope.crisis_access, where 150 protection is worth 1.0 access),
# so an effect on access opens or closes the roads by moving that protection.
def crisis_field(field: str, amount: float) -> tuple[str, float]:
    if field == "access":
        return "protection", amount * ACCESS_PER_PROTECTION
    return field, amount


# What apply_effects does with each effect, worked out once per tuple of effects (rules hold
# a few hundred; a reload makes new tuples, and the identity check below ignores the old
# ones). The amounts are compiled by the rules of the first session that applies them: the
# same text compiles to the same function whatever rules it comes from.
_WORLD, _CRISIS, _INSTITUTION, _RELATION, _COUNTRY, _SELF = range(6)
_PLANS: dict[int, tuple[tuple[Effect, ...], list[tuple[Expr, float | None, int, str, str]]]] = {}


def _plan(effects: tuple[Effect, ...], rules) -> list[tuple[Expr, float | None, int, str, str]]:
    """(compiled amount, its constant value or None, kind, key, stat) for each effect: key is
    the world figure, crisis field or institution field for those kinds, who it goes to (`to`)
    for a country figure, the stat for the others. _SELF is a country figure of the actor
    (`to: self`). Most amounts are plain numbers (Expr.constant, what calling them returns)."""
    found = _PLANS.get(id(effects))
    if found is not None and found[0] is effects:
        return found[1]
    plan = []
    for effect in effects:
        stat = effect.stat
        add = rules.expr(effect.add)
        constant = add.constant if type(add.constant) is float else None
        if stat.startswith("world.") or effect.to == "world" and not stat.startswith(("crisis.", "institution.")):
            plan.append((add, constant, _WORLD, stat.split(".", 1)[1] if stat.startswith("world.") else stat, stat))
        elif stat.startswith("crisis."):
            plan.append((add, constant, _CRISIS, stat[7:], stat))
        elif stat.startswith("institution."):
            plan.append((add, constant, _INSTITUTION, stat[12:], stat))
        elif stat == "relation":
            plan.append((add, constant, _RELATION, stat, stat))
        else:
            plan.append((add, constant, _SELF if effect.to == "self" else _COUNTRY, effect.to, stat))
    if len(_PLANS) > 4096:  # many reloads of the rules: start again
        _PLANS.clear()
    _PLANS[id(effects)] = (effects, plan)
    return plan


def apply_effects(session: Session, effects: tuple[Effect, ...], claims: tuple[str, ...], scope: Scope,
                  preview: bool = False, scale: float = 1.0, report: bool = True) -> list[Change]:
    """Apply effects in order (or only compute them, with preview). Returns what changed
    (with report=False, nothing: the turn's own calls, hundreds a turn, never read it)."""
    factor = session.lens_factor(claims) * scale
    changes: list[Change] = []
    if not effects:
        return changes
    t = session.table
    isfinite = math.isfinite
    for add, constant, kind, key, stat in _plan(effects, session.rules):
        amount = constant if constant is not None else add(scope)
        if type(amount) is float:  # the usual case (game.rules.scalar): skip NumPy's conversions
            value = amount * factor
        else:
            value = float(np.asarray(amount).reshape(-1)[0]) * factor if np.ndim(amount) == 0 or np.size(amount) == 1 else None
            if value is None:
                continue
        if value == 0.0 or not isfinite(value):
            continue
        if kind == _SELF:
            row = scope.actor
            if row is not None:
                done = session.change_country(row, stat, value, preview)
                if done and report:
                    changes.append(Change(t.codes[row], stat, done))
        elif kind == _COUNTRY:
            for row in _rows_for(session, key, scope):
                done = session.change_country(row, stat, value, preview)
                if done and report:
                    changes.append(Change(t.codes[row], stat, done))
        elif kind == _RELATION:
            # With the target; a crisis response has none, so it is the crisis country.
            other = scope.target if scope.target is not None else scope.location
            if scope.actor is not None and other is not None and other != scope.actor:
                done = session.change_relation(scope.actor, other, value, preview)
                if report:
                    changes.append(Change(t.codes[other], "relation", done))
        elif kind == _WORLD:
            if key in t.world:
                done = session.clamp_world(key, value, preview)
                if report:
                    changes.append(Change("world", key, done))
        elif kind == _CRISIS:
            crisis = scope.crisis
            if crisis is not None:
                field, amount = crisis_field(key, value)
                done = session.change_crisis(crisis, field, amount, preview)
                if report:
                    changes.append(Change(crisis.uid, stat, done))
        else:
            inst = scope.institution
            if inst is not None:
                done = session.change_institution(inst, key, value, preview)
                if report:
                    changes.append(Change(inst.def_id, stat, done))
    return changes


# Where apply_effects_masked sends each effect, worked out once per tuple of effects (as _PLANS).
_M_WORLD, _M_INSTITUTION, _M_COLUMN, _M_NEIGHBOURS, _M_NONE = range(5)
_MASKED_PLANS: dict[int, tuple[tuple[Effect, ...], list[tuple[Expr, int, str, str]]]] = {}


def _masked_plan(effects: tuple[Effect, ...], rules) -> list[tuple[Expr, int, str, str]]:
    """(compiled amount, route, key, stat) for each effect: key is the world figure for
    _M_WORLD, the institution field for _M_INSTITUTION, the stat for the others."""
    found = _MASKED_PLANS.get(id(effects))
    if found is not None and found[0] is effects:
        return found[1]
    plan = []
    for effect in effects:
        stat = effect.stat
        if stat.startswith("world.") or effect.to == "world":
            route, key = _M_WORLD, stat.split(".", 1)[1] if stat.startswith("world.") else stat
        elif stat.startswith("institution."):
            route, key = _M_INSTITUTION, stat[12:]
        elif effect.to in ("self", "members") and stat != "relation" and not stat.startswith("crisis."):
            route, key = _M_COLUMN, stat
        elif effect.to == "neighbours" and stat != "relation":
            route, key = _M_NEIGHBOURS, stat
        else:
            route, key = _M_NONE, stat  # nothing a standing effect can change (still evaluated, as before)
        plan.append((rules.expr(effect.add), route, key, stat))
    if len(_MASKED_PLANS) > 4096:  # many reloads of the rules: start again
        _MASKED_PLANS.clear()
    _MASKED_PLANS[id(effects)] = (effects, plan)
    return plan


def apply_effects_masked(session: Session, effects: tuple[Effect, ...], claims: tuple[str, ...], mask: np.ndarray,
                         institution=None, strength: np.ndarray | None = None, breakdown_id: str = "") -> None:
    """Apply effects to every country where mask holds, all at once (standing effects: policies,
    doctrines, memberships, movements). Country figures change row by row; world and
    institution figures receive the sum over the masked countries."""
    from game.sim.systems.dynamics import apply_column

    if not mask.any():
        return
    n = len(session.table.codes)
    factor = session.lens_factor(claims)
    scope = Scope(session, None, institution=institution, strength=strength if strength is not None else 1.0)
    for add, route, key, stat in _masked_plan(effects, session.rules):
        values = column(add.fn(scope), n)
        # np.where(mask, finite(values), 0.0) in one pass: where either fails, 0.0.
        amount = np.where(mask & np.isfinite(values), values, 0.0)
        if factor != 1.0:  # x * 1.0 is x, bit for bit (and no NaN is left to differ)
            amount = amount * factor
        if route == _M_COLUMN:
            apply_column(session, stat, amount)
            if breakdown_id:
                session.breakdown.setdefault(stat, []).append((breakdown_id, amount))
        elif route == _M_WORLD:
            if key in session.table.world:
                session.clamp_world(key, float(amount.sum()))
        elif route == _M_INSTITUTION:
            if institution is not None:
                session.change_institution(institution, key, float(amount.sum()))
        elif route == _M_NEIGHBOURS:
            spread = np.zeros(n)
            for row in np.flatnonzero(amount):
                for o in session.table.neighbours[row]:
                    spread[o] += amount[row]
            apply_column(session, stat, spread)
