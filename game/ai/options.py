"""What every AI country could do this turn, as one table of arrays.

Each column is one thing a country can do (an action at its best target, a policy, a response
to one running crisis); each row is a country. Building the table is a few NumPy operations
per column, so its cost does not grow with the number of countries the way a Python loop over
(country, option) pairs would. Commands and motives are only built for the options an AI
actually takes (see game.ai.take_best).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.sim import derive
from game.sim.derive import trade_matrix
from game.sim.scope import Scope, pair_scope

if TYPE_CHECKING:
    from game.sim.components import Crisis
    from game.sim.session import Session

NEG = -np.inf
RESPOND_MIN = 0.2  # a crisis response must be worth this much before noise to be considered


@dataclass
class Options:
    """score[r, k]: how much country r wants option k (-inf: not an option); cost and target
    likewise. kinds/ids describe each column: ("action", action id), ("policy", policy id) or
    ("respond", (crisis uid, response id))."""

    score: np.ndarray
    cost: np.ndarray
    target: np.ndarray  # target row for actions, -1 otherwise
    kinds: list[str] = field(default_factory=list)
    ids: list[object] = field(default_factory=list)
    crises: dict[str, Crisis] = field(default_factory=dict)  # uid -> the crisis a response column answers


def tag_weights(session: Session, tags: tuple[str, ...]) -> np.ndarray:
    """Per country: how much its doctrine and personality value these tags."""
    sums = _tag_table(session)[2]
    found = sums.get(tags)
    if found is None:
        weights, columns, _ = _tag_table(session)
        found = np.zeros(len(session.table.codes))
        for tag in tags:  # in the rule's order, so the sum is the same every run
            j = columns.get(tag)
            if j is not None:
                found = found + weights[:, j]
        sums[tags] = found
    return found


def _tag_table(session: Session) -> tuple[np.ndarray, dict[str, int], dict]:
    """(countries x tags) weight of each tag for each country's doctrine and personality, the
    tag columns, and the sums already asked for. Doctrines and personalities change seldom, so
    this is kept across turns (game.sim.derive.lasting) until one does."""
    found = session.cache.get("ai-tags")  # checked once a turn
    if found is not None:
        return found
    rules = session.rules
    pairs = tuple((gov.doctrine, gov.personality) for _, gov in session.governments())
    lasting = derive.lasting(session)
    kept = lasting.get("ai-tags")
    if kept is not None and kept[0] == pairs and kept[1] is rules:
        found = session.cache["ai-tags"] = kept[2]
        return found
    tags = sorted({tag for d in rules.doctrines.values() for tag in d.ai_weights})
    columns = {tag: j for j, tag in enumerate(tags)}
    distinct = sorted(set(pairs))
    index = {p: i for i, p in enumerate(distinct)}
    table = np.zeros((len(distinct), len(tags)))
    for i, (doctrine, personality) in enumerate(distinct):
        d = rules.doctrines.get(doctrine)
        p = rules.personalities.get(personality)
        if d is None:
            continue
        for tag, w in d.ai_weights.items():
            table[i, columns[tag]] = w * (p.weights.get(tag, 1.0) if p else 1.0)
    found = session.cache["ai-tags"] = (table[np.array([index[p] for p in pairs], dtype=int)], columns, {})
    lasting["ai-tags"] = (pairs, rules, found)
    return found


def _whole(rules, raw: object, env) -> object:
    """Evaluate a rule expression for the whole world at once (the NumPy version: its scalar
    twin would only find out at the first array that it cannot be used here)."""
    return rules.expr(raw).fn(env)


def _full(value: object, shape: tuple[int, ...], dtype=float) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=dtype), shape)


def _pair_matrix(session: Session, pairs: list, n: int) -> np.ndarray:
    """(n, n) bool: True where [a, b] (either order) is in the list of code pairs."""
    out = np.zeros((n, n), dtype=bool)
    rows = session.rows
    idx = [(rows[a], rows[b]) for a, b in pairs if a in rows and b in rows]
    if idx:
        a, b = np.array(idx, dtype=int).T
        out[a, b] = out[b, a] = True
    return out


def structure_ok(session: Session, n: int) -> dict[str, np.ndarray]:
    """Per action kind, the (actor, target) pairs the world's structure allows: no second trade
    deal with the same partner, no lifting sanctions one does not impose... The handlers check
    the same things; checking here first saves a rejected command per AI and turn."""
    w = session.world
    rows = session.rows
    sanctioning = np.zeros((n, n), dtype=bool)
    for target, by in w.sanctions.items():
        if target in rows:
            sanctioning[[rows[c] for c in by if c in rows], rows[target]] = True
    return {"trade_deal": trade_matrix(session) == 0, "recognise": ~_pair_matrix(session, w.recognitions, n),
            "sanction": ~sanctioning, "lift_sanctions": sanctioning}


def build(session: Session) -> Options:
    """The options table of this turn, from the state as the decisions phase begins."""
    t = session.table
    n = len(t.codes)
    capital = t.stats[:, t.stat_ids.index("capital")]
    blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    opts = Options(np.empty(0), np.empty(0), np.empty(0))

    def add(kind: str, ids: list, score: np.ndarray, cost: np.ndarray, target: np.ndarray | None = None) -> None:
        """A block of columns: score and cost are (n, len(ids)), or (n,) for one column."""
        if score.ndim == 1:
            score, cost = score[:, None], cost[:, None]
            target = None if target is None else target[:, None]
        opts.kinds += [kind] * len(ids)
        opts.ids += ids
        blocks.append((score, cost, np.full(score.shape, -1) if target is None else target))

    _actions(session, n, capital, add)
    _policies(session, n, add)
    _responses(session, n, add, opts.crises)
    if blocks:
        opts.score, opts.cost, opts.target = (np.hstack([b[i] for b in blocks]) for i in range(3))
    else:
        opts.score = opts.cost = np.zeros((n, 0))
        opts.target = np.zeros((n, 0), dtype=int)
    return opts


def _actions(session: Session, n: int, capital: np.ndarray, add) -> None:
    """Each action against another country, at each actor's best target."""
    rules = session.rules
    pairs = pair_scope(session)
    structure = structure_ok(session, n)
    not_self = ~np.eye(n, dtype=bool)
    rows = np.arange(n)
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "country" or a.kind == "change_doctrine":
            continue
        ok = np.asarray(_whole(rules, a.requires, pairs), dtype=bool) & not_self
        if a.kind in structure:
            ok = ok & structure[a.kind]
        if not ok.any():
            continue
        weight = tag_weights(session, a.tags)
        value = _whole(rules, a.ai_value, pairs)
        fixed = rules.expr(a.cost).constant
        if fixed is not None:
            # One price for every pair: the best target is the one of highest value.
            ok = ok & (fixed <= capital)[:, None]
            masked = np.where(ok, value, NEG)
            best = np.argmax(masked, axis=1)
            s = masked[rows, best] + (weight - fixed / 10.0)
            cost = np.full(n, fixed)
        else:
            costs = _full(_whole(rules, a.cost, pairs), (n, n))
            masked = np.where(ok & (costs <= capital[:, None]), value + (weight[:, None] - costs / 10.0), NEG)
            best = np.argmax(masked, axis=1)
            s = masked[rows, best]
            cost = costs[rows, best]
        add("action", [aid], np.where(s > 0, s, NEG), cost, best)


