"""Where the game finds its files: the install folder (source tree or frozen build) and the user's folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "WorldOrders"


def install_root() -> Path:
    """The folder holding rules/ and assets/: the repo from source, the executable's folder when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def rules_dir() -> Path:
    return install_root() / "rules"


def assets_dir() -> Path:
    root = install_root()
    # PyInstaller one-file builds unpack read-only data under _MEIPASS.
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass and not (root / "assets").exists():
        return Path(meipass) / "assets"
    return root / "assets"


def _user_dir(kind: str) -> Path:
    override = os.environ.get("WORLD_ORDERS_HOME")
    if override:
        return Path(override) / kind
    import platformdirs

    if kind == "config":
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / kind


def saves_dir() -> Path:
    return _user_dir("saves")


def mods_dir() -> Path:
    return _user_dir("mods")


def config_dir() -> Path:
    return _user_dir("config")


def logs_dir() -> Path:
    return _user_dir("logs")
