"""Charts: the history of any figure for any set of countries."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList

from game.ui.screen import Screen
from game.ui.screens.chart import draw_chart, series


class ChartsScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        s = app.session
        self.stats = sorted({k for rec in s.history for k in rec.get("figures", {})}) or ["approval"]
        self.world_stats = sorted({k for rec in s.history for k in rec.get("world", {})})
        self.stat = "approval" if "approval" in self.stats else self.stats[0]
        from game.ui.screens.institutions import world_selection

        sel = world_selection(app)
        self.codes = [c for c in dict.fromkeys([app.seat, sel]) if c]

    def build(self) -> None:
        w, h = self.size
        s, rules = self.app.session, self.app.session.rules
        self.label((20, 8, 400, 30), "Charts", "#heading")
        names = [rules.stats[x].name if x in rules.stats else x for x in self.stats + self.world_stats]
        self.ids = dict(zip(names, self.stats + self.world_stats, strict=True))
        cur = next(n for n, i in self.ids.items() if i == self.stat)
        self.drop = UIDropDownMenu(names, cur, pygame.Rect(20, 44, 260, 30), self.ui, container=self.root)
        items = ["World"] + [f"{s.info(c).name} ({c})" for c in sorted(s.table.codes, key=lambda c: s.info(c).name)]
        chosen = [i for i in items if i.endswith(tuple(f"({c})" for c in self.codes))] + (["World"] if "world" in self.codes else [])
        self.list = UISelectionList(pygame.Rect(20, 80, 260, h - 80 - 60), items, self.ui, container=self.root,
                                    allow_multi_select=True, default_selection=chosen or None)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.drop:
            self.stat = self.ids.get(event.text, self.stat)
            self.codes = ["world"] if self.stat in self.world_stats else [c for c in self.codes if c != "world"]
            self.rebuild()
            return True
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION) \
                and event.ui_element is self.list:
            picked = self.list.get_multi_selection()
            self.codes = ["world" if p == "World" else p.rsplit("(", 1)[-1][:-1] for p in picked][:8]
            return True
        return super().handle(event)

    def on_button(self, command: str) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        w, h = self.size
        s = self.app.session
        codes = ["world"] if self.stat in self.world_stats else [c for c in self.codes if c != "world"]
        data = series(s, self.stat, codes)
        rules = s.rules
        title = rules.stats[self.stat].name if self.stat in rules.stats else self.stat
        draw_chart(surface, pygame.Rect(300, 44, w - 320, h - 44 - 20), data, title,
                   [rec.get("date", "") for rec in s.history])
