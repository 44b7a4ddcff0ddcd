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
from game.sim.commands import Command, EnactPolicy, Found, Propose, Respond, TakeAction

if TYPE_CHECKING:
    from game.sim.session import Session

__all__ = ["decide_all", "noisy_scores", "take_best", "tag_weights"]

RESPONSES_PER_CRISIS = 2
CROWD = 2  # an action against a country that this many others took this turn is not tried (diminishing returns)
LOOK = 8  # options looked at per action a country may take: its best ones, not the whole list
SAVE_TURNS = 2  # a country saves for its best option when that many turns of income would pay for it


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
        opts = build(session, ai_rows)
        take_best(session, ai_rows, opts, noisy_scores(session, opts, noise), limit)
    session.invalidate()
    cast_votes(session, humans)


def take_best(session: Session, ai_rows: np.ndarray, opts: Options, scores: np.ndarray, limit: int) -> None:
    """Each AI country, in row order, tries its options best first: at most `limit` taken,
    3 x limit tried and LOOK x limit looked at; options it can no longer afford (after its earlier choices) are skipped.
    A crisis that RESPONSES_PER_CRISIS countries have already answered this turn is left to
    them, and an action against a country that CROWD others have already taken against it this
    turn is not tried (it would have a third or less of its effect, game.sim.actions): attention
    spreads out instead of piling onto one crisis or one country.

    A country whose best option costs more than it has, but no more than SAVE_TURNS turns of
    income would add, saves for it: this turn it takes only what costs nothing and it values
    more. The one best placed to found a body (game.ai.bodies.founder_goals) saves up for the
    founding however long it takes. A proposal already put by an earlier country this turn is
    not tried again.

    The AI's commands go straight to their handlers: submit's checks (the game is not over,
    the country exists, no human seat to record) hold for every one of them."""
    from game.ai.bodies import founder_goals
    from game.sim.actions import taken_this_turn
    from game.sim.handlers import handle

    if scores.shape[1] == 0 or session.world.outcome is not None:
        return
    session.activate()
    t = session.table
    cap = t.stat_ids.index("capital")
    stats = t.stats
    goals = founder_goals(session, opts, ai_rows)
    income = np.broadcast_to(np.asarray(session.rules.expr(session.rules.settings.capital_income)(session.env()), dtype=float),
                             (len(t.codes),))
    sub = scores[ai_rows]
    # Best first; equal scores keep column order, so the order never depends on anything else.
    order = np.argsort(-sub, axis=1, kind="stable")
    valid = np.isfinite(sub).sum(axis=1).tolist()
    cost = np.take_along_axis(opts.cost[ai_rows], order, axis=1)
    # The cheapest option from each place in the order on: when a country cannot afford even
    # that, nothing later in its list can be taken either, and its turn is done.
    cheapest = np.minimum.accumulate(np.where(np.isfinite(np.take_along_axis(sub, order, axis=1)), cost, np.inf)[:, ::-1],
                                     axis=1)[:, ::-1]
    # No country looks further down its list than LOOK x limit: only that much becomes Python lists.
    look = max(1, LOOK * limit)
    order, cost, cheapest = order[:, :look].tolist(), cost[:, :look].tolist(), cheapest[:, :look].tolist()
    rules = session.rules
    once = {k for k, kind in enumerate(opts.kinds)
            if kind == "propose" or (kind == "inst" and rules.actions[opts.ids[k]].kind == "found")}
    # Actions whose whole worth is their effects on the target: against a country, or funding
    # and boycotting a body (joining, leaving and founding are worth their structural part).
    aimed = {k for k, kind in enumerate(opts.kinds)
             if kind == "action" or (kind == "inst" and rules.actions[opts.ids[k]].kind == "effects")}
    codes = t.codes
    ids, picks, target, crisis_of = opts.ids, opts.picks, opts.target, opts.crisis_of
    done: set = set()  # proposals made and bodies founded this turn
    answered: dict[str, int] = {}  # crisis uid -> responses this turn
    motives = session.motives
    repeats = taken_this_turn(session)  # (action, target) -> takers this turn, kept current by game.sim.actions
    for i, r in enumerate(ai_rows.tolist()):
        taken = tries = 0
        capital = stats.item(r, cap)
        goal = goals.get(r)
        saving = goal is not None and opts.cost.item(r, goal) > capital + 1e-9
        m = valid[i]
        top = min(m, look)
        ks, prices, leasts = order[i][:top], cost[i][:top], cheapest[i][:top]
        if goal is not None and not saving:  # the savings are there: found first
            ks, prices, leasts = [goal, *ks], [opts.cost.item(r, goal), *prices], [0.0, *leasts]
        elif goal is None and m and capital + 1e-9 < prices[0] <= capital + SAVE_TURNS * income.item(r):
            saving, goal = True, ks[0]  # its best option is a turn or two of income away: save for it
        for looked, (k, price, least) in enumerate(zip(ks, prices, leasts, strict=True)):
            if taken >= limit or tries >= 3 * limit or looked >= look:
                break
            if saving:
                if k == goal:
                    break  # nothing it values less is worth spending the savings on
                if price > 0:
                    continue
            elif least > capital + 1e-9:
                break
            if price > capital + 1e-9:
                continue  # no longer affordable after this turn's earlier choices
            if k in once and _choice(opts, r, k) in done:
                continue
            crisis = crisis_of.get(k)
            if crisis is not None and answered.get(crisis, 0) >= RESPONSES_PER_CRISIS:
                continue  # enough others have answered it this turn
            if k in aimed:
                pick = picks.get(k)
                at = target.item(r, k)
                if repeats.get((ids[k], pick[at] if pick is not None else codes[at]), 0) >= CROWD:
                    continue  # others got there first: it would do a third or less of its effect
            tries += 1
            cmd = command(session, opts, r, k)
            if handle(session, cmd):
                taken += 1
                if k in once:
                    done.add(_choice(opts, r, k))
                if crisis is not None:
                    answered[crisis] = answered.get(crisis, 0) + 1
                motives.setdefault(cmd.country, []).append(motive(session, opts, r, k, price))
                capital = stats.item(r, cap)
                repeats = taken_this_turn(session)


