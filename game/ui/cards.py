"""A scrolling column of cards (text + buttons): policies, responses, actions, institutions."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIPanel, UIScrollingContainer, UITextBox


class CardColumn:
    def __init__(self, screen, rect: pygame.Rect):
        self.screen = screen
        self.scroll = UIScrollingContainer(pygame.Rect(rect), screen.ui, container=screen.root, allow_scroll_x=False)
        self.w = rect.w - 22
        self.y = 0

    def card(self, html_text: str, height: int, buttons: list[tuple[str, str, str | None, bool]] = (),
             highlight: bool = False) -> UIPanel:
        """buttons: (text, command, tooltip, enabled), laid out on the card's right side."""
        panel = UIPanel(pygame.Rect(0, self.y, self.w, height), manager=self.screen.ui, container=self.scroll,
                        object_id="#mode_on" if highlight else None)
        bw = 140 if buttons else 0
        UITextBox(html_text, pygame.Rect(2, 2, self.w - bw - 12, height - 6), self.screen.ui, container=panel)
        by = 6
        for text, command, tip, enabled in buttons:
            self.screen.button((self.w - bw - 6, by, bw, 30), text, command, tip, container=panel, enabled=enabled)
            by += 34
        self.y += height + 6
        self.scroll.set_scrollable_area_dimensions((self.w, self.y))
        return panel
