"""The turn report: what happened and why, with the claims behind each event."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.ui.screen import Screen

GROUPS = (("Your country", None), ("Crises", ("crisis",)), ("Votes and institutions", ("resolution", "institution", "veto")),
          ("Politics", ("election", "regime", "doctrine", "coup", "protest", "game_over")), ("The world", ()))


def group_of(event, me: str | None) -> str:
    if me in event.who:
        return "Your country"
    for name, prefixes in GROUPS[1:-1]:
        if event.kind.startswith(prefixes):
            return name
    return "The world"


class ReportScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s, me, rules = self.app.session, self.app.seat, self.app.session.rules
        report = self.app.turn_report
        events = list(getattr(report, "events", None) or s.events)
        self.label((20, 8, w - 40, 30), f"Turn report — {s.date_text()}", "#heading")
        by_group: dict[str, list] = {}
        others: dict[str, list[str]] = {}  # crisis uid -> who responded, folded into one line
        for e in events:
            if e.kind == "crisis_response" and me not in e.who:
                others.setdefault(e.data.get("crisis", "?"), []).append(s.info(e.who[0]).name if e.who else "?")
                continue
            by_group.setdefault(group_of(e, me), []).append(e)
        out = []
        for name, _ in GROUPS:
            if name not in by_group:
                continue
            out.append(f"<font color='#f0c060'><b>{name}</b></font>")
            for e in by_group[name][:40]:
                claims = [rules.claims[c].name for c in e.claims if c in rules.claims]
                why = f" <i><font color='#9fb0c8'>— why: {html.escape('; '.join(claims[:2]))}</font></i>" if claims else ""
                out.append(f"• {html.escape(e.text)}{why}")
        if others:
            out.append("<font color='#f0c060'><b>Responses to crises</b></font>")
            for uid, names in others.items():
                c = s.crisis(uid)
                what = f"{rules.crises[c.def_id].name} in {s.info(c.location).name}" if c else "a crisis now over"
                out.append(f"• {html.escape(what)}: {len(names)} responses ({html.escape(', '.join(names[:6]))}"
                           f"{'…' if len(names) > 6 else ''})")
        if me:
            out.append("<font color='#f0c060'><b>Your figures</b></font>")
            for stat in ("approval", "stability", "growth", "capital"):
                if stat in rules.stats:
                    out.append(f"{rules.stats[stat].name}: {s.stat(me, stat):.1f}")
        UITextBox("<br>".join(out) or "<i>A quiet quarter.</i>", pygame.Rect(20, 44, w - 40, h - 44 - 60), self.ui,
                  container=self.root)
        self.button((20, h - 52, 160, 40), "Continue ⏎", "back", None, "#primary")
        self.button((190, h - 52, 160, 40), "Votes", "votes")
        self.button((360, h - 52, 160, 40), "Codex", "codex")

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.app.pop()
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        if command == "votes":
            from game.ui.screens.votes import VotesScreen

            self.app.push(VotesScreen(self.app))
        elif command == "codex":
            from game.ui.screens.codex import CodexScreen

            self.app.push(CodexScreen(self.app))
        else:
            self.app.pop()
