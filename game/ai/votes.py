"""How AI members vote, and why. Each vote records its motive for the votes screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.sim.actions import has_pair

if TYPE_CHECKING:
    from game.sim.components import Proposal
    from game.sim.session import Session


class Question:
    """What every voter needs to know about one proposal, worked out once for the whole body
    (a proposal in the General Assembly is weighed by some 190 members)."""

    def __init__(self, session: Session, prop: Proposal):
        rules = session.rules
        self.rdef = rdef = rules.resolutions[prop.resolution]
        crisis = session.crisis(prop.target) if rdef.target == "crisis" else None
        self.target = crisis.location if crisis else prop.target
        self.valid = self.target in session.rows
        accused = [crisis.parties.get(r) for r in ("aggressor", "patron", "government")] if crisis else [self.target]
        self.accused = [a for a in accused if a in session.rows]
        self.accused_rows = [session.row(a) for a in self.accused]
        self.helping = rdef.power in ("aid", "peacekeeping", "recognition")
        # Who depends on the accused: trade partners and borrowers from them.
        self.borrowers = {borrower for lender, borrower, _ in session.world.loans if lender in self.accused}
        if self.valid:
            self.target_row = session.row(self.target)
            self.target_name = session.info(self.target).name
            self.target_democracy = session.stat(self.target, "democracy")


def stance(session: Session, voter: str, prop: Proposal, q: Question | None = None) -> tuple[str, str, tuple[str, ...]]:
    """(vote, motive, claims) of one AI member on one proposal."""
    if q is None:
        q = Question(session, prop)
    if not q.valid:
        return "abstain", "nothing to vote on", ()
    rdef = q.rdef
    gov = session.government(voter)
    t = session.table
    v = session.row(voter)
    rel_target = float(t.relations[v, q.target_row])
    accused = q.accused
    if voter in accused:
        return "no", "it is aimed at us", ("nlio.aggressor-holds-veto",)
    friend = max((float(t.relations[v, a]) for a in q.accused_rows), default=rel_target)
    helping = q.helping
    if friend >= 60 and not helping:
        return "no", f"shielding a close partner (relations {friend:.0f})", ("nlio.institutions-enable-aggressors",)
    if gov.doctrine == "sovereign" and rdef.binding and rdef.power != "aid":
        if rdef.power == "peacekeeping" and session.stat(voter, "legitimacy") < 60:
            return "yes", "backing peacekeeping for standing, despite misgivings about intervention", ("mgo.r2p-tension",)
        return "no", "binding mandates cede sovereignty", ("mgo.no-supranational-cession",)
    depends = voter in q.borrowers or any(has_pair(session.world.trade, sorted([voter, a])) for a in accused)
    if depends and not helping and session.rng.random() < 0.6:
        return "abstain", "too dependent on them to speak out", ("nlio.dependence-buys-silence",)
    if helping:
        return "yes", "supports relief and order", ("nlio.un-successes",)
    if rel_target < -20 or q.target_democracy < 35 <= session.stat(voter, "democracy"):
        return "yes", f"at odds with {q.target_name} (relations {rel_target:.0f})", rdef.claims
    if rel_target > 30:
        return "no", f"on good terms with {q.target_name}", ()
    return "abstain", "no stake either way", ()


def cast_votes(session: Session, humans: set[str]) -> None:
    """Every AI member votes on every open proposal: the same reasoning as stance(), for the
    whole body at once (arrays over its voters), then one motive per voter. The voters that
    weigh their dependence on the accused draw from the session RNG in member order, as
    stance() would."""
    import numpy as np

    t = session.table
    rows = session.rows
    doctrines = {code: gov.doctrine for code, gov in session.governments()}
    legit, democ = t.stat_ids.index("legitimacy"), t.stat_ids.index("democracy")
    for prop in session.proposals():
        inst = session.institution(prop.institution)
        if inst is None:
            continue
        voters = [c for c in inst.members if c not in inst.suspended and c not in prop.votes and c not in humans]
        if not voters:
            continue
        q = Question(session, prop)
        if not q.valid:
            for voter in voters:
                prop.votes[voter] = "abstain"
                prop.motives[voter] = {"vote": "abstain", "why": "nothing to vote on", "claims": []}
            continue
        rdef = q.rdef
        v = np.fromiter((rows[c] for c in voters), dtype=int, count=len(voters))
        rel_target = t.relations[v, q.target_row]
        friend = t.relations[np.ix_(v, q.accused_rows)].max(axis=1) if q.accused_rows else rel_target
        # As Python floats (the same numbers): the loop below reads them one at a time.
        rel_target, friend = rel_target.tolist(), friend.tolist()
        legitimacy, democracy = t.stats[v, legit].tolist(), t.stats[v, democ].tolist()
        trade = session.world.trade
        motives: dict[tuple, dict] = {}  # one motive object per distinct reason (most voters share one)
        for i, voter in enumerate(voters):
            if voter in q.accused:
                vote, why, claims = "no", "it is aimed at us", ("nlio.aggressor-holds-veto",)
            elif friend[i] >= 60 and not q.helping:
                vote, why, claims = "no", f"shielding a close partner (relations {friend[i]:.0f})", ("nlio.institutions-enable-aggressors",)
            elif doctrines[voter] == "sovereign" and rdef.binding and rdef.power != "aid":
                if rdef.power == "peacekeeping" and legitimacy[i] < 60:
                    vote, why, claims = "yes", "backing peacekeeping for standing, despite misgivings about intervention", ("mgo.r2p-tension",)
                else:
                    vote, why, claims = "no", "binding mandates cede sovereignty", ("mgo.no-supranational-cession",)
            elif (not q.helping and (voter in q.borrowers or any(has_pair(trade, sorted([voter, a])) for a in q.accused))
                  and session.rng.random() < 0.6):
                vote, why, claims = "abstain", "too dependent on them to speak out", ("nlio.dependence-buys-silence",)
            elif q.helping:
                vote, why, claims = "yes", "supports relief and order", ("nlio.un-successes",)
            elif rel_target[i] < -20 or q.target_democracy < 35 <= democracy[i]:
                vote, why, claims = "yes", f"at odds with {q.target_name} (relations {rel_target[i]:.0f})", rdef.claims
            elif rel_target[i] > 30:
                vote, why, claims = "no", f"on good terms with {q.target_name}", ()
            else:
                vote, why, claims = "abstain", "no stake either way", ()
            prop.votes[voter] = vote
            m = motives.get((vote, why))
            if m is None:
                m = motives[(vote, why)] = {"vote": vote, "why": why, "claims": list(claims)}
            prop.motives[voter] = m
