"""The app: window, UI manager, screen stack and the main loop.

`run(argv)` is what `python main.py play` calls. Screens live in game/ui/screens, one per
module; the turn worker, the overlay, the rules source and the test probe have their own files.
"""

from __future__ import annotations

import time

import pygame

from game.ui import rulesource, saves
from game.ui.hotseat import take_mark
from game.ui.overlay import Overlay
from game.ui.probe import Probe
from game.ui.screen import Screen
from game.ui.sessions import SessionHolder
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.theme import make_manager
from game.ui.turns import TURN_DONE, TurnWorker

FPS = 60


class App(SessionHolder):
    def __init__(self, settings: Settings | None = None, persist: bool = True, rules_root=None):
        pygame.init()
        pygame.key.set_repeat(350, 40)
        self.settings = settings or load_settings()
        self.persist = persist  # tests keep the user's settings file untouched
        self.rules_root = rules_root  # tests and tools may point at another rules folder
        self.window = self._open_window()
        self.ui = make_manager(self.logical_size)
        self.canvas: pygame.Surface | None = None
        self.stack: list[Screen] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self._rules_result = None
        self.mod_problems: list = []
        self.session = None
        self.seat: str | None = None  # the human country deciding now (hot-seat changes it)
        self.dirty = False  # unsaved changes
        self.turn_mark = None  # hot-seat: the world as it was when this turn's decisions began
        self.worker = TurnWorker()
        self.last_autosave = None  # the file the last turn was autosaved to
        self.overlay = Overlay()
        self.probe = Probe()
        pygame.display.set_caption("World Orders")

    # ---- window --------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.settings.size, pygame.RESIZABLE)

    @property
    def scale(self) -> float:
        return self.settings.ui_scale

    @property
    def logical_size(self) -> tuple[int, int]:
        """The size screens lay out in: the window divided by the UI scale."""
        w, h = pygame.display.get_surface().get_size()
        return max(640, int(w / self.scale)), max(400, int(h / self.scale))

    def resized(self) -> None:
        self.ui.set_window_resolution(self.logical_size)
        self.ui.mouse_pos_scale_factor = [1.0 / self.scale, 1.0 / self.scale]
        self.canvas = None
        if self.stack:
            self.stack[-1].rebuild()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.apply_settings()

    def apply_settings(self) -> None:
        self.window = self._open_window()
        self.resized()
        self.save_settings()

    def save_settings(self) -> None:
        if self.persist:
            save_settings(self.settings)

    # ---- the screen stack ----------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> Screen:
        if self.stack:
            self.stack[-1].suspend()
        self.stack.append(screen)
        screen.enter()
        return screen

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().leave()
        if self.stack:
            self.stack[-1].resume()

    def set_root(self, screen: Screen) -> Screen:
        while self.stack:
            self.stack.pop().leave()
        return self.push(screen)

    def focused_text(self):
        from pygame_gui.elements import UITextEntryLine

        focus = self.ui.get_focus_set()
        return next((e for e in focus or () if isinstance(e, UITextEntryLine)), None)

    # ---- messages --------------------------------------------------------------------------------
    def toast(self, text: str, bad: bool = False) -> None:
        self.overlay.toast(text, bad)

    def report_result(self, result) -> bool:
        """Show a command's result to the player; True when it went through."""
        if result:
            msg = getattr(result, "message", "")
            if msg:
                self.toast(msg)
            self.dirty = True
            return True
        self.toast(getattr(result, "reason", str(result)), bad=True)
        return False

    # ---- turns -------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker.busy

    @property
    def turn_report(self):
        return self.worker.report

    def end_turn(self) -> None:
        """Run the turn in the worker thread; the window keeps drawing a progress indicator."""
        if self.session is None or self.session.over:
            return
        self.worker.start(self.session, after=self._autosave_turn)

    def _autosave_turn(self, session) -> None:
        """In the worker, right after the turn: the autosave of game.sim.autosave (one file per
        turn, the newest `autosave_keep` kept)."""
        self.last_autosave = saves.autosave(session)

    def wait_turn(self, timeout: float = 20.0) -> None:
        """Keep stepping frames until the worker is done (tests)."""
        end = time.time() + timeout
        while self.busy and time.time() < end:
            self.step()
            time.sleep(0.005)

    def _turn_done(self) -> None:
        self.worker.finish()
        self.dirty = bool(self.worker.error or self.worker.after_error)  # else the autosave holds this turn
        if self.worker.error:
            self.toast("The turn failed: " + self.worker.error.strip().splitlines()[-1], bad=True)
            print(self.worker.error)
        elif self.worker.after_error:
            self.toast(self.worker.after_error, bad=True)
        session = self.session
        if session is not None:
            humans = session.pending_seats() or session.human_codes()
            self.seat = humans[0] if humans else None
            self.turn_mark = take_mark(session)
        top = self.top
        if top is not None and hasattr(top, "on_turn_done"):
            top.on_turn_done(self.worker.report)

    # ---- quitting and saving --------------------------------------------------------------------------
    def request_quit(self) -> None:
        """Quit; with unsaved changes in a running game, offer to save first."""
        if self.session is not None and self.dirty and not self.session.over:
            from game.ui.screens.quit import QuitScreen

            if not isinstance(self.top, QuitScreen):
                self.push(QuitScreen(self))
            return
        self.running = False

    def autosave(self) -> str | None:
        """Autosave the running game now (Save and quit); the problem in one line, or None."""
        if self.session is None:
            return "no game is running"
        try:
            self.last_autosave = saves.autosave(self.session)
        except saves.SaveUnavailable as exc:
            return str(exc)
        self.dirty = False
        return None

    def thumbnail(self) -> pygame.Surface:
        return (self.canvas or pygame.display.get_surface()).copy()

    # ---- the loop -------------------------------------------------------------------------------------------
    def step(self, dt: float | None = None) -> None:
        """One frame: events, update, draw. Tests call this directly."""
        dt = self.clock.tick(FPS) / 1000.0 if dt is None else dt
        for event in pygame.event.get():
            self.dispatch(event)
        self.ui.update(dt)
        if self.top is not None:
            self.top.update(dt)
        self.draw()
        self.probe.update(self)
        rulesource.freeze_once(self)  # once, after the first frame with the rules loaded

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type == TURN_DONE:
            self._turn_done()
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self.settings.resolution = f"{max(800, event.w)}x{max(600, event.h)}"
            self.resized()
            return
        if event.type == pygame.KEYDOWN and self._global_key(event):
            return
        if self.ui.process_events(event):
            return
        top = self.top
        if top is None:
            return
        if hasattr(event, "pos") and self.scale != 1.0 and event.type in (
                pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            d = dict(event.dict)  # screens work in logical (unscaled) coordinates, like the widgets
            d["pos"] = (int(event.pos[0] / self.scale), int(event.pos[1] / self.scale))
            if "rel" in d:
                d["rel"] = (event.rel[0] / self.scale, event.rel[1] / self.scale)
            event = pygame.event.Event(event.type, d)
        top.handle(event)

    def _global_key(self, event) -> bool:
        """Keys that work on every screen: fullscreen and the rules hot reload."""
        name = pygame.key.name(event.key)
        if event.key == pygame.K_F11 or name == self.settings.key("fullscreen"):
            self.toggle_fullscreen()
            return True
        if name == self.settings.key("reload_rules") and not self.busy:
            rulesource.hot_reload(self)
            return True
        return False

    def draw(self) -> None:
        window = pygame.display.get_surface()
        if self.scale == 1.0:
            surface = window
        else:
            if self.canvas is None or self.canvas.get_size() != self.logical_size:
                self.canvas = pygame.Surface(self.logical_size)
            surface = self.canvas
        top = self.top
        if top is not None:
            if top.backdrop and len(self.stack) > 1:
                self.stack[-2].draw(surface)
                shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                shade.fill((0, 0, 0, 150))
                surface.blit(shade, (0, 0))
            else:
                top.draw(surface)
        self.ui.draw_ui(surface)
        if top is not None:
            top.draw_over(surface)
        self.overlay.draw(surface, self.worker.elapsed if self.busy else None)
        if surface is not window:
            pygame.transform.smoothscale(surface, window.get_size(), window)
        pygame.display.flip()

    def run(self) -> int:
        from game.ui.screens.menu import MenuScreen

        if not self.stack:
            self.push(MenuScreen(self))
        while self.running:
            self.step()
        if self.session is not None:
            self.session.close()
        pygame.quit()
        return 0


def run(argv: list[str] | None = None) -> int:
    """Entry point for `python main.py play` (see game.ui.launch)."""
    from game.ui.launch import main

    return main(argv)
