"""Autosaves, named saves, and finding a save that still loads.

    saver = Autosaver(default_folder(), keep=rules.settings.autosave_keep)
    saver.save(session)                        # after every turn: keeps the newest `keep`
    save_named(session, saves_dir(), "Berlin 2031")
    found = load_or_fallback(rules, path, saver.folder)
    found.session; found.path; found.problems  # problems: one line per damaged save skipped

Every write is atomic (game.sim.save.atomic_write), so a crash or a kill during a save leaves
the previous file whole; a save damaged some other way (disk, hand edit) is skipped in favour
of the newest one that loads, and named in one line.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.rules import Ruleset
from game.sim.save import SaveError, load_session, read_save, save_session
from game.sim.session import Session

STALE_TEMP_SECONDS = 600  # a temp file this old was left by a save that was killed


def default_folder() -> Path:
    """Where the game keeps its autosaves: a folder of their own in the user's saves folder."""
    from game.paths import saves_dir

    return saves_dir() / "autosave"


def slot_name(text: str) -> str:
    """A file-name-safe version of a save's name."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text.strip())[:60].strip("_") or "save"


def save_named(session: Session, folder: Path, name: str) -> Path:
    path = Path(folder) / f"{slot_name(name)}.json"
    save_session(session, path)
    return path


def saves_in(folder: Path, pattern: str = "*.json") -> list[Path]:
    """Save files in a folder, newest first (by modification time, then name)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(pattern):
        if p.name.startswith(".") or p.name.endswith(".meta.json") or not p.is_file():
            continue
        try:
            found.append((p.stat().st_mtime_ns, p.name, p))
        except OSError:
            continue  # deleted meanwhile
    return [p for _, _, p in sorted(found, reverse=True)]


def sweep_temp_files(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Delete temporary files left by saves that were interrupted (never a finished save)."""
    removed = 0
    now = time.time()
    for p in Path(folder).glob(".*.tmp") if Path(folder).is_dir() else ():
        try:
            if now - p.stat().st_mtime > older_than:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed


class Autosaver:
    """One file per turn in its own folder, keeping the newest `keep`."""

    def __init__(self, folder: Path, keep: int = 5):
        self.folder = Path(folder)
        self.keep = max(1, int(keep))

    def path_for(self, session: Session) -> Path:
        return self.folder / f"autosave-{session.scenario}-t{session.turn:04d}.json"

    def save(self, session: Session) -> Path:
        path = self.path_for(session)
        save_session(session, path)
        for old in self.existing()[self.keep:]:
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
        sweep_temp_files(self.folder)
        return path

    def existing(self) -> list[Path]:
        """Autosaves in this folder, newest first."""
        return saves_in(self.folder, "autosave-*.json")

    def latest(self, rules: Ruleset | None = None) -> Found:
        return latest_good_save(self.folder, rules, pattern="autosave-*.json")


@dataclass
class Found:
    """The save that loads (path None when none does), the session when it was loaded, and
    one line per damaged save that was skipped."""

    path: Path | None
    session: Session | None = None
    problems: list[str] = field(default_factory=list)


def latest_good_save(folder: Path, rules: Ruleset | None = None, pattern: str = "*.json") -> Found:
    """The newest save in folder that is whole. With rules, "whole" means it loads, and the
    loaded session is returned (the caller owns it); without, that its checksum and format
    check out."""
    problems: list[str] = []
    for path in saves_in(folder, pattern):
        try:
            if rules is None:
                read_save(path)
                return Found(path, None, problems)
            return Found(path, load_session(rules, path), problems)
        except SaveError as exc:
            problems.append(str(exc))
    return Found(None, None, problems)


def load_or_fallback(rules: Ruleset, path: Path, folder: Path | None = None) -> Found:
    """Load path; if it is damaged, the newest save in folder (default: path's folder) that
    loads instead. Raises SaveError (naming path) when nothing loads."""
    path = Path(path)
    try:
        return Found(path, load_session(rules, path), [])
    except SaveError as exc:
        first = str(exc)
    where = Path(folder) if folder is not None else path.parent
    found = latest_good_save(where, rules)
    found.problems = [first, *(p for p in found.problems if not p.startswith(f"{path}:"))]
    if found.session is None:
        raise SaveError(f"{first}; no other save in {where} loads either")
    return found
