"""Counting votes by each charter's decision rule, vetoes included, and carrying out results."""

from __future__ import annotations

from typing import TYPE_CHECKING

import esper

from game.sim.components import Institution, Proposal
from game.sim.effects import apply_effects
from game.sim.scope import Scope

if TYPE_CHECKING:
    from game.sim.session import Session


REPEAT_AFTER_PASS = 8  # turns before the same resolution on the same target comes back after it passed
REPEAT_AFTER_FAIL = 4  # ...after it failed or was vetoed


def vote_key(institution: str, resolution: str, target: str) -> str:
    """The world.cooldowns key that holds when a vote on this question was last taken."""
    return f"vote:{institution}:{resolution}:{target}"


def decision_rule(session: Session, inst: Institution) -> tuple[str, float, str, str]:
    d = session.rules.institutions[inst.def_id].decision
    rule = inst.charter.get("rule", d.rule)
    threshold = d.threshold if rule in ("qualified_majority", "weighted") else 0.5
    if rule == "qualified_majority" and "rule" in inst.charter:
        threshold = max(threshold, 2 / 3)
    return rule, threshold, d.weight, d.veto


def tally(session: Session, inst: Institution, votes: dict[str, str]) -> tuple[bool, list[str]]:
    """(passed, vetoed_by) for these votes under the institution's rule."""
    rule, threshold, weight, veto = decision_rule(session, inst)
    voters = [c for c in inst.members if c not in inst.suspended]
    if not voters:
        return False, []
    no = [c for c in voters if votes.get(c) == "no"]
    yes = [c for c in voters if votes.get(c) == "yes"]
    if veto == "permanent":
        vetoed = [c for c in no if c in inst.permanent]
    elif veto == "all" or rule == "unanimity":
        vetoed = no
    else:
        vetoed = []
    if vetoed:
        return False, sorted(vetoed)
    if rule == "unanimity":
        return len(yes) == len(voters), []
    if rule == "consensus":
        return not no and bool(yes), []
    if rule == "majority":
        return len(yes) * 2 > len(voters), []
    if rule == "qualified_majority":
        return len(yes) >= threshold * len(voters) - 1e-9, []
    t = session.table
    col = t.stat_ids.index("gdp" if weight == "gdp" else "population")
    w = {c: (1.0 if weight == "equal" else float(t.stats[session.row(c), col])) for c in voters}
    total = sum(w.values()) or 1.0
    return sum(w[c] for c in yes) / total >= threshold, []


def awaits_humans(session: Session, prop: Proposal, inst: Institution, humans: set[str] | None = None) -> bool:
    """An AI proposal made this turn waits a turn when human members have not yet seen it,
    so that every human seat gets to vote on it."""
    if humans is None:
        humans = set(session.human_codes())
    if prop.turn != session.turn or prop.proposer in humans:
        return False
    return any(c in humans and c not in prop.votes for c in inst.members if c not in inst.suspended)


def count_votes(session: Session) -> None:
    humans = set(session.human_codes())
    marks = session.world.cooldowns
    for key in [k for k, until in marks.items() if k.startswith("vote:") and until <= session.turn]:
        del marks[key]  # questions that may be put again need no mark
    structural = False
    for prop in session.proposals():
        inst = session.institution(prop.institution)
        if inst is not None and awaits_humans(session, prop, inst, humans):
            continue
        if inst is not None:
            structural |= resolve(session, prop, inst)
        for ent, p in esper.get_component(Proposal):
            if p is prop:
                esper.delete_entity(ent, immediate=True)
    if structural:
        # Sanctions, suspensions and recognitions change the derived figures (who is
        # sanctioned, who sits where); other outcomes move only figures the arrays already hold.
        session.invalidate()


STRUCTURAL = ("sanctions", "suspension", "recognition")  # powers whose outcome changes the derived figures


def resolve(session: Session, prop: Proposal, inst: Institution) -> bool:
    """Count one proposal and carry out the result; True when it changed the world's structure
    (a passed resolution of a STRUCTURAL power)."""
    rules = session.rules
    rdef = rules.resolutions[prop.resolution]
    idef = rules.institutions[inst.def_id]
    passed, vetoed_by = tally(session, inst, prop.votes)
    crisis = session.crisis(prop.target) if rdef.target == "crisis" else None
    target_code = crisis.location if crisis else prop.target
    if target_code not in session.rows:
        return False
    target = session.row(target_code)
    counters = session.world.counters
    counters["resolutions_voted"] = counters.get("resolutions_voted", 0) + 1
    # The body has spoken: the same question comes back only after a while (the AI reads this).
    session.world.cooldowns[vote_key(prop.institution, prop.resolution, prop.target)] = session.turn + (
        REPEAT_AFTER_PASS if passed and not vetoed_by else REPEAT_AFTER_FAIL)
    if vetoed_by:
        counters["vetoes"] = counters.get("vetoes", 0) + len(vetoed_by)
        session.world.vetoes_last_turn += len(vetoed_by)
        if crisis is not None:
            crisis.vetoed = True
        for code in vetoed_by:
            apply_effects(session, rdef.on_veto, rdef.claims, Scope(session, session.row(code), target=target, crisis=crisis, institution=inst))
    elif passed:
        apply_effects(session, rdef.on_pass, rdef.claims, Scope(session, session.row(prop.proposer), target=target, crisis=crisis, institution=inst))
        carry_out(session, rdef.power, prop, inst, target_code, crisis)
    else:
        apply_effects(session, rdef.on_fail, rdef.claims, Scope(session, session.row(prop.proposer), target=target, crisis=crisis, institution=inst))
    tally_text = ", ".join(f"{v}: {sum(1 for x in prop.votes.values() if x == v)}" for v in ("yes", "no", "abstain"))
    verdict = "passes" if passed else ("is vetoed by " + ", ".join(session.info(c).name for c in vetoed_by) if vetoed_by else "fails")
    session.emit("resolution_voted", f"{idef.name}: {rdef.name} on {session.info(target_code).name} {verdict} ({tally_text}).",
                 (target_code, *vetoed_by), rdef.claims + (("nlio.aggressor-holds-veto",) if vetoed_by else ()),
                 institution=inst.def_id, resolution=rdef.id, passed=passed, vetoed_by=vetoed_by,
                 votes=dict(sorted(prop.votes.items())), motives=dict(sorted(prop.motives.items())))
    return passed and rdef.power in STRUCTURAL


def carry_out(session: Session, power: str, prop: Proposal, inst: Institution, target: str, crisis) -> None:
    w = session.world
    if power == "sanctions":
        yes = [c for c, v in prop.votes.items() if v == "yes"]
        binding = session.rules.resolutions[prop.resolution].binding
        by = [c for c in inst.members if c not in inst.suspended] if binding else yes
        w.sanctions[target] = sorted({*w.sanctions.get(target, []), *by} - {target})
    elif power in ("peacekeeping", "force") and crisis is not None:
        crisis.mandate = True
    elif power == "arrest_warrant" and target not in w.indicted:
        w.indicted.append(target)
        w.indicted.sort()
    elif power == "suspension" and target in inst.members and target not in inst.suspended:
        inst.suspended = sorted([*inst.suspended, target])
    elif power == "recognition":
        pair = sorted([prop.proposer, target])
        if pair not in w.recognitions:
            w.recognitions.append(pair)
            w.recognitions.sort()
    elif power in ("aid",) and crisis is not None:
        crisis.attention += 1.0
