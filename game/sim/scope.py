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
    access = access if access > 0.05 else 0.05  # min(1.0, max(0.05, access)), written out
    return float(access if access < 1.0 else 1.0)


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


# How Scope answers each name, worked out once per name (commands and the standing effects
# look up thousands of names a turn; walking the prefixes below every time costs more than
# the answer): (kind, key). _BARE: a figure of the environment read for the actor (or for
# every country), key the name itself; _TARGET and _LOCATION: key the figure's own name
# (after the prefix); the others name the branch of Scope.__getitem__ that answers them.
_BARE, _WORLD, _TARGET, _LOCATION, _COALITION, _CRISIS, _INSTITUTION, _RELATION, _STRENGTH = range(9)
_KINDS: dict[str, tuple[int, str]] = {}
_ND = np.ndarray


def _kind(name: str) -> tuple[int, str]:
    key = name
    if name.startswith("world."):
        kind = _WORLD
    elif name.startswith("target."):
        kind, key = _TARGET, name[7:]
    elif name.startswith("location."):
        kind, key = _LOCATION, name[9:]
    elif name == "crisis.coalition":
        kind = _COALITION
    elif name.startswith("crisis."):
        kind = _CRISIS
    elif name.startswith("institution."):
        kind = _INSTITUTION
    elif name == "relation":
        kind = _RELATION
    elif name == "strength":
        kind = _STRENGTH
    else:
        kind = _BARE
    found = (kind, key)
    if len(_KINDS) < 100_000:  # names come from the rules: a few hundred; never grows without bound
        _KINDS[name] = found
    return found


class Scope(Mapping):
    """Names for one evaluation: bare -> the actor, target.* -> the target, and so on.

    A figure read for one country comes back as a Python float (ndarray.item), not a NumPy
    scalar: the same number, and the plain-Python evaluator (game.rules.scalar) takes it as
    it is."""

    __slots__ = ("session", "base", "actor", "target", "location", "crisis", "institution", "strength",
                 "response", "pairs")

    def __init__(self, session: Session, actor: int | None, target: int | None = None,
                 location: int | None = None, crisis: Crisis | None = None,
                 institution: Institution | None = None, strength: float = 1.0, response: str | None = None):
        self.session = session
        base = session._env  # session.env() without the call when the figures are current
        self.base = base if base is not None else session.env()
        self.actor, self.target, self.location = actor, target, location
        self.crisis, self.institution, self.strength = crisis, institution, strength
        self.response = response  # the crisis response being chosen, if any
        self.pairs = False  # every actor against every target (pair_scope)

    def __getitem__(self, name: str) -> object:
        found = _KINDS.get(name)
        kind, key = found if found is not None else _kind(name)
        if kind == _BARE:  # the common case: a figure of the actor
            value = self.base[key]
            if type(value) is _ND or isinstance(value, _ND):
                actor = self.actor
                if actor is not None:
                    return value.item(actor)
                if self.target is None and self.pairs:
                    return value.reshape(-1, 1)
            return value
        if kind == _TARGET or kind == _LOCATION:
            # One country's figure; for every country, targets run along columns, locations rows.
            value = self.base[key]
            if type(value) is _ND or isinstance(value, _ND):
                row = self.target if kind == _TARGET else self.location
                if row is not None:
                    return value.item(row)
                return value.reshape(1, -1) if kind == _TARGET else value
            return value
        if kind == _WORLD:
            return self.base[name]
        if kind == _COALITION:
            return coalition(self.session, self.crisis, self.actor, self.response) if self.crisis else 0.0
        if kind == _CRISIS:
            return crisis_value(self.session, self.crisis, name) if self.crisis else 0.0
        if kind == _INSTITUTION:
            return institution_value(self.session, self.institution, name) if self.institution else 0.0
        if self.actor is not None and name in self.base:  # a mod's figure named `relation` or `strength`
            value = self.base[name]
            return value.item(self.actor) if isinstance(value, np.ndarray) else value
        if kind == _RELATION:
            rel = self.session.table.relations
            if self.actor is not None and self.target is not None:
                return rel.item(self.actor, self.target)
            if self.actor is not None:
                return rel[self.actor, :]
            if self.target is not None:
                return rel[:, self.target]
            return rel
        return self.strength

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


def pair_scope(session: Session) -> Scope:
    """Every actor (rows) against every target (columns): expressions give (N, N) arrays."""
    scope = Scope(session, None, None)
    scope.pairs = True
    return scope
