"""New-game setup: scenario, country (map or searchable list), doctrine, difficulty, seed, lens, seats."""

from __future__ import annotations

import html
import random

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList, UITextBox, UITextEntryLine

from game.ui.cards import text_box
from game.ui.mapmodes import REGIMES_CB, REGIMES_NORMAL
from game.ui.mapview import MapView
from game.ui.screen import Screen
from game.ui.theme import GOLD, INK, font


def code_of(item: str | None) -> str | None:
    """'Germany (DEU)' -> 'DEU'."""
    if not item or not item.endswith(")"):
        return None
    return item.rsplit("(", 1)[-1][:-1]


class SetupScreen(Screen):
    def __init__(self, app, hotseat: bool = False):
        super().__init__(app)
        rules = app.rules
        self.hotseat = hotseat
        self.scenario = "2024" if "2024" in rules.scenarios else next(iter(rules.scenarios))
        self.country: str | None = None
        self.doctrine: str | None = None  # None: the country's own
        self.difficulty = "normal" if "normal" in rules.difficulties else next(iter(rules.difficulties), "normal")
        self.lens = "balanced" if "balanced" in rules.lenses else next(iter(rules.lenses), "balanced")
        self.seed = random.randint(1, 99999)  # noqa: S311 - a game seed, not security
        self.seats: list[str] = []
        self.search = ""
        self.map = MapView()
        self.hover: str | None = None
        self.widgets: dict[str, object] = {}

    @property
    def starts(self):
        return {c.id: c for c in self.app.rules.scenarios[self.scenario].countries}

    def build(self) -> None:
        """Choices on the left, the map in the middle with the scenario and lens explained under
        it, the searchable list and the chosen country's facts on the right."""
        w, h = self.size
        rules = self.app.rules
        self.label((20, 8, 400, 32), "Hot-seat game" if self.hotseat else "New game", "#heading")
        x, y, cw = 20, 48, 260
        sc_names = {s.name: k for k, s in rules.scenarios.items()}
        self.widgets["scenario"] = self._drop("Scenario", list(sc_names), rules.scenarios[self.scenario].name, x, y, cw)
        y += 58
        doc_names = ["Country's own"] + [d.name for d in rules.doctrines.values()]
        current = rules.doctrines[self.doctrine].name if self.doctrine in rules.doctrines else "Country's own"
        self.widgets["doctrine"] = self._drop("Doctrine", doc_names, current, x, y, cw)
        y += 58
        diffs = [d.name for d in rules.difficulties.values()] or ["normal"]
        cur = rules.difficulties[self.difficulty].name if self.difficulty in rules.difficulties else diffs[0]
        self.widgets["difficulty"] = self._drop("Difficulty", diffs, cur, x, y, cw)
        y += 58
        lenses = [lens.name for lens in rules.lenses.values()] or ["balanced"]
        cur = rules.lenses[self.lens].name if self.lens in rules.lenses else lenses[0]
        self.widgets["lens"] = self._drop("Theory lens", lenses, cur, x, y, cw)
        y += 62
        self.label((x, y, 60, 28), "Seed", "#small_left")
        entry = UITextEntryLine(pygame.Rect(x + 60, y, 120, 28), self.ui, container=self.root)
        entry.set_text(str(self.seed))
        self.widgets["seed"] = entry
        self.button((x + 186, y, 74, 28), "Random", "reseed", "A new random seed")
        y += 40
        self.label((x, y, cw, 22), "Extra human seats (hot-seat):", "#small_left")
        y += 22
        seats = ", ".join(self.seats) or "none"
        self.label((x, y, cw - 70, 26), seats, "#left")
        self.button((x + cw - 66, y, 66, 26), "Clear", "clear_seats", "Remove the extra human seats")
        y += 30
        self.button((x, y, cw, 28), "+ Add selected as a seat", "add_seat",
                    "Another player takes the selected country", enabled=bool(self.country))
        # The map in the middle; what the scenario and the lens mean under it.
        mx, mw = 300, w - 300 - 340
        sc, lens = rules.scenarios[self.scenario], rules.lenses.get(self.lens)
        about = f"<b>{html.escape(sc.name)}</b> — {html.escape(sc.description)}"
        if lens is not None:
            about += f"<br><b>{html.escape(lens.name)}</b> — {html.escape(lens.description)}"
        text = text_box(self, about, pygame.Rect(mx, 0, mw, 0), (h - 48 - 70) // 3)
        text_h = text.rect.h
        text.set_relative_position((mx, h - 66 - text_h))
        self.map.set_rect(pygame.Rect(mx, 48, mw, h - 48 - 72 - text_h))
        self._colour_map()
        # Searchable list and the chosen country's facts on the right.
        rx, rw = w - 320, 300
        self.label((rx, 8, rw, 32), "Country", "#heading")
        search = UITextEntryLine(pygame.Rect(rx, 44, rw, 30), self.ui, container=self.root,
                                 placeholder_text="Search countries…")
        search.set_text(self.search)
        self.widgets["search"] = search
        items = self._items()
        sel = next((i for i in items if code_of(i) == self.country), None)
        facts = UITextBox(self._facts(), pygame.Rect(rx, 0, rw, -1), self.ui, container=self.root)
        facts_h = max(facts.rect.h, 60)
        facts.set_dimensions((rw, facts_h))
        facts.set_relative_position((rx, h - 66 - facts_h))
        listing = UISelectionList(pygame.Rect(rx, 78, rw, h - 78 - 72 - facts_h), items, self.ui,
                                  container=self.root, default_selection=sel)
        if sel is not None and listing.scroll_bar is not None:  # show the chosen country, a few rows down
            listing.scroll_bar.set_scroll_from_start_percentage(max(0, items.index(sel) - 3) / len(items))
        self.widgets["list"] = listing
        self.button((mx, h - 56, 140, 44), "Back", "back", "Back to the menu (Esc)")
        if mw >= 480:
            self.label((mx + 150, h - 56, mw - 150, 44), "Click a country on the map, or search the list.", "#small")
        self.button((rx, h - 56, rw, 44), "Start game  ⏎", "start", "Begin with these choices",
                    "#primary", enabled=bool(self.country))

    def _drop(self, title: str, options: list[str], current: str, x: int, y: int, w: int) -> UIDropDownMenu:
        self.label((x, y, w, 20), title, "#small_left")
        return UIDropDownMenu(options, current, pygame.Rect(x, y + 20, w, 30), self.ui, container=self.root)

    def _items(self) -> list[str]:
        q = self.search.lower().strip()
        return [f"{c.name} ({c.id})" for c in sorted(self.starts.values(), key=lambda c: c.name)
                if not q or q in c.name.lower() or q in c.id.lower()]

    def _facts(self) -> str:
        c = self.starts.get(self.country or "")
        if c is None:
            return "<i>No country chosen yet.</i>"
        docs = self.app.rules.doctrines
        lines = [f"<b>{html.escape(c.name)}</b> ({c.id}) — {html.escape(c.region.replace('_', ' '))}",
                 f"{c.regime.capitalize()} · {html.escape(docs[c.doctrine].name if c.doctrine in docs else c.doctrine)}",
                 f"Leader: {html.escape(c.leader or '—')}",
                 f"GDP {c.gdp:,.0f} bn$ · growth {c.growth:+.1f}% · debt {c.debt:.0f}%",
                 f"Democracy {c.democracy:.0f} · approval {c.approval:.0f} · stability {c.stability:.0f}",
                 f"Military {c.military:.0f}{' · nuclear' if c.nuclear else ''} · alignment {c.alignment:+.0f}"]
        return "<br>".join(lines)

    def _colour_map(self) -> None:
        pal = REGIMES_CB if self.app.settings.colourblind else REGIMES_NORMAL
        self.map.set_colours({k: tuple(int(v * 0.8) for v in pal.get(c.regime, (90, 90, 90)))
                              for k, c in self.starts.items()})

    # ---- events -----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if super().handle(event):
            return True
        rules = self.app.rules
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            text = event.text
            for key, table, attr in (("scenario", rules.scenarios, "scenario"), ("difficulty", rules.difficulties, "difficulty"),
                                     ("lens", rules.lenses, "lens")):
                if event.ui_element is self.widgets.get(key):
                    setattr(self, attr, next((k for k, d in table.items() if d.name == text), getattr(self, attr)))
                    if key == "scenario" and self.country not in self.starts:
                        self.country = None
                    self.rebuild()
                    return True
            if event.ui_element is self.widgets.get("doctrine"):
                self.doctrine = next((k for k, d in rules.doctrines.items() if d.name == text), None)
                return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.widgets.get("search"):
            self.search = event.text
            lst = self.widgets["list"]
            lst.set_item_list(self._items())
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.widgets.get("seed"):
            digits = "".join(ch for ch in event.text if ch.isdigit())
            self.seed = int(digits) if digits else 0
            return True
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.widgets.get("list"):
            self.pick(code_of(event.text))
            return True
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.map.country_at(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.map.rect.collidepoint(event.pos):
            code = self.map.country_at(event.pos)
            if code in self.starts:
                self.pick(code)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN and self.app.focused_text() is None:
            self.on_button("start")
            return True
        return False

    def pick(self, code: str | None) -> None:
        if code and code in self.starts:
            self.country = code
            self.rebuild()

    def on_escape(self) -> None:
        self.app.pop()

    def on_button(self, command: str) -> None:
        if command == "back":
            self.app.pop()
        elif command == "reseed":
            self.seed = random.randint(1, 99999)  # noqa: S311
            self.rebuild()
        elif command == "add_seat" and self.country and self.country not in self.seats:
            self.seats.append(self.country)
            self.rebuild()
        elif command == "clear_seats":
            self.seats = []
            self.rebuild()
        elif command == "start":
            self.start()

    def start(self):
        if not self.country:
            self.app.toast("Choose a country first", bad=True)
            return None
        from game.sim.setup import SetupError, new_session

        humans = tuple(dict.fromkeys([self.country, *self.seats]))
        overrides = {self.country: self.doctrine} if self.doctrine else None
        try:
            session = new_session(self.app.rules, self.scenario, seed=self.seed, lens=self.lens, humans=humans,
                                  difficulty=self.difficulty, doctrine_overrides=overrides)
        except SetupError as exc:
            self.app.toast(str(exc), bad=True)
            return None
        self.app.start_session(session)
        self.app.seat = self.country
        return session

    def probe(self) -> dict:
        """For the end-to-end test: the chosen country and where each country is on the map."""
        m, k = self.map, self.app.scale
        return {"country": self.country,
                "points": {c: [int(p[0] * k), int(p[1] * k)] for c in self.starts
                           if (p := m.label_pos(c)) and m.rect.collidepoint(p) and m.country_at(p) == c}}

    # ---- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        m = self.map
        surface.blit(m.render(), m.rect.topleft)
        if self.country in m.by_country:
            m.outline(surface, m.by_country[self.country], GOLD, 2)
        for code in self.seats:
            if code in m.by_country:
                m.outline(surface, m.by_country[code], (120, 200, 255), 2)
        if self.hover in m.by_country and self.hover in self.starts:
            m.outline(surface, m.by_country[self.hover], (255, 255, 255), 1)
            img = font(14, True).render(self.starts[self.hover].name, True, INK)
            surface.blit(img, (m.rect.x + 8, m.rect.y + 8))
