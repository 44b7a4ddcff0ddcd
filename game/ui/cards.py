"""A scrolling column of cards (text + buttons): policies, responses, actions, institutions.

Each card is as tall as its text needs (the text box wraps to its height), so no text is cut
off and no card carries its own little scroll bar.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIPanel, UIScrollingContainer, UITextBox

Button = tuple[str, str, "str | None", bool]  # (text, command, tooltip, enabled)

BUTTON_W, BUTTON_H, GAP = 140, 30, 6


class CardColumn:
    def __init__(self, screen, rect: pygame.Rect, container=None):
        self.screen = screen
        self.rect = pygame.Rect(rect)
        self.scroll = UIScrollingContainer(self.rect, screen.ui, container=container or screen.root,
                                           allow_scroll_x=False)
        self.w = self.rect.w - 22  # room for the vertical scroll bar
        self.y = 0
        self.panels: list[UIPanel] = []

    def card(self, html_text: str, min_height: int = 0, buttons: list[Button] | tuple = (),
             highlight: bool = False) -> UIPanel:
        """Add a card; buttons are stacked on its right side."""
        bw = BUTTON_W if buttons else 0
        panel = UIPanel(pygame.Rect(0, self.y, self.w, max(40, min_height)), manager=self.screen.ui,
                        container=self.scroll, object_id="#mode_on" if highlight else "#card")
        text = UITextBox(html_text, pygame.Rect(2, 2, self.w - bw - (16 if bw else 8), -1), self.screen.ui,
                         container=panel, object_id="#card_text")
        by = 6
        for label, command, tip, enabled in buttons:
            self.screen.button((self.w - bw - 8, by, bw, BUTTON_H), label, command, tip, container=panel,
                               enabled=enabled)
            by += BUTTON_H + 4
        height = max(min_height, text.rect.h + 8, by + 4)
        panel.set_dimensions((self.w, height))
        self.y += height + GAP
        self.scroll.set_scrollable_area_dimensions((self.w, self.y))
        self.panels.append(panel)
        return panel

    def heading(self, text: str) -> None:
        """A line of section title between cards."""
        self.screen.label((4, self.y, self.w - 8, 24), text, "#figure", container=self.scroll)
        self.y += 26
        self.scroll.set_scrollable_area_dimensions((self.w, self.y))


def text_box(screen, html_text: str, rect: pygame.Rect, max_height: int, container=None) -> UITextBox:
    """A text box as tall as its text, up to max_height; beyond that it scrolls (rebuilt at the
    fixed height, because a box measured to fit its text has no scroll bar)."""
    box = UITextBox(html_text, pygame.Rect(rect.x, rect.y, rect.w, -1), screen.ui, container=container or screen.root)
    if box.rect.h <= max_height:
        return box
    box.kill()
    return UITextBox(html_text, pygame.Rect(rect.x, rect.y, rect.w, max_height), screen.ui,
                     container=container or screen.root)
