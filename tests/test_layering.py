"""Dependencies point one way: ui -> ai -> sim -> rules. Only game/ui may import pygame."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"
FORBIDDEN = {"rules": ("pygame", "pygame_gui", "game.sim", "game.ai", "game.ui"),
             "sim": ("pygame", "pygame_gui", "game.ui"),
             "ai": ("pygame", "pygame_gui", "game.ui")}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
    return out


def test_layers_do_not_import_upwards():
    bad = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((GAME / package).rglob("*.py")):
            for name in imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    bad.append(f"{path.relative_to(GAME.parent)} imports {name}")
    assert bad == []


def test_the_scan_sees_real_files():
    assert len(list((GAME / "sim").rglob("*.py"))) > 5
    assert "numpy" in imports(GAME / "sim" / "derive.py")


def test_no_unsafe_loaders_anywhere():
    bad = []
    for path in sorted(GAME.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("yaml.load(", "pickle", "eval(", "exec(", "yaml.unsafe_load", "marshal"):
            if needle in text.replace("safe_load(", "").replace("literal_eval(", ""):
                bad.append(f"{path.name}: {needle}")
    assert bad == []
