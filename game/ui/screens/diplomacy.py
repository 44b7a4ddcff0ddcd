"""Diplomacy: the actions you can take toward the selected country (or without a target)."""

from __future__ import annotations

import html

import pygame

from game.ui.cards import CardColumn
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
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        tname = s.info(self.target).name if self.target else "no country selected"
        rel = f", relations {s.table.relations[s.row(me), s.row(self.target)]:+.0f}" if self.target else ""
        self.label((20, 8, w - 40, 30), f"Actions — toward {tname}{rel}", "#heading")
        self.label((20, 38, w - 40, 22), f"Political capital {s.stat(me, 'capital'):.0f}. Select a country on the map "
                   "first for actions aimed at a country.", "#small")
        x = 20
        for cat in CATEGORIES:
            self.button((x, 64, 150, 32), cat.capitalize(), f"tab:{cat}", None,
                        "#mode_on" if cat == self.category else None)
            x += 154
        col = CardColumn(self, pygame.Rect(20, 104, w - 40, h - 104 - 60))
        from game.sim.scope import Scope

        for aid, a in rules.actions.items():
            if a.category != self.category or a.target == "institution":
                continue
            needs_target = a.target == "country"
            target = self.target if needs_target else None
            try:
                kw = {"target": s.row(target)} if target else {}
                cost = float(rules.expr(a.cost).scalar(Scope(s, s.row(me), **kw))) if (target or not needs_target) else None
            except Exception:
                cost = None
            text = [f"<b>{html.escape(a.name)}</b>" + (f" · <font color='#f0c060'>{cost:.0f} PC</font>" if cost is not None else ""),
                    html.escape(a.description)]
            if target or not needs_target:
                lines = preview(s, a.effects, a.claims, me, target=target)
                if lines:
                    text.append("<b>Effects now:</b> " + preview_html(lines, 5).replace("<br>", " · "))
            if a.claims:
                text.append("<i>Claims: " + html.escape("; ".join(rules.claims[c].name for c in a.claims if c in rules.claims)) + "</i>")
            ok = bool(target) or not needs_target
            col.card("<br>".join(text), 104, [("Take", f"act:{aid}", None if ok else "Select a country first", ok)])
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

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
