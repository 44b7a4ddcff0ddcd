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
    _fast_theme_ids(manager.get_theme())
    with warnings.catch_warnings():  # "already loaded" notices for fonts the theme loaded itself
        warnings.simplefilter("ignore")
        manager.preload_fonts([{"name": "dejavu", "point_size": s, "style": st, "antialiased": "1"}
                               for s in (12, 13, 14) for st in ("bold", "italic", "bold_italic")])
    return manager


def _fast_theme_ids(theme) -> None:
    """Cache the theme's id combinations under a cheap key.

    pygame_gui 0.6.14 keys its own cache with nested str.join calls over the reprs of the
    element's id lists, which grows with the fourth power of the nesting depth: a button in a
    card in a scrolling list spent about a millisecond there, most of the time it took to build
    a screen. The answer depends only on the four lists, so a tuple of them is the same key.
    """
    original = theme.build_all_combined_ids
    cache: dict[tuple, list[str]] = {}

    def build_all_combined_ids(element_base_ids, element_ids, class_ids, object_ids):
        key = tuple(None if ids is None else tuple(ids) for ids in (element_base_ids, element_ids, class_ids, object_ids))
        found = cache.get(key)
        if found is None:
            found = cache[key] = original(element_base_ids, element_ids, class_ids, object_ids)
        return found

    theme.build_all_combined_ids = build_all_combined_ids


_fonts: dict[tuple[int, bool], pygame.font.Font] = {}


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """A DejaVu font for text the screens draw themselves (map labels, legends, charts)."""
    key = (size, bold)
    if key not in _fonts:
        regular, bold_path = font_paths()
        _fonts[key] = pygame.font.Font(bold_path if bold else regular, size)
    return _fonts[key]
