"""Saves, mods, settings and logs live in the user's folders (platformdirs), never in the
install folder, which may be read-only (a packaged build, a system install)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import paths

USER_DIRS = (paths.saves_dir, paths.mods_dir, paths.config_dir, paths.logs_dir)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


@pytest.fixture
def fake_home(tmp_path: Path, monkeypatch) -> Path:
    """platformdirs reads these on Linux, macOS and Windows respectively."""
    home = tmp_path / "home"
    monkeypatch.delenv("WORLD_ORDERS_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    return home


def test_user_folders_come_from_platformdirs_outside_the_install(fake_home: Path):
    import platformdirs

    data = Path(platformdirs.user_data_dir(paths.APP_NAME, appauthor=False))
    config = Path(platformdirs.user_config_dir(paths.APP_NAME, appauthor=False))
    for folder in USER_DIRS:
        where = folder()
        assert not _inside(where, paths.install_root()), f"{folder.__name__} is inside the install folder: {where}"
        assert _inside(where, data) or _inside(where, config), where
    assert paths.saves_dir() == data / "saves"
    assert paths.config_dir() == config


def test_world_orders_home_moves_every_user_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(tmp_path / "wo"))
    for folder in USER_DIRS:
        assert _inside(folder(), tmp_path / "wo")


def test_base_rules_and_assets_are_read_from_the_install(fake_home: Path):
    assert _inside(paths.rules_dir(), paths.install_root())
    assert (paths.rules_dir() / "settings.yaml").is_file()
