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

ACCESS_PER_PROTECTION = 150.0  # protection points worth 1.0 of access (game.sim.effects converts with it)

if TYPE_CHECKING:
    from game.sim.session import Session


def crisis_access(session: Session, crisis: Crisis) -> float:
    """nlio.aid-needs-access: fighting and the season close the roads; protection opens them."""
    winter = 1.0 if session.is_bad_season(crisis.location) else 0.0
    access = 1.0 - crisis.severity / 120.0 - 0.25 * winter + crisis.protection / ACCESS_PER_PROTECTION
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
    if field == "mercantilist_leader":
        # mgo.no-room-for-allies: the member with the most output and arms sets the tone.
        lead = strongest_member(session, inst)
        return 1.0 if lead is not None and session.government(lead).doctrine == "mercantilist" else 0.0
    return float(getattr(inst, field))


def strongest_member(session: Session, inst: Institution) -> str | None:
    """The member in good standing with the most output and arms (ties: the first code)."""
    t = session.table
    gdp, mil = t.stat_ids.index("gdp"), t.stat_ids.index("military")
    best, best_val = None, -1.0
    for code in sorted(inst.members):
        if code in inst.suspended or code not in session.rows:
            continue
        r = session.rows[code]
        val = float(t.stats[r, gdp] + 100 * t.stats[r, mil])
        if val > best_val:
            best, best_val = code, val
    return best


def coalition(session: Session, crisis: Crisis, actor: int | None, response: str | None) -> float:
    """mgo.cross-order-coalitions: how many doctrines other than the actor's have already
    joined the same response to this crisis this turn (at most 3)."""
    mine = session.government(session.table.codes[actor]).doctrine if actor is not None else None
    seen: list[str] = []
    for turn, code, rid in crisis.responses:
        if turn != session.turn or (response is not None and rid != response) or code not in session.rows:
            continue
        doctrine = session.government(code).doctrine
        if doctrine != mine and doctrine not in seen:
            seen.append(doctrine)
    return float(min(len(seen), 3))


# name -> whether it is a plain per-country figure of the environment (not world.*, target.*,
# crisis.* or another name this class answers itself). Commands evaluate thousands of names a
# turn; classifying each once saves walking the prefixes below every time.
_PLAIN: dict[str, bool] = {}


class Scope(Mapping):
    """Names for one evaluation: bare -> the actor, target.* -> the target, and so on."""

    def __init__(self, session: Session, actor: int | None, target: int | None = None,
                 location: int | None = None, crisis: Crisis | None = None,
                 institution: Institution | None = None, strength: float = 1.0, response: str | None = None):
        self.session = session
        self.base = session.env()
        self.actor, self.target, self.location = actor, target, location
        self.crisis, self.institution, self.strength = crisis, institution, strength
        self.response = response  # the crisis response being chosen, if any

    def _country(self, name: str, row: int | None, pair_axis: int) -> object:
        value = self.base[name]
        if not isinstance(value, np.ndarray):
            return value
        if row is not None:
            return value[row]
        return value if pair_axis == 0 else value.reshape(1, -1)

    def __getitem__(self, name: str) -> object:
        # The common case first: a plain country figure of the actor (see _PLAIN).
        plain = _PLAIN.get(name)
        if plain is None:
            plain = _PLAIN[name] = name in self.base and not name.startswith("world.")
        if plain and self.actor is not None:
            value = self.base[name]
            return value[self.actor] if isinstance(value, np.ndarray) else value
        if name.startswith("world."):
            return self.base[name]
        if name.startswith("target."):
            return self._country(name[7:], self.target, 1)
        if name.startswith("location."):
            return self._country(name[9:], self.location, 0)
        if name == "crisis.coalition":
            return coalition(self.session, self.crisis, self.actor, self.response) if self.crisis else 0.0
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
