"""Our pygame_gui theme (theme.json beside this file) with the DejaVu fonts from assets/."""

from __future__ import annotations

import warnings
from pathlib import Path

import pygame
import pygame_gui

from game.paths import assets_dir

THEME_PATH = Path(__file__).with_name("theme.json")

# Colours the screens draw with directly (map, charts); the widgets take theirs from theme.json.
BG = (11, 18, 28)
SEA = (18, 34, 54)
INK = (232, 228, 214)
DIM = (150, 164, 184)
GOLD = (240, 192, 96)
BAD = (255, 138, 122)
GOOD = (155, 227, 155)
BORDER = (8, 14, 22)


def font_paths() -> tuple[str, str]:
    fonts = assets_dir() / "fonts"
    return str(fonts / "DejaVuSans.ttf"), str(fonts / "DejaVuSans-Bold.ttf")


def make_manager(size: tuple[int, int]) -> pygame_gui.UIManager:
    _fonts.clear()  # fonts die with pygame.quit(); a new app needs new ones
    manager = pygame_gui.UIManager(size, enable_live_theme_updates=False)
    regular, bold = font_paths()
    manager.add_font_paths("dejavu", regular, bold, regular, bold)
    manager.get_theme().load_theme(str(THEME_PATH))
    with warnings.catch_warnings():  # "already loaded" notices for fonts the theme loaded itself
        warnings.simplefilter("ignore")
        manager.preload_fonts([{"name": "dejavu", "point_size": s, "style": st, "antialiased": "1"}
                               for s in (12, 13, 14) for st in ("bold", "italic", "bold_italic")])
    return manager


_fonts: dict[tuple[int, bool], pygame.font.Font] = {}


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """A DejaVu font for text the screens draw themselves (map labels, legends, charts)."""
    key = (size, bold)
    if key not in _fonts:
        regular, bold_path = font_paths()
        _fonts[key] = pygame.font.Font(bold_path if bold else regular, size)
    return _fonts[key]
