"""Membership standards: bodies whose charters enforce their entry criteria suspend members
that stay below them through a probation, and reinstate them when they meet them again
(nlio.membership-standards). The probation stands for the slow procedures real bodies use
(the EU's Article 7): a member is not thrown out for one bad quarter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.sim.arrays import column
from game.sim.scope import Scope

if TYPE_CHECKING:
    from game.sim.components import Institution
    from game.sim.session import Session

CLAIMS = ("nlio.membership-standards",)
PROBATION = 8  # turns below the standards before a suspension


def meets_criteria(session: Session, inst: Institution) -> np.ndarray:
    """For every country: does it meet the institution's criteria (and its founder's floor)?"""
    rules = session.rules
    n = len(session.table.codes)
    ok = np.ones(n, dtype=bool)
    scope = Scope(session, None, institution=inst)
    for crit in rules.institutions[inst.def_id].criteria:
        ok &= column(rules.expr(crit.when).fn(scope), n, bool)
    floor = inst.charter.get("min_democracy")
    if floor is not None:
        ok &= session.table.stats[:, session.table.stat_ids.index("democracy")] >= floor
    return ok


def enforce_standards(session: Session) -> None:
    for inst in session.institutions():
        d = session.rules.institutions.get(inst.def_id)
        if d is None or not d.enforce_criteria or not inst.members:
            continue
        ok = meets_criteria(session, inst)
        marks = session.world.cooldowns
        for code in list(inst.members):
            good = bool(ok[session.rows[code]])
            key = f"probation:{inst.def_id}:{code}"
            if good:
                marks.pop(key, None)
            elif code not in inst.suspended:
                marks.setdefault(key, session.turn)
            if not good and code not in inst.suspended and session.turn - marks[key] >= PROBATION:
                inst.suspended = sorted([*inst.suspended, code])
                session.emit("suspended", f"{d.name} suspends {session.info(code).name}: it no longer meets the charter's standards.",
                             (code,), CLAIMS, institution=inst.def_id)
                session.invalidate()
            elif good and code in inst.suspended:
                inst.suspended = [c for c in inst.suspended if c != code]
                session.emit("reinstated", f"{d.name} reinstates {session.info(code).name}.", (code,), CLAIMS, institution=inst.def_id)
                session.invalidate()


def rotate_seats(session: Session) -> None:
    """Elected seats (the Security Council's ten) end after the charter's term; the seat is
    then free for another state to win. Starting members are staggered, as on the real
    Council, where half the elected seats change each year."""
    marks = session.world.cooldowns
    for inst in session.institutions():
        d = session.rules.institutions.get(inst.def_id)
        if d is None or d.seat_term is None:
            continue
        elected = [c for c in inst.members if c not in inst.permanent]
        for i, code in enumerate(elected):
            key = f"seat:{inst.def_id}:{code}"
            if key not in marks:
                marks[key] = -(d.seat_term // 2) * (i % 2)
            if session.turn - marks[key] >= d.seat_term:
                inst.members = [c for c in inst.members if c != code]
                inst.suspended = [c for c in inst.suspended if c != code]
                marks.pop(key)
                session.invalidate()
                session.emit("seat_ended", f"{session.info(code).name}'s elected seat on the {d.name} ends.", (code,),
                             ("mgo.secondary-institutions",), institution=inst.def_id)
