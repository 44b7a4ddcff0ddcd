"""Institutions: members, charter, pending votes (with yours), apply/leave, propose, found."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.ui.cards import CardColumn
from game.ui.screen import Screen

RULE_NAMES = {"unanimity": "unanimity", "consensus": "consensus", "majority": "simple majority",
              "qualified_majority": "qualified majority", "weighted": "weighted vote"}


def world_selection(app) -> str | None:
    from game.ui.screens.world import WorldScreen

    return next((s.selected for s in app.stack if isinstance(s, WorldScreen)), None)


class InstitutionsScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        insts = app.session.institutions()
        mine = [i.def_id for i in insts if app.seat in i.members]
        self.current = (mine or [i.def_id for i in insts] or [None])[0]

    def build(self) -> None:
        w, h = self.size
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        self.label((20, 8, 600, 30), "Institutions", "#heading")
        y = 44
        existing = {i.def_id: i for i in s.institutions()}
        for iid, d in rules.institutions.items():
            inst = existing.get(iid)
            if inst is None and not d.foundable:
                continue
            tag = "• " if inst and me in inst.members else ("+ " if inst is None else "")
            votes = sum(1 for p in s.proposals() if p.institution == iid)
            self.button((20, y, 250, 28), f"{tag}{d.name[:24]}{f' ({votes})' if votes else ''}", f"show:{iid}",
                        html.escape(d.description), "#mode_on" if iid == self.current else None)
            y += 30
            if y > h - 90:
                break
        self.label((20, h - 88, 250, 20), "• member   + can be founded   (n) votes", "#small")
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")
        self.button((190, h - 52, 120, 40), "Votes", "votes", "Who voted how on last turn's resolutions")
        if self.current is None:
            return
        d = rules.institutions[self.current]
        inst = existing.get(self.current)
        x0, cw = 290, w - 310
        if inst is None:
            from game.ui.screens.charter import charter_editor

            charter_editor(self, d, pygame.Rect(x0, 44, cw, h - 60))
            return
        dec = d.decision
        rule = inst.charter.get("rule", dec.rule)
        powers = inst.charter.get("powers", d.powers)
        info = [f"<b>{html.escape(d.name)}</b> — {html.escape(d.description)}",
                f"Decides by <b>{RULE_NAMES.get(rule, rule)}</b>"
                + (f" ({dec.threshold:.0%})" if rule in ("qualified_majority", "weighted") else "")
                + (f", vetoes: {dec.veto}" if dec.veto != "none" else "")
                + f" · {'binding' if d.binding else 'consensual'}" + (" · non-interference" if d.non_interference else ""),
                "Powers: " + html.escape(", ".join(powers) or "none"),
                f"Legitimacy <b>{inst.legitimacy:.0f}</b> · power <b>{inst.power:.0f}</b> · {len(inst.members)} members",
                ]
        if d.criteria:
            info.append("Entry: " + html.escape("; ".join(c.text for c in d.criteria)))
        names = [s.info(c).name + (" (P)" if c in inst.permanent else "") + (" [suspended]" if c in inst.suspended else "")
                 for c in inst.members if c in s.rows]
        info.append("<i>Members:</i> " + html.escape(", ".join(names[:60])) + (" …" if len(names) > 60 else ""))
        UITextBox("<br>".join(info), pygame.Rect(x0, 44, cw, 190), self.ui, container=self.root)
        member = me in inst.members
        join = next((a for a in rules.actions.values() if a.kind == ("leave" if member else "apply")), None)
        if join is not None:
            cost = d.exit_cost if member else d.join_cost
            self.button((x0, 240, 220, 32), f"{'Leave' if member else 'Apply to join'} ({cost:.0f} PC)",
                        f"act:{join.id}", html.escape(join.description))
        col = CardColumn(self, pygame.Rect(x0, 280, cw, h - 280 - 60))
        for p in s.proposals():
            if p.institution != self.current:
                continue
            rdef = rules.resolutions.get(p.resolution)
            tgt = s.crisis(p.target)
            what = (s.info(tgt.location).name if tgt else p.target) if p.target not in s.rows else s.info(p.target).name
            tally = {v: sum(1 for x in p.votes.values() if x == v) for v in ("yes", "no", "abstain")}
            mine = p.votes.get(me, "not cast")
            text = (f"<b>{html.escape(rdef.name if rdef else p.resolution)}</b> on {html.escape(what)}, proposed by "
                    f"{html.escape(s.info(p.proposer).name)}<br>{html.escape(rdef.description if rdef else '')}<br>"
                    f"So far: {tally['yes']} yes, {tally['no']} no, {tally['abstain']} abstain · your vote: <b>{mine}</b>")
            buttons = [(v.capitalize(), f"vote:{p.uid}:{v}", None, member and mine != v) for v in ("yes", "no", "abstain")]
            col.card(text, 110, buttons)
        target = world_selection(self.app)
        if member and target and target != me:
            for rid, r in rules.resolutions.items():
                if r.target != "country" or r.power not in powers:
                    continue
                col.card(f"<b>Propose {html.escape(r.name)}</b> on {html.escape(s.info(target).name)} · "
                         f"<font color='#f0c060'>{r.cost:.0f} PC</font><br>{html.escape(r.description)}", 76,
                         [("Propose", f"propose:{rid}:{target}", None, True)])
        if col.y == 0:
            col.card("<i>No votes pending here. Select a country on the map to propose a resolution on it.</i>", 50)

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
