"""The AI and the institutions: joining, leaving, founding, funding and boycotting bodies, and
putting resolutions about running crises to the bodies it sits in.

Like the rest of the options table (game.ai.options), each block is a few NumPy operations
per (action, institution) or per (crisis, resolution, body), over every country at once; a
column keeps, for each country, its best institution or its best proposal, and the index of
that choice in `picks` (game.ai.options.Options) so that take_best can build the command.

How much a country wants to belong to a body comes from the doctrines' own ai_weights
(rules/doctrines.yaml): a body's kind and camp (rules/institutions) are read as AI tags, so a
liberal internationalist values an alliance of democracies, a sovereigntist a sovereigntist
bloc and its payment rails, a mercantilist trade and lending bodies and not courts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.sim import derive
from game.sim.arrays import column
from game.sim.derive import adjacency
from game.sim.scope import Scope
from game.sim.systems.standards import meets_criteria
from game.sim.systems.votes import vote_key

if TYPE_CHECKING:
    from game.rules.models import InstitutionDef
    from game.sim.components import Crisis, Institution
    from game.sim.session import Session

NEG = -np.inf

# What a body stands for, as AI tags: its kind and its camp.
KIND_TAGS: dict[str, tuple[str, ...]] = {
    "universal": ("cooperation", "institutions"),
    "council": ("institutions", "security"),
    "court": ("democracy_promotion", "intervention"),
    "rights": ("democracy_promotion", "cooperation"),
    "economic": ("trade", "cooperation"),
    "alliance": ("security", "deterrence"),
    "bloc": ("cooperation", "trade"),
    "forum": ("cooperation", "influence"),
    "lender": ("lending", "growth"),
}
CAMP_TAGS: dict[str, tuple[str, ...]] = {"democratic": ("democracy_promotion",), "sovereign": ("sovereignty",),
                                          "nonaligned": ("nonalignment",), "none": ()}
FIT_PAR = 0.85  # the mean tag weight at which a country neither seeks nor shuns a body
FIT_SCALE = 4.0  # score per point of fit above (joining, funding) or below (leaving, boycotting) par
LEAVE_MARGIN = 0.15  # fit must fall this far below par before leaving is considered (no join-leave churn)
UPKEEP_LEAN = 0.4  # fit counts for less in funding or boycotting a body than in joining or leaving it
REGIONAL = ("bloc", "alliance")  # bodies that grow by neighbours (the foundable alliance excepted)
TRADE_BODIES = ("economic", "lender")  # bodies that do not judge wars and coups

# What each kind of crisis can be put to a vote as, and against whom: None puts the
# resolution on the crisis itself, a role names the party it is aimed at (the roles of
# rules/crises triggers). Crises not named here use their category's row.
PROPOSALS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "invasion": (("force", None), ("sanctions", "aggressor"), ("condemnation", "aggressor"), ("arrest_warrant", "aggressor")),
    "strait_standoff": (("condemnation", "aggressor"), ("sanctions", "aggressor")),
    "client_war_airpower": (("aid", None), ("peacekeeping", None), ("tribunal", None), ("condemnation", "patron"),
                            ("arrest_warrant", "government")),
    "insurgency": (("peacekeeping", None),),
    "civil_war_famine": (("peacekeeping", None), ("aid", None), ("tribunal", None), ("arrest_warrant", "government")),
    "refugee_wave": (("aid", None),),
    "coup": (("suspension", "government"), ("condemnation", "government")),
    "autocracy_protests": (("condemnation", "government"),),
    "pandemic": (("aid", None),),
    "climate_disaster": (("aid", None),),
}
CATEGORY_PROPOSALS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "conflict": (("peacekeeping", None),),
    "humanitarian": (("aid", None),),
}
# Resolution powers as AI tags (resolutions carry no tags of their own).
POWER_TAGS: dict[str, tuple[str, ...]] = {
    "sanctions": ("sanctions", "institutions"),
    "peacekeeping": ("institutions", "cooperation", "aid"),
    "force": ("institutions", "intervention", "deterrence"),
    "aid": ("aid", "institutions", "cooperation"),
    "tribunal": ("institutions", "intervention"),
    "arrest_warrant": ("institutions", "democracy_promotion"),
    "condemnation": ("influence", "institutions"),
    "suspension": ("institutions", "democracy_promotion"),
    "recognition": ("recognition",),
}
HELPING = ("aid", "peacekeeping", "recognition")  # what even the accused's friends vote for (game.ai.votes)
PROPOSE_MIN_SEVERITY = 25.0  # crises milder than this are not worth a vote
PUNISH_MIN_SEVERITY = 40.0  # ...nor, below this, a resolution against one of its parties
# What the pressure of a resolution is worth to its proposer, in severity points, beyond its
# effects on the crisis: a mandate lets others send troops lawfully; sanctions, warrants and
# condemnations make the party pay, which the proposers value even where it moves no front.
PRESSURE = {"peacekeeping": 2.0, "force": 3.0, "sanctions": 4.0, "arrest_warrant": 3.0, "suspension": 3.0,
            "tribunal": 2.0, "condemnation": 1.0}
VETO_ODDS = 0.7  # how much a proposal is worth when a party (or a close friend of one) can block it


def fit(session: Session, d: InstitutionDef) -> np.ndarray:
    """Per country: the mean weight its doctrine and personality give the body's tags."""
    from game.ai.options import tag_weights

    tags = KIND_TAGS.get(d.kind, ()) + CAMP_TAGS.get(d.bloc, ())
    return tag_weights(session, tags) / max(1, len(tags))


