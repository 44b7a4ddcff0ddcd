"""PNG charts for reports (the lab), drawn with pygame on an off-screen Surface.

No window is opened: the SDL video driver is set to "dummy" unless one is already chosen, and
only pygame.font is initialised. Charts are light (white background) because reports are read
in Markdown viewers and on paper, unlike the game's dark screens.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (the environment above must be set first)

from game.paths import assets_dir  # noqa: E402

SIZE = (960, 440)
MARGIN = (70, 40, 24, 64)  # left, top, right, bottom
BG, INK, GRID, DIM = (255, 255, 255), (30, 34, 40), (226, 229, 234), (110, 118, 130)
# Colour-blind-safe (Okabe-Ito) colours, one per lens in the order given.
PALETTE = ((0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (230, 159, 0), (86, 180, 233), (0, 0, 0))

_fonts: dict[tuple[int, bool], pygame.font.Font] = {}


def _font(size: int, bold: bool = False) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    key = (size, bold)
    if key not in _fonts:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        path = assets_dir() / "fonts" / name
        _fonts[key] = pygame.font.Font(str(path) if path.exists() else None, size)
    return _fonts[key]


def colour(i: int) -> tuple[int, int, int]:
    return PALETTE[i % len(PALETTE)]


def _text(surf: pygame.Surface, text: str, pos: tuple[float, float], size: int = 13, colour_: tuple = INK,
          anchor: str = "topleft", bold: bool = False) -> pygame.Rect:
    img = _font(size, bold).render(text, True, colour_)
    rect = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surf.blit(img, rect)
    return rect


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds and a tick step that read well (1, 2 or 5 times a power of ten)."""
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-12)
    return (step * (lo // step), step * -(-hi // step), step)


def _frame(title: str, y_label: str) -> tuple[pygame.Surface, pygame.Rect]:
    surf = pygame.Surface(SIZE)
    surf.fill(BG)
    left, top, right, bottom = MARGIN
    plot = pygame.Rect(left, top, SIZE[0] - left - right, SIZE[1] - top - bottom)
    _text(surf, title, (left, 10), 16, bold=True)
    if y_label:
        label = pygame.transform.rotate(_font(12).render(y_label, True, DIM), 90)
        surf.blit(label, label.get_rect(center=(14, plot.centery)))
    return surf, plot


def _y_axis(surf: pygame.Surface, plot: pygame.Rect, lo: float, hi: float, step: float) -> None:
    v = lo
    while v <= hi + step / 1000:
        y = plot.bottom - (v - lo) / (hi - lo) * plot.height
        pygame.draw.line(surf, GRID, (plot.left, y), (plot.right, y))
        _text(surf, f"{v:g}", (plot.left - 6, y), 12, DIM, "midright")
        v += step
    pygame.draw.rect(surf, DIM, plot, 1)


def _legend(surf: pygame.Surface, names: Sequence[str], plot: pygame.Rect) -> None:
    x = plot.left
    for i, name in enumerate(names):
        pygame.draw.rect(surf, colour(i), (x, SIZE[1] - 22, 14, 10))
        x = _text(surf, name, (x + 20, SIZE[1] - 27), 13).right + 22


def line_chart(path: Path, title: str, series: dict[str, Sequence[float]], x_labels: Sequence[str],
               y_label: str = "", y_range: tuple[float, float] | None = None) -> Path:
    """One line per series (e.g. a lens), over shared x positions labelled by x_labels."""
    surf, plot = _frame(title, y_label)
    values = [v for s in series.values() for v in s]
    lo, hi = y_range if y_range else (min(values, default=0.0), max(values, default=1.0))
    lo, hi, step = _nice_range(lo, hi)
    _y_axis(surf, plot, lo, hi, step)
    n = max((len(s) for s in series.values()), default=0)
    span = max(1, n - 1)
    every = max(1, -(-n // 8))
    for i in range(0, n, every):
        x = plot.left + i / span * plot.width
        _text(surf, x_labels[i] if i < len(x_labels) else str(i), (x, plot.bottom + 6), 12, DIM, "midtop")
    for k, s in enumerate(series.values()):
        points = [(plot.left + i / span * plot.width, plot.bottom - (v - lo) / (hi - lo) * plot.height) for i, v in enumerate(s)]
        if len(points) > 1:
            pygame.draw.aalines(surf, colour(k), False, points)
            pygame.draw.lines(surf, colour(k), False, points, 2)
        elif points:
            pygame.draw.circle(surf, colour(k), points[0], 3)
    _legend(surf, list(series), plot)
    return _save(surf, path)


def bar_chart(path: Path, title: str, groups: Sequence[str], values: dict[str, Sequence[float]],
              y_label: str = "", integer: bool = False) -> Path:
    """Grouped bars: for each group (x), one bar per series (e.g. per lens), with its value."""
    surf, plot = _frame(title, y_label)
    top = max((v for s in values.values() for v in s), default=1.0)
    lo, hi, step = _nice_range(0.0, max(top * 1.1, 1e-6))  # headroom for the value labels
    if integer and step < 1:  # counts of games: no half-game ticks
        lo, hi, step = 0.0, float(max(1, -(-top // 1))), 1.0
    _y_axis(surf, plot, lo, hi, step)
    width = plot.width / max(1, len(groups))
    bar = width * 0.8 / max(1, len(values))
    for g, name in enumerate(groups):
        x0 = plot.left + g * width + width * 0.1
        _text(surf, name, (plot.left + (g + 0.5) * width, plot.bottom + 6), 12, INK, "midtop")
        for k, s in enumerate(values.values()):
            v = s[g] if g < len(s) else 0.0
            h = (v - lo) / (hi - lo) * plot.height
            rect = pygame.Rect(int(x0 + k * bar), int(plot.bottom - h), max(1, int(bar) - 2), int(h))
            pygame.draw.rect(surf, colour(k), rect)
            if v:
                _text(surf, f"{v:g}", (rect.centerx, rect.top - 2), 11, DIM, "midbottom")
    _legend(surf, list(values), plot)
    return _save(surf, path)


def _save(surf: pygame.Surface, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surf, str(path))
    return path
