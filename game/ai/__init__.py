"""The utility AI: every country without a human seat decides each turn by scoring what it
could do, with weights from its doctrine and personality (rules/doctrines.yaml,
rules/ai/personalities.yaml), and issues the same Commands a human issues.

Scoring is done in arrays (game.ai.options): each action is evaluated once for every
(actor, target) pair of the world, so ~170 x 170 pairs cost a few NumPy operations rather
than 28,000 Python calls. Each decision keeps its motive (the figures and claims behind it)
for the UI; motives and commands are only built for what is actually tried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.options import Options, build, tag_weights
from game.ai.votes import cast_votes
from game.sim.commands import Command, EnactPolicy, Respond, TakeAction

if TYPE_CHECKING:
    from game.sim.session import Session

__all__ = ["decide_all", "noisy_scores", "take_best", "tag_weights"]


def noisy_scores(session: Session, opts: Options, noise: float) -> np.ndarray:
    """Scores plus the difficulty's judgement noise. The noise comes from a NumPy generator
    seeded by the session RNG, so a game stays a function of its seed (and of its saves)."""
    gen = np.random.default_rng(session.rng.getrandbits(64))
    return opts.score + gen.standard_normal(opts.score.shape) * noise


def decide_all(session: Session) -> None:
    """Every AI country takes its best affordable decisions, then every member votes."""
    rules = session.rules
    humans = set(session.human_codes())
    ai_rows = np.array([i for i, c in enumerate(session.table.codes) if c not in humans], dtype=int)
    diff = rules.difficulties.get(session.difficulty)
    limit = diff.ai_actions if diff else rules.settings.ai_actions_per_turn
    noise = diff.noise if diff else 0.3
    with session.hold_env():
        opts = build(session)
        take_best(session, ai_rows, opts, noisy_scores(session, opts, noise), limit)
    session.invalidate()
    cast_votes(session, humans)


def take_best(session: Session, ai_rows: np.ndarray, opts: Options, scores: np.ndarray, limit: int) -> None:
    """Each AI country, in row order, tries its options best first: at most `limit` taken and
    3 x limit tried; options it can no longer afford (after its earlier choices) are skipped."""
    if scores.shape[1] == 0:
        return
    t = session.table
    cap = t.stat_ids.index("capital")
    stats = t.stats
    sub = scores[ai_rows]
    # Best first; equal scores keep column order, so the order never depends on anything else.
    order = np.argsort(-sub, axis=1, kind="stable")
    valid = np.isfinite(sub).sum(axis=1).tolist()
    cost = np.take_along_axis(opts.cost[ai_rows], order, axis=1)
    # The cheapest option from each place in the order on: when a country cannot afford even
    # that, nothing later in its list can be taken either, and its turn is done.
    cheapest = np.minimum.accumulate(np.where(np.isfinite(np.take_along_axis(sub, order, axis=1)), cost, np.inf)[:, ::-1],
                                     axis=1)[:, ::-1]
    for i, r in enumerate(ai_rows.tolist()):
        taken = tries = 0
        capital = stats.item(r, cap)
        m = valid[i]
        for k, price, least in zip(order[i, :m].tolist(), cost[i, :m].tolist(), cheapest[i, :m].tolist(), strict=True):
            if taken >= limit or tries >= 3 * limit or least > capital + 1e-9:
                break
            if price > capital + 1e-9:
                continue  # no longer affordable after this turn's earlier choices
            tries += 1
            cmd = command(session, opts, r, k)
            if session.submit(cmd):
                taken += 1
                session.motives.setdefault(cmd.country, []).append(motive(session, opts, r, k, price))
                capital = stats.item(r, cap)


def command(session: Session, opts: Options, r: int, k: int) -> Command:
    code = session.table.codes[r]
    kind, ident = opts.kinds[k], opts.ids[k]
    if kind == "action":
        return TakeAction(code, ident, session.table.codes[opts.target.item(r, k)])  # type: ignore[arg-type]
    if kind == "policy":
        return EnactPolicy(code, ident)  # type: ignore[arg-type]
    uid, response = ident  # type: ignore[misc]
    return Respond(code, uid, response)


def motive(session: Session, opts: Options, r: int, k: int, cost: float) -> dict:
    """Why an AI country did what it did: the rule's name, its score, cost and claims."""
    rules = session.rules
    kind, ident = opts.kinds[k], opts.ids[k]
    score = round(opts.score.item(r, k), 2)
    if kind == "action":
        a = rules.actions[ident]  # type: ignore[index]
        target = session.table.codes[opts.target.item(r, k)]
        return {"why": a.name, "target": target, "score": score, "cost": cost, "claims": list(a.claims)}
    if kind == "policy":
        p = rules.policies[ident]  # type: ignore[index]
        return {"why": p.name, "score": score, "cost": cost, "claims": list(p.claims)}
    uid, rid = ident  # type: ignore[misc]
    crisis = opts.crises.get(uid)
    cdef = rules.crises[crisis.def_id] if crisis else None
    resp = next((x for x in cdef.responses if x.id == rid), None) if cdef else None
    name = resp.name if resp else rid
    where = f" ({cdef.name} in {session.info(crisis.location).name})" if cdef and crisis else ""
    claims = list((resp.claims if resp else ()) or (cdef.claims if cdef else ()))
    return {"why": f"{name}{where}", "score": score, "cost": cost, "claims": claims}
