"""Save slots: the session file (game.sim.save), a small meta file and a thumbnail.

Everything the UI needs from the simulation's save API goes through `_sim_save` and
`_sim_load`, so switching to the real API is a one-line change in each.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.paths import saves_dir


class SaveUnavailable(RuntimeError):
    """The simulation cannot save or load yet (or the file is unreadable)."""


def _sim_save(session, path: Path) -> None:
    try:
        from game.sim.save import save_session
    except ImportError as exc:
        raise SaveUnavailable("saving is not available in this build yet") from exc
    save_session(session, path)


def _sim_load(rules, path: Path):
    try:
        from game.sim.save import load_session
    except ImportError as exc:
        raise SaveUnavailable("loading is not available in this build yet") from exc
    return load_session(rules, path)


@dataclass
class Slot:
    name: str
    path: Path
    date: str = ""
    country: str = ""
    scenario: str = ""
    saved_at: float = 0.0

    @property
    def thumbnail(self) -> Path:
        return self.path.with_suffix(".png")


def slot_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text.strip())[:40] or "save"


def list_slots(folder: Path | None = None) -> list[Slot]:
    """Every save, newest first."""
    folder = folder or saves_dir()
    slots = []
    for meta in folder.glob("*.meta.json") if folder.exists() else ():
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        name = meta.name[: -len(".meta.json")]
        slots.append(Slot(name, folder / f"{name}.json", m.get("date", ""), m.get("country", ""),
                          m.get("scenario", ""), float(m.get("saved_at", 0))))
    return sorted(slots, key=lambda s: -s.saved_at)


def save_game(session, name: str, thumbnail: pygame.Surface | None = None,
              folder: Path | None = None) -> Slot:
    folder = folder or saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = slot_name(name)
    slot = Slot(name, folder / f"{name}.json", session.date_text(),
                ", ".join(session.info(c).name for c in session.human_codes()), session.scenario, time.time())
    _sim_save(session, slot.path)
    meta = {"date": slot.date, "country": slot.country, "scenario": slot.scenario, "saved_at": slot.saved_at}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    if thumbnail is not None:
        w, h = thumbnail.get_size()
        thumb = pygame.transform.smoothscale(thumbnail, (240, max(1, int(240 * h / max(1, w)))))
        pygame.image.save(thumb, str(slot.thumbnail))
    return slot


def load_game(rules, slot: Slot):
    try:
        return _sim_load(rules, slot.path)
    except SaveUnavailable:
        raise
    except Exception as exc:  # a corrupt or foreign file must never crash the game
        raise SaveUnavailable(f"cannot read {slot.path.name}: {exc}") from exc


def delete_slot(slot: Slot) -> None:
    for p in (slot.path, slot.thumbnail, slot.path.with_name(f"{slot.name}.meta.json")):
        p.unlink(missing_ok=True)
