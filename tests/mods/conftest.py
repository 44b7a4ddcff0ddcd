"""Builders for mod tests: write a mod folder from a dict of files, keep the user folders in tmp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"


def write_mod(folder: Path, mod_id: str, files: dict[str, str | bytes] | None = None, **manifest: object) -> Path:
    """A mod folder with a valid mod.yaml (fields overridable) and the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    fields = {"id": mod_id, "name": mod_id.title(), "version": "1", "format": 1, **manifest}
    lines = []
    for key, value in fields.items():
        lines.append(f"{key}: {json.dumps(list(value) if isinstance(value, tuple) else value)}")
    (folder / "mod.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for rel, content in (files or {}).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WORLD_ORDERS_HOME in tmp: no real user mods, crash logs or saves are touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(home))
    return home


@pytest.fixture
def make_mod(tmp_path: Path):
    """make_mod("id", {"lenses/x.yaml": "..."}, depends=[...]) -> the mod folder, under tmp/mods."""

    def build(mod_id: str, files: dict[str, str | bytes] | None = None, **manifest: object) -> Path:
        return write_mod(tmp_path / "mods" / mod_id, mod_id, files, **manifest)

    return build
