"""Charts: the history of any figure for any set of countries (up to eight lines), or the world's."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList, UITextEntryLine

from game.ui.screen import Screen
from game.ui.screens.chart import draw_chart, series

MAX_LINES = 8


def item_code(item: str) -> str:
    """'Germany (DEU)' -> 'DEU'; 'World' -> 'world'."""
    return "world" if item == "World" else item.rsplit("(", 1)[-1].rstrip(")")


class ChartsScreen(Screen):
    def __init__(self, app, stat: str | None = None):
        super().__init__(app)
        s = app.session
        self.stats = sorted({k for rec in s.history for k in rec.get("figures", {})}) or ["approval"]
        self.world_stats = sorted({k for rec in s.history for k in rec.get("world", {})})
        self.stat = stat if stat in self.stats + self.world_stats else (
            "approval" if "approval" in self.stats else self.stats[0])
        from game.ui.screens.institutions import world_selection

        sel = world_selection(app)
        self.codes = [c for c in dict.fromkeys([app.seat, sel]) if c]
        self.search = ""

    @property
    def is_world(self) -> bool:
        return self.stat in self.world_stats

    def _items(self) -> list[str]:
        s = self.app.session
        names = {c: f"{s.info(c).name} ({c})" for c in s.table.codes}
        chosen = [names[c] for c in self.codes if c in names]
        q = self.search.lower().strip()
        rest = [names[c] for c in sorted(s.table.codes, key=lambda c: s.info(c).name)
                if names[c] not in chosen and (not q or q in names[c].lower())]
        return chosen + rest

    def build(self) -> None:
        w, h = self.size
        rules = self.app.session.rules
        self.label((20, 8, 260, 30), "Charts", "#heading")
        names = [rules.stats[x].name if x in rules.stats else x for x in self.stats + self.world_stats]
        self.ids = dict(zip(names, self.stats + self.world_stats, strict=True))
        cur = next(n for n, i in self.ids.items() if i == self.stat)
        self.drop = UIDropDownMenu(names, cur, pygame.Rect(20, 44, 260, 30), self.ui, container=self.root)
        self.list = None
        if self.is_world:
            self.label((20, 80, 260, 40), "A figure of the whole world.", "#small_left")
        else:
            self.search_box = UITextEntryLine(pygame.Rect(20, 80, 260, 30), self.ui, container=self.root,
                                              placeholder_text="Search countries…")
            self.search_box.set_text(self.search)
            self._make_list(h)
        self.button((20, h - 52, 160, 40), "Back (Esc)", "back")

    def _make_list(self, h: int) -> None:
        items = self._items()
        chosen = [i for i in items if item_code(i) in self.codes]
        if self.list is not None:
            self.list.kill()
        self.list = UISelectionList(pygame.Rect(20, 114, 260, h - 114 - 60), items, self.ui, container=self.root,
                                    allow_multi_select=True, default_selection=chosen or None)

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.drop:
            self.stat = self.ids.get(event.text, self.stat)
            self.rebuild()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is getattr(self, "search_box", None):
            self.search = event.text
            self._make_list(self.size[1])
            return True
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION) \
                and event.ui_element is self.list:
            self.pick(item_code(event.text), event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION)
            return True
        return super().handle(event)

    def pick(self, code: str, on: bool) -> None:
        """Add or remove a country's line (the oldest goes when there are too many)."""
        if on and code not in self.codes:
            self.codes = (self.codes + [code])[-MAX_LINES:]
        elif not on:
            self.codes = [c for c in self.codes if c != code]

    def on_button(self, command: str) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        w, h = self.size
        s = self.app.session
        data = series(s, self.stat, ["world"] if self.is_world else self.codes)
        rules = s.rules
        title = rules.stats[self.stat].name if self.stat in rules.stats else self.stat
        draw_chart(surface, pygame.Rect(300, 44, w - 320, h - 44 - 20), data, title,
                   [rec.get("date", "") for rec in s.history])
