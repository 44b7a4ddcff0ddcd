"""Diplomacy: the actions you can take toward the selected country (or without a target), and
what that country (if the AI plays it) chose last turn and why."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.ui.cards import CardColumn
from game.ui.explain import claim_links, motives_html
from game.ui.preview import preview, preview_html
from game.ui.screen import Screen

CATEGORIES = ("diplomacy", "economy", "military", "influence", "institutions", "domestic")


class DiplomacyScreen(Screen):
    def __init__(self, app, target: str | None):
        super().__init__(app)
        self.target = target if target != app.seat else None
        self.category = "diplomacy"

    def build(self) -> None:
        w, h = self.size
        s, me = self.app.session, self.app.seat
        tname = s.info(self.target).name if self.target else "no country selected"
        rel = f", relations {s.table.relations[s.row(me), s.row(self.target)]:+.0f}" if self.target else ""
        self.label((20, 8, w - 40, 30), f"Actions — toward {tname}{rel}", "#heading")
        self.label((20, 38, w - 40, 22), f"Political capital {s.stat(me, 'capital'):.0f}. Select a country on the "
                   "map first for actions aimed at a country.", "#small")
        tab_w = min(150, (w - 40) // len(CATEGORIES) - 4)
        for i, cat in enumerate(CATEGORIES):
            self.button((20 + i * (tab_w + 4), 64, tab_w, 32), cat.capitalize(), f"tab:{cat}", None,
                        "#mode_on" if cat == self.category else None)
        side = 0
        if self.target and not s.is_human(self.target) and w >= 1000:
            side = min(360, w // 3)
            motives = motives_html(s, self.target, 8) or ("<i>Nothing it thought worth its capital.</i>" if s.turn
                                                          else "<i>No turn has been played yet.</i>")
            UITextBox(f"<font color='#f0c060'><b>What {html.escape(tname)} chose last turn, and why</b></font><br>"
                      f"{motives}", pygame.Rect(w - 20 - side, 104, side, h - 104 - 60), self.ui, container=self.root)
        col = CardColumn(self, pygame.Rect(20, 104, w - 40 - (side + 10 if side else 0), h - 104 - 60))
        for aid, a in s.rules.actions.items():
            if a.category == self.category and a.target != "institution":
                self._card(col, aid, a)
        if col.y == 0:
            col.card("<i>No actions of this kind.</i>")
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def _cost(self, a, target: str | None) -> float | None:
        from game.sim.scope import Scope

        s = self.app.session
        try:
            kw = {"target": s.row(target)} if target else {}
            return float(s.rules.expr(a.cost).scalar(Scope(s, s.row(self.app.seat), **kw)))
        except Exception:  # a cost formula that needs a target we do not have: shown without a number
            return None

    def _card(self, col: CardColumn, aid: str, a) -> None:
        from game.sim.actions import crowd_scale
        from game.sim.commands import TakeAction

        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        needs_target = a.target == "country"
        target = self.target if needs_target else None
        if needs_target and not target:
            ok, tip = False, "Select a country on the map first"
        else:
            ok, tip = self.gate(TakeAction(me, aid, target or ""))
        cost = self._cost(a, target) if (target or not needs_target) else None
        text = [f"<b>{html.escape(a.name)}</b>" + (f" · <font color='#f0c060'>{cost:.0f} PC</font>" if cost is not None else ""),
                html.escape(a.description)]
        if ok:
            lines = preview(s, a.effects, a.claims, me, target=target, scale=crowd_scale(s, aid, target or me))
            if lines:
                text.append("<b>Effects now:</b> " + preview_html(lines, 5).replace("<br>", " · "))
        elif tip:
            text.append(f"<i>{tip if tip.startswith('<') else html.escape(tip)}</i>")
        links = claim_links(rules, a.claims, 3)
        if links:
            text.append("<font color='#9fb0c8'>Claims:</font> " + links)
        col.card("<br>".join(text), 0, [("Take", f"act:{aid}", tip, ok)])

    def on_button(self, command: str) -> None:
        name, _, arg = command.partition(":")
        if name == "tab":
            self.category = arg
        elif name == "act":
            from game.sim.commands import TakeAction

            a = self.app.session.rules.actions[arg]
            target = self.target if a.target == "country" else ""
            self.app.report_result(self.app.session.submit(TakeAction(self.app.seat, arg, target or "")))
        else:
            self.app.pop()
            return
        self.rebuild()
