"""Carrying out commands: check, pay, apply, record. One function per command type."""

from __future__ import annotations

from collections.abc import Callable

import esper

from game.sim import actions
from game.sim.commands import (
    CastVote,
    ChangeDoctrine,
    Command,
    EnactPolicy,
    Found,
    Ok,
    Propose,
    Rejected,
    RepealPolicy,
    Respond,
    Result,
    TakeAction,
)
from game.sim.components import Government, Institution, Proposal
from game.sim.effects import apply_effects
from game.sim.explain import needs
from game.sim.scope import Scope
from game.sim.session import Session

ALLOWED = Ok("allowed")
RESPONSES_KEPT = 60  # a crisis remembers its most recent responses, for the crisis dialog
_OKS: dict[str, Ok] = {}


def _ok(message: str) -> Ok:
    """Ok(message), one per message: a frozen value, so one serves every command that answers
    with it (the messages name the rules' policies and responses: a few hundred)."""
    found = _OKS.get(message)
    if found is None:
        found = Ok(message)
        if len(_OKS) < 10_000:
            _OKS[message] = found
    return found


def pay(session: Session, code: str, cost: float) -> Result | None:
    """Take the cost, or say why not. In a dry run (Session.can), stop here with Ok: every
    check before paying has passed and nothing has changed yet."""
    have = session.stat(code, "capital")
    if cost > have + 1e-9:
        return Rejected(f"needs {cost:.0f} political capital, you have {have:.0f}")
    if session.dry_run:
        return ALLOWED
    session.change_country(session.rows[code], "capital", -cost)
    return None


def policy_cost(session: Session, code: str, policy_id: str) -> float:
    return _policy_cost(session.rules, session.rules.policies[policy_id], session.government(code))


def _policy_cost(rules, p, gov: Government) -> float:
    if p.doctrine == gov.doctrine:
        return p.cost
    return p.cost * rules.doctrines[p.doctrine].borrow_cost


def enact(session: Session, cmd: EnactPolicy) -> Result:
    rules = session.rules
    p = rules.policies.get(cmd.policy)
    if p is None:
        return Rejected(f"no policy {cmd.policy!r}")
    gov = session.government(cmd.country)
    if cmd.policy in gov.policies:
        return Rejected(f"{p.name} is already in force")
    clash = next((q for q in gov.policies if q in p.excludes or cmd.policy in rules.policies[q].excludes), None) \
        if gov.policies else None
    if clash:
        return Rejected(f"{p.name} cannot stand beside {rules.policies[clash].name}")
    if p.doctrine != gov.doctrine:
        borrowed = sum(1 for q in gov.policies if rules.policies[q].doctrine != gov.doctrine)
        if borrowed >= rules.settings.max_borrowed_policies:
            return Rejected(f"you already borrow {borrowed} policies from other doctrines (the most allowed)")
    scope = Scope(session, session.rows[cmd.country])
    if not bool(rules.expr(p.requires).scalar(scope)):
        return Rejected(needs(session, p.name, p.requires, scope))
    failed = pay(session, cmd.country, _policy_cost(rules, p, gov))
    if failed is not None:  # Rejected is falsy: test for None, not truth
        return failed
    gov.policies.append(cmd.policy)
    apply_effects(session, p.on_enact, p.claims, scope, report=False)
    session.invalidate()
    session.emit("policy_enacted", f"{session.info(cmd.country).name} enacts {p.name}.", (cmd.country,), p.claims, policy=p.id)
    return _ok(f"{p.name} enacted")


def repeal(session: Session, cmd: RepealPolicy) -> Result:
    gov = session.government(cmd.country)
    if cmd.policy not in gov.policies:
        return Rejected("that policy is not in force")
    if session.dry_run:
        return ALLOWED
    gov.policies.remove(cmd.policy)
    session.invalidate()
    name = session.rules.policies[cmd.policy].name if cmd.policy in session.rules.policies else cmd.policy
    session.emit("policy_repealed", f"{session.info(cmd.country).name} repeals {name}.", (cmd.country,))
    return Ok(f"{name} repealed")


def change_doctrine(session: Session, cmd: ChangeDoctrine) -> Result:
    if cmd.doctrine not in session.rules.doctrines:
        return Rejected(f"no doctrine {cmd.doctrine!r}")
    gov = session.government(cmd.country)
    if gov.doctrine == cmd.doctrine:
        return Rejected("that is already your doctrine")
    failed = pay(session, cmd.country, session.rules.settings.doctrine_change_cost)
    if failed is not None:  # Rejected is falsy: test for None, not truth
        return failed
    switch_doctrine(session, cmd.country, cmd.doctrine, "by choice")
    return Ok("doctrine changed")