def _policies(session: Session, n: int, add) -> None:
    """Each policy of a country's own doctrine that it does not hold yet (one block)."""
    rules = session.rules
    env = session.env()
    doctrine = np.array([gov.doctrine for _, gov in session.governments()], dtype=object)
    ids, oks, values, weights, costs, upkeeps = [], [], [], [], [], []
    for pid in sorted(rules.policies):
        p = rules.policies[pid]
        eligible = doctrine == p.doctrine
        if not eligible.any():
            continue
        held = env.get(f"policy.{pid}")
        ok = _full(_whole(rules, p.requires, env), (n,), bool) & eligible
        if held is not None:
            ok = ok & (np.asarray(held) == 0)
        if not ok.any():
            continue
        ids.append(pid)
        oks.append(ok)
        values.append(_full(_whole(rules, p.ai_value, env), (n,)))
        weights.append(tag_weights(session, p.tags))
        costs.append(float(p.cost))
        upkeeps.append(float(p.upkeep))
    if not ids:
        return
    cost = np.array(costs)
    s = np.column_stack(values) + np.column_stack(weights) - cost / 10.0 - np.array(upkeeps)
    add("policy", ids, np.where(np.column_stack(oks) & (s > 0), s, NEG), np.broadcast_to(cost, s.shape))


