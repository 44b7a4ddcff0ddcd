"""What every AI country could do this turn, as one table of arrays.

Each column is one thing a country can do (an action at its best target, a policy, a response
to one running crisis); each row is a country. Institutions (joining, leaving, founding, funding) and resolutions
about crises are columns too (game.ai.bodies), as are the actions a government takes at home
(target: none). Building the table is a few NumPy operations
per column, so its cost does not grow with the number of countries the way a Python loop over
(country, option) pairs would. Commands and motives are only built for the options an AI
actually takes (see game.ai.take_best).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.sim import derive
from game.sim.arrays import column
from game.sim.derive import trade_matrix
from game.sim.scope import Scope, pair_scope

if TYPE_CHECKING:
    from game.sim.components import Crisis
    from game.sim.session import Session

NEG = -np.inf
RESPOND_MIN = 0.5  # a crisis response must be worth this much before noise to be considered


@dataclass
class Options:
    """score[r, k]: how much country r wants option k (-inf: not an option); cost and target
    likewise. kinds/ids describe each column: ("action", action id) at a target country,
    ("self", action id) at home, ("inst", action id) at the institution picks[k][target],
    ("policy", policy id), ("respond", (crisis uid, response id)) or ("propose", crisis uid)
    with the (institution, resolution, target) picks[k][target]."""

    score: np.ndarray
    cost: np.ndarray
    target: np.ndarray  # target row for actions, index into picks[k] for "inst" and "propose", -1 otherwise
    kinds: list[str] = field(default_factory=list)
    ids: list[object] = field(default_factory=list)
    crises: dict[str, Crisis] = field(default_factory=dict)  # uid -> the crisis a response column answers
    picks: dict[int, list] = field(default_factory=dict)  # column -> what target indexes: institution ids, proposals
    crisis_of: dict[int, str] = field(default_factory=dict)  # response column -> the crisis uid it answers


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
    if len(shape) == 1:
        return column(value, shape[0], dtype)
    if type(value) is np.ndarray and value.shape == shape and value.dtype == dtype:
        return value  # the usual case for a whole-world expression: nothing to convert
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
    deal with the same partner, no lifting sanctions one does not impose (or while relations
    are still bad)... The handlers check
    the same things; checking here first saves a rejected command per AI and turn."""
    w = session.world
    rows = session.rows
    sanctioning = np.zeros((n, n), dtype=bool)
    for target, by in w.sanctions.items():
        if target in rows:
            sanctioning[[rows[c] for c in by if c in rows], rows[target]] = True
    # Sanctions are lifted once relations have mended, not while the quarrel lasts (without this
    # the AI would impose and lift the same sanctions turn after turn).
    mended = session.table.relations > 0
    return {"trade_deal": trade_matrix(session) == 0, "recognise": ~_pair_matrix(session, w.recognitions, n),
            "sanction": ~sanctioning, "lift_sanctions": sanctioning & mended}


def build(session: Session, ai_rows: np.ndarray | None = None) -> Options:
    """The options table of this turn, from the state as the decisions phase begins. ai_rows:
    the countries the AI plays (proposals are only built for bodies with an AI member)."""
    from game.ai.bodies import institution_block, proposal_block

    n = len(session.table.codes)
    blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    opts = Options(np.empty(0), np.empty(0), np.empty(0))
    ai = np.ones(n, dtype=bool)
    if ai_rows is not None:
        ai = np.zeros(n, dtype=bool)
        ai[ai_rows] = True

    def add(kind: str, ids: list, score: np.ndarray, cost: np.ndarray, target: np.ndarray | None = None,
            picks: list | None = None, helps: list | None = None) -> None:
        """A block of columns: score and cost are (n, len(ids)), or (n,) for one column."""
        if score.ndim == 1:
            score, cost = score[:, None], np.broadcast_to(cost, (n,))[:, None]
            target = None if target is None else target[:, None]
        if picks is not None:
            opts.picks[len(opts.kinds)] = picks
        if kind == "respond":  # answers that help (not words, not business as usual) share out the attention
            opts.crisis_of.update((len(opts.kinds) + j, ident[0]) for j, ident in enumerate(ids) if helps[j])
        opts.kinds += [kind] * len(ids)
        opts.ids += ids
        blocks.append((score, cost, np.full(score.shape, -1) if target is None else target))

    _actions(session, n, add)
    _self_actions(session, n, add)
    institution_block(session, n, add)
    _policies(session, n, add)
    live, stake = _responses(session, n, add, opts.crises)
    proposal_block(session, n, stake, live, ai, add)
    if blocks:
        opts.score, opts.cost, opts.target = (np.hstack([b[i] for b in blocks]) for i in range(3))
    else:
        opts.score = opts.cost = np.zeros((n, 0))
        opts.target = np.zeros((n, 0), dtype=int)
    return opts


