"""The world map with the top bar, country panel, crisis list, news feed and End Turn."""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox

from game.ui import panels
from game.ui.mapmodes import MODE_NAMES, MODES, colours_for
from game.ui.mapview import MapView
from game.ui.screen import Screen
from game.ui.theme import BAD, GOLD, INK, font

RIGHT_W = 320
TOP_H = 44

GUIDE = (
    "<b>Your first turn.</b> Your country is outlined in gold. Hover any figure in the top bar to see what "
    "feeds it and which claims are behind it. Open <b>Policies</b> (P) to enact one from your doctrine's deck.",
    "<b>Crises</b> are listed on the right. Click one to see the responses, their costs and previewed effects. "
    "Neglected crises escalate.",
    "Try the map modes on the left (M cycles them). Click a country, then <b>Diplomacy</b> (D). "
    "Press <b>Enter</b> or End Turn when done.",
)


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
        self.guide_box: UITextBox | None = None
        if app.seat:
            self.map.focus(app.seat)

    # ---- building ------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.size
        s = self.app.session
        self.map.set_rect(pygame.Rect(0, TOP_H, w - RIGHT_W, h - TOP_H))
        panels.top_bar(self, w)
        panels.country_panel(self, pygame.Rect(w - RIGHT_W, TOP_H, RIGHT_W, 330), self.selected)
        panels.crisis_list(self, pygame.Rect(w - RIGHT_W, TOP_H + 330, RIGHT_W, h - TOP_H - 330 - 60))
        end_text = "Game over" if s.over else ("End turn" if len(s.human_codes()) < 2 else f"Done ({self.app.seat})")
        self.button((w - RIGHT_W + 8, h - 54, RIGHT_W - 16, 46), end_text + "  ⏎", "end_turn",
                    "Resolve the turn (Enter or Space)", "#primary", enabled=not self.app.busy)
        for i, mode in enumerate(MODES):
            self.button((8, TOP_H + 8 + i * 30, 104, 28), MODE_NAMES[mode], f"mode:{mode}",
                        f"Map mode: {MODE_NAMES[mode]} (M cycles)", "#mode_on" if mode == self.mode else None)
        news_w = min(560, w - RIGHT_W - 16)
        panels.news_feed(self, pygame.Rect(8, h - 150, news_w, 142))
        if self.app.settings.guide and s.turn < len(GUIDE) and not s.over:
            self.guide_box = UITextBox(GUIDE[s.turn] + " <i>(hints: Settings)</i>",
                                       pygame.Rect(124, TOP_H + 8, min(520, w - RIGHT_W - 140), 104),
                                       self.ui, container=self.root)
        self.refresh_colours()

    def refresh_colours(self) -> None:
        colours, self.legend = colours_for(self.mode, self.app.session, self.app.settings.colourblind)
        self.map.set_colours(colours)

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
        step = 60
        if k in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER) or name == keys.key("end_turn"):
            self.on_button("end_turn")
        elif k == pygame.K_LEFT:
            self.map.pan(step, 0)
        elif k == pygame.K_RIGHT:
            self.map.pan(-step, 0)
        elif k == pygame.K_UP:
            self.map.pan(0, step)
        elif k == pygame.K_DOWN:
            self.map.pan(0, -step)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.map.zoom_at(1.25)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.map.zoom_at(0.8)
        elif name == keys.key("map_mode"):
            self.set_mode(MODES[(MODES.index(self.mode) + 1) % len(MODES)])
        else:
            for cmd in ("policies", "diplomacy", "institutions", "codex", "charts", "report", "save", "load"):
                if name == keys.key(cmd):
                    self.on_button(cmd)
                    return True
            return False
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
            return  # the tooltip is the explanation
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
        self.rebuild()

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

    # ---- drawing -------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((11, 18, 28))
        m = self.map
        if not self.app.busy and self.data_turn != (self.app.session.turn, self.mode, self.app.settings.colourblind):
            self.refresh_colours()
            self.data_turn = (self.app.session.turn, self.mode, self.app.settings.colourblind)
        surface.blit(m.render(), m.rect.topleft)
        clip = surface.get_clip()
        surface.set_clip(m.rect)
        if self.app.seat in m.by_country:
            m.outline(surface, m.by_country[self.app.seat], GOLD, 2)
        if self.selected in m.by_country and self.selected != self.app.seat:
            m.outline(surface, m.by_country[self.selected], INK, 2)
        if self.hover in m.by_country:
            m.outline(surface, m.by_country[self.hover], (255, 255, 255), 1)
        if not self.app.busy:
            self._crisis_markers(surface)
        surface.set_clip(clip)
        self._legend(surface)
        self._hover_name(surface)

    def _crisis_markers(self, surface: pygame.Surface) -> None:
        s = self.app.session
        for c in s.crises():
            pos = self.map.label_pos(c.location)
            if pos is None:
                continue
            r = 6 + int(c.severity / 14)
            pygame.draw.circle(surface, (20, 10, 10), pos, r + 2)
            pygame.draw.circle(surface, BAD, pos, r)
            img = font(max(10, r + 4), True).render("!", True, (255, 255, 255))
            surface.blit(img, img.get_rect(center=pos))

    def _legend(self, surface: pygame.Surface) -> None:
        if not self.legend:
            return
        x = 8 + min(560, self.map.rect.w - 16) + 10
        h = 22 + 18 * len(self.legend)
        y = self.map.rect.bottom - h - 8
        if x + 236 > self.map.rect.right:
            x, y = 124, self.map.rect.bottom - 150 - h - 8
        box = pygame.Rect(x, y, 236, h)
        pygame.draw.rect(surface, (12, 20, 32), box, border_radius=6)
        pygame.draw.rect(surface, (59, 76, 102), box, 1, border_radius=6)
        surface.blit(font(13, True).render(MODE_NAMES[self.mode], True, GOLD), (x + 8, y + 4))
        for i, (colour, text) in enumerate(self.legend):
            yy = y + 22 + i * 18
            pygame.draw.rect(surface, colour, (x + 8, yy + 2, 14, 12))
            surface.blit(font(12).render(text[:32], True, INK), (x + 28, yy))

    def _hover_name(self, surface: pygame.Surface) -> None:
        code = self.hover
        if not code or code not in self.app.session.rows:
            return
        mx, my = pygame.mouse.get_pos()
        mx, my = int(mx / self.app.scale), int(my / self.app.scale)
        if not self.map.rect.collidepoint(mx, my):
            return
        s = self.app.session
        gov = s.government(code)
        text = f"{s.info(code).name} — {gov.regime}, {html.unescape(s.rules.doctrines[gov.doctrine].name) if gov.doctrine in s.rules.doctrines else gov.doctrine}"
        img = font(13, True).render(text, True, INK)
        box = img.get_rect(topleft=(mx + 14, my + 10)).inflate(10, 6)
        box.clamp_ip(self.map.rect)
        pygame.draw.rect(surface, (10, 16, 26), box, border_radius=4)
        pygame.draw.rect(surface, GOLD, box, 1, border_radius=4)
        surface.blit(img, img.get_rect(center=box.center))


_ = pygame_gui  # the module is needed for its event types in subclasses
