"""Settings: resolution, fullscreen, UI scale, volume, colour-blind palette, the guide, key bindings.

Every change is saved at once to settings.json in the user config folder."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIHorizontalSlider

from game.ui.screen import Screen
from game.ui.settings import DEFAULT_KEYS, RESOLUTIONS, SCALES


class SettingsScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.rebinding: str | None = None

    def build(self) -> None:
        w, h = self.size
        st = self.app.settings
        self.label((20, 8, 400, 30), "Settings", "#heading")
        x, y = 20, 50
        self.label((x, y, 200, 30), "Resolution", "#field")
        res = list(RESOLUTIONS) if st.resolution in RESOLUTIONS else [st.resolution, *RESOLUTIONS]
        self.res = UIDropDownMenu(res, st.resolution, pygame.Rect(x + 200, y, 200, 30), self.ui, container=self.root)
        y += 40
        self.label((x, y, 200, 30), "UI scale", "#field")
        cur = f"{st.ui_scale:.2f}".rstrip("0").rstrip(".") if st.ui_scale != 1.0 else "1.0"
        self.scale = UIDropDownMenu(list(SCALES), cur if cur in SCALES else "1.0", pygame.Rect(x + 200, y, 200, 30),
                                    self.ui, container=self.root)
        y += 40
        self.button((x, y, 400, 30), f"Fullscreen: {'on' if st.fullscreen else 'off'} (F11)", "fullscreen")
        y += 40
        self.label((x, y, 200, 30), f"Volume {int(st.volume * 100)}%", "#field")
        self.vol = UIHorizontalSlider(pygame.Rect(x + 200, y, 200, 30), st.volume * 100, (0, 100), self.ui,
                                      container=self.root)
        y += 40
        self.button((x, y, 400, 30), f"Colour-blind palette: {'on' if st.colourblind else 'off'}", "colourblind")
        y += 40
        self.button((x, y, 250, 30), f"First-game guide: {'on' if st.guide else 'off'}", "guide",
                    "Show the step-by-step guide on the map (F1 there)")
        self.button((x + 256, y, 144, 30), "Start it again", "guide_restart", "Back to the guide's first step")
        kx, ky = 460, 50
        self.label((kx, ky, 400, 30), "Keys (click, then press a key)", "#section")
        ky += 34
        for action in DEFAULT_KEYS:
            text = "press a key…" if self.rebinding == action else st.key(action).upper()
            self.label((kx, ky, 180, 26), action.replace("_", " ").capitalize(), "#left")
            self.button((kx + 190, ky, 140, 26), text, f"key:{action}", None, "#mode_on" if self.rebinding == action else None)
            ky += 28
        self.button((kx, ky + 6, 330, 30), "Reset keys", "reset_keys")
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def handle(self, event) -> bool:
        st = self.app.settings
        if self.rebinding and event.type == pygame.KEYDOWN:
            if event.key != pygame.K_ESCAPE:
                st.keys[self.rebinding] = pygame.key.name(event.key)
                self.app.save_settings()
            self.rebinding = None
            self.rebuild()
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.res:
                st.resolution = event.text
                self.app.apply_settings()
            elif event.ui_element is self.scale:
                st.ui_scale = float(event.text)
                self.app.apply_settings()
            return True
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.vol:
            st.volume = event.value / 100
            self.app.save_settings()
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        st = self.app.settings
        name, _, arg = command.partition(":")
        if name == "fullscreen":
            self.app.toggle_fullscreen()
            return
        if name == "colourblind":
            st.colourblind = not st.colourblind
        elif name == "guide":
            st.guide = not st.guide
        elif name == "guide_restart":
            st.guide, st.guide_step = True, 0
            self.app.toast("The guide starts again on the map")
        elif name == "key":
            self.rebinding = arg
        elif name == "reset_keys":
            st.keys = dict(DEFAULT_KEYS)
        else:
            self.app.pop()
            return
        self.app.save_settings()
        self.rebuild()
