"""Actions from rules/actions: the data gives cost, conditions and effects; `kind` adds the
structural part here (a trade link, a loan, a membership...)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import numpy as np

from game.rules.expr import Expr
from game.sim.commands import Ok, Rejected, Result, TakeAction
from game.sim.effects import apply_effects
from game.sim.explain import needs
from game.sim.scope import Scope

if TYPE_CHECKING:
    from game.rules.models import ActionDef
    from game.sim.session import Session


def pair(a: str, b: str) -> list[str]:
    return sorted([a, b])


def has_pair(pairs: list, p: list[str]) -> bool:
    """Whether a sorted list of pairs holds p (binary search: the trade list grows to thousands)."""
    i = bisect.bisect_left(pairs, p)
    return i < len(pairs) and pairs[i] == p


def check(session: Session, cmd: TakeAction) -> tuple[ActionDef | None, Scope | None, float, str]:
    """Whether the action can be taken: (def, scope, cost, reason-if-not)."""
    rules = session.rules
    a = rules.actions.get(cmd.action)
    if a is None:
        return None, None, 0.0, f"no action {cmd.action!r}"
    actor = session.rows[cmd.country]
    inst = None
    target_row = None
    if a.target == "country":
        target_row = session.rows.get(cmd.target)
        if target_row is None:
            return a, None, 0.0, f"{a.name} needs a target country"
        if cmd.target == cmd.country:
            return a, None, 0.0, f"{a.name} must target another country"
    elif a.kind == "change_doctrine":
        pass  # the target is a doctrine id, checked with the structure below
    elif a.target == "institution":
        if a.kind == "found":
            d = rules.institutions.get(cmd.target)
            if d is None or not d.foundable:
                return a, None, 0.0, f"{cmd.target!r} cannot be founded"
        else:
            inst = session.institution(cmd.target)
            if inst is None:
                return a, None, 0.0, f"no institution {cmd.target!r} in this world"
    requires, cost_expr, cost_constant, _ = _plan(rules, a)
    scope = Scope(session, actor, target_row, None, None, inst)  # target, location, crisis, institution
    if not bool(requires.scalar(scope)):
        return a, scope, 0.0, needs(session, a.name, a.requires, scope)
    reason = structural_check(session, a, cmd)
    cost = cost_constant if cost_constant is not None else cost_expr.scalar(scope)  # most costs are plain numbers
    cost = (cost if cost > 0.0 else 0.0) + charter_cost(session, a, cmd)  # max(0.0, cost), written out
    return a, scope, cost, reason


# Per action, worked out once: its `requires` and `cost` compiled (a command would otherwise
# look both up by their text; the same text compiles to the same function whatever rules it
# comes from), the cost when it is a plain number (Expr.constant: what .scalar() returns for
# it) and the Ok a taken action answers with (a frozen value, so one serves every taking).
_PLANS: dict[int, tuple[ActionDef, tuple[Expr, Expr, float | None, Ok]]] = {}


def _plan(rules, a: ActionDef) -> tuple[Expr, Expr, float | None, Ok]:
    found = _PLANS.get(id(a))
    if found is not None and found[0] is a:
        return found[1]
    if len(_PLANS) > 4096:  # many reloads of the rules: start again
        _PLANS.clear()
    cost = rules.expr(a.cost)
    plan = (rules.expr(a.requires), cost, cost.constant if type(cost.constant) is float else None, Ok(a.name))
    _PLANS[id(a)] = (a, plan)
    return plan


def charter_cost(session: Session, a: ActionDef, cmd: TakeAction) -> float:
    """Joining and leaving cost what the institution's charter says, on top of the action."""
    kind = a.kind
    if kind != "apply" and kind != "leave":
        return 0.0  # founding charges found_cost in the found handler
    d = session.rules.institutions.get(cmd.target)
    if d is None:
        return 0.0
    return d.join_cost if kind == "apply" else d.exit_cost


# The kinds structural_check has a test for besides "already done this turn" (a kind given a
# test below must be added here; the others, most actions, skip the chain).
_STRUCTURAL_CHECKS = frozenset({"trade_deal", "sanction", "lift_sanctions", "recognise", "apply", "leave", "found",
                                "change_doctrine"})


def structural_check(session: Session, a: ActionDef, cmd: TakeAction) -> str:
    kind = a.kind
    if kind in _STRUCTURAL_CHECKS:
        w = session.world
        if kind == "trade_deal" and has_pair(w.trade, pair(cmd.country, cmd.target)):
            return "you already have a trade deal"
        if kind == "sanction" and cmd.country in w.sanctions.get(cmd.target, []):
            return "you already sanction them"
        if kind == "lift_sanctions" and cmd.country not in w.sanctions.get(cmd.target, []):
            return "you do not sanction them"
        if kind == "recognise" and pair(cmd.country, cmd.target) in w.recognitions:
            return "you already recognise each other"
        if kind in ("apply", "leave"):
            inst = session.institution(cmd.target)
            member = inst is not None and cmd.country in inst.members
            if kind == "apply" and member:
                return "you are already a member"
            if kind == "leave" and not member:
                return "you are not a member"
        if kind == "found" and session.institution(cmd.target) is not None:
            return "it already exists"
        if kind == "change_doctrine" and cmd.target not in session.rules.doctrines:
            return "choose the doctrine to turn to"
    if (session.turn, cmd.country, cmd.action, cmd.target) in session.acted:
        return "already done this turn"
    return ""


