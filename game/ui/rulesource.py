"""Where the running game gets its rules: the base rules plus the enabled mods, and hot reload.

A broken mod never stops the game: load_with_fallback disables it and keeps its problems for
the mod manager. Hot reload (F9) re-reads rules and mods from disk; a running game moves onto
the new rules through a save round-trip (the same path a saved game takes), so nothing that
the save format does not know about can leak across. Whatever goes wrong is shown in the game.
"""

from __future__ import annotations

import tempfile
from pathlib import Path


def mod_folders(app) -> list[Path]:
    from game.paths import mods_dir

    root = mods_dir()
    enabled = [root / m for m in app.settings.mods if (root / m).is_dir()]
    return enabled + [m for m in getattr(app, "extra_mods", []) if m not in enabled]


def rules_root(app) -> Path:
    from game.paths import rules_dir

    return app.rules_root or rules_dir()


def disabled_problems(result) -> list:
    """The problems of the mods that were switched off, for the mod manager."""
    return [p for m in getattr(result, "mods", ()) if not m.enabled for p in m.problems]


_frozen = False  # freeze_long_lived has run in this process


def freeze_once(app) -> bool:
    """Once the first rules of the process have loaded (and the map, drawn behind the menu),
    move them out of the garbage collector's reach: game.sim.session.freeze_long_lived, so no
    full collection walks them mid-turn or mid-frame. App.step calls this after a frame is on
    screen, so the menu is not held back by it. Only once: rules loaded later (mods applied,
    F9) replace the first ones, and those must stay collectable. True when it froze now."""
    global _frozen
    result = app._rules_result
    if _frozen or result is None or result.ruleset is None:
        return False
    from game.sim.session import freeze_long_lived

    freeze_long_lived()
    _frozen = True
    return True


def load(app):
    """Base rules plus the enabled mods; a mod that breaks them is disabled and reported."""
    from game.rules import load_with_fallback

    result = load_with_fallback(rules_root(app), mod_folders(app))
    app.mod_problems = disabled_problems(result)
    if app.mod_problems:
        names = [m.name for m in result.mods if not m.enabled]
        app.toast(f"Mod disabled (see Mods): {', '.join(names)}", bad=True)
    return result


def problem_lines(problems) -> list[str]:
    out = []
    for p in problems:
        got = f" (got {p.got})" if getattr(p, "got", None) else ""
        out.append(f"{p.file}:{p.line}: {p.path}: {p.message}{got}")
    return out


def hot_reload(app) -> bool:
    """Re-read rules and mods; move a running game onto them. True when the game now uses the
    new rules. Never raises: problems are shown in a dialog."""
    from game.rules import reload_rules

    current = app.rules_result.ruleset if app._rules_result is not None else None
    reloaded = reload_rules(rules_root(app), mod_folders(app), current)
    app.mod_problems = disabled_problems(reloaded.result)
    lines = problem_lines(reloaded.problems)
    if reloaded.result.ruleset is None:
        show_problems(app, "The edited rules do not load; the game keeps the rules it had.", lines)
        return False
    if not reloaded.changed:
        app.toast("Rules reloaded: nothing changed")
        if lines:
            show_problems(app, "Rules reloaded, with problems:", lines)
        return False
    app._rules_result = reloaded.result
    moved = True
    if app.session is not None:
        moved = _move_session(app, reloaded.result.ruleset)
    if moved:
        app.toast("Rules reloaded" + (" into the running game" if app.session is not None else ""))
    if lines:
        show_problems(app, "Rules reloaded, with problems:", lines)
    return moved


def _move_session(app, rules) -> bool:
    from game.sim.save import load_session, save_session

    old = app.session
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "reload.json"
            save_session(old, path)
            new = load_session(rules, path)
    except Exception as exc:  # the new rules do not fit the running game: keep playing on the old ones
        old.activate()
        show_problems(app, "The running game cannot move onto the new rules; it keeps the old ones.",
                      [f"{type(exc).__name__}: {exc}"])
        return False
    seat = app.seat
    app.replace_session(new, seat)
    return True


def show_problems(app, title: str, lines: list[str]) -> None:
    from game.ui.screens.problems import ProblemsScreen

    app.push(ProblemsScreen(app, title, lines))
