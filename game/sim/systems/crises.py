"""Crises: new ones trigger from conditions, running ones escalate, spill over and end."""

from __future__ import annotations

from typing import TYPE_CHECKING

import esper
import numpy as np

from game.sim.arrays import column
from game.sim.components import Crisis
from game.sim.effects import apply_effects
from game.sim.scope import Scope

if TYPE_CHECKING:
    from game.rules.models import CrisisDef
    from game.sim.session import Session

TOPPLES = {"coup", "autocracy_protests"}  # at severity 90+ these bring the government down
# mgo.spoilers-split-sanctions: when the holdout itself blocks one of these renewals (a response
# of kind `ignore`), the sanctions its unanimity bodies hold on the crisis's target lapse.
RENEWALS = {"sanctions_renewal"}


def trigger_crises(session: Session) -> None:
    rules = session.rules
    env = session.env()
    w = session.world
    n = len(session.table.codes)
    running = session.crises()
    for cid in sorted(rules.crises):
        cdef = rules.crises[cid]
        active = [c for c in running if c.def_id == cid]
        if len(active) >= cdef.trigger.max_active:
            continue
        when = column(rules.expr(cdef.trigger.when).fn(env), n, bool)
        if not when.any():
            continue
        chances = column(rules.expr(cdef.trigger.chance).fn(env), n)
        factor = session.lens_factor(cdef.claims)
        if factor != 1.0:  # x * 1.0 is x, bit for bit
            chances = chances * factor
        chances = chances.tolist()
        severity = None  # worked out when a crisis starts (rarely): nothing below changes the figures it reads
        # Every candidate country draws in row order (hundreds a turn): the loop is kept lean.
        places = {c.location for c in active}
        cooldowns, turn, draw, codes = w.cooldowns, session.turn, session.rng.random, session.table.codes
        for row in np.flatnonzero(when).tolist():
            code = codes[row]
            if code in places:
                continue
            if cooldowns.get(f"{cid}:{code}", -1) > turn:
                continue
            if draw() >= chances[row]:
                continue
            parties = fill_roles(session, cdef, code)
            if parties is None:
                continue
            if severity is None:
                severity = column(rules.expr(cdef.trigger.severity).fn(env), n)
            active.append(start_crisis(session, cdef, code, float(np.clip(severity[row], 5, 100)), parties))
            places.add(code)
            if len(active) >= cdef.trigger.max_active:
                break
    spawn_from_movements(session)


def spawn_from_movements(session: Session) -> None:
    """Strong movements set off the crises their rules name (mgo.uncivil-society: insurgent
    movements become insurgencies)."""
    rules = session.rules
    t = session.table
    env = session.env()
    n = len(t.codes)
    for j, mid in enumerate(t.movement_ids):
        mdef = rules.movements[mid]
        for spawn in mdef.spawns:
            cdef = rules.crises.get(spawn.crisis)
            if cdef is None:
                continue
            running = [c for c in session.crises() if c.def_id == cdef.id]
            # Only where the crisis could strike at all (no "autocracy protests" in a democracy).
            where = column(rules.expr(cdef.trigger.when).fn(env), n, bool)
            for row in np.flatnonzero((t.movements[:, j] > spawn.above) & where):
                if len(running) >= cdef.trigger.max_active:
                    break
                code = t.codes[row]
                if any(c.location == code for c in running) or session.world.cooldowns.get(f"{cdef.id}:{code}", -1) > session.turn:
                    continue
                if session.rng.random() >= spawn.chance * session.lens_factor(mdef.claims):
                    continue
                parties = fill_roles(session, cdef, code) or {"government": code}
                severity = min(100.0, 20.0 + (t.movements[row, j] - spawn.above))
                running.append(start_crisis(session, cdef, code, severity, parties, cause=f"{mdef.name} on the rise"))