def _responses(session: Session, n: int, add, crises: dict[str, Crisis]) -> None:
    """Each response to each running crisis, valued by how much a country has at stake: one
    block, a column per (crisis, response)."""
    from game.sim.derive import adjacency

    rules = session.rules
    t = session.table
    mil = t.stats[:, t.stat_ids.index("military")]
    live = [(c, rules.crises[c.def_id]) for c in session.crises() if c.def_id in rules.crises and rules.crises[c.def_id].responses]
    if not live:
        return
    at = np.array([session.row(c.location) for c, _ in live])
    shared = AtLocations(session, at)
    whole: dict[str, np.ndarray] = {}  # conditions evaluated once for every crisis location
    courts: dict[str, object] = {}
    ids, oks, tags, costs, which = [], [], [], [], []
    for i, (crisis, cdef) in enumerate(live):
        crises[crisis.uid] = crisis
        scope = None
        for r in cdef.responses:
            expr = rules.expr(r.requires)
            if shared.can(expr):
                if expr.source not in whole:
                    whole[expr.source] = _full(expr.fn(shared), (len(at), n), bool)
                ok = whole[expr.source][i]
            else:
                if scope is None:
                    if cdef.id not in courts:
                        courts[cdef.id] = _court(session, cdef)
                    scope = Scope(session, None, location=int(at[i]), crisis=crisis, institution=courts[cdef.id])
                ok = _full(expr.fn(scope), (n,), bool)
            ids.append((crisis.uid, r.id))
            oks.append(ok)
            tags.append(r.tags)
            costs.append(float(r.cost))
            which.append(i)
    near = adjacency(session)[at, :].T.astype(float)  # (n, crises): 1 for the location's neighbours
    near[at, np.arange(len(at))] = 2.0
    # Who cares: the country itself, neighbours, friends, and the powers (who can project force).
    severity = np.array([c.severity for c, _ in live])
    stake = (near + np.maximum(t.relations[:, at], 0) / 100.0 + (mil >= 45).astype(float)[:, None]) * (severity / 100.0)
    cost = np.array(costs)
    score = (np.column_stack([tag_weights(session, tg) for tg in tags]) + 1.0) * stake[:, which] - cost / 10.0
    add("respond", ids, np.where(np.column_stack(oks) & (score > RESPOND_MIN), score, NEG), np.broadcast_to(cost, score.shape))


class AtLocations(Scope):
    """Every crisis location (rows) against every country (columns), for the conditions of
    responses that read no crisis.* or institution.* name: location.* names are columns of
    the locations' figures, bare names rows of everyone's, so one evaluation answers for every
    crisis at once."""

    def __init__(self, session: Session, locations: np.ndarray):
        super().__init__(session, None)
        self.locations = locations

    @staticmethod
    def can(expr) -> bool:
        return not any(name.startswith(("crisis.", "institution.", "target.")) or name in ("relation", "strength")
                       for name in expr.names)

    def __getitem__(self, name: str) -> object:
        if name.startswith("location."):
            value = self.base[name[9:]]
            return value[self.locations].reshape(-1, 1) if isinstance(value, np.ndarray) else value
        return super().__getitem__(name)


def _court(session: Session, cdef):
    """The institution a response's institution.* names mean, as the handler sees it."""
    from game.sim import handlers

    court_of = getattr(handlers, "court_of", None)
    return court_of(session, cdef) if court_of is not None else None
