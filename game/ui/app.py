"""The app: window, UI manager, screen stack, the turn worker and the main loop.

`run(argv)` is what `python main.py play` calls. Screens live in game/ui/screens, one per module.
"""

from __future__ import annotations

import argparse
import threading
import time
import traceback

import pygame

from game.ui import saves
from game.ui.screen import Screen
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.theme import BAD, GOLD, INK, font, make_manager

TURN_DONE = pygame.event.custom_type()
FPS = 60


class App:
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
        self.busy = False  # a turn is being resolved in the worker thread
        self.busy_since = 0.0
        self.turn_report = None
        self.turn_error: str | None = None
        self._toasts: list[tuple[float, str, bool]] = []
        pygame.display.set_caption("World Orders")

    # ---- window --------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.settings.size, flags)

    @property
    def scale(self) -> float:
        return self.settings.ui_scale

    @property
    def logical_size(self) -> tuple[int, int]:
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
        self.window = self._open_window()
        self.resized()
        self.save_settings()

    def apply_settings(self) -> None:
        self.window = self._open_window()
        self.resized()
        self.save_settings()

    def save_settings(self) -> None:
        if self.persist:
            save_settings(self.settings)

    # ---- rules and sessions ------------------------------------------------------------------
    @property
    def rules_result(self):
        if self._rules_result is None:
            self._rules_result = self.load_rules()
        return self._rules_result

    def load_rules(self):
        """Base rules plus the enabled mods; if the mods break the rules, the base game alone."""
        from game.paths import mods_dir, rules_dir
        from game.rules import load_rules

        folders = [mods_dir() / m for m in self.settings.mods if (mods_dir() / m).is_dir()]
        root = self.rules_root or rules_dir()
        result = load_rules(root, folders)
        if result.ruleset is None and folders:
            base = load_rules(root)
            if base.ruleset is not None:
                self.mod_problems = list(result.problems)
                self.toast("A mod broke the rules: playing without mods (see Mods)", bad=True)
                return base
        self.mod_problems = [p for m in getattr(result, "mods", ()) for p in m.problems]
        return result

    def reload_rules(self) -> None:
        self._rules_result = None

    @property
    def rules(self):
        return self.rules_result.ruleset

    def rules_problems(self) -> list[str]:
        out = []
        for p in self.rules_result.problems:
            got = f" (got {p.got})" if getattr(p, "got", None) else ""
            out.append(f"{p.file}:{p.line}: {p.path}: {p.message}{got}")
        return out

    def start_session(self, session) -> None:
        """Make `session` the running game and show its map."""
        from game.ui.screens.world import WorldScreen

        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        humans = session.human_codes()
        pending = session.pending_seats()
        self.seat = (pending or humans or [None])[0]
        self.dirty = True
        self.set_root(WorldScreen(self))

    def drop_session(self) -> None:
        if self.session is not None:
            self.session.close()
        self.session = None
        self.seat = None
        self.dirty = False

    # ---- the screen stack ----------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> Screen:
        if self.stack:
            self.stack[-1].leave()
        self.stack.append(screen)
        screen.enter()
        return screen

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().leave()
        if self.stack:
            self.stack[-1].enter()

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
        self._toasts.append((time.time() + 4.0, text, bad))
        self._toasts = self._toasts[-4:]

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
    def end_turn(self) -> None:
        """Run the turn in a worker thread; the window keeps drawing a progress indicator."""
        if self.busy or self.session is None or self.session.over:
            return
        self.busy, self.busy_since = True, time.time()
        self.turn_report, self.turn_error = None, None
        session = self.session

        def work() -> None:
            try:
                self.turn_report = session.end_turn()
            except Exception:  # shown to the player; the game stays open
                self.turn_error = traceback.format_exc()
            finally:
                pygame.event.post(pygame.event.Event(TURN_DONE))

        threading.Thread(target=work, name="turn", daemon=True).start()

    def wait_turn(self, timeout: float = 10.0) -> None:
        """Block until the worker is done (tests)."""
        end = time.time() + timeout
        while self.busy and time.time() < end:
            self.step()
            time.sleep(0.005)

    def _turn_done(self) -> None:
        self.busy = False
        self.dirty = True
        if self.turn_error:
            self.toast("The turn failed: " + self.turn_error.strip().splitlines()[-1], bad=True)
            print(self.turn_error)
        session = self.session
        if session is not None:
            humans = session.pending_seats() or session.human_codes()
            self.seat = humans[0] if humans else None
        top = self.top
        if top is not None and hasattr(top, "on_turn_done"):
            top.on_turn_done(self.turn_report)

    # ---- quitting --------------------------------------------------------------------------------------
    def request_quit(self) -> None:
        if self.session is not None and self.dirty and not self.session.over:
            from game.ui.screens.quit import QuitScreen

            if not isinstance(self.top, QuitScreen):
                self.push(QuitScreen(self))
            return
        self.running = False

    def autosave(self, name: str = "autosave") -> str | None:
        if self.session is None:
            return "no game is running"
        try:
            saves.save_game(self.session, name, self.thumbnail())
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
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.ui.process_events(event):
            return
        top = self.top
        if top is None:
            return
        if hasattr(event, "pos") and self.scale != 1.0 and event.type in (
                pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            d = dict(event.dict)
            d["pos"] = (int(event.pos[0] / self.scale), int(event.pos[1] / self.scale))
            if "rel" in d:
                d["rel"] = (event.rel[0] / self.scale, event.rel[1] / self.scale)
            event = pygame.event.Event(event.type, d)
        top.handle(event)

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
        self._draw_overlay(surface)
        if surface is not window:
            pygame.transform.smoothscale(surface, window.get_size(), window)
        pygame.display.flip()

    def _draw_overlay(self, surface: pygame.Surface) -> None:
        now = time.time()
        self._toasts = [t for t in self._toasts if t[0] > now]
        w, h = surface.get_size()
        y = h - 110
        for _, text, bad in reversed(self._toasts):
            img = font(15, True).render(text[:140], True, BAD if bad else INK)
            box = img.get_rect(midbottom=(w // 2, y)).inflate(24, 12)
            pygame.draw.rect(surface, (10, 16, 26), box, border_radius=6)
            pygame.draw.rect(surface, BAD if bad else GOLD, box, 1, border_radius=6)
            surface.blit(img, img.get_rect(center=box.center))
            y = box.top - 6
        if self.busy:
            self._draw_progress(surface, now - self.busy_since)

    def _draw_progress(self, surface: pygame.Surface, elapsed: float) -> None:
        w, h = surface.get_size()
        box = pygame.Rect(0, 0, 320, 64)
        box.center = (w // 2, h // 2)
        pygame.draw.rect(surface, (10, 16, 26), box, border_radius=8)
        pygame.draw.rect(surface, GOLD, box, 2, border_radius=8)
        img = font(16, True).render("Resolving the turn…", True, INK)
        surface.blit(img, (box.x + 56, box.y + 12))
        bar = pygame.Rect(box.x + 56, box.y + 40, 240, 8)
        pygame.draw.rect(surface, (38, 50, 66), bar, border_radius=4)
        x = bar.x + int((elapsed * 220) % (bar.w - 60))
        pygame.draw.rect(surface, GOLD, (x, bar.y, 60, bar.h), border_radius=4)
        angle = elapsed * 6.0
        for i in range(8):
            a = angle + i * 0.785
            c = (int(240 * (i + 2) / 10), int(192 * (i + 2) / 10), int(96 * (i + 2) / 10))
            pygame.draw.circle(surface, c, (box.x + 30 + int(12 * pygame.math.Vector2(1, 0).rotate_rad(a).x),
                                            box.centery + int(12 * pygame.math.Vector2(1, 0).rotate_rad(a).y)), 3)

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
    """Entry point for `python main.py play [--windowed] [--size WxH] [--scale S]`."""
    parser = argparse.ArgumentParser(prog="main.py play", description="Play World Orders.")
    parser.add_argument("--size", help="window size, e.g. 1280x720")
    parser.add_argument("--scale", type=float, help="UI scale (0.75-2)")
    parser.add_argument("--windowed", action="store_true", help="ignore the fullscreen setting")
    args = parser.parse_args(argv or [])
    settings = load_settings()
    if args.size:
        settings.resolution = args.size
    if args.scale:
        settings.ui_scale = min(2.0, max(0.75, args.scale))
    if args.windowed:
        settings.fullscreen = False
    return App(settings).run()