def switch_doctrine(session: Session, code: str, doctrine: str, why: str, claims: tuple[str, ...] = ()) -> None:
    """Change a state's doctrine, keeping only as many foreign policies as may be borrowed."""
    rules = session.rules
    gov = session.government(code)
    old = gov.doctrine
    gov.doctrine = doctrine
    foreign = [p for p in gov.policies if rules.policies[p].doctrine != doctrine]
    for p in foreign[rules.settings.max_borrowed_policies:]:
        gov.policies.remove(p)
    session.invalidate()
    names = rules.doctrines
    session.emit("doctrine_changed",
                 f"{session.info(code).name} turns from {names[old].name} to {names[doctrine].name} ({why}).",
                 (code,), ("mgo.four-operating-systems", *claims), old=old, new=doctrine)


def respond(session: Session, cmd: Respond) -> Result:
    crisis = session.crisis(cmd.crisis)
    if crisis is None:
        return Rejected("that crisis is over")
    cdef = session.rules.crises[crisis.def_id]
    resp = next((r for r in cdef.responses if r.id == cmd.response), None)
    if resp is None:
        return Rejected(f"{cdef.name} has no response {cmd.response!r}")
    done_key = (session.turn, cmd.country, "respond", crisis.uid, resp.id)
    if done_key in session.acted:
        return Rejected("you already chose that response this turn")
    scope = Scope(session, session.row(cmd.country), location=session.row(crisis.location), crisis=crisis,
                  institution=court_of(session, cdef), response=resp.id)
    if not bool(session.rules.expr(resp.requires).scalar(scope)):
        return Rejected(needs(session, resp.name, resp.requires, scope))
    if resp.resolution is not None:
        inst = pick_forum(session, cmd.country, resp.resolution, session.rules.expr(resp.requires).names)
        if inst is None:
            return Rejected(f"{resp.name} needs a vote in a body you belong to that can pass it")
        # A resolution about a country (a suspension) names the crisis country, not the crisis.
        target = crisis.location if session.rules.resolutions[resp.resolution].target == "country" else crisis.uid
        proposed = propose(session, Propose(cmd.country, inst.def_id, resp.resolution, target), cost=resp.cost)
        if not proposed or session.dry_run:
            return proposed
    else:
        failed = pay(session, cmd.country, resp.cost)
        if failed is not None:  # Rejected is falsy: test for None, not truth
            return failed
        apply_effects(session, resp.effects, resp.claims or cdef.claims, scope, report=False)
        after_response(session, cmd.country, crisis, cdef, resp.kind, scope.institution)
    crisis.attention += resp.attention
    crisis.responses.append([session.turn, cmd.country, resp.id])
    del crisis.responses[:-RESPONSES_KEPT]
    session.acted.add(done_key)
    session.emit("crisis_response", f"{session.info(cmd.country).name}: {resp.name} ({cdef.name} in {session.info(crisis.location).name}).",
                 (cmd.country, crisis.location), resp.claims, crisis=crisis.uid, response=resp.id, response_kind=resp.kind)
    return _ok(resp.name)


def court_of(session: Session, cdef) -> Institution | None:
    """A legal crisis is about a court's warrant: `institution.*` in its responses is the
    court that can issue one (the ICC)."""
    if cdef.category != "legal":
        return None
    for inst in session.institutions():
        d = session.rules.institutions.get(inst.def_id)
        if d is not None and d.kind == "court" and "arrest_warrant" in institution_powers(session, inst):
            return inst
    return None


def after_response(session: Session, code: str, crisis, cdef, kind: str, court: Institution | None) -> None:
    """The structural part of a response (the data gives its figures)."""
    from game.sim.systems.crises import RENEWALS, lapse_sanctions

    if court is not None and kind == "ignore":
        court.ignored += 1  # nlio.court-credibility: one more ruling its own members ignored
    elif court is not None and kind == "arrest":
        served = crisis.parties.get("indicted")
        if served in session.world.indicted:
            session.world.indicted.remove(served)  # the warrant is served: it bites only now
    if cdef.id in RENEWALS and kind == "ignore" and code == crisis.location:
        lapse_sanctions(session, crisis)


def pick_forum(session: Session, code: str, resolution: str, names: frozenset[str] = frozenset()) -> Institution | None:
    """The body a response puts its resolution to: one its `requires` names (member.<id>:
    "act through the Alliance" goes to the Alliance), else the Security Council first, where
    mandates are meant to come from."""
    power = session.rules.resolutions[resolution].power
    forums = [i for i in session.institutions()
              if code in i.members and code not in i.suspended and power in institution_powers(session, i)]
    forums.sort(key=lambda i: (f"member.{i.def_id}" not in names, i.def_id != "unsc", i.def_id))
    return forums[0] if forums else None


def institution_powers(session: Session, inst: Institution) -> tuple[str, ...]:
    if "powers" in inst.charter:
        return tuple(inst.charter["powers"])
    return session.rules.institutions[inst.def_id].powers


