"""Institutions: members, charter, pending votes (with yours), apply/leave, propose, found.

Every button asks the session's dry run first; what cannot be done now is greyed out with the
reason as its tooltip. Votes already cast show the voter's motive (AI seats explain themselves).
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIScrollingContainer

from game.ui import hotseat
from game.ui.cards import CardColumn, text_box
from game.ui.explain import claim_links
from game.ui.screen import Screen

RULE_NAMES = {"unanimity": "unanimity", "consensus": "consensus", "majority": "simple majority",
              "qualified_majority": "qualified majority", "weighted": "weighted vote"}


def world_selection(app) -> str | None:
    from game.ui.screens.world import WorldScreen

    return next((s.selected for s in app.stack if isinstance(s, WorldScreen)), None)


class InstitutionsScreen(Screen):
    def __init__(self, app, current: str | None = None):
        super().__init__(app)
        s = app.session
        existing = {i.def_id: i for i in s.institutions()}
        order = [iid for iid in s.rules.institutions if iid in existing]  # the rules' order: the big bodies first
        voting = [iid for iid in order if any(p.institution == iid for p in s.proposals())]
        mine = [iid for iid in order if app.seat in existing[iid].members]
        self.current = current or (voting + mine + order + [None])[0]

    def build(self) -> None:
        w, h = self.size
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        self.label((20, 8, 260, 30), "Institutions", "#heading")
        existing = {i.def_id: i for i in s.institutions()}
        shown = [(iid, d) for iid, d in rules.institutions.items() if iid in existing or d.foundable]
        listing = UIScrollingContainer(pygame.Rect(20, 44, 262, h - 44 - 90), self.ui, container=self.root,
                                       allow_scroll_x=False)
        for i, (iid, d) in enumerate(shown):
            inst = existing.get(iid)
            tag = "• " if inst and me in inst.members else ("+ " if inst is None else "")
            votes = sum(1 for p in s.proposals() if p.institution == iid)
            self.button((0, i * 30, 238, 28), f"{tag}{_cut(d.name, 24)}{f' ({votes})' if votes else ''}", f"show:{iid}",
                        html.escape(d.description), "#picked_left" if iid == self.current else "#left", container=listing)
        listing.set_scrollable_area_dimensions((238, 30 * len(shown)))
        self.label((20, h - 84, 262, 20), "• member   + can be founded   (n) votes", "#small_left")
        self.button((20, h - 52, 120, 40), "Back (Esc)", "back")
        self.button((150, h - 52, 130, 40), "Past votes", "votes", "Who voted how on the resolutions counted so far")
        if self.current is None:
            return
        d = rules.institutions[self.current]
        inst = existing.get(self.current)
        x0, cw = 300, w - 320
        if inst is None:
            from game.ui.screens.charter import charter_editor

            charter_editor(self, d, pygame.Rect(x0, 44, cw, h - 60))
            return
        info = text_box(self, self._info(d, inst), pygame.Rect(x0, 44, cw, 0), h // 3)
        y = 44 + info.rect.h + 6
        self._membership(d, inst, x0, y)
        col = CardColumn(self, pygame.Rect(x0, y + 40, cw, h - y - 40 - 60))
        self._proposals(col, inst)
        self._proposable(col, inst)
        if col.y == 0:
            col.card(f"<i>{html.escape(self._nothing(d, inst))}</i>")

    def _nothing(self, d, inst) -> str:
        """Why the column is empty."""
        s, me = self.app.session, self.app.seat
        target = world_selection(self.app)
        if me not in inst.members:
            return f"No votes pending here. Only members propose resolutions to {d.name}."
        if not target or target == me or target not in s.rows:
            return "No votes pending here. Select another country on the map to propose a resolution on it."
        powers = inst.charter.get("powers", d.powers)
        return (f"No votes pending here, and nothing {d.name} can vote on concerns {s.info(target).name} now "
                f"(its powers: {', '.join(powers) or 'none'}; resolutions on a crisis only where the crisis "
                "calls for them).")

    def _info(self, d, inst) -> str:
        s = self.app.session
        dec = d.decision
        rule = inst.charter.get("rule", dec.rule)
        powers = inst.charter.get("powers", d.powers)
        out = [f"<b>{html.escape(d.name)}</b> — {html.escape(d.description)}",
               f"Decides by <b>{RULE_NAMES.get(rule, rule)}</b>"
               + (f" ({dec.threshold:.0%})" if rule in ("qualified_majority", "weighted") else "")
               + (f", vetoes: {dec.veto}" if dec.veto != "none" else "")
               + f" · {'binding' if d.binding else 'consensual'}" + (" · non-interference" if d.non_interference else ""),
               "Powers: " + html.escape(", ".join(powers) or "none")
               + f" · legitimacy <b>{inst.legitimacy:.0f}</b> · power <b>{inst.power:.0f}</b> · {len(inst.members)} members"]
        if d.criteria:
            out.append("Entry: " + html.escape("; ".join(c.text for c in d.criteria)))
        names = [s.info(c).name + (" (P)" if c in inst.permanent else "") + (" [suspended]" if c in inst.suspended else "")
                 for c in inst.members if c in s.rows]
        out.append("<i>Members:</i> " + html.escape(", ".join(names[:60])) + (" …" if len(names) > 60 else ""))
        links = claim_links(s.rules, d.claims, 4)
        if links:
            out.append("<font color='#9fb0c8'>Claims:</font> " + links)
        return "<br>".join(out)

    def _membership(self, d, inst, x: int, y: int) -> None:
        from game.sim.commands import TakeAction

        me, rules = self.app.seat, self.app.session.rules
        member = me in inst.members
        join = next((a for a in rules.actions.values() if a.kind == ("leave" if member else "apply")), None)
        if join is None:
            return
        cost = d.exit_cost if member else d.join_cost
        ok, tip = self.gate(TakeAction(me, join.id, self.current), html.escape(join.description))
        self.button((x, y, 240, 32), f"{'Leave' if member else 'Apply to join'} ({cost:.0f} PC)", f"act:{join.id}",
                    tip, enabled=ok)
        if not ok and tip:
            self.label((x + 250, y, 700, 32), _plain(tip), "#small_left")

    def _proposals(self, col: CardColumn, inst) -> None:
        from game.sim.commands import CastVote

        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        hide = hotseat.hides_votes(self.app)
        for p in s.proposals():
            if p.institution != self.current:
                continue
            rdef = rules.resolutions.get(p.resolution)
            tgt = s.crisis(p.target)
            what = s.info(p.target).name if p.target in s.rows else (s.info(tgt.location).name if tgt else p.target)
            mine = p.votes.get(me, "not cast")
            text = [f"<b>{html.escape(rdef.name if rdef else p.resolution)}</b> on {html.escape(what)}, proposed by "
                    f"{html.escape(s.info(p.proposer).name)}", html.escape(rdef.description if rdef else "")]
            if hide:
                text.append(f"Your vote: <b>{mine}</b> <i>(the others' votes are secret until the count)</i>")
            else:
                tally = {v: sum(1 for x in p.votes.values() if x == v) for v in ("yes", "no", "abstain")}
                text.append(f"So far: {tally['yes']} yes, {tally['no']} no, {tally['abstain']} abstain · "
                            f"your vote: <b>{mine}</b>")
                text += [f"• {html.escape(s.info(c).name)}: {html.escape(str(m.get('vote', '')))} — "
                         f"{html.escape(str(m.get('why', '')))}" for c, m in sorted(p.motives.items())[:6]
                         if isinstance(m, dict)]
            buttons = []
            for v in ("yes", "no", "abstain"):
                ok, tip = self.gate(CastVote(me, p.uid, v))
                buttons.append((v.capitalize(), f"vote:{p.uid}:{v}", tip, ok and mine != v))
            col.card("<br>".join(text), 0, buttons)

    def _proposable(self, col: CardColumn, inst) -> None:
        """Resolutions the player could put to this body on the selected country or its crises
        (see proposable); what cannot be proposed now is greyed with the session's reason."""
        from game.sim.commands import Propose

        s, me = self.app.session, self.app.seat
        target = world_selection(self.app)
        if me not in inst.members or not target or target == me:
            return
        for r, aim, aim_name in proposable(s, inst, target):
            ok, tip = self.gate(Propose(me, self.current, r.id, aim))
            col.card(f"<b>Propose {html.escape(r.name)}</b> on {html.escape(aim_name)} · "
                     f"<font color='#f0c060'>{r.cost:.0f} PC</font><br>{html.escape(r.description)}",
                     0, [("Propose", f"propose:{r.id}:{aim}", tip, ok)])

    def on_button(self, command: str) -> None:
        from game.sim.commands import CastVote, Propose, TakeAction

        parts = command.split(":")
        s, me = self.app.session, self.app.seat
        if parts[0] == "show":
            self.current = parts[1]
        elif parts[0] == "act":
            self.app.report_result(s.submit(TakeAction(me, parts[1], self.current)))
        elif parts[0] == "vote":
            self.app.report_result(s.submit(CastVote(me, parts[1], parts[2])))
        elif parts[0] == "propose":
            self.app.report_result(s.submit(Propose(me, self.current, parts[1], parts[2])))
        elif parts[0] == "votes":
            from game.ui.screens.votes import VotesScreen

            self.app.push(VotesScreen(self.app))
            return
        elif parts[0] in ("rule", "power", "mindem", "found"):
            from game.ui.screens.charter import charter_command

            charter_command(self, parts)
        else:
            self.app.pop()
            return
        self.rebuild()