def take(session: Session, cmd: TakeAction) -> Result:
    a, scope, cost, reason = check(session, cmd)
    if reason or a is None or scope is None:
        return Rejected(reason or "cannot do that")
    have = session.stat(cmd.country, "capital")
    if cost > have + 1e-9:
        return Rejected(f"needs {cost:.0f} political capital, you have {have:.0f}")
    kind = a.kind
    if kind == "apply":
        admitted, why = admit(session, cmd.country, cmd.target)
        if not admitted:
            return Rejected(why)
    if kind == "found":
        # The found handler checks the founding requirement and pays the founding cost (or,
        # in a dry run, stops there); it must succeed before the action counts as taken.
        founded = found_with_default_charter(session, cmd.country, cmd.target)
        if not founded or session.dry_run:
            return founded
    elif session.dry_run:
        return Ok("allowed")
    session.change_country(scope.actor, "capital", -cost)
    structural(session, a, cmd)
    # Diminishing returns (crowd_scale): how many have taken it this turn, then one more. The
    # effects touch neither session.acted nor session.cache, so the count found before them
    # is the one to add to after them.
    _, total, counts = _taken(session)
    aimed = (cmd.action, cmd.target or cmd.country)
    before = counts.get(aimed, 0)
    apply_effects(session, a.effects, a.claims, scope, scale=1.0 / (1.0 + before), report=False)
    session.acted.add((session.turn, cmd.country, cmd.action, cmd.target))
    counts[aimed] = before + 1
    total[0] += 1
    at_country = cmd.target in session.rows
    target = session.info(cmd.target).name if at_country else (
        session.rules.institutions[cmd.target].name if cmd.target in session.rules.institutions else "")
    text = f"{session.info(cmd.country).name}: {a.name} ({target})." if target else f"{session.info(cmd.country).name}: {a.name}."
    session.emit("action", text, (cmd.country, cmd.target) if at_country else (cmd.country,), a.claims,
                 action=a.id, action_kind=kind, target=cmd.target)
    return _plan(session.rules, a)[3]


def taken_this_turn(session: Session) -> dict[tuple[str, str], int]:
    """(action, target) -> how many countries have taken it this turn (the target of an action
    taken at home is the actor itself). Diminishing returns: the n-th country to take the same
    action against the same target in one turn gets 1/n of its effects, so that a crowd of
    governments acting at once moves a figure no further than a few would.

    Derived from session.acted (saved with the turn's state, reset each turn), so a game loaded
    mid-turn counts the same; kept in session.cache, which is emptied with it, and counted again
    whenever acted is replaced or has lost entries (only `take` adds the four-part entries
    counted here)."""
    return _taken(session)[2]


def _taken(session: Session) -> tuple[tuple[int, int], list[int], dict[tuple[str, str], int]]:
    """taken_this_turn's cache entry: ((turn, id(acted)), [entries counted], counts)."""
    acted = session.acted
    found = session.cache.get("taken-this-turn")
    if found is not None:  # the AI asks after every command it carries out: answered without a new tuple
        stamp = found[0]
        if stamp[1] == id(acted) and stamp[0] == session.turn and len(acted) >= found[1][0]:
            return found
    counts: dict[tuple[str, str], int] = {}
    total = 0
    turn = session.turn
    for key in acted:
        if len(key) == 4 and key[0] == turn:
            aimed = (key[2], key[3] or key[1])  # an action at home is aimed at the actor itself
            counts[aimed] = counts.get(aimed, 0) + 1
            total += 1
    found = session.cache["taken-this-turn"] = ((turn, id(acted)), [total], counts)
    return found


def crowd_scale(session: Session, action: str, target: str) -> float:
    """The share of its effects the next taking of `action` on `target` gets this turn
    (`target` is the actor itself for an action at home): 1, then 1/2, 1/3..."""
    return 1.0 / (1.0 + taken_this_turn(session).get((action, target), 0))


def found_with_default_charter(session: Session, code: str, iid: str) -> Result:
    """Found through the generic action (no charter choices): the body's own decision rule (or
    the first its charter allows), a democracy bar of 70 kept within the allowed range, and
    every power the charter may grant."""
    from game.sim.commands import Found
    from game.sim.handlers import found

    d = session.rules.institutions[iid]
    opts = d.charter_options
    if opts is None:
        return found(session, Found(code, iid))
    rule = d.decision.rule if d.decision.rule in opts.rules else opts.rules[0]
    lo, hi = opts.min_democracy
    return found(session, Found(code, iid, rule=rule, min_democracy=int(min(max(70, lo), hi))))


