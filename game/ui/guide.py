"""The first-game guide: step by step, it points a new player at what to look at and do.

Each step names a place on the world screen (outlined in gold) and, where it asks for an
action, moves on by itself once the player has done it. Progress is kept in the settings, so
the guide picks up where it was; Hide (or F1) puts it away, F1 or Settings brings it back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.elements import UIPanel, UITextBox

from game.ui.theme import GOLD


@dataclass(frozen=True)
class Step:
    text: str  # HTML; {name} is the player's country, {pc} its political capital
    target: Callable  # world screen -> a Rect to outline, or None
    done: Callable | None = None  # world screen -> True once the player did what the step asks


def _button(command: str):
    """The rect of the button bound to a command ({me}: the player's country code)."""
    def rect(w):
        b = w.find(command.format(me=w.app.seat))
        return b.rect if b is not None and b.visible else None
    return rect


def _prefix(prefix: str):
    def rects(w):
        found = [b.rect for b, c in w.buttons.items() if c.startswith(prefix) and b.visible]
        return found[0].unionall(found[1:]) if found else None
    return rects


def _answered(w) -> bool:
    s, me = w.app.session, w.app.seat
    return any(t == s.turn and c == me for cr in s.crises() for t, c, _ in cr.responses)


def _enacted(w) -> bool:
    mark, me = w.app.turn_mark, w.app.seat
    before = mark.policies.get(me, []) if mark is not None and mark.turn == w.app.session.turn else []
    return bool(set(w.app.session.government(me).policies) - set(before))


STEPS = (
    Step("<b>Welcome.</b> You lead <b>{name}</b>, outlined in gold. Drag the map to pan; the wheel or "
         "+/- zoom. Hover any country for its name; click it to see its figures on the right.",
         _button("select:{me}")),
    Step("<b>Political capital</b> (PC, you have {pc}) pays for every decision; approval and stability earn "
         "more each turn. <b>Hover a figure</b> to see what moved it; <b>click it</b> for every source and "
         "the claims of the essays behind them.",
         _button("explain:capital:{me}")),
    Step("<b>Crises</b> are listed on the right, worst first. Click one: each response shows its cost, what "
         "it would change now and why. Crises nobody attends to escalate. <i>Answer one.</i>",
         lambda w: w.crisis_rect, _answered),
    Step("Open <b>Policies</b> (P) and enact one from your doctrine's deck. A greyed-out button says why "
         "in its tooltip. <i>Enact a policy.</i>",
         _button("policies"), _enacted),
    Step("Click another country on the map, then <b>Diplomacy</b> (D) for actions toward it. For an AI "
         "country, the panel shows what it chose last turn and why. <i>Select a country.</i>",
         lambda w: w.map.rect, lambda w: w.selected not in (None, w.app.seat)),
    Step("<b>Map modes</b> (M) colour the world by regime, doctrine, alignment, stability, disorder or "
         "crises; the legend says what the colours mean. <i>Try one.</i>",
         _prefix("mode:"), lambda w: w.mode != "regime"),
    Step("When you are done, <b>End turn</b> (Enter). The world answers; then the turn report says what "
         "happened and why. <i>End the turn.</i>",
         _button("end_turn"), lambda w: w.app.session.turn > w.guide.started_turn),
    Step("Every claim in the report links to the <b>Codex</b> (C). <b>Institutions</b> (I): join, vote, or "
         "found the Alliance of Democracies. <b>Charts</b> (H) show any figure's history. F1 brings this "
         "guide back; Settings switches it off. Good luck.",
         _button("institutions")),
)


class Guide:
    """The guide's panel on the world screen; the world screen calls build/update/draw."""

    def __init__(self, world):
        self.world = world
        self.panel: UIPanel | None = None
        self.started_turn = world.app.session.turn

    @property
    def settings(self):
        return self.world.app.settings

    @property
    def active(self) -> bool:
        return self.settings.guide and self.settings.guide_step < len(STEPS) and self.world.app.seat is not None

    @property
    def step(self) -> Step | None:
        return STEPS[self.settings.guide_step] if self.active else None

    def _fill(self, text: str) -> str:
        w = self.world
        s, me = w.app.session, w.app.seat
        return text.format(name=s.info(me).name, pc=f"{s.stat(me, 'capital'):.0f}", me=me)

    def build(self, rect: pygame.Rect) -> None:
        """The panel: the step's text, Back / Next / Hide."""
        self.panel = None
        step = self.step
        if step is None:
            return
        w = self.world
        n = self.settings.guide_step
        self.panel = UIPanel(pygame.Rect(rect.x, rect.y, rect.w, 120), manager=w.ui, container=w.root,
                             object_id="#guide", starting_height=3)
        w.label((10, 4, rect.w - 20, 22), f"First-game guide · step {n + 1} of {len(STEPS)}", "#section",
                container=self.panel)
        text = UITextBox(self._fill(step.text), pygame.Rect(2, 26, rect.w - 8, -1), w.ui, container=self.panel,
                         object_id="#guide_text")
        y = 26 + text.rect.h + 2
        w.button((10, y, 80, 28), "Back", "guide:back", "The previous step", container=self.panel, enabled=n > 0)
        last = n == len(STEPS) - 1
        w.button((96, y, 110, 28), "Done" if last else "Next", "guide:next",
                 "Finish the guide" if last else "Skip to the next step", "#primary", container=self.panel)
        w.button((rect.w - 106, y, 96, 28), "Hide (F1)", "guide:hide", "Put the guide away; F1 or Settings "
                 "brings it back", container=self.panel)
        # Sized to its text now; the theme keeps #guide a plain rectangle because pygame_gui
        # 0.6.14 loses a rounded panel's border when it is resized.
        self.panel.set_dimensions((rect.w, y + 36))

    def command(self, arg: str) -> None:
        st = self.settings
        if arg == "next":
            st.guide_step += 1
        elif arg == "back":
            st.guide_step = max(0, st.guide_step - 1)
        elif arg == "hide":
            st.guide = False
        self.world.app.save_settings()
        self.world.rebuild()

    def toggle(self) -> None:
        """F1: bring the guide back (from the start once finished), or put it away."""
        st = self.settings
        if self.active:
            st.guide = False
        else:
            st.guide = True
            if st.guide_step >= len(STEPS):
                st.guide_step = 0
        self.world.app.save_settings()
        self.world.rebuild()

    def update(self) -> None:
        """Move on by itself once the player did what the step asks."""
        step = self.step
        if step is None or step.done is None or self.world.app.busy:
            return
        if step.done(self.world):
            self.settings.guide_step += 1
            self.world.app.save_settings()
            self.world.rebuild()

    def target(self) -> pygame.Rect | None:
        step = self.step
        if step is None:
            return None
        return step.target(self.world)

    def draw(self, surface: pygame.Surface) -> None:
        rect = self.target()
        if rect is None:
            return
        pulse = 0.5 + 0.5 * math.sin(time.time() * 4)
        width = 2 + int(2 * pulse)
        pygame.draw.rect(surface, GOLD, rect.inflate(8 + width, 8 + width), width, border_radius=6)