def _actions(session: Session, n: int, add) -> None:
    """Each action against another country, at each actor's best target."""
    rules = session.rules
    pairs = pair_scope(session)
    structure = structure_ok(session, n)
    not_self = ~np.eye(n, dtype=bool)
    everyone = np.arange(n)
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "country" or a.kind == "change_doctrine":
            continue
        ok = np.asarray(_whole(rules, a.requires, pairs), dtype=bool) & not_self
        if a.kind in structure:
            ok = ok & structure[a.kind]
        live = ok.any(axis=1)  # the actors with at least one target
        if not live.any():
            continue
        weight = tag_weights(session, a.tags)
        fixed = rules.expr(a.cost).constant
        if fixed is not None:
            # One price for every pair: the best target is the one of highest value. (What a
            # country cannot pay yet stays in: take_best skips it, or saves for it.) An actor
            # without a target scores -inf at target 0 (argmax of a row of -inf); the others
            # are worked out alone when they are few (each row's answer depends on that row only).
            rows = np.flatnonzero(live)
            if len(rows) * 4 <= n * 3:
                masked = np.where(ok[rows], _whole(rules, a.ai_value, Actors(session, rows)), NEG)
                pick = np.argmax(masked, axis=1)
                best = np.zeros(n, dtype=pick.dtype)
                best[rows] = pick
                s = np.full(n, NEG)
                s[rows] = masked[np.arange(len(rows)), pick] + (weight[rows] - fixed / 10.0)
            else:
                masked = np.where(ok, _whole(rules, a.ai_value, pairs), NEG)
                best = np.argmax(masked, axis=1)
                s = masked[everyone, best] + (weight - fixed / 10.0)
            cost = np.full(n, fixed)
        else:
            value = _whole(rules, a.ai_value, pairs)
            costs = _full(_whole(rules, a.cost, pairs), (n, n))
            masked = np.where(ok, value + (weight[:, None] - costs / 10.0), NEG)
            best = np.argmax(masked, axis=1)
            s = masked[everyone, best]
            cost = costs[everyone, best]
        add("action", [aid], np.where(s > 0, s, NEG), cost, best)


class Actors(Scope):
    """The pair scope (game.sim.scope.pair_scope) for some actors only: rows are those actors,
    columns every target. Rule expressions work element by element, so each pair's value is
    the one the whole pair scope gives it."""

    def __init__(self, session: Session, rows: np.ndarray):
        super().__init__(session, None)
        self.pairs = True
        self.rows = rows
        self.n = len(session.table.codes)

    def __getitem__(self, name: str) -> object:
        value = super().__getitem__(name)
        # Per actor (n, 1) or per pair (n, n): the actors' rows; per target (1, n) or one number: as it is.
        if type(value) is np.ndarray and value.ndim == 2 and value.shape[0] == self.n:
            return value[self.rows]
        return value


def _self_actions(session: Session, n: int, add) -> None:
    """Each action a government takes at home (target: none): stimulus, taking the case to the
    voters, suppressing a movement... Changing doctrine is left to elections and movements."""
    rules = session.rules
    scope = Scope(session, None)
    for aid in sorted(rules.actions):
        a = rules.actions[aid]
        if a.target != "none" or a.kind == "change_doctrine":
            continue
        ok = _full(_whole(rules, a.requires, scope), (n,), bool)
        if not ok.any():
            continue
        cost = np.maximum(0.0, _full(_whole(rules, a.cost, scope), (n,)))
        s = _full(_whole(rules, a.ai_value, scope), (n,)) + tag_weights(session, a.tags) - cost / 10.0
        add("self", [aid], np.where(ok & (s > 0), s, NEG), cost)