def proposable(session, inst, target: str) -> list[tuple]:
    """(resolution, aim, aim's name) worth offering to a member of inst about the country target:

    - the body's charter must grant the resolution's power (rules/institutions, or the
      founder's charter);
    - a resolution aimed at a country is offered on the country itself; a suspension only when
      the country is a member of this body and not suspended already (it suspends a member's
      rights in the body);
    - a resolution aimed at a crisis is offered on a crisis in that country only when the
      crisis type calls for it (calls_for).

    Whether it can be proposed now (its requires, the charter's non-interference, the cost, a
    resolution already on the table) is left to session.can, which greys it with the reason."""
    rules = session.rules
    powers = inst.charter.get("powers", rules.institutions[inst.def_id].powers)
    crises = [(c, rules.crises[c.def_id]) for c in session.crises() if c.location == target and c.def_id in rules.crises]
    out = []
    for r in rules.resolutions.values():
        if r.power not in powers:
            continue
        if r.target == "country":
            if r.power == "suspension" and (target not in inst.members or target in inst.suspended):
                continue
            out.append((r, target, session.info(target).name))
        else:
            out += [(r, c.uid, f"the {cdef.name.lower()} in {session.info(c.location).name}")
                    for c, cdef in crises if calls_for(cdef, r)]
    return out


def calls_for(cdef, r) -> bool:
    """Whether a crisis type calls for a resolution aimed at the crisis. The rules say so when
    one of the crisis's responses puts that resolution to a vote (a response's `resolution`:
    peacekeeping for a civil war, humanitarian access and a tribunal for a client war). Crisis
    types do not list the resolutions a body may pass on them otherwise, so one more case is
    read from the responses' tags: in a humanitarian or global crisis (famine, refugees,
    pandemic, climate disaster), a resolution whose power one of the responses carries as a
    tag (aid: humanitarian access)."""
    if any(resp.resolution == r.id for resp in cdef.responses):
        return True
    return cdef.category in ("humanitarian", "global") and any(r.power in resp.tags for resp in cdef.responses)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _plain(tip: str) -> str:
    """A tooltip's text without its markup, for a label."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", tip.split("<br>")[-1]))
