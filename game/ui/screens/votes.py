"""Votes: who voted how on each resolution counted so far, vetoes marked, with motives."""

from __future__ import annotations

import html

import pygame

from game.ui.cards import CardColumn
from game.ui.screen import Screen

MARK = {"yes": "<font color='#9be39b'>yes</font>", "no": "<font color='#ff8a7a'>no</font>", "abstain": "abstain"}


class VotesScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        self.label((20, 8, w - 40, 30), "Votes", "#heading")
        col = CardColumn(self, pygame.Rect(20, 44, w - 40, h - 44 - 60))
        events = [e for e in reversed(s.log) if e.kind == "resolution_voted"][:30]
        for e in events:
            votes, motives = e.data.get("votes", {}), e.data.get("motives", {})
            vetoes = set(e.data.get("vetoed_by", ()))
            parts = []
            for code, v in sorted(votes.items()):
                name = s.info(code).name if code in s.rows else code
                veto = " <b><font color='#ff8a7a'>VETO</font></b>" if code in vetoes else ""
                why = motives.get(code)
                tip = f" <i>({html.escape(str(why))})</i>" if why else ""
                parts.append(f"{html.escape(name)}: {MARK.get(v, v)}{veto}{tip}")
            rows = (len(parts) + 2) // 3
            col.card(f"<b>Turn {e.turn}: {html.escape(e.text)}</b><br>" + " · ".join(parts), 50 + 16 * rows)
        if not events:
            col.card("<i>No resolution has been put to a vote yet.</i>", 50)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def on_button(self, command: str) -> None:
        self.app.pop()
