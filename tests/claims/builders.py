"""Small builders for the per-claim behaviour tests: put figures in place, start a crisis,
run one system, count a vote. (Rule variants for the removal tests are in variants.py.)

Every helper works on a real Session (the `make_session` fixture) and calls the same system
functions the turn loop calls, so a test exercises the rules exactly as play does, minus the
AI's decisions (which would add noise the comparison does not need).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from contextlib import contextmanager

import esper

from game.sim.components import Crisis, Institution
from game.sim.systems.crises import evolve_crises, start_crisis, trigger_crises
from game.sim.systems.dynamics import run_dynamics, run_standing_effects
from game.sim.systems.votes import count_votes


# ---- figures ------------------------------------------------------------------------------
def _key(session, name: str) -> str:
    return f"movement.{name}" if name in session.table.movement_ids else name


def put(session, code: str, **figures: float) -> None:
    """Set a country's figures to these values (a movement by its bare id: nativist=50)."""
    row = session.row(code)
    for name, value in figures.items():
        key = _key(session, name)
        session.change_country(row, key, value - session.stat(code, key))
        assert abs(session.stat(code, key) - value) < 1e-9, f"{code} {key} cannot be set to {value}"
    session.invalidate()


def get(session, code: str, name: str) -> float:
    return session.stat(code, _key(session, name))


def put_world(session, **figures: float) -> None:
    for key, value in figures.items():
        session.table.world[key] = float(value)
    session.invalidate()


def env(session, name: str, code: str | None = None):
    """A derived figure (world.* or a country's), as the rules see it now."""
    session.invalidate()
    value = session.env()[name]
    return float(value[session.row(code)]) if code is not None else float(value)


def govern(session, code: str, regime: str | None = None, doctrine: str | None = None) -> None:
    gov = session.government(code)
    if regime is not None:
        gov.regime = regime
    if doctrine is not None:
        gov.doctrine = doctrine
    session.invalidate()


def relate(session, a: str, b: str, value: float) -> None:
    rel = session.table.relations
    rel[session.row(a), session.row(b)] = rel[session.row(b), session.row(a)] = value
    session.invalidate()


def flow(session, key: str, code: str, value: float) -> None:
    """A one-turn flow (refugees_in, suppression, ...) for one country."""
    import numpy as np

    t = session.table
    arr = t.flows.get(key)
    arr = np.zeros(len(t.codes)) if arr is None else np.array(arr, dtype=float)
    arr[session.row(code)] = value
    t.flows[key] = arr
    session.invalidate()


def rich(session, *codes: str, capital: float = 60.0) -> None:
    for code in codes:
        put(session, code, capital=capital)


# ---- institutions -------------------------------------------------------------------------
def join(session, iid: str, *codes: str) -> Institution:
    inst = session.institution(iid)
    inst.members = sorted({*inst.members, *codes})
    session.invalidate()
    return inst


def drop(session, iid: str, *codes: str) -> Institution:
    inst = session.institution(iid)
    inst.members = [c for c in inst.members if c not in codes]
    inst.suspended = [c for c in inst.suspended if c not in codes]
    session.invalidate()
    return inst


def found(session, iid: str, members: Iterable[str], **fields) -> Institution:
    """Put a foundable institution straight into the world (founding itself is tested apart)."""
    d = session.rules.institutions[iid]
    inst = Institution(def_id=iid, members=sorted(members), legitimacy=d.legitimacy, power=d.power, **fields)
    session.activate()
    esper.create_entity(inst)
    session.invalidate()
    return inst


def standing_of(session, iid: str, legitimacy: float | None = None, power: float | None = None) -> None:
    for inst in session.institutions():
        if iid in ("*", inst.def_id):
            if legitimacy is not None:
                inst.legitimacy = legitimacy
            if power is not None:
                inst.power = power
    session.invalidate()


def propose(session, proposer: str, iid: str, resolution: str, target: str):
    from game.sim.commands import Propose

    rich(session, proposer)
    result = session.submit(Propose(proposer, iid, resolution, target))
    assert result, result
    return session.proposals()[-1]


def vote(session, votes: dict[str, str], prop=None) -> None:
    """Cast these votes on the last open proposal (members not named stay silent)."""
    prop = prop or session.proposals()[-1]
    prop.votes.update(votes)


def count(session) -> list:
    """Count the open proposals; returns the resolution_voted events."""
    before = len(session.events)
    count_votes(session)
    return [e for e in session.events[before:] if e.kind == "resolution_voted"]


# ---- crises -------------------------------------------------------------------------------
def crisis(session, def_id: str, code: str, severity: float, **parties: str) -> Crisis:
    cdef = session.rules.crises[def_id]
    made = start_crisis(session, cdef, code, float(severity), dict(parties))
    session.invalidate()
    return made


def clear_crises(session, keep: Iterable[str] = ()) -> None:
    session.activate()
    kept = set(keep)
    for ent, c in list(esper.get_component(Crisis)):
        if c.uid not in kept:
            esper.delete_entity(ent, immediate=True)
    session.world.cooldowns.clear()
    session.invalidate()


def respond(session, code: str, crisis_: Crisis, response: str):
    from game.sim.commands import Respond

    rich(session, code)
    result = session.submit(Respond(code, crisis_.uid, response))
    assert result, result
    return result


def act(session, code: str, action: str, target: str = ""):
    from game.sim.commands import TakeAction

    rich(session, code)
    result = session.submit(TakeAction(code, action, target))
    assert result, result
    return result


def evolve(session, turns: int = 1) -> None:
    for _ in range(turns):
        session.invalidate()
        evolve_crises(session)
        session.invalidate()


class Draws(random.Random):
    """An RNG whose random() always returns one value: a trigger fires exactly when its chance
    exceeds it, so two runs that differ only in a chance can be told apart deterministically."""

    def __init__(self, value: float):
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


@contextmanager
def draws(session, value: float):
    saved = session.rng
    session.rng = Draws(value)
    try:
        yield
    finally:
        session.rng = saved


def trigger(session, value: float) -> list[Crisis]:
    """Run the crises phase with every random draw equal to `value`; returns the new crises."""
    before = {c.uid for c in session.crises()}
    session.invalidate()
    with draws(session, value):
        trigger_crises(session)
    session.invalidate()
    return [c for c in session.crises() if c.uid not in before]


# ---- systems ------------------------------------------------------------------------------
def system(session, *names: str, turns: int = 1) -> None:
    """Run these dynamics systems (economy, military, society, movements, diplomacy, world)."""
    for _ in range(turns):
        for name in names:
            session.invalidate()
            run_dynamics(session, name)
        session.invalidate()


def standing(session, turns: int = 1) -> None:
    """Doctrines, policies, memberships and movements push once (run_standing_effects)."""
    for _ in range(turns):
        session.invalidate()
        run_standing_effects(session)
        session.invalidate()


def ai_votes(session) -> None:
    """Let every AI member cast its vote on the open proposals, as the decisions phase does."""
    from game.ai.votes import cast_votes

    cast_votes(session, set(session.human_codes()))


def fresh(make_session, **kw):
    """A 2024 session with no running crises, so a test sees only the crises it builds."""
    session = make_session(**kw)
    clear_crises(session)
    return session
