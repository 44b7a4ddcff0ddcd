"""How AI members vote, and why. Each vote records its motive for the votes screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.sim.actions import has_pair

if TYPE_CHECKING:
    from game.sim.components import Proposal
    from game.sim.session import Session


def stance(session: Session, voter: str, prop: Proposal) -> tuple[str, str, tuple[str, ...]]:
    """(vote, motive, claims) of one AI member on one proposal."""
    rules = session.rules
    rdef = rules.resolutions[prop.resolution]
    crisis = session.crisis(prop.target) if rdef.target == "crisis" else None
    target = crisis.location if crisis else prop.target
    if target not in session.rows:
        return "abstain", "nothing to vote on", ()
    gov = session.government(voter)
    t = session.table
    v, tr = session.row(voter), session.row(target)
    rel_target = float(t.relations[v, tr])
    accused = [crisis.parties.get(r) for r in ("aggressor", "patron", "government")] if crisis else [target]
    accused = [a for a in accused if a in session.rows]
    if voter in accused:
        return "no", "it is aimed at us", ("nlio.aggressor-holds-veto",)
    friend = max((float(t.relations[v, session.row(a)]) for a in accused), default=rel_target)
    helping = rdef.power in ("aid", "peacekeeping", "recognition")
    if friend >= 60 and not helping:
        return "no", f"shielding a close partner (relations {friend:.0f})", ("nlio.institutions-enable-aggressors",)
    if gov.doctrine == "sovereign" and rdef.binding and rdef.power != "aid":
        if rdef.power == "peacekeeping" and session.stat(voter, "legitimacy") < 60:
            return "yes", "backing peacekeeping for standing, despite misgivings about intervention", ("mgo.r2p-tension",)
        return "no", "binding mandates cede sovereignty", ("mgo.no-supranational-cession",)
    trade = [sorted([voter, a]) for a in accused]
    depends = any(has_pair(session.world.trade, p) for p in trade) or any(
        lender in accused and borrower == voter for lender, borrower, _ in session.world.loans)
    if depends and not helping and session.rng.random() < 0.6:
        return "abstain", "too dependent on them to speak out", ("nlio.dependence-buys-silence",)
    if helping:
        return "yes", "supports relief and order", ("nlio.un-successes",)
    if rel_target < -20 or session.stat(target, "democracy") < 35 <= session.stat(voter, "democracy"):
        return "yes", f"at odds with {session.info(target).name} (relations {rel_target:.0f})", rdef.claims
    if rel_target > 30:
        return "no", f"on good terms with {session.info(target).name}", ()
    return "abstain", "no stake either way", ()


def cast_votes(session: Session, humans: set[str]) -> None:
    for prop in session.proposals():
        inst = session.institution(prop.institution)
        if inst is None:
            continue
        for voter in inst.members:
            if voter in inst.suspended or voter in prop.votes or voter in humans:
                continue
            vote, motive, claims = stance(session, voter, prop)
            prop.votes[voter] = vote
            prop.motives[voter] = {"vote": vote, "why": motive, "claims": list(claims)}