def _policies(session: Session, n: int, add) -> None:
    """Each policy of a country's own doctrine that it does not hold yet (one block)."""
    rules = session.rules
    env = session.env()
    doctrine = np.array([gov.doctrine for _, gov in session.governments()], dtype=object)
    of_doctrine: dict[str, tuple[np.ndarray, bool]] = {}  # doctrine -> its countries, and whether there are any
    ids, oks, values, weights, costs, upkeeps = [], [], [], [], [], []
    for pid in sorted(rules.policies):
        p = rules.policies[pid]
        found = of_doctrine.get(p.doctrine)
        if found is None:
            mask = doctrine == p.doctrine
            found = of_doctrine[p.doctrine] = (mask, bool(mask.any()))
        eligible, anyone = found
        if not anyone:
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


def _responses(session: Session, n: int, add, crises: dict[str, Crisis]) -> tuple[list, np.ndarray | None]:
    """Each response to each running crisis: one block, a column per (crisis, response).

    A response is worth what it takes off the crisis (its crisis.* effects and the attention
    it brings, game.ai.options.relief) times how much a country has at stake there, plus a
    little for its tags: a country's doctrine decides how it likes to help, the crisis decides
    whether it helps at all. Responses that put a resolution to a vote are left to the
    proposals (game.ai.bodies), which choose the body. Returns the crises and the stake
    (countries x crises) for those."""
    from game.sim.derive import adjacency

    rules = session.rules
    t = session.table
    mil = t.stats[:, t.stat_ids.index("military")]
    live = [(c, rules.crises[c.def_id]) for c in session.crises() if c.def_id in rules.crises and rules.crises[c.def_id].responses]
    if not live:
        return live, None
    at = np.array([session.row(c.location) for c, _ in live])
    near = adjacency(session)[at, :].T.astype(float)  # (n, crises): 1 for the location's neighbours
    near[at, np.arange(len(at))] = 2.0
    # Who cares: the country itself, neighbours, friends, the powers (who can project force),
    # and, as the world grows disorderly, everyone a little (nlio.neglected-crises-escalate).
    severity = np.array([c.severity for c, _ in live])
    concern = CONCERN * session.table.world.get("disorder", 50.0) / 50.0
    stake = (near + np.maximum(t.relations[:, at], 0) / 100.0 + (mil >= 45).astype(float)[:, None] + concern) * (severity / 100.0)
    shared = AtLocations(session, at)
    # Conditions evaluated once for every crisis location, with whether each location has a taker.
    whole: dict[str, tuple[np.ndarray, list[bool]]] = {}
    courts: dict[str, object] = {}
    plain: dict[str, np.ndarray | float] = {}  # effects that read only the actor, evaluated once
    # One row per (crisis, response), filled in place (a row is one contiguous write): most
    # values are single numbers that the assignment broadcasts. Transposed at the end into
    # the table's columns.
    most = sum(len(cdef.responses) for _, cdef in live)
    oks = np.empty((most, n), dtype=bool)
    gains, owns, taste = np.empty((most, n)), np.empty((most, n)), np.empty((most, n))
    ids, costs, which = [], [], []
    for i, (crisis, cdef) in enumerate(live):
        crises[crisis.uid] = crisis
        scope = None
        for r in cdef.responses:
            if r.resolution is not None:
                continue
            expr = rules.expr(r.requires)
            if shared.can(expr):
                found = whole.get(expr.source)
                if found is None:
                    every = _full(expr.fn(shared), (len(at), n), bool)
                    found = whole[expr.source] = (every, every.any(axis=1).tolist())
                if not found[1][i]:
                    continue
                ok = found[0][i]
            else:
                if scope is None:
                    if cdef.id not in courts:
                        courts[cdef.id] = _court(session, cdef)
                    scope = Scope(session, None, location=int(at[i]), crisis=crisis, institution=courts[cdef.id])
                ok = expr.fn(scope)
                if not (ok.any() if type(ok) is np.ndarray else ok):
                    continue
            if scope is None:
                scope = Scope(session, None, location=int(at[i]), crisis=crisis, institution=None)
            j = len(ids)
            oks[j] = ok
            gains[j], owns[j] = relief(rules, cdef, r, scope, plain, n)
            taste[j] = tag_weights(session, r.tags)
            ids.append((crisis.uid, r.id))
            costs.append(float(r.cost))
            which.append(i)
    if ids:
        k = len(ids)
        cost = np.array(costs)
        gain = gains[:k].T
        # A response that does nothing for the crisis (business as usual, a statement) is worth
        # its effects on the responder and only a little of the doctrine's taste for it.
        liking = np.where(gain > 0.0, TASTE, TASTE * IDLE_TASTE) * taste[:k].T
        score = (liking + RELIEF * np.maximum(gain, 0.0)) * stake[:, which] + owns[:k].T - cost / 10.0
        add("respond", ids, np.where(oks[:k].T & (score > RESPOND_MIN), score, NEG),
            np.broadcast_to(cost, score.shape), helps=(gain.max(axis=0) > HELPS).tolist())
    return live, stake


