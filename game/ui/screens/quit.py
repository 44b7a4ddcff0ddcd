"""Leaving with a game running: save first, leave without saving, or stay."""

from __future__ import annotations

import pygame

from game.ui.screen import Screen


class QuitScreen(Screen):
    backdrop = True

    def build(self) -> None:
        w, h = self.size
        box = pygame.Rect(0, 0, 460, 170)
        box.center = (w // 2, h // 2)
        from pygame_gui.elements import UIPanel

        panel = UIPanel(box, manager=self.ui, container=self.root)
        self.label((0, 14, 456, 28), "Save the game before quitting?", "#heading", container=panel)
        s = self.app.session
        self.label((0, 44, 456, 22), f"{s.date_text()} — unsaved changes" if s else "", "#small", container=panel)
        self.button((20, 96, 130, 40), "Save and quit", "save", "Save to the autosave slot, then quit",
                    "#primary", container=panel)
        self.button((165, 96, 130, 40), "Quit", "quit", "Quit without saving", container=panel)
        self.button((310, 96, 130, 40), "Cancel", "cancel", "Keep playing (Esc)", container=panel)

    def on_button(self, command: str) -> None:
        if command == "save":
            problem = self.app.autosave()
            if problem:
                self.app.toast(f"Could not save: {problem}", bad=True)
                return
            self.app.running = False
        elif command == "quit":
            self.app.running = False
        else:
            self.app.pop()
