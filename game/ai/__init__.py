"""The utility AI: every country without a human seat decides each turn by scoring what it
could do, with weights from its doctrine and personality (rules/doctrines.yaml,
rules/ai/personalities.yaml), and issues the same Commands a human issues.

Scoring is done in arrays: each action is evaluated once for every (actor, target) pair of
the world, so ~170 x 170 pairs cost a few NumPy operations rather than 28,000 Python calls.
Each decision keeps its motive (the figures and claims behind it) for the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.votes import cast_votes
from game.sim.commands import EnactPolicy, Respond, TakeAction
from game.sim.scope import Scope, pair_scope

if TYPE_CHECKING:
    from game.sim.session import Session


def tag_weights(session: Session, codes: list[str], tags: tuple[str, ...]) -> np.ndarray:
    """Per actor: how much its doctrine and personality value these tags."""
    rules = session.rules
    key = ("tags", session.turn, tags)
    cached = session.cache.get(key)
    if cached is not None:
        return cached
    groups = session.cache.get(("groups", session.turn))
    if groups is None:
        pairs = [(gov.doctrine, gov.personality) for _, gov in session.governments()]
        distinct = sorted(set(pairs))
        index = {p: i for i, p in enumerate(distinct)}
        groups = session.cache[("groups", session.turn)] = (distinct, np.array([index[p] for p in pairs], dtype=int))
    distinct, idx = groups
    values = np.zeros(len(distinct))
    for i, (doctrine, personality) in enumerate(distinct):
        d = rules.doctrines.get(doctrine)
        p = rules.personalities.get(personality)
        values[i] = sum((d.ai_weights.get(tag, 0.0) if d else 0.0) * (p.weights.get(tag, 1.0) if p else 1.0) for tag in tags)
    out = session.cache[key] = values[idx]
    return out


def _cols(value: object, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=float), (n, n))


def candidates(session: Session, ai_rows: np.ndarray) -> dict[int, list[tuple[float, object, dict]]]:
    """For every AI actor row: [(score, command, motive)]."""
    rules = session.rules
    t = session.table
    n = len(t.codes)
    codes = t.codes
    capital = t.stats[:, t.stat_ids.index("capital")]
    diff = rules.difficulties.get(session.difficulty)
    noise = diff.noise if diff else 0.3
    out: dict[int, list] = {int(r): [] for r in ai_rows}
    pairs = pair_scope(session)
    eye = np.eye(n, dtype=bool)
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "country" or a.kind == "change_doctrine":
            continue
        ok = _cols(rules.expr(a.requires)(pairs), n).astype(bool) & ~eye
        if not ok.any():
            continue
        cost = _cols(rules.expr(a.cost)(pairs), n)
        value = _cols(rules.expr(a.ai_value)(pairs), n)
        weight = tag_weights(session, codes, a.tags)[:, None]
        score = value + weight - cost / 10.0
        score = np.where(ok & (cost <= capital[:, None]), score, -np.inf)
        best = np.argmax(score, axis=1)
        for r in ai_rows:
            s = score[r, best[r]]
            if np.isfinite(s) and s > 0:
                target = codes[best[r]]
                out[int(r)].append((float(s), TakeAction(codes[r], aid, target),
                                    {"why": a.name, "target": target, "score": round(float(s), 2), "cost": float(cost[r, best[r]]),
                                     "claims": list(a.claims)}))
    _policy_candidates(session, ai_rows, out)
    _crisis_candidates(session, ai_rows, out)
    for r, cands in out.items():
        out[r] = [(s + session.rng.gauss(0.0, noise), c, m) for s, c, m in cands]
    return out


def _policy_candidates(session: Session, ai_rows: np.ndarray, out: dict) -> None:
    rules = session.rules
    t = session.table
    codes = t.codes
    env = session.env()
    for pid in sorted(rules.policies):
        p = rules.policies[pid]
        ok = np.broadcast_to(np.asarray(rules.expr(p.requires)(env), dtype=bool), (len(codes),))
        value = np.broadcast_to(np.asarray(rules.expr(p.ai_value)(env), dtype=float), (len(codes),))
        weight = tag_weights(session, codes, p.tags)
        for r in ai_rows:
            gov = session.government(codes[r])
            if not ok[r] or pid in gov.policies or p.doctrine != gov.doctrine:
                continue
            s = value[r] + weight[r] - p.cost / 10.0 - p.upkeep
            if s > 0:
                out[int(r)].append((float(s), EnactPolicy(codes[r], pid), {"why": p.name, "score": round(float(s), 2), "cost": p.cost, "claims": list(p.claims)}))


def _crisis_candidates(session: Session, ai_rows: np.ndarray, out: dict) -> None:
    rules = session.rules
    t = session.table
    codes = t.codes
    rel = t.relations
    mil = t.stats[:, t.stat_ids.index("military")]
    for crisis in session.crises():
        cdef = rules.crises.get(crisis.def_id)
        if cdef is None:
            continue
        loc = session.row(crisis.location)
        near = np.zeros(len(codes))
        near[t.neighbours[loc]] = 1.0
        near[loc] = 2.0
        # Who cares: the country itself, neighbours, friends, and the powers (who can project force).
        stake = near + np.maximum(rel[:, loc], 0) / 100.0 + (mil >= 45)
        scope = Scope(session, None, location=loc, crisis=crisis)
        for resp in cdef.responses:
            ok = np.broadcast_to(np.asarray(rules.expr(resp.requires)(scope), dtype=bool), (len(codes),))
            weight = tag_weights(session, codes, resp.tags)
            score = (weight + 1.0) * stake * crisis.severity / 100.0 - resp.cost / 10.0
            for r in ai_rows:
                if ok[r] and score[r] > 0.2:
                    out[int(r)].append((float(score[r]), Respond(codes[r], crisis.uid, resp.id),
                                        {"why": f"{resp.name} ({cdef.name} in {session.info(crisis.location).name})",
                                         "score": round(float(score[r]), 2), "cost": resp.cost, "claims": list(resp.claims or cdef.claims)}))


def decide_all(session: Session) -> None:
    """Every AI country takes its best affordable decisions, then every member votes."""
    rules = session.rules
    t = session.table
    humans = set(session.human_codes())
    ai_rows = np.array([i for i, c in enumerate(t.codes) if c not in humans], dtype=int)
    diff = rules.difficulties.get(session.difficulty)
    limit = diff.ai_actions if diff else rules.settings.ai_actions_per_turn
    with session.hold_env():
        cands = candidates(session, ai_rows)
        take_best(session, ai_rows, cands, limit)
    session.invalidate()
    cast_votes(session, humans)


def take_best(session: Session, ai_rows: np.ndarray, cands: dict, limit: int) -> None:
    t = session.table
    cap = t.stat_ids.index("capital")
    for r in ai_rows:
        code = t.codes[r]
        taken = tries = 0
        for _score, cmd, motive in sorted(cands[int(r)], key=lambda x: (-x[0], repr(x[1]))):
            if taken >= limit or tries >= 3 * limit:
                break
            if motive["cost"] > t.stats[r, cap] + 1e-9:
                continue  # no longer affordable after this turn's earlier choices
            tries += 1
            result = session.submit(cmd)
            if result:
                taken += 1
                session.motives.setdefault(code, []).append(motive)