def _rows(session: Session, codes: list[str]) -> np.ndarray:
    rows = session.rows
    return np.fromiter((rows[c] for c in codes if c in rows), dtype=int)


def _array(rules, raw: object, scope, n: int, dtype=float) -> np.ndarray:
    return column(rules.expr(raw).fn(scope), n, dtype)


def _value(rules, raw: object, scope) -> np.ndarray | float:
    """An expression for every country: an array, or one number when it reads no country figure
    (a constant, an institution's own figures), which NumPy broadcasts for free."""
    expr = rules.expr(raw)
    if expr.constant is not None:
        return expr.constant
    value = expr(scope)  # the plain-Python path when every name it reads is one number
    if type(value) is np.ndarray:
        return value
    return float(value) if type(value) in (float, bool, int) else float(np.asarray(value, dtype=float).reshape(-1)[0])


def _members(session: Session, inst: Institution, n: int) -> np.ndarray:
    """(n,) bool: the institution's members, suspended ones included (kept while they last)."""
    lasting = derive.lasting(session)
    key = ("ai-members", inst.def_id)
    found = lasting.get(key)
    if found is None or found[0] != inst.members:
        mask = np.zeros(n, dtype=bool)
        mask[_rows(session, inst.members)] = True
        found = lasting[key] = (list(inst.members), mask)
    return found[1]


def institution_block(session: Session, n: int, add) -> None:
    """Actions aimed at an institution (rules/actions with target: institution): one column per
    action, at each country's best body. Joining needs the charter's criteria, a free seat and,
    for a regional bloc or alliance, a border with a member; founding needs the founding
    requirement and is the one option a country saves up for (take_best). The bodies that
    exist are weighed half at a time, alternating from turn to turn (the cost of checking
    every charter's criteria for every country is then paid half as often)."""
    from game.ai.options import tag_weights

    rules = session.rules
    acts = [rules.actions[a] for a in sorted(rules.actions) if rules.actions[a].target == "institution"]
    if not acts:
        return
    existing = session.institutions()
    env = session.env()
    adj = adjacency(session)
    sov, demo = np.asarray(env["sovereign_bloc"]) > 0, np.asarray(env["democratic_bloc"]) > 0
    info, foundable = _weighed(session, existing, n)
    plain = Scope(session, None)
    for a in acts:
        weight = tag_weights(session, a.tags)
        if a.kind == "found":
            candidates = [(d.id, d, fit(session, d), None, plain, None) for d in foundable]
        else:
            candidates = [(iid, *info[iid]) for iid in sorted(info)]
        if not candidates:
            continue
        helps = _helps(a)
        always = rules.expr(a.requires).constant  # most institution actions have no condition of their own
        fixed = rules.expr(a.cost).constant
        ids, scores, costs = [], [], []
        for iid, d, f, member, scope, inst in candidates:
            # The structural part first (cheap masks), the rule's own conditions after.
            extra = 0.0
            if a.kind == "apply":
                if d.seats is not None and len(inst.members) >= d.seats:
                    continue
                ok = ~member & (f > FIT_PAR)
                if d.kind in REGIONAL and not d.foundable:
                    ok &= adj[:, member].any(axis=1)
                if not ok.any():
                    continue
                ok &= meets_criteria(session, inst)
                extra, lean = d.join_cost, f - FIT_PAR
            elif a.kind == "leave":
                ok = member & (f < FIT_PAR - LEAVE_MARGIN)
                # Sitting in both camps' bodies costs standing in each: leave the one that fits worse.
                rival = sov if d.bloc == "democratic" else demo if d.bloc == "sovereign" else 0.0
                extra, lean = d.exit_cost, (FIT_PAR - f) + rival
            elif a.kind == "found":
                ok = np.asarray(_value(rules, d.found_requires, plain)) > 0
                extra, lean = d.found_cost, f - FIT_PAR
            else:  # funding, boycotting: members only, by how well the body fits
                ok = member
                lean = (f - FIT_PAR) * (helps * UPKEEP_LEAN)
            if not ok.any():
                continue
            if always is None:
                ok = ok & (np.asarray(_value(rules, a.requires, scope)) > 0)
                if not ok.any():
                    continue
            elif not always:
                continue
            cost = (max(0.0, fixed) if fixed is not None else np.maximum(0.0, _value(rules, a.cost, scope))) + extra
            value = _value(rules, a.ai_value, scope) + weight + FIT_SCALE * lean - cost / 10.0
            ids.append(iid)
            scores.append(np.where(ok, value, NEG))
            costs.append(cost)
        if not ids:
            continue
        score = np.column_stack(scores)
        best = np.argmax(score, axis=1)
        rows = np.arange(n)
        s = score[rows, best]
        cost = (np.array(costs)[best] if all(type(c) is float for c in costs)
                else np.column_stack([np.broadcast_to(c, (n,)) for c in costs])[rows, best])
        add("inst", [a.id], np.where(s > 0, s, NEG), cost, best, picks=ids)


