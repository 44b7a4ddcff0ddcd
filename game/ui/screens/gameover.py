"""Game over: the outcome, scores, charts of the whole game, and the claims that shaped it."""

from __future__ import annotations

import html
from collections import Counter

import pygame
from pygame_gui.elements import UITextBox

from game.ui.screen import Screen
from game.ui.screens.chart import draw_chart, series


class GameOverScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s, rules = self.app.session, self.app.session.rules
        out = s.world.outcome or {}
        winner = out.get("winner")
        me = self.app.seat
        headline = "The game is over"
        if winner:
            headline = "You win!" if winner in s.human_codes() else f"{s.info(winner).name} wins"
        elif out:
            headline = "Everyone loses" if not out.get("loser") else f"{s.info(out['loser']).name} falls"
        self.label((0, 10, w, 56), headline, "#title")
        lines = [f"<b>{html.escape(out.get('reason', ''))}</b>", f"Ended {s.date_text()}"]
        try:
            from game.sim.systems.politics import victory_scores

            for vid, scores in victory_scores(s).items():
                best = sorted(scores.items(), key=lambda kv: -kv[1])[:3]
                name = rules.victories[vid].name if vid in rules.victories else vid
                lines.append(f"{html.escape(name)}: " + ", ".join(f"{html.escape(s.info(c).name)} {v:.0f}" for c, v in best))
        except Exception as exc:  # scores are a nicety; the screen must still show
            lines.append(f"<i>(scores unavailable: {html.escape(str(exc))})</i>")
        counts = Counter(c for e in s.log for c in e.claims)
        lines.append("<b>The claims that shaped this game:</b>")
        for cid, n in counts.most_common(8):
            if cid in rules.claims:
                lines.append(f"• {html.escape(rules.claims[cid].name)} ({n} events)")
        UITextBox("<br>".join(lines), pygame.Rect(20, 70, w // 2 - 30, h - 70 - 60), self.ui, container=self.root)
        self.button((20, h - 52, 200, 40), "Main menu", "menu", None, "#primary")
        self.button((230, h - 52, 200, 40), "Look at the map", "back")
        self.button((440, h - 52, 160, 40), "Codex", "codex")
        self.me = me

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        w, h = self.size
        s = self.app.session
        dates = [rec.get("date", "") for rec in s.history]
        half = (h - 70 - 70) // 2
        codes = [self.me] if self.me else []
        draw_chart(surface, pygame.Rect(w // 2, 70, w // 2 - 20, half), series(s, "approval", codes), "Approval", dates)
        draw_chart(surface, pygame.Rect(w // 2, 80 + half, w // 2 - 20, half), series(s, "disorder", ["world"]),
                   "World disorder", dates)

    def on_button(self, command: str) -> None:
        if command == "menu":
            from game.ui.screens.menu import MenuScreen

            self.app.drop_session()
            self.app.set_root(MenuScreen(self.app))
        elif command == "codex":
            from game.ui.screens.codex import CodexScreen

            self.app.push(CodexScreen(self.app))
        else:
            self.app.pop()
