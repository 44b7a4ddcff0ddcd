"""Drawing a line chart of history figures onto a surface (charts and game over)."""

from __future__ import annotations

import pygame

from game.ui.theme import DIM, INK, font

PALETTE = [(240, 192, 96), (110, 170, 240), (230, 110, 100), (150, 220, 140), (200, 140, 230), (240, 240, 240),
           (90, 210, 210), (250, 150, 60)]


def series(session, stat: str, codes: list[str]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for code in codes:
        if code == "world":
            out["World"] = [rec.get("world", {}).get(stat, 0.0) for rec in session.history]
            continue
        row = session.row(code)
        out[session.info(code).name] = [rec["figures"][stat][row] for rec in session.history if stat in rec.get("figures", {})]
    return out


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, data: dict[str, list[float]], title: str,
               dates: list[str]) -> None:
    pygame.draw.rect(surface, (14, 22, 34), rect, border_radius=6)
    pygame.draw.rect(surface, (59, 76, 102), rect, 1, border_radius=6)
    title_img = font(14, True).render(title, True, INK)
    surface.blit(title_img, (rect.x + 10, rect.y + 6))
    values = [v for vs in data.values() for v in vs]
    plot = pygame.Rect(rect.x + 50, rect.y + 30, rect.w - 70, rect.h - 60)
    if len(values) < 2 or max(len(v) for v in data.values()) < 2:
        surface.blit(font(13).render("Play a few turns to see the history.", True, DIM), plot.topleft)
        return
    lo, hi = min(values), max(values)
    if hi - lo < 1e-6:
        lo, hi = lo - 1, hi + 1
    for i in range(5):
        y = plot.bottom - i * plot.h / 4
        pygame.draw.line(surface, (30, 44, 62), (plot.x, y), (plot.right, y))
        surface.blit(font(11).render(f"{lo + (hi - lo) * i / 4:.1f}", True, DIM), (rect.x + 4, y - 7))
    n = max(len(v) for v in data.values())
    legend_x = rect.x + 24 + title_img.get_width()  # the series names follow the title on its line
    for k, (name, vs) in enumerate(data.items()):
        colour = PALETTE[k % len(PALETTE)]
        pts = [(plot.x + i * plot.w / max(1, n - 1), plot.bottom - (v - lo) / (hi - lo) * plot.h) for i, v in enumerate(vs)]
        if len(pts) >= 2:
            pygame.draw.lines(surface, colour, False, pts, 2)
        legend_x = _legend(surface, name, colour, legend_x, rect)
    if dates:
        surface.blit(font(11).render(dates[0], True, DIM), (plot.x, plot.bottom + 2))
        img = font(11).render(dates[-1], True, DIM)
        surface.blit(img, (plot.right - img.get_width(), plot.bottom + 2))


def _legend(surface: pygame.Surface, name: str, colour, x: int, rect: pygame.Rect) -> int:
    """One series name with its colour swatch; returns where the next one goes."""
    img = font(12, True).render(name, True, colour)
    if x + 18 + img.get_width() > rect.right - 8:
        return x  # no room left on the title line: the colours still tell the lines apart
    pygame.draw.line(surface, colour, (x, rect.y + 14), (x + 12, rect.y + 14), 3)
    surface.blit(img, (x + 16, rect.y + 7))
    return x + 28 + img.get_width()