def _weighed(session: Session, existing: list[Institution], n: int) -> tuple[dict[str, tuple], list[InstitutionDef]]:
    """The bodies weighed this turn: half of those that exist, in turn (membership is not a
    question for every quarter), as def id -> (def, fit, member mask, scope, institution),
    worked out for that half only; and the bodies that could be founded (none exists)."""
    rules = session.rules
    bodies = {inst.def_id: inst for inst in existing if inst.def_id in rules.institutions}
    info: dict[str, tuple] = {}
    for j, iid in enumerate(sorted(bodies)):
        if (j + session.turn) % 2 == 0:
            d, inst = rules.institutions[iid], bodies[iid]
            info[iid] = (d, fit(session, d), _members(session, inst, n), Scope(session, None, institution=inst), inst)
    foundable = [rules.institutions[i] for i in sorted(rules.institutions)
                 if rules.institutions[i].foundable and i not in bodies]
    return info, foundable


def _helps(a) -> float:
    """+1 when an institution action builds the body up, -1 when it tears it down, 0 otherwise
    (read from the constant part of its institution.* effects)."""
    total = 0.0
    for e in a.effects:
        if e.stat.startswith("institution.") and isinstance(e.add, (int, float)):
            total += float(e.add)
    return float(np.sign(total))


def founder_goals(session: Session, opts, ai_rows: np.ndarray) -> dict[int, int]:
    """row -> found column for the country that saves up to found a body: for each body that
    can be founded, the AI country that wants it (a positive score before noise) with the most
    capital already put by (ties: the better score, then the first row). Savings only grow, so
    the same country keeps the task from turn to turn; and one saver per body, so that a whole
    camp does not stop acting for the same charter."""
    goals: dict[int, int] = {}
    if not len(ai_rows):
        return goals
    t = session.table
    capital = t.stats[:, t.stat_ids.index("capital")]
    for k, kind in enumerate(opts.kinds):
        if kind != "inst" or session.rules.actions[opts.ids[k]].kind != "found":
            continue
        col = opts.score[ai_rows, k]
        best: dict[int, tuple[float, float, int]] = {}
        for i in np.flatnonzero(np.isfinite(col) & (col > 0)).tolist():
            r = int(ai_rows[i])
            body = int(opts.target[r, k])
            key = (float(capital[r]), float(col[i]), -r)
            if body not in best or key > best[body]:
                best[body] = key
        for _, _, neg_row in best.values():
            goals[-neg_row] = k
    return goals


# ---- resolutions about running crises ----------------------------------------------------------

def _powers(session: Session, inst: Institution) -> tuple[str, ...]:
    if "powers" in inst.charter:
        return tuple(inst.charter["powers"])
    return session.rules.institutions[inst.def_id].powers


def _accused(crisis: Crisis, rows: dict) -> list[int]:
    """Rows of the parties the votes treat as accused (game.ai.votes.stance)."""
    return [rows[c] for c in (crisis.parties.get(r) for r in ("aggressor", "patron", "government")) if c in rows]