def start_crisis(session: Session, cdef: CrisisDef, code: str, severity: float, parties: dict, cause: str = "") -> Crisis:
    uid = session.new_uid("c")
    crisis = Crisis(uid=uid, def_id=cdef.id, location=code, severity=severity, started=session.turn, parties=parties)
    esper.create_entity(crisis)
    session.world.cooldowns[f"{cdef.id}:{code}"] = session.turn + cdef.trigger.cooldown
    session.invalidate()
    why = f" ({cause})" if cause else ""
    session.emit("crisis_started", f"{cdef.name} in {session.info(code).name}{why}.", (code, *parties.values()),
                 cdef.claims, crisis=uid, type=cdef.id)
    session.world.counters["crises_started"] = session.world.counters.get("crises_started", 0) + 1
    return crisis


def fill_roles(session: Session, cdef: CrisisDef, code: str) -> dict | None:
    t = session.table
    row = session.row(code)
    rel = t.relations
    mil = t.stats[:, t.stat_ids.index("military")]
    parties: dict[str, str] = {}
    for role, how in sorted(cdef.trigger.roles.items()):
        pick: int | None = None
        nbrs = t.neighbours[row]
        if how == "self":
            pick = row
        elif how == "strongest_neighbour" and nbrs:
            pick = max(nbrs, key=lambda o: (mil[o], -o))
        elif how == "hostile_neighbour" and nbrs:
            cand = [o for o in nbrs if rel[row, o] < -20]
            pick = max(cand, key=lambda o: (mil[o] - rel[row, o], -o)) if cand else None
        elif how == "patron":
            cand = [o for o in range(len(t.codes)) if o != row and mil[o] >= 45]
            pick = max(cand, key=lambda o: (rel[row, o], -o)) if cand else None
        elif how == "lender":
            loans = [(amt, lender) for lender, borrower, amt in session.world.loans if borrower == code]
            pick = session.row(max(loans)[1]) if loans else None
        elif how == "indicted_visitor":
            cand = [session.row(c) for c in session.world.indicted if c != code]
            pick = max(cand, key=lambda o: (rel[row, o], -o)) if cand else None
        if pick is None:
            return None
        parties[role] = t.codes[pick]
    return parties


def evolve_crises(session: Session) -> None:
    rules = session.rules
    t = session.table
    n = len(t.codes)
    refugees_in, refugees_out = np.zeros(n), np.zeros(n)
    pop = t.stats[:, t.stat_ids.index("population")]
    for crisis in session.crises():
        cdef = rules.crises.get(crisis.def_id)
        if cdef is None:
            continue
        loc = session.row(crisis.location)
        scope = Scope(session, loc, location=loc, crisis=crisis)
        factor = session.lens_factor(cdef.claims)
        rise = rules.expr(cdef.escalation).scalar(scope) * factor
        relief = cdef.attention_relief * crisis.attention
        severity = crisis.severity + rise - relief
        # np.clip leaves a number strictly between its bounds as it is; only the others need it.
        crisis.severity = severity if type(severity) is float and 0.0 < severity < 100.0 else float(np.clip(severity, 0.0, 100.0))
        crisis.last_attention, crisis.attention = crisis.attention, 0.0
        protection, diverted = crisis.protection - 5.0, crisis.diverted - 0.1
        crisis.protection = protection if protection > 0.0 else 0.0  # max(0.0, x), written out
        crisis.diverted = diverted if diverted > 0.0 else 0.0
        apply_effects(session, cdef.per_turn, cdef.claims, scope, report=False)
        if cdef.category in ("conflict", "humanitarian") and crisis.severity > 30:
            fleeing = (crisis.severity - 30) / 70.0 * 0.6  # % of the population per quarter
            refugees_out[loc] += fleeing
            nbrs = t.neighbours[loc]
            if nbrs:
                people = fleeing * pop[loc]
                for o in nbrs:
                    refugees_in[o] += min(5.0, people / len(nbrs) / max(pop[o], 0.1))
        for spill in cdef.spillovers:
            if crisis.severity < spill.above:
                continue
            if session.rng.random() >= rules.expr(spill.chance).scalar(scope) * factor:
                continue
            spill_to(session, crisis, spill)
        if crisis.def_id in TOPPLES and crisis.severity >= 90:
            from game.sim.systems.politics import topple

            topple(session, crisis.location, cdef.name)
            crisis.severity = 0.0
        if crisis.severity <= cdef.ends_below or session.turn - crisis.started >= cdef.max_turns:
            end_crisis(session, crisis, cdef)
    t.flows["refugees_in"], t.flows["refugees_out"] = refugees_in, refugees_out
    # Suppression (actions of kind `suppress`) lasts the turn it was ordered; the crises were its last reader.
    t.flows.pop("suppression", None)


