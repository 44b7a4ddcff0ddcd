"""Game over: the outcome, every victory path's scores, charts of the whole game, and the claims
that shaped it (linked into the codex)."""

from __future__ import annotations

import html
from collections import Counter

import pygame
from pygame_gui.elements import UITextBox

from game.ui.screen import Screen
from game.ui.screens.chart import draw_chart, series


def headline(session) -> str:
    out = session.world.outcome or {}
    winner, loser = out.get("winner"), out.get("loser")
    humans = session.human_codes()
    if winner:
        if winner in humans:
            return "You win!" if len(humans) == 1 else f"{session.info(winner).name} wins!"
        return f"{session.info(winner).name} wins"
    if loser:
        return "You fall" if loser in humans and len(humans) == 1 else f"{session.info(loser).name} falls"
    return "Everyone loses" if out else "The game is over"


def summary_html(session) -> str:
    s, rules = session, session.rules
    out = s.world.outcome or {}
    humans = s.human_codes()
    lines = [f"<b>{html.escape(out.get('reason', ''))}</b>",
             f"Ended {s.date_text()} after {s.turn} turns (the game was set to end in {s.world.end_year})."]
    lines.append("<br><font color='#f0c060'><b>Victory paths</b></font> (0-100; yours in bold)")
    for vid, scores in s.scores().items():
        name = rules.victories[vid].name if vid in rules.victories else vid
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        parts = [f"{html.escape(s.info(c).name)} {v:.0f}" for c, v in best]
        parts += [f"<b>{html.escape(s.info(c).name)} {scores[c]:.0f}</b>" for c in humans
                  if c in scores and c not in dict(best)]
        mark = " ✓" if vid == out.get("victory") else ""
        lines.append(f"{html.escape(name)}{mark}: " + ", ".join(parts))
    counts = Counter(c for e in s.log for c in e.claims)
    if counts:
        lines.append("<br><font color='#f0c060'><b>The claims that shaped this game</b></font>")
        for cid, n in counts.most_common(8):
            if cid in rules.claims:
                lines.append(f"• <a href='claim:{html.escape(cid)}'>{html.escape(rules.claims[cid].name)}</a> "
                             f"— behind {n} events")
    return "<br>".join(lines)


class GameOverScreen(Screen):
    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        self.label((0, 4, w, 64), headline(s), "#title")
        UITextBox(summary_html(s), pygame.Rect(20, 70, w // 2 - 30, h - 70 - 60), self.ui, container=self.root)
        self.button((20, h - 52, 200, 40), "Main menu", "menu", None, "#primary")
        self.button((230, h - 52, 200, 40), "Look at the map", "back")
        self.button((440, h - 52, 160, 40), "Charts", "charts", "The history of any figure (H)")
        self.button((610, h - 52, 160, 40), "Codex", "codex")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        w, h = self.size
        s = self.app.session
        dates = [rec.get("date", "") for rec in s.history]
        half = (h - 70 - 70) // 2
        codes = s.human_codes()[:4]
        draw_chart(surface, pygame.Rect(w // 2, 70, w // 2 - 20, half), series(s, "approval", codes),
                   "Approval of the players' governments", dates)
        draw_chart(surface, pygame.Rect(w // 2, 80 + half, w // 2 - 20, half), series(s, "disorder", ["world"]),
                   "World disorder", dates)

    def on_button(self, command: str) -> None:
        if command == "menu":
            from game.ui.screens.menu import MenuScreen

            self.app.drop_session()
            self.app.set_root(MenuScreen(self.app))
        elif command in ("codex", "charts"):
            from game.ui.screens import open_screen

            open_screen(self.app, command)
        else:
            self.app.pop()
