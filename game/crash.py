"""When something fails: a crash log, and an emergency save of the running game.

A packaged game that fails must not just vanish: the player gets a file to send (the crash
log, in the user data folder's logs/) and keeps the game they were playing (an emergency
save in saves/, listed with the other saves). The UI tells us which game is running:

    from game import crash
    crash.watch(lambda: app.session)      # once, when the app starts
    crash.install_hooks()                 # uncaught errors in any thread are reported too

The command line's last-resort handler (game.cli.main) calls report(); so does the hook.
Nothing here may raise: it runs when things are already going wrong.
"""

from __future__ import annotations

import json
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

_provider: Callable[[], Any] | None = None
_lock = threading.Lock()


def watch(provider: Callable[[], Any] | None) -> None:
    """Register what returns the running Session (or None); None stops watching."""
    global _provider
    _provider = provider


def _running_session() -> Any:
    try:
        session = _provider() if _provider is not None else None
    except Exception:
        return None
    return session if session is not None and hasattr(session, "rules") else None


def _fresh(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem+suffix, or stem-2, stem-3... when two failures share a second."""
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def emergency_save(session: Any = None) -> Path | None:
    """Save `session` (default: the watched one) as a new emergency slot; None if there is no
    game or it cannot be saved. The game's own atomic writer is used, so a half-broken state
    never overwrites a good save."""
    session = session if session is not None else _running_session()
    if session is None:
        return None
    try:
        from game.paths import saves_dir
        from game.sim.save import save_session

        folder = saves_dir()
        path = _fresh(folder, f"emergency-{time.strftime('%Y%m%d-%H%M%S')}", ".json")
        name = path.stem
        save_session(session, path)
        humans = session.human_codes()
        meta = {"date": session.date_text(), "scenario": session.scenario, "saved_at": time.time(),
                "country": ", ".join(session.info(c).name for c in humans), "emergency": True}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return path
    except Exception:
        return None


def write_crash_log(exc: BaseException, saved: Path | None = None) -> Path:
    """The traceback plus what helps to reproduce it: version, platform, the running game."""
    from game.paths import logs_dir

    lines = [f"World Orders crash, {time.strftime('%Y-%m-%d %H:%M:%S')}",
             f"python {platform.python_version()} on {platform.platform()}; frozen={getattr(sys, 'frozen', False)}",
             f"command: {' '.join(sys.argv)}"]
    session = _running_session()
    if session is not None:
        try:
            rules = session.rules
            lines.append(f"game: scenario {session.scenario} seed {session.seed} lens {session.lens} "
                         f"turn {session.turn}; rules {rules.fingerprint} layers {', '.join(rules.layers)}")
        except Exception:
            lines.append("game: (could not be described)")
    if saved is not None:
        lines.append(f"emergency save: {saved}")
    text = "\n".join(lines) + "\n\n" + "".join(traceback.format_exception(exc))
    folder = logs_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _fresh(folder, f"crash-{time.strftime('%Y%m%d-%H%M%S')}", ".log")
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        return Path("(crash log could not be written)")


def report(exc: BaseException) -> tuple[Path, Path | None]:
    """Emergency save (if a game is running) then the crash log: (log, save or None)."""
    with _lock:  # two threads failing at once write one save each, not a torn one
        saved = emergency_save()
        return write_crash_log(exc, saved), saved


def message(exc: BaseException) -> str:
    """Report the crash and say so in one line for the player."""
    log, saved = report(exc)
    kept = f"; your game was saved as {saved.name}" if saved else ""
    return f"internal error ({type(exc).__name__}: {exc}); details in {log}{kept}"


def install_hooks() -> None:
    """Report uncaught errors from the main thread and from worker threads."""
    previous = sys.excepthook

    def on_error(kind, value, tb):
        if value is not None and not isinstance(value, KeyboardInterrupt):
            report(value)
        previous(kind, value, tb)

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            report(args.exc_value)

    sys.excepthook = on_error
    threading.excepthook = on_thread_error
