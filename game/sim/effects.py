"""Applying (or previewing) the effects a rule lists. Every change is clamped to the stat's
range and scaled by the theory lens's weight for the claims of the rule it comes from."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.rules.models import Effect
from game.sim.scope import ACCESS_PER_PROTECTION, Scope

if TYPE_CHECKING:
    from game.sim.session import Session


@dataclass(frozen=True, slots=True)
class Change:
    """One figure changed: who ("world", a country code, a crisis uid, an institution id)."""

    who: str
    stat: str
    amount: float

    def text(self) -> str:
        sign = "+" if self.amount >= 0 else ""
        return f"{self.who} {self.stat} {sign}{self.amount:.1f}"


def _rows_for(session: Session, effect: Effect, scope: Scope) -> list[int]:
    if effect.to == "self":
        return [scope.actor] if scope.actor is not None else []
    if effect.to == "target":
        return [scope.target] if scope.target is not None else []
    if effect.to == "location":
        return [scope.location] if scope.location is not None else []
    if effect.to == "neighbours":
        centre = next((r for r in (scope.target, scope.location, scope.actor) if r is not None), None)
        return list(session.table.neighbours[centre]) if centre is not None else []
    if effect.to == "members":
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


def apply_effects(session: Session, effects: tuple[Effect, ...], claims: tuple[str, ...], scope: Scope,
                  preview: bool = False, scale: float = 1.0) -> list[Change]:
    """Apply effects in order (or only compute them, with preview). Returns what changed."""
    factor = session.lens_factor(claims) * scale
    changes: list[Change] = []
    t = session.table
    for effect in effects:
        amount = session.rules.expr(effect.add)(scope)
        if type(amount) is float:  # the usual case (game.rules.scalar): skip NumPy's conversions
            value = amount * factor
        else:
            value = float(np.asarray(amount).reshape(-1)[0]) * factor if np.ndim(amount) == 0 or np.size(amount) == 1 else None
        if value is None or not math.isfinite(value) or value == 0.0:
            continue
        stat = effect.stat
        if stat.startswith("world.") or effect.to == "world" and not stat.startswith(("crisis.", "institution.")):
            key = stat.split(".", 1)[1] if stat.startswith("world.") else stat
            if key in t.world:
                changes.append(Change("world", key, session.clamp_world(key, value, preview)))
            continue
        if stat.startswith("crisis."):
            crisis = scope.crisis
            if crisis is not None:
                field, amount = crisis_field(stat[7:], value)
                changes.append(Change(crisis.uid, stat, session.change_crisis(crisis, field, amount, preview)))
            continue
        if stat.startswith("institution."):
            inst = scope.institution
            if inst is not None:
                changes.append(Change(inst.def_id, stat, session.change_institution(inst, stat[12:], value, preview)))
            continue
        if stat == "relation":
            # With the target; a crisis response has none, so it is the crisis country.
            other = scope.target if scope.target is not None else scope.location
            if scope.actor is not None and other is not None and other != scope.actor:
                changes.append(Change(t.codes[other], "relation",
                                      session.change_relation(scope.actor, other, value, preview)))
            continue
        for row in _rows_for(session, effect, scope):
            done = session.change_country(row, stat, value, preview)
            if done:
                changes.append(Change(t.codes[row], stat, done))
    return changes


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
    for effect in effects:
        amount = np.broadcast_to(np.asarray(session.rules.expr(effect.add)(scope), dtype=float), (n,))
        amount = np.where(mask, np.nan_to_num(amount, nan=0.0, posinf=0.0, neginf=0.0), 0.0) * factor
        stat = effect.stat
        if stat.startswith("world.") or effect.to == "world":
            key = stat.split(".", 1)[1] if stat.startswith("world.") else stat
            if key in session.table.world:
                session.clamp_world(key, float(amount.sum()))
        elif stat.startswith("institution."):
            if institution is not None:
                session.change_institution(institution, stat[12:], float(amount.sum()))
        elif effect.to in ("self", "members") and stat != "relation" and not stat.startswith("crisis."):
            apply_column(session, stat, amount)
            if breakdown_id:
                session.breakdown.setdefault(stat, []).append((breakdown_id, amount))
        elif effect.to == "neighbours" and stat != "relation":
            spread = np.zeros(n)
            for row in np.flatnonzero(amount):
                for o in session.table.neighbours[row]:
                    spread[o] += amount[row]
            apply_column(session, stat, spread)
