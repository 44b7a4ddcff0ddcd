"""The main menu: every entry leads to a real screen."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.ui import saves
from game.ui.screen import Screen
from game.ui.theme import BG, GOLD, font

ENTRIES = (
    ("resume", "Resume game", "Back to the running game"),
    ("new", "New game", "Pick a scenario and a country"),
    ("continue", "Continue", "Load the latest save"),
    ("load", "Load game", "Choose a saved game"),
    ("hotseat", "Hot-seat", "Several players, one machine, taking turns"),
    ("mods", "Mods", "Enable, order and check mods"),
    ("codex", "Codex", "Every claim the rules encode, and where"),
    ("settings", "Settings", "Window, UI scale, sound, colours, keys"),
    ("quit", "Quit", "Leave the game"),
)

# One key per entry, shown in its tooltip: the menu works without the mouse.
KEYS = {pygame.K_r: "resume", pygame.K_n: "new", pygame.K_c: "continue", pygame.K_l: "load", pygame.K_h: "hotseat",
        pygame.K_m: "mods", pygame.K_x: "codex", pygame.K_s: "settings", pygame.K_q: "quit"}
LAND = (40, 58, 82)


class MenuScreen(Screen):
    backdrop_map = None  # the world drawn behind the menu, made on first draw
    def build(self) -> None:
        w, h = self.size
        self.label((0, 40, w, 60), "World Orders", "#title")
        self.label((0, 100, w, 24), "A game of world politics in the 2020s and 2030s", "#subtitle")
        loading = getattr(self.app, "rules_loading", None)  # `play` loads the rules after the first frame
        loading = bool(loading and loading())
        rules_ok = not loading and self.app.rules is not None
        entries = [e for e in ENTRIES if e[0] != "resume" or self.app.session is not None]
        bw, gap = 300, 8
        bh = max(30, min(42, (h - 150 - 40) // len(entries) - gap))  # all entries fit, however small the window
        x, y = w // 2 - bw // 2, 150
        latest = saves.latest_slot()
        for key, text, tip in entries:
            enabled = rules_ok or key in ("settings", "quit", "mods")
            if self.app.busy and key in ("new", "continue", "load", "hotseat", "mods"):
                enabled, tip = False, "Wait for the turn to be resolved"
            if key == "continue":
                enabled = enabled and latest is not None
                tip = (f"{latest.country}, {latest.date}" + (" (autosave)" if latest.auto else "")
                       if latest else "No saved game yet")
            letter = next(pygame.key.name(k).upper() for k, c in KEYS.items() if c == key)
            if loading and not enabled:  # bound to no command until the rules are in
                key, tip = "loading", "Loading the rules…"
            self.button((x, y, bw, bh), text, key, f"{tip} ({letter})", "#menu_button", enabled=enabled)
            y += bh + gap
        if not rules_ok and not loading:
            problems = self.app.rules_problems()
            text = (f"<b>The rules did not load ({len(problems)} problems). "
                    "Fix them or disable the broken mod:</b><br>"
                    + "<br>".join(html.escape(p) for p in problems[:60]))
            UITextBox(text, pygame.Rect(40, y + 10, w - 80, max(80, h - y - 30)), self.ui, container=self.root)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)
        w, h = surface.get_size()
        # The world, dark and quiet, behind the title: the game is about the globe.
        if self.backdrop_map is None or self.backdrop_map.rect.size != (w, h):
            from game.ui.mapview import MapView

            self.backdrop_map = MapView()
            self.backdrop_map.set_rect(pygame.Rect(0, 0, w, h))
            self.backdrop_map.set_colours({s.country: LAND for s in self.backdrop_map.shapes if s.country})
        surface.blit(self.backdrop_map.render(), (0, 0))
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((8, 12, 20, 120))
        surface.blit(shade, (0, 0))
        img = font(12).render("Rules drawn from two essays; every rule cites its claim. F11 fullscreen.", True, GOLD)
        surface.blit(img, (12, h - 22))

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in KEYS and self.app.focused_text() is None:
            button = self.find(KEYS[event.key])
            if button is not None and button.is_enabled:
                self.on_button(KEYS[event.key])
                return True
        return super().handle(event)

    def on_turn_done(self, report) -> None:
        self.rebuild()  # the entries greyed out while the turn ran are available again

    def on_escape(self) -> None:
        if self.app.session is not None:
            self.on_button("resume")

    def on_button(self, command: str) -> None:
        app = self.app
        if command == "resume" and app.session is not None:
            from game.ui.screens.world import WorldScreen

            if len(app.stack) > 1 and isinstance(app.stack[-2], WorldScreen):
                app.pop()  # back to the map as it was (zoom, selection)
            else:
                app.set_root(WorldScreen(app))
        elif command in ("new", "hotseat"):
            from game.ui.screens.setup import SetupScreen

            app.push(SetupScreen(app, hotseat=command == "hotseat"))
        elif command == "continue":
            from game.ui.screens.saveload import load_slot

            latest = saves.latest_slot()
            if latest is not None:
                load_slot(app, latest)
        elif command == "load":
            from game.ui.screens.saveload import SaveLoadScreen

            app.push(SaveLoadScreen(app, saving=False))
        elif command == "mods":
            from game.ui.screens.mods import ModsScreen

            app.push(ModsScreen(app))
        elif command == "codex":
            from game.ui.screens.codex import CodexScreen

            app.push(CodexScreen(app))
        elif command == "settings":
            from game.ui.screens.settings import SettingsScreen

            app.push(SettingsScreen(app))
        elif command == "quit":
            app.request_quit()
