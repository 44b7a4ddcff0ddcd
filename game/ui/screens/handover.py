"""Hot-seat hand-over: a blank screen between players so one's choices stay hidden from the next."""

from __future__ import annotations

import pygame

from game.ui.screen import Screen
from game.ui.theme import BG


class HandoverScreen(Screen):
    def __init__(self, app, code: str, report: bool = False):
        super().__init__(app)
        self.code = code
        self.report = report

    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        seat = next((i for i, c in enumerate(s.human_codes(), 1) if c == self.code), 1)
        self.label((0, h // 2 - 100, w, 64), f"Player {seat}: {s.info(self.code).name}", "#title")
        self.label((0, h // 2 - 30, w, 26), f"{s.date_text()} — pass the controls, then press Ready", "#subtitle")
        self.button((w // 2 - 110, h // 2 + 20, 220, 48), "Ready  ⏎", "ready", None, "#primary")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.on_button("ready")
            return True
        return super().handle(event)

    def on_escape(self) -> None:
        pass  # no peeking: only Ready leaves this screen

    def on_button(self, command: str) -> None:
        self.app.seat = self.code
        self.app.pop()
        top = self.app.top
        if hasattr(top, "selected"):
            top.selected = self.code
            top.map.focus(self.code)
            top.rebuild()
        if self.report:
            from game.ui.screens.report import ReportScreen

            self.app.push(ReportScreen(self.app))
