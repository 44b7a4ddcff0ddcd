"""Starting the desktop game: `python main.py play [--windowed] [--size WxH] [--scale S]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.ui.app import App
from game.ui.settings import load_settings


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
    app = App(settings)
    app.extra_mods = [Path(m) for m in args.mods]
    _watch_for_crashes(app)
    return app.run()
