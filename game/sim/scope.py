"""The variables a rule expression sees, for one actor, target, crisis or institution.

Lookups are lazy: only the names an expression uses are fetched. A row of None means "every
country": bare names then come back as whole arrays, which is how the AI scores every
(actor, target) pair in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import numpy as np

from game.sim.components import Crisis, Institution

if TYPE_CHECKING:
    from game.sim.session import Session


def crisis_access(session: Session, crisis: Crisis) -> float:
    """nlio.aid-needs-access: fighting and the season close the roads; protection opens them."""
    winter = 1.0 if session.is_bad_season(crisis.location) else 0.0
    access = 1.0 - crisis.severity / 120.0 - 0.25 * winter + crisis.protection / 150.0
    return float(min(1.0, max(0.05, access)))


def crisis_value(session: Session, crisis: Crisis, name: str) -> float:
    field = name.split(".", 1)[1]
    if field == "access":
        return crisis_access(session, crisis)
    if field == "turns":
        return float(session.turn - crisis.started)
    if field == "attention":
        return crisis.last_attention
    if field == "winter":
        return 1.0 if session.is_bad_season(crisis.location) else 0.0
    if field == "vetoed":
        return 1.0 if crisis.vetoed else 0.0
    if field == "mandate":
        return 1.0 if crisis.mandate else 0.0
    if field in ("patron_strength", "aggressor_permanent"):
        patron = crisis.parties.get("patron") or crisis.parties.get("aggressor")
        if patron is None or patron not in session.rows:
            return 0.0
        if field == "patron_strength":
            return float(session.stat(patron, "military"))
        return 1.0 if session.is_permanent(patron) else 0.0
    return float(getattr(crisis, field))


def institution_value(session: Session, inst: Institution, name: str) -> float:
    field = name.split(".", 1)[1]
    if field == "members":
        return float(len(inst.members))
    if field == "universality":
        return len(inst.members) / max(len(session.table.codes), 1)
    if field == "leader_in":
        from game.sim.derive import strongest_democracy

        return 1.0 if strongest_democracy(session) in inst.members else 0.0
    return float(getattr(inst, field))


class Scope(Mapping):
    """Names for one evaluation: bare -> the actor, target.* -> the target, and so on."""

    def __init__(self, session: Session, actor: int | None, target: int | None = None,
                 location: int | None = None, crisis: Crisis | None = None,
                 institution: Institution | None = None, strength: float = 1.0):
        self.session = session
        self.base = session.env()
        self.actor, self.target, self.location = actor, target, location
        self.crisis, self.institution, self.strength = crisis, institution, strength

    def _country(self, name: str, row: int | None, pair_axis: int) -> object:
        value = self.base[name]
        if not isinstance(value, np.ndarray):
            return value
        if row is not None:
            return value[row]
        return value if pair_axis == 0 else value.reshape(1, -1)

    def __getitem__(self, name: str) -> object:
        if name.startswith("world."):
            return self.base[name]
        if name.startswith("target."):
            return self._country(name[7:], self.target, 1)
        if name.startswith("location."):
            return self._country(name[9:], self.location, 0)
        if name.startswith("crisis."):
            return crisis_value(self.session, self.crisis, name) if self.crisis else 0.0
        if name.startswith("institution."):
            return institution_value(self.session, self.institution, name) if self.institution else 0.0
        if name == "relation":
            rel = self.session.table.relations
            if self.actor is not None and self.target is not None:
                return rel[self.actor, self.target]
            if self.actor is not None:
                return rel[self.actor, :]
            if self.target is not None:
                return rel[:, self.target]
            return rel
        if name == "strength":
            return self.strength
        value = self.base[name]
        if isinstance(value, np.ndarray) and self.actor is not None:
            return value[self.actor]
        if isinstance(value, np.ndarray) and self.target is None and self.actor is None:
            return value.reshape(-1, 1) if _pairwise(self) else value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


def _pairwise(scope: Scope) -> bool:
    return getattr(scope, "pairs", False)


def pair_scope(session: Session) -> Scope:
    """Every actor (rows) against every target (columns): expressions give (N, N) arrays."""
    scope = Scope(session, None, None)
    scope.pairs = True  # type: ignore[attr-defined]
    return scope
