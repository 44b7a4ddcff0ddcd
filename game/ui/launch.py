"""Starting the desktop game: `python main.py play [--windowed] [--size WxH] [--scale S]`.

The window and the main menu come first; the rules load in a background thread right after
the menu's first frame (GameApp). Until they are in, the menu greys the entries that need
them ("Loading the rules..."); anything that asks for the rules meanwhile waits for that load
rather than starting another.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from game.ui.app import App
from game.ui.settings import load_settings


class _RulesJob:
    """One background load of the rules (and the enabled mods) for an app."""

    def __init__(self, root: Path, mods: list[Path]):
        self.root, self.mods = root, mods
        self.result = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="rules-loader", daemon=True)

    def _run(self) -> None:
        try:
            from game.rules import load_with_fallback

            self.result = load_with_fallback(self.root, self.mods)
        except BaseException as exc:  # shown by loading again in the main thread (rulesource.load)
            self.error = exc


class GameApp(App):
    """The App as `play` starts it: the rules load in the background after the first frame."""

    def __init__(self, *args, **kwargs):
        self._rules_job: _RulesJob | None = None
        self._rules_failed = False  # the background load raised: load in the open, as App does
        super().__init__(*args, **kwargs)

    def rules_loading(self) -> bool:
        """True while the rules are not in yet (the menu greys the entries that need them);
        installs a finished background load."""
        if self._rules_result is not None or self._rules_failed:
            return False
        job = self._rules_job
        if job is None or job.thread.is_alive():
            return True
        self._install(job)
        return self._rules_result is None and not self._rules_failed

    def _start_rules(self) -> None:
        from game.ui import rulesource

        self._rules_job = _RulesJob(rulesource.rules_root(self), rulesource.mod_folders(self))
        self._rules_job.thread.start()

    def _install(self, job: _RulesJob) -> None:
        """Take a finished background load, with what rulesource.load does besides loading."""
        from game.ui import rulesource

        self._rules_job = None
        if job.result is None:
            self._rules_failed = True  # the next use loads again, in the main thread, and shows why
            return
        if self._rules_result is not None:
            return  # overtaken (a hot reload)
        self._rules_result = job.result
        self.mod_problems = rulesource.disabled_problems(job.result)
        if self.mod_problems:
            names = [m.name for m in job.result.mods if not m.enabled]
            self.toast(f"Mod disabled (see Mods): {', '.join(names)}", bad=True)

    @property
    def rules_result(self):
        job = self._rules_job
        if self._rules_result is None and job is not None:
            job.thread.join()  # someone needs the rules now: wait for the load under way
            self._install(job)
        return App.rules_result.fget(self)  # type: ignore[attr-defined]

    def reload_rules(self) -> None:
        self._rules_job = None  # a load under way read the old mod list: drop its result
        super().reload_rules()

    def step(self, dt: float | None = None) -> None:
        super().step(dt)
        if self._rules_result is None and self._rules_job is None and not self._rules_failed:
            self._start_rules()  # after the first frame: the menu is on screen meanwhile
        elif self._waiting_menu() and not self.rules_loading():
            self.top.rebuild()  # its greyed entries can be used now

    def _waiting_menu(self) -> bool:
        from game.ui.screens.menu import MenuScreen

        top = self.top
        return isinstance(top, MenuScreen) and "loading" in top.buttons.values()


def _watch_for_crashes(app: App) -> None:
    """Let the crash reporter save the running game if something fails (when it is available)."""
    try:
        from game import crash
    except ImportError:
        return
    if hasattr(crash, "watch"):
        crash.watch(lambda: app.session)
    if hasattr(crash, "install_hooks"):
        crash.install_hooks()


def main(argv: list[str] | None = None) -> int:
    """Parse the play options, open the window, run until the player quits."""
    parser = argparse.ArgumentParser(prog="main.py play", description="Play World Orders.")
    parser.add_argument("--size", help="window size, e.g. 1280x720")
    parser.add_argument("--scale", type=float, help="UI scale (0.75-2)")
    parser.add_argument("--windowed", action="store_true", help="ignore the fullscreen setting")
    parser.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="extra mod folders, enabled for this run")
    args = parser.parse_args(argv or [])
    settings = load_settings()
    if args.size:
        settings.resolution = args.size
    if args.scale:
        settings.ui_scale = min(2.0, max(0.75, args.scale))
    if args.windowed:
        settings.fullscreen = False
    app = GameApp(settings)
    app.extra_mods = [Path(m) for m in args.mods]
    _watch_for_crashes(app)
    return app.run()