HELPS = 1.0  # severity points a response must take off for it to count among a crisis's answers of the turn
# Response scoring: score = (TASTE x tag weights + RELIEF x severity taken off) x stake - cost / 10.
TASTE = 0.5
RELIEF = 0.2
IDLE_TASTE = 0.3  # share of the taste term left to a response that takes nothing off its crisis
CONCERN = 0.15  # stake every country has in every crisis at disorder 50 (per point of severity / 100)
# What a point of each crisis field is worth in severity points: protection and forces slow the
# escalation of the crises that read them for turns to come; access lets relief through.
FIELD_WORTH = {"severity": -1.0, "protection": 0.12, "forces": 0.12, "access": 10.0, "diverted": -5.0}


# What a point of the responder's own figures is worth to it (effects on itself).
SELF_WORTH = {"legitimacy": 0.25, "influence": 0.15, "approval": 0.3, "growth": 1.0, "stability": 0.2,
              "debt": -0.05, "unrest": -0.2, "threat": -0.1, "polarisation": -0.1, "autonomy": 0.1}


def relief(rules, cdef, r, scope: Scope, plain: dict, n: int) -> tuple[np.ndarray | float, np.ndarray | float]:
    """(severity points a response takes off its crisis this turn and soon after, what it does
    for the responder itself), for every country (effects that read the actor's figures
    differ by country). The first: its crisis.* effects, weighed by FIELD_WORTH, and the
    attention it brings (the crisis's attention_relief each); the second: its effects on the
    responder's own figures, weighed by SELF_WORTH."""
    gain: np.ndarray | float = r.attention * cdef.attention_relief
    own: np.ndarray | float = 0.0
    for to_crisis, worth, expr, reads_crisis in _relief_plan(rules, r):
        if expr.constant is not None:
            value: np.ndarray | float = expr.constant
        elif not reads_crisis:
            value = plain.get(expr.source)  # the same for every crisis: read once a turn
            if value is None:
                value = plain[expr.source] = expr.fn(scope)
        else:
            value = expr.fn(scope)
        if to_crisis:
            gain = gain + worth * value
        else:
            own = own + worth * value
    return gain, own


_PLANS: dict[int, tuple] = {}  # id(response) -> (response, plan): what relief() reads, worked out once


def _relief_plan(rules, r) -> list[tuple[bool, float, object, bool]]:
    """The effects of a response that relief() weighs: (on the crisis?, worth, expression,
    reads the crisis or its location?)."""
    found = _PLANS.get(id(r))
    if found is not None and found[0] is r and found[1] is rules:
        return found[2]
    plan = []
    for e in r.effects:
        if e.stat.startswith("crisis."):
            worth = FIELD_WORTH.get(e.stat[7:])
        elif e.to == "self":
            worth = SELF_WORTH.get(e.stat)
        else:
            worth = None
        if worth is None:
            continue
        expr = rules.expr(e.add)
        reads = any(x.startswith(("crisis.", "location.", "institution.", "target.")) for x in expr.names)
        plan.append((e.stat.startswith("crisis."), worth, expr, reads))
    _PLANS[id(r)] = (r, rules, plan)
    return plan


class AtLocations(Scope):
    """Every crisis location (rows) against every country (columns), for the conditions of
    responses that read no crisis.* or institution.* name: location.* names are columns of
    the locations' figures, bare names rows of everyone's, so one evaluation answers for every
    crisis at once."""

    def __init__(self, session: Session, locations: np.ndarray):
        super().__init__(session, None)
        self.locations = locations

    _can: dict[str, bool] = {}

    @classmethod
    def can(cls, expr) -> bool:
        found = cls._can.get(expr.source)
        if found is None:
            found = cls._can[expr.source] = not any(
                name.startswith(("crisis.", "institution.", "target.")) or name in ("relation", "strength") for name in expr.names)
        return found

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