def admit(session: Session, code: str, iid: str) -> tuple[bool, str]:
    """Charter criteria gate accession (nlio.membership-standards)."""
    inst = session.institution(iid)
    d = session.rules.institutions[iid]
    scope = Scope(session, session.row(code), institution=inst)
    for crit in d.criteria:
        if not bool(session.rules.expr(crit.when).scalar(scope)):
            return False, f"{d.name} requires: {crit.text}"
    if inst is not None and d.seats is not None and len(inst.members) >= d.seats:
        return False, f"{d.name} has no free seat: seats open as elected members' terms end"
    floor = inst.charter.get("min_democracy") if inst else None
    if floor is not None and session.stat(code, "democracy") < floor:
        return False, f"{d.name}'s charter requires a democracy index of {floor}"
    return True, ""


def structural(session: Session, a: ActionDef, cmd: TakeAction) -> None:
    """The built-in part of an action of this kind (none for plain effects), then the derived
    figures are marked stale."""
    part = _STRUCTURE.get(a.kind)
    if part is not None:
        part(session, cmd)
    session.invalidate()


def _trade_deal(session: Session, cmd: TakeAction) -> None:
    bisect.insort(session.world.trade, pair(cmd.country, cmd.target))  # the list stays sorted


def _sanction(session: Session, cmd: TakeAction) -> None:
    w = session.world
    w.sanctions[cmd.target] = sorted({*w.sanctions.get(cmd.target, []), cmd.country})
    w.counters["sanctions_imposed"] = w.counters.get("sanctions_imposed", 0) + 1


def _lift_sanctions(session: Session, cmd: TakeAction) -> None:
    w = session.world
    left = [c for c in w.sanctions.get(cmd.target, []) if c != cmd.country]
    if left:
        w.sanctions[cmd.target] = left
    else:
        w.sanctions.pop(cmd.target, None)


def _recognise(session: Session, cmd: TakeAction) -> None:
    w = session.world
    w.recognitions.append(pair(cmd.country, cmd.target))
    w.recognitions.sort()


def _loan(session: Session, cmd: TakeAction) -> None:
    session.world.loans.append([cmd.country, cmd.target, 2.0])


def _apply(session: Session, cmd: TakeAction) -> None:
    inst = session.institution(cmd.target)
    if inst is not None:
        inst.members = sorted({*inst.members, cmd.country})
        session.world.cooldowns[f"seat:{inst.def_id}:{cmd.country}"] = session.turn
        session.table.flows.setdefault("nearby_alliance", None)
        mark_nearby(session, cmd.country, inst.def_id)
        session.emit("joined", f"{session.info(cmd.country).name} joins {session.rules.institutions[inst.def_id].name}.",
                     (cmd.country,), ("nlio.west-is-values-club",) if inst.def_id == "alliance_of_democracies" else (),
                     institution=inst.def_id)


def _leave(session: Session, cmd: TakeAction) -> None:
    inst = session.institution(cmd.target)
    if inst is not None:
        inst.members = [c for c in inst.members if c != cmd.country]
        inst.suspended = [c for c in inst.suspended if c != cmd.country]
        d = session.rules.institutions[inst.def_id]
        apply_effects(session, d.exit_effects, d.claims, Scope(session, session.row(cmd.country), institution=inst))


def _change_doctrine(session: Session, cmd: TakeAction) -> None:
    from game.sim.handlers import switch_doctrine

    switch_doctrine(session, cmd.country, cmd.target, "by choice")


def _suppress(session: Session, cmd: TakeAction) -> None:
    add_suppression(session, cmd.country)


# Action kind -> its built-in part. The other kinds (effects, arms, aid, found, propose) have
# none here: their rules' effects are the whole of them (found's part is the found handler).
_STRUCTURE = {
    "trade_deal": _trade_deal,
    "sanction": _sanction,
    "lift_sanctions": _lift_sanctions,
    "recognise": _recognise,
    "loan": _loan,
    "apply": _apply,
    "leave": _leave,
    "change_doctrine": _change_doctrine,
    "suppress": _suppress,
}


SUPPRESSION_PER_ACTION = 50.0


def add_suppression(session: Session, code: str) -> None:
    """mgo.pre-empt-colour-revolutions: police on the streets this turn. The `suppression`
    name (0-100) slows every movement and damps protests; game.sim.systems.crises clears it."""
    t = session.table
    flags = t.flows.get("suppression")
    if flags is None:
        flags = np.zeros(len(t.codes))
    row = session.row(code)
    level = flags.item(row) + SUPPRESSION_PER_ACTION
    flags[row] = level if level < 100.0 else 100.0  # min(100.0, level), written out
    t.flows["suppression"] = flags


def mark_nearby(session: Session, code: str, iid: str) -> None:
    """mgo.pressure-paths-differ: an alliance growing on a border raises the neighbours' threat."""
    d = session.rules.institutions[iid]
    if d.kind != "alliance":
        return
    t = session.table
    flags = t.flows.get("nearby_alliance")
    if flags is None or not isinstance(flags, np.ndarray):
        flags = np.zeros(len(t.codes))
    for o in t.neighbours[session.row(code)]:
        flags[o] = 1.0
    t.flows["nearby_alliance"] = flags