def lapse_sanctions(session: Session, crisis: Crisis) -> None:
    """The renewal is vetoed: members of the holdout's unanimity bodies stop sanctioning the target."""
    w = session.world
    target = crisis.parties.get("target") or crisis.parties.get("patron")
    if target not in w.sanctions:
        return
    bound: set[str] = set()
    for inst in session.institutions():
        d = session.rules.institutions.get(inst.def_id)
        if d is not None and d.decision.rule == "unanimity" and crisis.location in inst.members:
            bound |= set(inst.members)
    left = [c for c in w.sanctions[target] if c not in bound]
    if len(left) == len(w.sanctions[target]):
        return
    if left:
        w.sanctions[target] = left
    else:
        w.sanctions.pop(target)
    session.invalidate()
    session.emit("sanctions_lapsed", f"{session.info(crisis.location).name} blocks the renewal: the sanctions on "
                 f"{session.info(target).name} lapse.", (crisis.location, target), ("mgo.spoilers-split-sanctions",))


def spill_to(session: Session, crisis: Crisis, spill) -> None:
    rules = session.rules
    t = session.table
    loc = session.row(crisis.location)
    target: int | None = None
    if spill.where == "location":
        target = loc
    elif spill.where == "neighbour" and t.neighbours[loc]:
        target = session.rng.choice(t.neighbours[loc])
    elif spill.where == "trade_partner":
        partners = [b if a == crisis.location else a for a, b in session.world.trade if crisis.location in (a, b)]
        pool = [session.row(p) for p in partners] or list(t.neighbours[loc])
        target = session.rng.choice(pool) if pool else None
    elif spill.where == "far_democracy":
        demo = [session.row(c) for c, g in session.governments() if g.regime == "democracy" and session.row(c) not in t.neighbours[loc] and c != crisis.location]
        target = session.rng.choice(demo) if demo else None
    if target is None:
        return
    code = t.codes[target]
    sdef = rules.crises[spill.crisis]
    # A spillover is a new crisis like any other: at most max_active of its kind at once, and
    # not again where one of its kind has just ended (its cooldown).
    running = [c for c in session.crises() if c.def_id == sdef.id]
    if len(running) >= sdef.trigger.max_active or any(c.location == code for c in running):
        return
    if session.world.cooldowns.get(f"{sdef.id}:{code}", -1) > session.turn:
        return
    parties = fill_roles(session, sdef, code) or {}
    parties.setdefault("origin", crisis.location)
    start_crisis(session, sdef, code, min(100.0, crisis.severity * 0.5), parties,
                 cause=f"spilling over from {session.info(crisis.location).name}")


def end_crisis(session: Session, crisis: Crisis, cdef: CrisisDef) -> None:
    loc = session.row(crisis.location)
    apply_effects(session, cdef.on_end, cdef.claims, Scope(session, loc, location=loc, crisis=crisis))
    for ent, c in esper.get_component(Crisis):
        if c is crisis:
            esper.delete_entity(ent, immediate=True)
    session.invalidate()
    how = "is over" if crisis.severity <= cdef.ends_below else "has frozen into a stalemate"
    session.emit("crisis_ended", f"{cdef.name} in {session.info(crisis.location).name} {how}.", (crisis.location,),
                 cdef.claims, crisis=crisis.uid, type=cdef.id)
    session.world.counters["crises_resolved"] = session.world.counters.get("crises_resolved", 0) + 1
