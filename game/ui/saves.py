"""Save slots for the UI, on top of the simulation's save API (game.sim.autosave).

Named saves: the session file (game.sim.autosave.save_named), a small meta file and a
thumbnail. Autosaves: game.sim.autosave.Autosaver, one file per turn in the autosave folder,
keeping the newest `autosave_keep` (rules/settings.yaml). Loading goes through
load_or_fallback: a damaged save is named in one line and the newest autosave that loads is
offered instead (game.ui.screens.saveload). The simulation's modules are imported when first
needed, not when the menu opens.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.paths import saves_dir

__all__ = ["Loaded", "SaveUnavailable", "Slot", "autosave", "autosaver", "delete_slot", "latest_slot",
           "list_autosaves", "list_slots", "load_game", "save_game", "slot_name"]


class SaveUnavailable(RuntimeError):
    """A save that cannot be written, or a load where no save loads (one line for the player)."""


@dataclass
class Slot:
    name: str
    path: Path
    date: str = ""
    country: str = ""
    scenario: str = ""
    saved_at: float = 0.0
    auto: bool = False  # an autosave (no meta file, no thumbnail)

    @property
    def thumbnail(self) -> Path:
        return self.path.with_suffix(".png")


@dataclass
class Loaded:
    """What load_game found: the session, the file it came from, and one line per damaged save
    skipped on the way (empty when the chosen save loaded)."""

    session: object
    path: Path
    problems: list[str] = field(default_factory=list)

    @property
    def fell_back(self) -> bool:
        return bool(self.problems)


AUTOSAVES = "autosave-*.json"  # game.sim.autosave.Autosaver's file names


def autosave_folder() -> Path:
    from game.sim.autosave import default_folder

    return default_folder()


def slot_name(text: str) -> str:
    """A file-name-safe name (the simulation's, so the meta file matches the save)."""
    from game.sim.autosave import slot_name as sim_slot_name

    return sim_slot_name(text)


def autosaver(rules):
    """The game's autosaver (game.sim.autosave.Autosaver): its own folder under the saves
    folder, keeping the newest `autosave_keep` of rules/settings.yaml."""
    from game.sim.autosave import Autosaver

    return Autosaver(autosave_folder(), keep=rules.settings.autosave_keep)


def autosave(session) -> Path:
    """Autosave the running game (after every turn, and on Save and quit)."""
    from game.sim.save import SaveError

    try:
        return autosaver(session.rules).save(session)
    except (OSError, SaveError) as exc:
        raise SaveUnavailable(f"cannot autosave: {exc}") from exc


def list_slots(folder: Path | None = None) -> list[Slot]:
    """Every named save, newest first."""
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


def list_autosaves(folder: Path | None = None) -> list[Slot]:
    """The autosaves, newest first, described from their headers (a damaged one is still
    listed: loading it names the damage and offers the next one). Read without importing the
    simulation, so the menu (Continue) opens as fast with autosaves as without."""
    folder = folder or saves_dir() / "autosave"  # game.sim.autosave.default_folder()
    found = []
    for path in folder.glob(AUTOSAVES) if folder.is_dir() else ():
        try:
            found.append((path.stat().st_mtime, path.name, path))
        except OSError:
            continue  # deleted meanwhile
    out = []
    for saved_at, _, path in sorted(found, reverse=True):
        summary = _summary(path)
        names = summary.get("names") or summary.get("countries") or []
        out.append(Slot(path.stem, path, str(summary.get("date", "")), ", ".join(map(str, names)),
                        str(summary.get("scenario", "")), saved_at, auto=True))
    return out


def _summary(path: Path) -> dict:
    """The summary in a save's header, for a list: like game.sim.save.read_header (a save
    starts with {"header":{...}), but without checking the save; {} when there is none."""
    try:
        with path.open("rb") as fh:
            start = fh.read(16384).decode("utf-8", errors="replace")
        prefix = '{"header":'
        if not start.startswith(prefix):
            return {}
        header, _ = json.JSONDecoder().raw_decode(start, len(prefix))
    except (OSError, ValueError, RecursionError):
        return {}
    summary = header.get("summary") if isinstance(header, dict) else None
    return summary if isinstance(summary, dict) else {}


def latest_slot() -> Slot | None:
    """The newest save of either kind (Continue)."""
    found = list_slots() + list_autosaves()
    return max(found, key=lambda s: s.saved_at) if found else None


def save_game(session, name: str, thumbnail: pygame.Surface | None = None,
              folder: Path | None = None) -> Slot:
    from game.sim.autosave import save_named
    from game.sim.save import SaveError

    folder = folder or saves_dir()
    name = slot_name(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = save_named(session, folder, name)
        slot = Slot(name, path, session.date_text(),
                    ", ".join(session.info(c).name for c in session.human_codes()), session.scenario, time.time())
        meta = {"date": slot.date, "country": slot.country, "scenario": slot.scenario, "saved_at": slot.saved_at}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    except (OSError, SaveError) as exc:
        raise SaveUnavailable(f"cannot save {name}: {exc}") from exc
    if thumbnail is not None:
        w, h = thumbnail.get_size()
        thumb = pygame.transform.smoothscale(thumbnail, (240, max(1, int(240 * h / max(1, w)))))
        try:
            pygame.image.save(thumb, str(slot.thumbnail))
        except (OSError, pygame.error):
            pass  # a save without its picture is still a save
    return slot


def load_game(rules, slot: Slot) -> Loaded:
    """Load a slot; when it is damaged, the newest autosave that loads instead (Loaded.problems
    names what was skipped, one line each). SaveUnavailable (one line) when nothing loads."""
    from game.sim.autosave import load_or_fallback
    from game.sim.save import SaveError

    try:
        found = load_or_fallback(rules, slot.path, autosave_folder())
    except SaveError as exc:
        raise SaveUnavailable(str(exc)) from exc
    except Exception as exc:  # a foreign file must never crash the game
        raise SaveUnavailable(f"cannot read {slot.path.name}: {exc}") from exc
    return Loaded(found.session, found.path, list(found.problems))


def delete_slot(slot: Slot) -> None:
    for p in (slot.path, slot.thumbnail, slot.path.with_name(f"{slot.name}.meta.json")):
        p.unlink(missing_ok=True)