def _gain(session: Session, rdef, cdef, scope: Scope, n: int) -> np.ndarray | float:
    """Severity points a resolution would take off its crisis if it passed, on the scale of the
    responses (game.ai.options.relief): its crisis.* effects, the attention humanitarian access
    brings, and the pressure it puts on the parties (PRESSURE)."""
    from game.ai.options import FIELD_WORTH

    rules = session.rules
    gain: np.ndarray | float = PRESSURE.get(rdef.power, 0.0)
    if rdef.power == "aid":
        gain = gain + cdef.attention_relief
    for e in rdef.on_pass:
        worth = FIELD_WORTH.get(e.stat[7:]) if e.stat.startswith("crisis.") else None
        if worth is not None:
            gain = gain + worth * _value(rules, e.add, scope)
    return gain


class _Vetoes:
    """Whether a body can block a resolution about one crisis: a party to it holds a veto
    there, or (for a resolution that does not help) a close friend of one does. Both are the
    same for every resolution about the crisis, so each is asked once per body (b, its index
    in proposal_block's bodies) and only when it decides the answer."""

    def __init__(self, rel: np.ndarray, accused: list[int]):
        self.rel, self.accused = rel, accused
        self.party: dict[int, bool] = {}
        self.friend: dict[int, bool] = {}

    def blocked(self, b: int, blocking: set, blockers: np.ndarray, helping: bool) -> bool:
        if not blocking:
            return False
        party = self.party.get(b)
        if party is None:
            party = self.party[b] = any(a in blocking for a in self.accused)
        if party or helping or not self.accused:
            return party
        friend = self.friend.get(b)
        if friend is None:
            friend = self.friend[b] = bool((self.rel[np.ix_(blockers, self.accused)] >= 60).any())
        return friend


