"""What is drawn over every screen: short messages (toasts) and the turn progress indicator."""

from __future__ import annotations

import math
import time

import pygame

from game.ui.theme import BAD, GOLD, INK, font

TOAST_SECONDS = 4.0


class Overlay:
    def __init__(self) -> None:
        self.toasts: list[tuple[float, str, bool]] = []  # (expires at, text, bad)

    def toast(self, text: str, bad: bool = False) -> None:
        self.toasts.append((time.time() + TOAST_SECONDS, text, bad))
        self.toasts = self.toasts[-4:]

    def messages(self) -> list[str]:
        """The messages on screen now (tests read these)."""
        return [t for _, t, _ in self.toasts]

    def draw(self, surface: pygame.Surface, busy_for: float | None) -> None:
        now = time.time()
        self.toasts = [t for t in self.toasts if t[0] > now]
        w, h = surface.get_size()
        y = h - 110
        for _, text, bad in reversed(self.toasts):
            img = font(15, True).render(_fit(text, w - 80, 15), True, BAD if bad else INK)
            box = img.get_rect(midbottom=(w // 2, y)).inflate(24, 12)
            pygame.draw.rect(surface, (10, 16, 26), box, border_radius=6)
            pygame.draw.rect(surface, BAD if bad else GOLD, box, 1, border_radius=6)
            surface.blit(img, img.get_rect(center=box.center))
            y = box.top - 6
        if busy_for is not None:
            draw_progress(surface, busy_for)


def _fit(text: str, width: int, size: int) -> str:
    """Cut a one-line message to the window's width, with an ellipsis."""
    f = font(size, True)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def draw_progress(surface: pygame.Surface, elapsed: float) -> None:
    """A box with a spinner and a sliding bar: the turn is being resolved, the window is alive."""
    w, h = surface.get_size()
    box = pygame.Rect(0, 0, 320, 64)
    box.center = (w // 2, h // 2)
    pygame.draw.rect(surface, (10, 16, 26), box, border_radius=8)
    pygame.draw.rect(surface, GOLD, box, 2, border_radius=8)
    img = font(16, True).render("Resolving the turn…", True, INK)
    surface.blit(img, (box.x + 56, box.y + 12))
    bar = pygame.Rect(box.x + 56, box.y + 40, 240, 8)
    pygame.draw.rect(surface, (38, 50, 66), bar, border_radius=4)
    x = bar.x + int((elapsed * 220) % (bar.w - 60))
    pygame.draw.rect(surface, GOLD, (x, bar.y, 60, bar.h), border_radius=4)
    for i in range(8):
        a = elapsed * 6.0 + i * math.pi / 4
        shade = (i + 2) / 10
        pos = (box.x + 30 + int(12 * math.cos(a)), box.centery + int(12 * math.sin(a)))
        pygame.draw.circle(surface, (int(240 * shade), int(192 * shade), int(96 * shade)), pos, 3)
