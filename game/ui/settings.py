"""Player settings, persisted as JSON in the user config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game.paths import config_dir

RESOLUTIONS = ("1280x720", "1366x768", "1600x900", "1920x1080", "2560x1440")
SCALES = ("0.75", "1.0", "1.25", "1.5", "2.0")
DEFAULT_KEYS = {
    "end_turn": "return", "policies": "p", "diplomacy": "d", "institutions": "i", "codex": "c",
    "charts": "h", "report": "r", "save": "f5", "load": "f8", "map_mode": "m", "fullscreen": "f11",
    "guide": "f1", "reload_rules": "f9",
}


@dataclass
class Settings:
    resolution: str = "1280x720"
    fullscreen: bool = False
    ui_scale: float = 1.0
    volume: float = 0.7
    colourblind: bool = False
    keys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    mods: list[str] = field(default_factory=list)  # enabled mod ids, in load order
    guide: bool = True  # the first-game guide is shown
    guide_step: int = 0  # how far the player got in it (kept across games until finished)

    @property
    def size(self) -> tuple[int, int]:
        try:
            w, h = (int(x) for x in self.resolution.split("x"))
            return max(800, w), max(600, h)
        except ValueError:
            return 1280, 720

    def key(self, action: str) -> str:
        return self.keys.get(action, DEFAULT_KEYS.get(action, ""))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; anything missing or malformed falls back to its default."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    s = Settings()
    known = {f.name for f in fields(Settings)}
    for k, v in data.items() if isinstance(data, dict) else ():
        if k in known and (isinstance(v, type(getattr(s, k))) or (k == "ui_scale" and isinstance(v, int))):
            setattr(s, k, v)
    s.keys = {**DEFAULT_KEYS, **{k: v for k, v in s.keys.items() if isinstance(v, str)}}
    s.ui_scale = min(2.0, max(0.75, float(s.ui_scale)))
    return s


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