def proposal_block(session: Session, n: int, stake: np.ndarray | None, live: list, ai: np.ndarray, add) -> None:
    """Resolutions about running crises, one column per crisis at each member's best
    (body, resolution, target): peacekeeping and force for wars, sanctions and condemnation of
    an aggressor, warrants and tribunals for atrocities, humanitarian access for famine and
    disaster, suspension after a coup. A regional bloc or alliance acts only on crises in or
    next to its members; a body whose charter forbids interference does not act against its
    own members; a question the body voted on lately is not put again so soon. A proposal is
    worth what it would take off the crisis, on the scale of the responses, times the
    proposer's stake, and less when it can be blocked: the accused party, or a close friend
    of it, holding a veto (or sitting in a body that decides by consensus or unanimity). Each
    member proposes in the body where its proposal stands the best chance."""
    from game.ai.options import RELIEF, TASTE, tag_weights

    if stake is None or not live:
        return
    rules = session.rules
    rows = session.rows
    rel = session.table.relations
    adj = adjacency(session)
    bodies = []
    lasting = derive.lasting(session)
    for inst in session.institutions():
        d = rules.institutions.get(inst.def_id)
        if d is None or not inst.members:
            continue
        # Who votes, whom the body reaches and who can block it change only with its membership.
        key = (tuple(inst.members), tuple(inst.suspended), tuple(inst.permanent), tuple(inst.charter.get("powers", ())))
        found = lasting.get(("ai-body", inst.def_id))
        if found is None or found[0] != key:
            voters = _rows(session, [c for c in inst.members if c not in inst.suspended])
            mask = np.zeros(n, dtype=bool)
            mask[voters] = True
            reach = mask | adj[:, mask].any(axis=1) if d.kind in REGIONAL and not d.foundable else None
            if d.decision.veto == "permanent":
                blockers = _rows(session, [c for c in inst.permanent if c not in inst.suspended])
            elif d.decision.veto == "all" or d.decision.rule in ("unanimity", "consensus"):
                blockers = voters
            else:
                blockers = np.zeros(0, dtype=int)
            found = lasting[("ai-body", inst.def_id)] = (key, mask, reach, set(blockers.tolist()), blockers,
                                                        set(_powers(session, inst)))
        _, mask, reach, blocking, blockers, powers = found
        proposers = mask & ai
        if not proposers.any():
            continue
        bodies.append((inst, d, powers, proposers, reach, blockers, blocking))
    if not bodies:
        return
    able = np.array([b[3] for b in bodies], dtype=float)  # (bodies, n): 1 where the row can propose there
    tabled = {(p.institution, p.resolution, p.target) for p in session.proposals()}
    cooldowns = session.world.cooldowns
    turn = session.turn
    weights: dict[str, np.ndarray] = {}
    requires: dict[tuple, np.ndarray] = {}
    everyone = np.arange(n)
    for i, (crisis, cdef) in enumerate(live):
        if crisis.severity < PROPOSE_MIN_SEVERITY:
            continue
        kinds = PROPOSALS.get(cdef.id, CATEGORY_PROPOSALS.get(cdef.category, ()))
        loc = rows.get(crisis.location)
        if not kinds or loc is None:
            continue
        accused = _accused(crisis, rows)
        vetoes = _Vetoes(rel, accused)
        not_party = np.ones(n, dtype=bool)
        not_party[accused] = False  # a party does not put itself in the dock
        picks: list[tuple[str, str, str]] = []
        scores, chosen = [], []
        for res_id, role in kinds:
            rdef = rules.resolutions.get(res_id)
            if rdef is None:
                continue
            target, trow = crisis.uid, loc
            if role is not None:
                target = crisis.parties.get(role)
                if target not in rows:
                    continue
                trow = rows[target]
            elif rdef.target == "country":
                continue
            helping = rdef.power in HELPING
            if not helping and role is not None:
                if crisis.severity < PUNISH_MIN_SEVERITY:
                    continue  # a party is put in the dock only when the crisis is grave
                if any(cooldowns.get(vote_key(b[0].def_id, res_id, target), -1) > turn for b in bodies):
                    continue  # ...and by one body at a time, not by every forum in turn
            eligible, odds = [], []
            for b, (inst, d, powers, _, reach, blockers, blocking) in enumerate(bodies):
                if rdef.power not in powers or (inst.def_id, res_id, target) in tabled:
                    continue
                if cooldowns.get(vote_key(inst.def_id, res_id, target), -1) > turn:
                    continue  # voted on lately
                if reach is not None and not reach[loc]:
                    continue
                if d.kind in TRADE_BODIES and rdef.power in ("condemnation", "suspension"):
                    continue  # a trade or lending body is no place to judge a war or a coup
                if rdef.target == "country":
                    member = target in inst.members
                    if d.non_interference and member and rdef.power != "recognition":
                        continue
                    if rdef.power == "suspension" and (not member or target in inst.suspended):
                        continue
                blocked = vetoes.blocked(b, blocking, blockers, helping)
                eligible.append(b)
                odds.append(VETO_ODDS if blocked else 1.0)
            if not eligible:
                continue
            names = rules.expr(rdef.requires).names
            if any(x.startswith("institution.") for x in names):  # the body matters: ask each
                chance = np.array([_array(rules, rdef.requires, Scope(session, None, target=trow, crisis=crisis,
                                                                     institution=bodies[b][0]), n, bool)
                                   for b in eligible], dtype=float) * able[eligible]
            else:
                key = (rdef.requires, trow, crisis.uid if any(x.startswith("crisis.") for x in names) else "")
                req = requires.get(key)
                if req is None:
                    req = requires[key] = np.asarray(_value(rules, rdef.requires, Scope(session, None, target=trow, crisis=crisis))) > 0
                chance = able[eligible] * req
            chance = chance * np.asarray(odds)[:, None]
            best = np.argmax(chance, axis=0)  # each member's likeliest body (ties: the first, in id order)
            odds_best = chance[best, everyone]
            ok = (odds_best > 0) & not_party
            if not helping and role is not None:
                ok &= rel[:, trow] < 30  # no one proposes to punish a friend
            if not ok.any():
                continue
            w = weights.get(res_id)
            if w is None:
                w = weights[res_id] = tag_weights(session, POWER_TAGS.get(rdef.power, ("institutions",)))
            gain = _gain(session, rdef, cdef, Scope(session, None, target=trow, crisis=crisis), n)
            score = (TASTE * w + RELIEF * gain) * stake[:, i] * odds_best - rdef.cost / 10.0
            chosen.append(len(picks) + best)
            picks += [(bodies[b][0].def_id, res_id, target) for b in eligible]
            scores.append(np.where(ok, score, NEG))
        if not scores:
            continue
        score = np.column_stack(scores)
        k = np.argmax(score, axis=1)
        s = score[everyone, k]
        pick = np.column_stack(chosen)[everyone, k]
        cost = np.array([rules.resolutions[p[1]].cost for p in picks])[pick]
        add("propose", [crisis.uid], np.where(s > 0, s, NEG), cost, pick, picks=picks)