def propose(session: Session, cmd: Propose, cost: float | None = None) -> Result:
    inst = session.institution(cmd.institution)
    if inst is None:
        return Rejected(f"no institution {cmd.institution!r} in this world")
    rdef = session.rules.resolutions.get(cmd.resolution)
    if rdef is None:
        return Rejected(f"no resolution {cmd.resolution!r}")
    if cmd.country not in inst.members or cmd.country in inst.suspended:
        return Rejected(f"only members of {session.rules.institutions[inst.def_id].name} can propose there")
    if rdef.power not in institution_powers(session, inst):
        return Rejected(f"{session.rules.institutions[inst.def_id].name} has no power of {rdef.power}")
    if rdef.target == "crisis":
        crisis = session.crisis(cmd.target)
        if crisis is None:
            return Rejected("that crisis is over")
        target_row = session.row(crisis.location)
    else:
        if cmd.target not in session.rows:
            return Rejected(f"no country {cmd.target!r}")
        target_row = session.row(cmd.target)
        crisis = None
    idef = session.rules.institutions[inst.def_id]
    if idef.non_interference and rdef.target == "country" and rdef.power != "recognition" and cmd.target in inst.members:
        # mgo.regional-sovereignty-charters: the charter shields members from the body itself.
        return Rejected(f"the charter of {idef.name} forbids acting against a member's internal affairs")
    if any(p.institution == inst.def_id and p.resolution == rdef.id and p.target == cmd.target for p in session.proposals()):
        return Rejected("the same resolution is already on the table")
    scope = Scope(session, session.row(cmd.country), target=target_row, crisis=crisis, institution=inst)
    if not bool(session.rules.expr(rdef.requires).scalar(scope)):
        return Rejected(needs(session, rdef.name, rdef.requires, scope))
    failed = pay(session, cmd.country, rdef.cost if cost is None else cost)
    if failed is not None:  # Rejected is falsy: test for None, not truth
        return failed
    uid = session.new_uid("p")
    esper.create_entity(Proposal(uid=uid, institution=inst.def_id, resolution=rdef.id, proposer=cmd.country,
                                 target=cmd.target, turn=session.turn, votes={cmd.country: "yes"}))
    what = session.info(crisis.location).name if crisis else session.info(cmd.target).name
    session.emit("resolution_proposed", f"{session.info(cmd.country).name} proposes {rdef.name} on {what} in {session.rules.institutions[inst.def_id].name}.",
                 (cmd.country,), rdef.claims, proposal=uid)
    return Ok(f"{rdef.name} proposed")


def vote(session: Session, cmd: CastVote) -> Result:
    prop = next((p for p in session.proposals() if p.uid == cmd.proposal), None)
    if prop is None:
        return Rejected("no such proposal is open")
    inst = session.institution(prop.institution)
    if inst is None or cmd.country not in inst.members or cmd.country in inst.suspended:
        return Rejected("only members vote")
    if cmd.vote not in ("yes", "no", "abstain"):
        return Rejected("vote yes, no or abstain")
    if session.dry_run:
        return ALLOWED
    prop.votes[cmd.country] = cmd.vote
    return _ok(f"voted {cmd.vote}")


def found(session: Session, cmd: Found) -> Result:
    d = session.rules.institutions.get(cmd.institution)
    if d is None or not d.foundable:
        return Rejected(f"{cmd.institution!r} cannot be founded")
    if session.institution(cmd.institution) is not None:
        return Rejected(f"{d.name} already exists")
    scope = Scope(session, session.row(cmd.country))
    if not bool(session.rules.expr(d.found_requires).scalar(scope)):
        return Rejected(needs(session, f"founding {d.name}", d.found_requires, scope))
    opts = d.charter_options
    charter: dict = {}
    if opts is not None:
        if cmd.rule not in opts.rules:
            return Rejected(f"the charter may use: {', '.join(opts.rules)}")
        lo, hi = opts.min_democracy
        if not lo <= cmd.min_democracy <= hi:
            return Rejected(f"the democracy threshold must be between {lo} and {hi}")
        bad = [p for p in cmd.powers if p not in opts.powers]
        if bad:
            return Rejected(f"the charter cannot grant: {', '.join(bad)}")
        charter = {"rule": cmd.rule, "min_democracy": cmd.min_democracy,
                   "powers": list(cmd.powers or opts.powers)}
    failed = pay(session, cmd.country, d.found_cost)
    if failed is not None:  # Rejected is falsy: test for None, not truth
        return failed
    esper.create_entity(Institution(def_id=d.id, members=[cmd.country], legitimacy=d.legitimacy, power=d.power,
                                    founder=cmd.country, founded_turn=session.turn, charter=charter))
    session.invalidate()
    session.emit("institution_founded", f"{session.info(cmd.country).name} founds {d.name}.", (cmd.country,), d.claims, institution=d.id)
    return Ok(f"{d.name} founded")


HANDLERS: dict[type, Callable[[Session, Command], Result]] = {
    EnactPolicy: enact,
    RepealPolicy: repeal,
    ChangeDoctrine: change_doctrine,
    TakeAction: actions.take,
    Respond: respond,
    Propose: propose,
    CastVote: vote,
    Found: found,
}


def handle(session: Session, cmd: Command) -> Result:
    handler = HANDLERS.get(type(cmd))
    if handler is None:
        return Rejected(f"unknown command {type(cmd).__name__}")
    return handler(session, cmd)
