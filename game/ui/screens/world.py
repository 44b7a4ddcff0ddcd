"""The world map with the top bar, country panel, crisis list, news feed, guide and End Turn."""

from __future__ import annotations

import pygame

from game.ui import mapdraw, panels
from game.ui.guide import Guide
from game.ui.mapmodes import MODE_NAMES, MODES, colours_for
from game.ui.mapview import MapView
from game.ui.screen import Screen

RIGHT_W = 320
TOP_H = 44
CRISES_MIN = 120
PANEL_MIN = 380
SHORTCUTS = ("policies", "diplomacy", "institutions", "codex", "charts", "report", "save", "load")


class WorldScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.map = MapView()
        self.mode = "regime"
        self.selected: str | None = app.seat
        self.hover: str | None = None
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False
        self.legend: list = []
        self.data_turn = None
        self.crisis_rect: pygame.Rect | None = None
        self.guide = Guide(self)
        self._focus_seat = bool(app.seat)  # zoom onto the player's country once the map has its size

    # ---- building ------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        self.map.set_rect(pygame.Rect(0, TOP_H, w - RIGHT_W, h - TOP_H))
        if self._focus_seat:
            self._focus_seat = False
            self.map.focus(self.app.seat, self.map.region_zoom(self.app.seat))
        panels.top_bar(self, w)
        side_h = h - TOP_H - 60
        # The country panel needs about 380 px; the crisis list takes the rest, up to half.
        crises_h = max(CRISES_MIN, min(side_h - PANEL_MIN, side_h // 2))
        panels.country_panel(self, pygame.Rect(w - RIGHT_W, TOP_H, RIGHT_W, side_h - crises_h), self.selected)
        self.crisis_rect = pygame.Rect(w - RIGHT_W, TOP_H + side_h - crises_h, RIGHT_W, crises_h)
        panels.crisis_list(self, self.crisis_rect)
        self.button((w - RIGHT_W + 8, h - 54, RIGHT_W - 16, 46), self._end_text() + "  ⏎", "end_turn",
                    "Resolve the turn (Enter)", "#primary", enabled=not self.app.busy)
        for i, mode in enumerate(MODES):
            self.button((8, TOP_H + 8 + i * 30, 104, 28), MODE_NAMES[mode], f"mode:{mode}",
                        f"Map mode: {MODE_NAMES[mode]} (M cycles)", "#mode_on" if mode == self.mode else None)
        news_w = min(560, w - RIGHT_W - 16 - 250)
        self.news = panels.news_feed(self, pygame.Rect(8, h - 150, news_w, 142))
        if not s.over:
            self.guide.build(pygame.Rect(124, TOP_H + 8, min(470, w - RIGHT_W - 140), 0))
        self.refresh_colours()

    def _end_text(self) -> str:
        s = self.app.session
        if s.over:
            return "Game over"
        if len(s.human_codes()) > 1 and self.app.seat:
            return f"Done: {s.info(self.app.seat).name[:14]}"
        return "End turn"

    def refresh_colours(self) -> None:
        colours, self.legend = colours_for(self.mode, self.app.session, self.app.settings.colourblind)
        self.map.set_colours(colours)

    def resume(self) -> None:
        if self.app.busy and self.root is not None:
            self.root.set_position((0, 0))  # rebuilt when the turn is done, not while the worker runs
            return
        super().resume()

    def session_replaced(self) -> None:
        self.data_turn = None  # hot reload: recolour from the new session

    def probe(self) -> dict:
        m = self.map
        return {"selected": self.selected, "mode": self.mode,
                "points": {c: [int(p[0] * self.app.scale), int(p[1] * self.app.scale)]
                           for c in m.by_country if (p := m.label_pos(c)) and m.rect.collidepoint(p)}}

    # ---- events -------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if super().handle(event):
            return True
        if event.type == pygame.KEYDOWN and self.app.focused_text() is None:
            return self.key(event)
        if event.type == pygame.MOUSEBUTTONDOWN and self.map.rect.collidepoint(event.pos):
            if event.button == 1:
                self.drag_from, self.dragged = event.pos, False
            elif event.button == 4:
                self.map.zoom_at(1.25, self._local(event.pos))
            elif event.button == 5:
                self.map.zoom_at(0.8, self._local(event.pos))
            return True
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            pos = (int(pos[0] / self.app.scale), int(pos[1] / self.app.scale))
            if self.map.rect.collidepoint(pos):
                self.map.zoom_at(1.25 ** event.y, self._local(pos))
                return True
        if event.type == pygame.MOUSEMOTION:
            if self.drag_from is not None and event.buttons and event.buttons[0]:
                if self.dragged or abs(event.pos[0] - self.drag_from[0]) + abs(event.pos[1] - self.drag_from[1]) > 4:
                    self.dragged = True
                    self.map.pan(*event.rel)
            self.hover = self.map.country_at(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.drag_from is not None:
            if not self.dragged:
                code = self.map.country_at(event.pos)
                if code and code in self.app.session.rows:
                    self.select(code)
            self.drag_from = None
            return True
        return False

    def _local(self, pos):
        return pos[0] - self.map.rect.x, pos[1] - self.map.rect.y

    def key(self, event) -> bool:
        k, keys = event.key, self.app.settings
        name = pygame.key.name(k)
        pans = {pygame.K_LEFT: (60, 0), pygame.K_RIGHT: (-60, 0), pygame.K_UP: (0, 60), pygame.K_DOWN: (0, -60)}
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER) or name == keys.key("end_turn"):
            self.on_button("end_turn")
        elif k in pans:
            self.map.pan(*pans[k])
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.map.zoom_at(1.25)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.map.zoom_at(0.8)
        elif name == keys.key("map_mode"):
            self.set_mode(MODES[(MODES.index(self.mode) + 1) % len(MODES)])
        elif name == keys.key("guide"):
            self.guide.toggle()
        else:
            command = next((c for c in SHORTCUTS if name == keys.key(c)), None)
            if command is None:
                return False
            self.on_button(command)
        return True

    def select(self, code: str) -> None:
        self.selected = code
        self.rebuild()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.rebuild()

    def on_escape(self) -> None:
        self.on_button("menu")

    def on_button(self, command: str) -> None:
        app = self.app
        if app.busy and command != "menu":
            return
        name, _, arg = command.partition(":")
        if name == "mode":
            self.set_mode(arg)
        elif name == "select":
            self.map.focus(arg)
            self.select(arg)
        elif name == "explain":
            self.follow(command)
        elif name == "guide":
            self.guide.command(arg)
        elif name == "crisis":
            from game.ui.screens.crisis import CrisisScreen

            app.push(CrisisScreen(app, arg))
        elif name == "end_turn":
            self.end_turn()
        elif name == "menu":
            from game.ui.screens.menu import MenuScreen

            app.push(MenuScreen(app))
        else:
            from game.ui.screens import open_screen

            open_screen(app, name, self.selected)

    def end_turn(self) -> None:
        """End the turn; in hot-seat, end this seat's decisions and hand over to the next."""
        app, s = self.app, self.app.session
        if s.over:
            from game.ui.screens.gameover import GameOverScreen

            app.push(GameOverScreen(app))
            return
        if len(s.human_codes()) > 1 and app.seat:
            from game.sim.commands import EndSeat

            s.submit(EndSeat(app.seat))
            pending = s.pending_seats()
            if pending:
                from game.ui.screens.handover import HandoverScreen

                app.seat = pending[0]
                app.push(HandoverScreen(app, pending[0]))
                return
        app.end_turn()
        # No rebuild while the worker runs: the widgets would read the world it is changing.
        button = self.find("end_turn")
        if button is not None:
            button.disable()

    def on_turn_done(self, report) -> None:
        s = self.app.session
        self.selected = self.selected or self.app.seat
        self.rebuild()
        if s.over:
            from game.ui.screens.gameover import GameOverScreen

            self.app.push(GameOverScreen(self.app))
        elif len(s.human_codes()) > 1 and self.app.seat:
            from game.ui.screens.handover import HandoverScreen

            self.app.push(HandoverScreen(self.app, self.app.seat, report=True))
        elif report is not None:
            from game.ui.screens.report import ReportScreen

            self.app.push(ReportScreen(self.app))

    def update(self, dt: float) -> None:
        self.guide.update()

    # ---- drawing -------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        m, app = self.map, self.app
        key = (app.session.turn, self.mode, app.settings.colourblind, id(app.session))
        if not app.busy and self.data_turn != key:
            self.refresh_colours()
            self.data_turn = key
        surface.blit(m.render(), m.rect.topleft)
        clip = surface.get_clip()
        surface.set_clip(m.rect)
        mapdraw.outlines(surface, m, app.seat, self.selected, self.hover)
        if not app.busy:
            mapdraw.crisis_markers(surface, m, app.session)
        surface.set_clip(clip)
        mapdraw.legend(surface, m.rect, self.mode, self.legend)

    def draw_over(self, surface: pygame.Surface) -> None:
        mx, my = pygame.mouse.get_pos()
        mouse = (int(mx / self.app.scale), int(my / self.app.scale))
        mapdraw.hover_name(surface, self.map, self.app.session, self.hover, mouse)
        if not self.app.busy:
            self.guide.draw(surface)
