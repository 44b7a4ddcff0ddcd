"""The base of every screen: a root container it builds its widgets into, torn down on leave.

Every screen also follows links in its text boxes (`<a href='claim:ID'>` opens the codex on
that claim, `explain:STAT:CODE` the breakdown of a figure), so any text can point at the
claims behind it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UILabel

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    """Override build() to create widgets inside self.root, on_button() for presses."""

    backdrop = False  # draw the screen below, dimmed (dialogs)
    title = ""

    def __init__(self, app: App):
        self.app = app
        self.root: UIContainer | None = None
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
        # A container, not a panel: a panel swallows every mouse press on it, and the map and
        # the charts under the root need those presses.
        self.root = UIContainer(pygame.Rect(0, 0, w, h), self.ui, starting_height=1)
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

    def suspend(self) -> None:
        """Another screen goes on top: keep the widgets, out of sight and out of the pointer's
        reach, so coming back is instant when nothing changed meanwhile."""
        if self.root is not None:
            self._resume_key = self.state_key()
            self.root.set_position((-30000, -30000))

    def resume(self) -> None:
        if self.root is not None and getattr(self, "_resume_key", None) == self.state_key():
            self.root.set_position((0, 0))
        else:
            self.rebuild()

    def state_key(self) -> tuple:
        """What the widgets were built from: when it differs, resume() rebuilds."""
        app, s = self.app, self.app.session
        game = (id(s), s.turn, sum(len(c) for c in s.commands), len(s.events), s.over) if s is not None else None
        settings = tuple(sorted((k, repr(v)) for k, v in vars(app.settings).items()))
        return game, app.seat, app.busy, self.size, settings, id(app._rules_result)

    def build(self) -> None:
        """Create this screen's widgets inside self.root."""

    # ---- helpers ------------------------------------------------------------------------------
    def button(self, rect, text: str, command: str, tip: str | None = None, object_id: str | None = None,
               container=None, enabled: bool = True) -> UIButton:
        b = UIButton(pygame.Rect(rect), text, self.ui, container=container or self.root, tool_tip_text=tip,
                     object_id=object_id)
        if tip and len(tip) > 60:  # explanations get a wide tooltip; a few words keep the narrow one
            b.tool_tip_wrap_width = 380 if len(tip) > 200 else 260
        if not enabled:
            b.disable()
        self.buttons[b] = command
        return b

    def label(self, rect, text: str, object_id: str | None = None, container=None) -> UILabel:
        return UILabel(pygame.Rect(rect), text, self.ui, container=container or self.root, object_id=object_id)

    def find(self, command: str) -> UIButton | None:
        """The button bound to a command (tests use this)."""
        return next((b for b, c in self.buttons.items() if c == command), None)

    def gate(self, command, tip: str | None = None) -> tuple[bool, str | None]:
        """(enabled, tooltip) for a button that submits `command`: the session's dry run says
        whether it would go through now, and if not, the tooltip says why."""
        session, seat = self.app.session, self.app.seat
        if session is None or seat is None:
            return False, "No country of yours is deciding now"
        result = session.can(command)
        if result:
            return True, tip
        reason = f"<font color='#ff8a7a'>{html.escape(result.reason)}</font>"
        return False, f"{tip}<br>{reason}" if tip else reason

    # ---- events and drawing -----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """Return True when the event was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.on_button(self.buttons[event.ui_element])
            return True
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return self.follow(event.link_target)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.app.focused_text() is None:
            self.on_escape()
            return True
        return False

    def follow(self, link: str) -> bool:
        """Open what a link in a text box names."""
        kind, _, rest = link.partition(":")
        if kind == "claim":
            from game.ui.screens.codex import CodexScreen

            self.app.push(CodexScreen(self.app, rest))
            return True
        if kind == "explain" and self.app.session is not None:
            from game.ui.screens.explain import ExplainScreen

            stat, _, code = rest.partition(":")
            self.app.push(ExplainScreen(self.app, stat, code or None))
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

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw on top of the widgets (guide highlights, hover names)."""