def _choice(opts: Options, r: int, k: int) -> object:
    picks = opts.picks.get(k)
    return picks[opts.target.item(r, k)] if picks is not None else (k, opts.target.item(r, k))


def command(session: Session, opts: Options, r: int, k: int) -> Command:
    code = session.table.codes[r]
    kind, ident = opts.kinds[k], opts.ids[k]
    if kind == "action":
        return TakeAction(code, ident, session.table.codes[opts.target.item(r, k)])  # type: ignore[arg-type]
    if kind == "self":
        return TakeAction(code, ident)  # type: ignore[arg-type]
    if kind == "inst":
        iid = opts.picks[k][opts.target.item(r, k)]
        if session.rules.actions[ident].kind == "found":  # type: ignore[index]
            return founding(session, code, iid)
        return TakeAction(code, ident, iid)  # type: ignore[arg-type]
    if kind == "propose":
        inst, resolution, target = opts.picks[k][opts.target.item(r, k)]
        return Propose(code, inst, resolution, target)
    if kind == "policy":
        return EnactPolicy(code, ident)  # type: ignore[arg-type]
    uid, response = ident  # type: ignore[misc]
    return Respond(code, uid, response)


FOUNDING_BAR = 60  # the democracy bar an AI founder writes into a charter (within what the charter allows)


def founding(session: Session, code: str, iid: str) -> Command:
    """An AI founder's charter: the body's own decision rule (or the first its charter allows),
    every power it may grant, and a democracy bar of FOUNDING_BAR, low enough that the
    leading democracy, whose index sags with polarisation, is not suspended from the club it
    needs to lead (nlio.leader-must-join)."""
    d = session.rules.institutions[iid]
    opts = d.charter_options
    if opts is None:
        return Found(code, iid)
    rule = d.decision.rule if d.decision.rule in opts.rules else opts.rules[0]
    lo, hi = opts.min_democracy
    return Found(code, iid, rule=rule, min_democracy=int(min(max(FOUNDING_BAR, lo), hi)))


def motive(session: Session, opts: Options, r: int, k: int, cost: float) -> dict:
    """Why an AI country did what it did: the rule's name, its score, cost and claims."""
    rules = session.rules
    kind, ident = opts.kinds[k], opts.ids[k]
    score = round(opts.score.item(r, k), 2)
    if kind == "action":
        a = rules.actions[ident]  # type: ignore[index]
        target = session.table.codes[opts.target.item(r, k)]
        return {"why": a.name, "target": target, "score": score, "cost": cost, "claims": list(a.claims)}
    if kind == "self":
        a = rules.actions[ident]  # type: ignore[index]
        return {"why": a.name, "score": score, "cost": cost, "claims": list(a.claims)}
    if kind == "inst":
        a = rules.actions[ident]  # type: ignore[index]
        iid = opts.picks[k][opts.target.item(r, k)]
        d = rules.institutions[iid]
        claims = list(a.claims) or list(d.claims[:2])
        return {"why": f"{a.name}: {d.name}", "institution": iid, "score": score, "cost": cost, "claims": claims}
    if kind == "propose":
        iid, rid, target = opts.picks[k][opts.target.item(r, k)]
        rdef, d = rules.resolutions[rid], rules.institutions[iid]
        crisis = opts.crises.get(ident)  # type: ignore[arg-type]
        cdef = rules.crises[crisis.def_id] if crisis else None
        on = session.info(target).name if target in session.rows else (
            f"the {cdef.name.lower()} in {session.info(crisis.location).name}" if cdef and crisis else target)
        return {"why": f"{rdef.name} on {on}, put to the {d.name}", "institution": iid,
                "target": target if target in session.rows else None, "score": score, "cost": cost,
                "claims": list(rdef.claims)}
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
