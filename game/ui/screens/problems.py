"""A dialog listing problems (rules that did not load on hot reload, a broken mod), one per line."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.ui.screen import Screen


class ProblemsScreen(Screen):
    backdrop = True

    def __init__(self, app, title: str, lines: list[str]):
        super().__init__(app)
        self.title = title
        self.lines = list(lines)

    def build(self) -> None:
        w, h = self.size
        bw, bh = min(1000, w - 60), min(520, h - 60)
        x, y = (w - bw) // 2, (h - bh) // 2
        self.label((x, y, bw, 30), self.title, "#heading")
        body = "<br>".join(html.escape(line) for line in self.lines[:200]) or "<i>No details.</i>"
        if len(self.lines) > 200:
            body += f"<br>… and {len(self.lines) - 200} more"
        UITextBox(body, pygame.Rect(x, y + 36, bw, bh - 90), self.ui, container=self.root)
        self.button((x, y + bh - 44, 160, 40), "OK (Esc)", "back", None, "#primary")

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.app.pop()
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        self.app.pop()
