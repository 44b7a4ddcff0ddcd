"""Autosaves: one file per turn, keeping the newest K."""

from __future__ import annotations

from pathlib import Path

from game.sim.save import save_session
from game.sim.session import Session


class Autosaver:
    def __init__(self, folder: Path, keep: int = 5):
        self.folder = Path(folder)
        self.keep = max(1, keep)

    def save(self, session: Session) -> Path:
        path = self.folder / f"autosave-{session.scenario}-t{session.turn:04d}.json"
        save_session(session, path)
        for old in self.existing()[:-self.keep]:
            try:
                old.unlink()
            except OSError:
                pass
        return path

    def existing(self) -> list[Path]:
        """Autosaves in this folder, oldest first."""
        return sorted(self.folder.glob("autosave-*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))
