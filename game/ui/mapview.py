"""The world map: Natural Earth shapes, equirectangular, drawn to a cached layer.

The layer is re-rendered only when the view (size, pan, zoom) changes; when only colours
change, just the countries whose colour changed are redrawn on it. A second, hidden layer
holds each shape's index as its colour, so hover and click are one pixel read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pygame

from game.paths import assets_dir
from game.ui.theme import BORDER, SEA

NO_DATA = (58, 64, 74)
LAT_TOP, LAT_BOTTOM = 84.0, -60.0  # Antarctica is cut: nobody plays it


@dataclass
class Shape:
    id: str
    name: str
    country: str | None
    label: tuple[float, float]
    rings: list[np.ndarray]  # each (n, 2) lon/lat
    bbox: tuple[float, float, float, float]


@lru_cache(maxsize=2)
def load_shapes(path: Path | None = None) -> tuple[Shape, ...]:
    path = path or assets_dir() / "map" / "world-110m.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = []
    for s in data["shapes"]:
        rings = []
        for poly in s["polygons"]:
            # polygons: [[ring...]...] where a ring is [[lon, lat]...]; tolerate one level less.
            parts = poly if poly and isinstance(poly[0][0], list) else [poly]
            rings.extend(np.asarray(r, dtype=float) for r in parts[:1] if len(r) >= 3)  # outer rings only
        if not rings:
            continue
        allp = np.concatenate(rings)
        if allp[:, 1].max() < LAT_BOTTOM:
            continue
        bbox = (allp[:, 0].min(), allp[:, 1].min(), allp[:, 0].max(), allp[:, 1].max())
        shapes.append(Shape(s["id"], s["name"], s.get("country"), _label(s.get("label"), rings), rings, bbox))
    return tuple(shapes)


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2


def _label(given, rings: list[np.ndarray]) -> tuple[float, float]:
    """Where a country's name and crisis marker go: the given point if it lies on the country's
    main landmass (France's own label sits in French Guiana), else that landmass's middle."""
    main = max(rings, key=_area)
    x0, y0 = main.min(0)
    x1, y1 = main.max(0)
    if given and x0 <= given[0] <= x1 and y0 <= given[1] <= y1:
        return float(given[0]), float(given[1])
    cx, cy = main.mean(0)
    return float(cx), float(cy)


class MapView:
    def __init__(self, shapes: tuple[Shape, ...] | None = None):
        self.shapes = shapes or load_shapes()
        # Several shapes can belong to one country (New Caledonia to France): the country's
        # own shape, else its largest, is the one its name, marker and outline go on.
        self.by_country: dict[str, int] = {}
        for i, s in sorted(enumerate(self.shapes), key=lambda x: (x[1].id == x[1].country,
                                                                    max(_area(r) for r in x[1].rings))):
            if s.country:
                self.by_country[s.country] = i
        self.zoom = 1.0
        self.center = [10.0, 20.0]  # lon, lat at the middle of the view
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.colours: dict[int, tuple[int, int, int]] = {}
        self.highlight: set[int] = set()
        self._layer: pygame.Surface | None = None
        self._ids: pygame.Surface | None = None
        self._view_key: tuple | None = None
        self._drawn: dict[int, tuple] = {}
        self.renders = 0  # full re-renders, for tests
        self.partial = 0  # single-country redraws

    # ---- projection ------------------------------------------------------------------------
    @property
    def ppd(self) -> float:
        """Pixels per degree: at zoom 1 the whole world spans the view's width."""
        return self.rect.w / 360.0 * self.zoom

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        p = self.ppd
        return (self.rect.w / 2 + (lon - self.center[0]) * p, self.rect.h / 2 - (lat - self.center[1]) * p)

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        p = self.ppd
        return (self.center[0] + (x - self.rect.w / 2) / p, self.center[1] - (y - self.rect.h / 2) / p)

    def _project(self, ring: np.ndarray) -> list[tuple[float, float]]:
        p = self.ppd
        xs = self.rect.w / 2 + (ring[:, 0] - self.center[0]) * p
        ys = self.rect.h / 2 - (ring[:, 1] - self.center[1]) * p
        return list(zip(xs.tolist(), ys.tolist(), strict=True))

    # ---- view changes ------------------------------------------------------------------------------
    def clamp(self) -> None:
        self.zoom = min(12.0, max(1.0, self.zoom))
        half_w = self.rect.w / 2 / self.ppd
        half_h = self.rect.h / 2 / self.ppd
        self.center[0] = min(180 - half_w, max(-180 + half_w, self.center[0])) if half_w < 180 else 0.0
        top, bottom = LAT_TOP, LAT_BOTTOM
        if half_h * 2 < top - bottom:
            self.center[1] = min(top - half_h, max(bottom + half_h, self.center[1]))
        else:
            self.center[1] = (top + bottom) / 2

    def pan(self, dx: float, dy: float) -> None:
        self.center[0] -= dx / self.ppd
        self.center[1] += dy / self.ppd
        self.clamp()

    def zoom_at(self, factor: float, pos: tuple[int, int] | None = None) -> None:
        pos = pos or (self.rect.w // 2, self.rect.h // 2)
        before = self.to_lonlat(*pos)
        self.zoom *= factor
        self.clamp()
        after = self.to_lonlat(*pos)
        self.center[0] += before[0] - after[0]
        self.center[1] += before[1] - after[1]
        self.clamp()

    def set_rect(self, rect: pygame.Rect) -> None:
        if rect.size != self.rect.size or rect.topleft != self.rect.topleft:
            self.rect = pygame.Rect(rect)
            self.clamp()

    def focus(self, code: str, zoom: float | None = None) -> None:
        """Centre on a country; with zoom, also zoom in (None keeps the zoom)."""
        i = self.by_country.get(code)
        if i is not None:
            if zoom is not None:
                self.zoom = zoom
            self.center = list(self.shapes[i].label)
            self.clamp()

    def region_zoom(self, code: str) -> float:
        """A zoom that shows a country with its neighbourhood: about ten times its size."""
        i = self.by_country.get(code)
        if i is None:
            return self.zoom
        x0, y0, x1, y1 = self.shapes[i].bbox
        span = max(x1 - x0, (y1 - y0) * self.rect.w / max(1, self.rect.h), 4.0)
        return min(6.0, max(1.5, 360.0 / (span * 10)))

    # ---- colours ----------------------------------------------------------------------------------
    def set_colours(self, colours: dict[str, tuple[int, int, int]]) -> None:
        self.colours = {i: colours.get(s.country or "", NO_DATA) for i, s in enumerate(self.shapes)}

    # ---- drawing ------------------------------------------------------------------------------------
    def _key(self) -> tuple:
        return (self.rect.size, round(self.zoom, 4), round(self.center[0], 4), round(self.center[1], 4))

    def _draw_shape(self, i: int, layer: pygame.Surface, ids: pygame.Surface | None) -> None:
        s = self.shapes[i]
        colour = self.colours.get(i, NO_DATA)
        for ring in s.rings:
            pts = self._project(ring)
            pygame.draw.polygon(layer, colour, pts)
            pygame.draw.lines(layer, BORDER, True, pts, 1)
            if ids is not None:
                pygame.draw.polygon(ids, (i + 1, 0, 0), pts)
        self._drawn[i] = colour

    def _visible(self, s: Shape) -> bool:
        lon0, lat0 = self.to_lonlat(0, self.rect.h)
        lon1, lat1 = self.to_lonlat(self.rect.w, 0)
        return not (s.bbox[2] < lon0 or s.bbox[0] > lon1 or s.bbox[3] < lat0 or s.bbox[1] > lat1)

    def render(self) -> pygame.Surface:
        key = self._key()
        if self._layer is None or key != self._view_key:
            self._layer = pygame.Surface(self.rect.size)
            self._ids = pygame.Surface(self.rect.size)
            self._layer.fill(SEA)
            self._ids.fill((0, 0, 0))
            self._graticule(self._layer)
            self._drawn = {}
            for i, s in enumerate(self.shapes):
                if self._visible(s):
                    self._draw_shape(i, self._layer, self._ids)
            self._view_key = key
            self.renders += 1
        else:
            for i, colour in self.colours.items():
                if i in self._drawn and self._drawn[i] != colour:
                    self._draw_shape(i, self._layer, None)
                    self.partial += 1
        return self._layer

    def _graticule(self, layer: pygame.Surface) -> None:
        c = (24, 44, 68)
        for lon in range(-180, 181, 30):
            x, _ = self.to_screen(lon, 0)
            pygame.draw.line(layer, c, (x, 0), (x, self.rect.h))
        for lat in range(-60, 91, 30):
            _, y = self.to_screen(0, lat)
            pygame.draw.line(layer, c, (0, y), (self.rect.w, y))

    def outline(self, surface: pygame.Surface, i: int, colour, width: int = 2) -> None:
        for ring in self.shapes[i].rings:
            pts = [(x + self.rect.x, y + self.rect.y) for x, y in self._project(ring)]
            pygame.draw.lines(surface, colour, True, pts, width)

    def pick(self, pos: tuple[int, int]) -> int | None:
        """The shape under a window position, or None (sea)."""
        if self._ids is None or not self.rect.collidepoint(pos):
            return None
        r, _, _, _ = self._ids.get_at((pos[0] - self.rect.x, pos[1] - self.rect.y))
        return r - 1 if r else None

    def country_at(self, pos: tuple[int, int]) -> str | None:
        i = self.pick(pos)
        return self.shapes[i].country if i is not None else None

    def label_pos(self, code: str) -> tuple[int, int] | None:
        i = self.by_country.get(code)
        if i is None:
            return None
        x, y = self.to_screen(*self.shapes[i].label)
        return int(x + self.rect.x), int(y + self.rect.y)
