"""The map view's tiles: a panned view is the same picture as the view drawn fresh there, and as
the whole map drawn in one go (whole rings, no tiles); panning copies tiles instead of drawing
shapes; hover, outlines and markers stay on the countries after a pan."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.ui import mapview
from game.ui.mapview import MapView, trim


@pytest.fixture()
def display():
    pygame.display.init()
    pygame.display.set_mode((1280, 720))
    yield
    pygame.display.quit()


def make_view(zoom: float = 1.0, center=(10.0, 20.0), rect=(0, 44, 960, 676)) -> MapView:
    view = MapView()
    view.set_rect(pygame.Rect(rect))
    view.set_colours({s.country: ((i * 37) % 200 + 40, (i * 11) % 200 + 20, 90)
                      for i, s in enumerate(view.shapes) if s.country})
    view.zoom = zoom
    view.center = list(center)
    view.clamp()
    return view


def same_view(view: MapView) -> MapView:
    fresh = make_view(view.zoom, view.center, view.rect)
    fresh.colours = dict(view.colours)
    return fresh


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array2d(surface).copy()


def whole_map(view: MapView, monkeypatch) -> np.ndarray:
    """The view drawn in one go on one surface from whole rings: no tiles, nothing trimmed."""
    surface = pygame.Surface(view.rect.size)
    with monkeypatch.context() as m:
        m.setattr(mapview, "trim", lambda ring, *a, **k: ring)
        view.paint(surface, *view.origin())
    return pixels(surface)


def settle(view: MapView, frames: int = 80) -> None:
    """Frames with nothing moving: the view draws the tiles around it ahead, one per frame."""
    for _ in range(frames):
        view.render()


@pytest.mark.parametrize("zoom", [1.0, 2.5, 6.0, 12.0])
def test_a_panned_view_is_the_view_drawn_fresh(display, monkeypatch, zoom):
    view = make_view(zoom, center=(30.0, 40.0))
    view.render()
    rng = np.random.default_rng(int(zoom * 10))
    for _ in range(3):
        view.pan(*rng.uniform(-300, 300, 2))
        for _ in range(7):  # a drag: small moves, one frame each, some of them fractional
            view.pan(3.4, -1.7)
            view.render()
        panned = pixels(view.render())
        assert (panned == pixels(same_view(view).render())).all()
        assert (panned == whole_map(view, monkeypatch)).all()


def test_panning_copies_tiles_and_moves_the_picture(display):
    view = make_view(2.5, center=(15.0, 20.0), rect=(0, 0, 1280, 720))  # room to move north
    before = pixels(view.render())
    settle(view)
    drawn = view.tiles_drawn
    label = view.label_pos("DEU")
    for _ in range(20):
        view.pan(3.0, 2.0)
        view.render()
    assert view.tiles_drawn == drawn, "a small pan drew shapes again instead of copying tiles"
    after = pixels(view.render())
    assert (after[60:, 40:] == before[:-60, :-40]).all()  # the same picture, 60 px right and 40 down
    assert view.label_pos("DEU") == (label[0] + 60, label[1] + 40)


def test_hover_and_outlines_follow_the_pan(display):
    view = make_view(3.0, center=(10.0, 50.0), rect=(0, 44, 960, 676))
    view.render()
    view.pan(137.0, -61.0)
    layer = view.render()
    # Hover: the country under a pixel is the one whose fill is there (a whole-ring id layer).
    ids = pygame.Surface(view.rect.size)
    ids.fill((0, 0, 0))
    ox, oy = view.origin()
    for i in range(len(view.shapes)):
        for ring in view.screen_rings(i):
            pygame.draw.polygon(ids, (i + 1, 0, 0), ring.tolist())
    rng = np.random.default_rng(3)
    for x, y in rng.integers((0, 0), view.rect.size, (400, 2)).tolist():
        want = ids.get_at((x, y))[0] - 1
        got = view.pick((x + view.rect.x, y + view.rect.y))
        assert (got if got is not None else -1) == want, (x, y)
    # The outline lies on the country's border as the layer draws it, and its label on its land.
    fra = view.by_country["FRA"]
    screen = pygame.Surface((960 + 20, 676 + 60))
    screen.fill((0, 0, 0))
    view.outline(screen, fra, (255, 0, 255), 1)
    drawn = np.argwhere(pixels(screen) == screen.map_rgb((255, 0, 255)))
    assert len(drawn) > 50
    border = pixels(layer) == layer.map_rgb(mapview.BORDER)
    local = drawn - (view.rect.x, view.rect.y)
    inside = (local[:, 0] < view.rect.w) & (local[:, 1] < view.rect.h)
    assert border[local[inside, 0], local[inside, 1]].mean() > 0.9
    assert view.country_at(view.label_pos("FRA")) == "FRA"


def test_a_new_colour_shows_where_the_view_is_now(display):
    view = make_view(2.0, center=(10.0, 50.0), rect=(0, 0, 1280, 720))
    view.render()
    settle(view)
    view.pan(-200.0, 0.0)
    view.render()
    colours = {s.country: (90, 90, 90) for s in view.shapes if s.country}
    colours["DEU"] = (250, 10, 10)
    view.set_colours(colours)
    layer = view.render()
    x, y = view.label_pos("DEU")
    assert tuple(layer.get_at((x, y)))[:3] == (250, 10, 10)
    assert view.partial > 0  # redrawn on the tiles that hold it, not a new set of tiles


def test_trim_keeps_every_pixel_of_the_window(display):
    """trim drops most of a big ring's vertices outside a window and changes no pixel inside."""
    view = make_view(8.0)
    proj = view.projection()
    big = max(range(len(proj.rings)), key=lambda r: len(proj.rings[r]))
    ring = proj.rings[big]
    x0, y0, x1, y1 = proj.bbox[big]
    rng = np.random.default_rng(5)
    fewer = 0
    for _ in range(40):
        wx, wy = int(rng.integers(x0 - 64, x1)), int(rng.integers(y0 - 64, y1))
        cut = trim(ring, wx, wy, wx + 64, wy + 64)
        whole, part = pygame.Surface((64, 64)), pygame.Surface((64, 64))
        for surface, points in ((whole, ring), (part, cut)):
            surface.fill((0, 0, 0))
            if points is not None:
                pts = (points - (wx, wy)).tolist()
                pygame.draw.polygon(surface, (200, 200, 200), pts)
                pygame.draw.lines(surface, (255, 0, 0), True, pts, 1)
        assert (pixels(whole) == pixels(part)).all()
        fewer += cut is None or len(cut) < len(ring) // 2
    assert fewer > 30
