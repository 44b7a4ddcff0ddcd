"""Fitting a loaded game to the rules it is loaded with.

A save keeps its own list of figures, policies and institutions. When the rules have changed
since (a new stat, a removed policy, a mod switched off), the game must still load and play on:
figures the rules added start at their default, figures and things the rules no longer know
are dropped. With the same rules this changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import esper
import numpy as np

from game.sim.components import Crisis, Institution, Proposal

if TYPE_CHECKING:
    from game.sim.session import Session


def _columns(old_ids: list[str], old: np.ndarray, new_ids: list[str], default) -> np.ndarray:
    out = np.empty((old.shape[0], len(new_ids)))
    index = {s: j for j, s in enumerate(old_ids)}
    for j, sid in enumerate(new_ids):
        out[:, j] = old[:, index[sid]] if sid in index else default(sid)
    return out


def fit_to_rules(session: Session) -> None:
    rules = session.rules
    t = session.table
    stats = list(rules.country_stats)
    if t.stat_ids != stats:
        t.stats = _columns(t.stat_ids, t.stats, stats, lambda s: rules.stats[s].default)
        t.stat_ids = stats
    movements = sorted(rules.movements)
    if t.movement_ids != movements:
        t.movements = _columns(t.movement_ids, t.movements, movements, lambda m: 0.0)
        t.movement_ids = movements
    for key in rules.world_stats:
        t.world.setdefault(key, rules.stats[key].default)
    for _, gov in session.governments():
        gov.policies = [p for p in gov.policies if p in rules.policies]
    session.activate()
    for kind, known in ((Institution, lambda c: c.def_id in rules.institutions),
                        (Crisis, lambda c: c.def_id in rules.crises),
                        (Proposal, lambda p: p.resolution in rules.resolutions and p.institution in rules.institutions)):
        for ent, comp in list(esper.get_component(kind)):
            if not known(comp):
                esper.delete_entity(ent, immediate=True)
