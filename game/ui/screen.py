"""The base of every screen: a root container it builds its widgets into, torn down on leave."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    """Override build() to create widgets inside self.root, on_button() for presses."""

    backdrop = False  # draw the screen below, dimmed (dialogs)
    title = ""

    def __init__(self, app: App):
        self.app = app
        self.root: UIPanel | None = None
        self.buttons: dict[object, str] = {}  # button -> command name

    @property
    def ui(self) -> pygame_gui.UIManager:
        return self.app.ui

    @property
    def size(self) -> tuple[int, int]:
        return self.app.logical_size

    # ---- life cycle -----------------------------------------------------------------------
    def enter(self) -> None:
        w, h = self.size
        self.root = UIPanel(pygame.Rect(0, 0, w, h), starting_height=1, manager=self.ui,
                            object_id="#root")
        self.buttons = {}
        self.build()

    def leave(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None
        self.buttons = {}

    def rebuild(self) -> None:
        self.leave()
        self.enter()

    def build(self) -> None:
        """Create this screen's widgets inside self.root."""

    # ---- helpers ------------------------------------------------------------------------------
    def button(self, rect, text: str, command: str, tip: str | None = None, object_id: str | None = None,
               container=None, enabled: bool = True) -> UIButton:
        b = UIButton(pygame.Rect(rect), text, self.ui, container=container or self.root, tool_tip_text=tip,
                     object_id=object_id)
        if not enabled:
            b.disable()
        self.buttons[b] = command
        return b

    def label(self, rect, text: str, object_id: str | None = None, container=None) -> UILabel:
        return UILabel(pygame.Rect(rect), text, self.ui, container=container or self.root, object_id=object_id)

    def find(self, command: str) -> UIButton | None:
        """The button bound to a command (tests use this)."""
        return next((b for b, c in self.buttons.items() if c == command), None)

    # ---- events and drawing -----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """Return True when the event was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.on_button(self.buttons[event.ui_element])
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.app.focused_text() is None:
            self.on_escape()
            return True
        return False

    def on_button(self, command: str) -> None:
        """A button bound with self.button(..., command) was pressed."""

    def on_escape(self) -> None:
        if len(self.app.stack) > 1:
            self.app.pop()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget (map, charts); widgets are drawn after by the manager."""
        surface.fill((11, 18, 28))
