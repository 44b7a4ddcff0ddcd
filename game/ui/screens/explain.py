"""Why is this number what it is: every source of last turn's change, its claims as links into
the codex, and the figure's history. Opened by clicking any figure (its tooltip says so)."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.ui.explain import explain_page, stat_name
from game.ui.screen import Screen
from game.ui.screens.chart import draw_chart, series


class ExplainScreen(Screen):
    backdrop = True

    def __init__(self, app, stat: str, code: str | None):
        super().__init__(app)
        self.stat = stat
        self.code = code if code in app.session.rows else None

    def box(self) -> pygame.Rect:
        w, h = self.size
        bw, bh = min(1100, w - 60), min(640, h - 60)
        return pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)

    def build(self) -> None:
        b = self.box()
        text_w = b.w if not self._has_history() else b.w * 3 // 5
        self.text = UITextBox(explain_page(self.app.session, self.code, self.stat),
                              pygame.Rect(b.x, b.y, text_w - 8, b.h - 52), self.ui, container=self.root)
        self.button((b.x, b.bottom - 44, 160, 40), "Back (Esc)", "back", None, "#primary")
        self.button((b.x + 170, b.bottom - 44, 160, 40), "All claims", "codex", "Open the codex (C)")
        if self._has_history():
            self.button((b.x + 340, b.bottom - 44, 200, 40), "Compare in Charts", "charts",
                        "This figure for any countries, since the start (H)")

    def _has_history(self) -> bool:
        s = self.app.session
        key = self.stat.removeprefix("world.")
        if self.code is None:
            return any(key in rec.get("world", {}) for rec in s.history)
        return any(key in rec.get("figures", {}) for rec in s.history)

    def draw_over(self, surface: pygame.Surface) -> None:
        if not self._has_history():
            return
        s, b = self.app.session, self.box()
        key = self.stat.removeprefix("world.")
        data = series(s, key, [self.code or "world"])
        rect = pygame.Rect(b.x + b.w * 3 // 5, b.y, b.w * 2 // 5, b.h - 52)
        draw_chart(surface, rect, data, f"{stat_name(s.rules, self.stat)} since the start",
                   [rec.get("date", "") for rec in s.history])

    def on_button(self, command: str) -> None:
        if command == "codex":
            from game.ui.screens.codex import CodexScreen

            self.app.push(CodexScreen(self.app))
        elif command == "charts":
            from game.ui.screens.charts import ChartsScreen

            self.app.push(ChartsScreen(self.app, self.stat.removeprefix("world.")))
        else:
            self.app.pop()
