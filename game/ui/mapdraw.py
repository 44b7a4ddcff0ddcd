"""What the world screen draws over the map layer: outlines, crisis markers, legend, hover name."""

from __future__ import annotations

import pygame

from game.ui.mapmodes import MODE_NAMES
from game.ui.theme import BAD, GOLD, INK, font


def outlines(surface: pygame.Surface, m, seat: str | None, selected: str | None, hover: str | None) -> None:
    if seat in m.by_country:
        m.outline(surface, m.by_country[seat], GOLD, 2)
    if selected in m.by_country and selected != seat:
        m.outline(surface, m.by_country[selected], INK, 2)
    if hover in m.by_country:
        m.outline(surface, m.by_country[hover], (255, 255, 255), 1)


def crisis_markers(surface: pygame.Surface, m, session) -> None:
    """A red disc per crisis on its country, bigger when more severe."""
    for c in session.crises():
        pos = m.label_pos(c.location)
        if pos is None:
            continue
        r = 6 + int(c.severity / 14)
        pygame.draw.circle(surface, (20, 10, 10), pos, r + 2)
        pygame.draw.circle(surface, BAD, pos, r)
        img = font(max(10, r + 4), True).render("!", True, (255, 255, 255))
        surface.blit(img, img.get_rect(center=pos))


def legend(surface: pygame.Surface, rect: pygame.Rect, mode: str, entries: list) -> None:
    """The legend box of the map mode, in the map's bottom right corner."""
    if not entries:
        return
    h = 26 + 18 * len(entries)
    w = 20 + max(font(12).size(text[:32])[0] for _, text in entries) + 28
    w = max(w, font(13, True).size(MODE_NAMES[mode])[0] + 20)
    box = pygame.Rect(rect.right - w - 10, rect.bottom - h - 10, w, h)
    pygame.draw.rect(surface, (12, 20, 32), box, border_radius=6)
    pygame.draw.rect(surface, (59, 76, 102), box, 1, border_radius=6)
    surface.blit(font(13, True).render(MODE_NAMES[mode], True, GOLD), (box.x + 8, box.y + 5))
    for i, (colour, text) in enumerate(entries):
        y = box.y + 24 + i * 18
        pygame.draw.rect(surface, colour, (box.x + 8, y + 2, 14, 12))
        surface.blit(font(12).render(text[:32], True, INK), (box.x + 28, y))


def hover_name(surface: pygame.Surface, m, session, code: str | None, mouse: tuple[int, int]) -> None:
    """The hovered country's name, regime and doctrine beside the pointer."""
    if not code or code not in session.rows or not m.rect.collidepoint(mouse):
        return
    gov = session.government(code)
    doc = session.rules.doctrines.get(gov.doctrine)
    text = f"{session.info(code).name} — {gov.regime}, {doc.name if doc else gov.doctrine}"
    img = font(13, True).render(text, True, INK)
    box = img.get_rect(topleft=(mouse[0] + 14, mouse[1] + 10)).inflate(10, 6)
    box.clamp_ip(m.rect)
    pygame.draw.rect(surface, (10, 16, 26), box, border_radius=4)
    pygame.draw.rect(surface, GOLD, box, 1, border_radius=4)
    surface.blit(img, img.get_rect(center=box.center))
