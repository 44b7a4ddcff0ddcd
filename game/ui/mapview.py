"""The world map: Natural Earth shapes, equirectangular, drawn from cached tiles.

At a given zoom every shape is projected once to whole world pixels. The map is cut into
TILE x TILE tiles on a fixed grid of those pixels; a tile is drawn once, from only the part of
each shape that reaches it (`trim`), and kept. A frame copies the tiles under the view onto
one view-sized layer, so panning copies pixels instead of drawing shapes again; the tile the
view moves towards is drawn ahead, one per frame. A zoom or a new size starts a new set of
tiles. When only colours change, the countries whose colour changed are redrawn on the tiles
that hold them. The view's corner is a whole world pixel and tiles do not depend on how the
view got there, so a panned view is pixel for pixel the same view drawn fresh.

Hover and click read one pixel of a hidden tile holding each shape's number, drawn with the
same fills the first time the pointer is over it.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pygame

from game.paths import assets_dir
from game.ui.theme import BORDER, SEA

NO_DATA = (58, 64, 74)
LAT_TOP, LAT_BOTTOM = 84.0, -60.0  # Antarctica is cut: nobody plays it
GRATICULE = (24, 44, 68)
TILE = 256  # pixels per side of a cached tile
TILE_CACHE = 96  # tiles kept (at 32 bits, 256 KB each), besides those in view
SMALL_RING = 24  # rings with fewer vertices are drawn whole


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


def trim(ring: np.ndarray, x0: int, y0: int, x1: int, y1: int, margin: int = 2) -> np.ndarray | None:
    """The vertices of an integer ring that decide its pixels inside [x0, x1) x [y0, y1), for
    pygame.draw.polygon and for 1-2 px pygame.draw.lines; None when none of it is inside.

    A run of consecutive vertices that all lie beyond one side of the window (by more than
    margin) is replaced by the straight edge between its first and last vertex. The edges
    removed and the edge added both stay beyond that side, and together they close a loop, so
    every scanline crosses them an even number of times: pygame's even-odd fill (which rounds
    an intersection down or up by its position in the vertex order) fills the window's pixels
    exactly as before. The first and last vertex and the topmost and bottommost ones are
    always kept, so the fill's order and its first and last scanlines do not change.
    tests/ui/test_mapview.py checks this pixel for pixel against whole rings.
    """
    if len(ring) <= SMALL_RING:
        return ring
    ys = ring[:, 1]
    free = (ys != ys.min()) & (ys != ys.max())
    free[0] = free[-1] = False
    a = ring
    for axis, lo, hi in ((1, y0, y1), (0, x0, x1)):
        c = a[:, axis]
        low, high = c < lo - margin, c >= hi + margin
        if low.all() or high.all():
            return None
        # A run's inner vertices: beyond the same side as both neighbours (runs beyond one side
        # never touch runs beyond the other, so both sides go in one pass).
        drop = (low[1:-1] & low[:-2] & low[2:]) | (high[1:-1] & high[:-2] & high[2:])
        drop &= free[1:-1]
        if drop.any():
            keep = np.ones(len(a), dtype=bool)
            keep[1:-1] = ~drop
            a, free = a[keep], free[keep]
    return a if len(a) >= 3 else ring


@dataclass
class _Tile:
    surface: pygame.Surface
    rings: list[int]  # the rings drawn on it, in drawing order
    colours: dict[int, tuple]  # shape -> the colour it was drawn with
    gen: int  # the colour generation it is up to date with


@dataclass
class _Projection:
    """Every ring in whole world pixels at one scale (ppd), with its bounding box."""
    ppd: float
    rings: list[np.ndarray]
    bbox: np.ndarray  # (rings, 4): x0, y0, x1, y1 inclusive
    size: tuple[int, int]  # the world's width and height in pixels
    tiles: OrderedDict = field(default_factory=OrderedDict)  # (tx, ty) -> _Tile, least recently used first
    ids: OrderedDict = field(default_factory=OrderedDict)  # (tx, ty) -> each pixel's shape index + 1


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
        # All rings end to end, in drawing order (shape by shape), for one projection per zoom.
        self._ring_shape: list[int] = []
        self._shape_rings: list[list[int]] = []
        for i, s in enumerate(self.shapes):
            self._shape_rings.append(list(range(len(self._ring_shape), len(self._ring_shape) + len(s.rings))))
            self._ring_shape.extend([i] * len(s.rings))
        rings = [r for s in self.shapes for r in s.rings]
        self._lonlat = np.concatenate(rings)
        self._splits = np.cumsum([len(r) for r in rings])[:-1]
        self.zoom = 1.0
        self.center = [10.0, 20.0]  # lon, lat at the middle of the view
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.colours: dict[int, tuple[int, int, int]] = {}
        self.highlight: set[int] = set()
        self._gen = 0  # bumped whenever a colour changes
        self._proj: _Projection | None = None
        self._layer: pygame.Surface | None = None
        self._view_key: tuple | None = None
        self._last_origin: tuple[int, int] | None = None
        self._heading = (0, 0)  # the direction the view last moved in, for drawing ahead
        self._layer_gen = -1  # the colour generation the layer shows
        self._ahead_done = False  # every tile next to the view is drawn
        self.renders = 0  # views composed because the view moved or changed size/zoom, for tests
        self.tiles_drawn = 0  # tiles drawn from shapes
        self.partial = 0  # single-country redraws on a tile

    # ---- projection ------------------------------------------------------------------------
    @property
    def ppd(self) -> float:
        """Pixels per degree: at zoom 1 the whole world spans the view's width."""
        return self.rect.w / 360.0 * self.zoom

    def origin(self) -> tuple[int, int]:
        """The world pixel at the view's top left corner: whole pixels, so tiles line up."""
        p = self.ppd
        return (math.floor((self.center[0] + 180.0) * p - self.rect.w / 2 + 0.5),
                math.floor((LAT_TOP - self.center[1]) * p - self.rect.h / 2 + 0.5))

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        """A point's position in the view (add rect.topleft for the window)."""
        p = self.ppd
        ox, oy = self.origin()
        return (lon + 180.0) * p - ox, (LAT_TOP - lat) * p - oy

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        p = self.ppd
        ox, oy = self.origin()
        return (x + ox) / p - 180.0, LAT_TOP - (y + oy) / p

    def projection(self) -> _Projection:
        """Every ring in world pixels at the current zoom and size (recomputed when they change)."""
        p = self.ppd
        if self._proj is None or self._proj.ppd != p:
            xy = np.empty(self._lonlat.shape, dtype=np.int64)
            xy[:, 0] = np.floor((self._lonlat[:, 0] + 180.0) * p + 0.5)
            xy[:, 1] = np.floor((LAT_TOP - self._lonlat[:, 1]) * p + 0.5)
            rings = np.split(xy, self._splits)
            starts = np.concatenate(([0], self._splits))
            bbox = np.column_stack((np.minimum.reduceat(xy[:, 0], starts), np.minimum.reduceat(xy[:, 1], starts),
                                    np.maximum.reduceat(xy[:, 0], starts), np.maximum.reduceat(xy[:, 1], starts)))
            size = (math.floor(360.0 * p + 0.5), math.floor((LAT_TOP - LAT_BOTTOM) * p + 0.5))
            self._proj = _Projection(p, rings, bbox, size)
            self._view_key = None
        return self._proj

    def screen_rings(self, i: int) -> list[np.ndarray]:
        """Shape i's rings in view pixels, exactly as the layer draws them."""
        proj = self.projection()
        ox, oy = self.origin()
        return [proj.rings[r] - (ox, oy) for r in self._shape_rings[i]]

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
        new = {i: colours.get(s.country or "", NO_DATA) for i, s in enumerate(self.shapes)}
        if new != self.colours:
            self.colours = new
            self._gen += 1

    # ---- drawing ------------------------------------------------------------------------------------
    def _rings_in(self, x0: int, y0: int, w: int, h: int) -> list[int]:
        """The rings whose box reaches world pixels [x0, x0 + w) x [y0, y0 + h), in drawing order."""
        b = self.projection().bbox
        return np.nonzero((b[:, 2] >= x0) & (b[:, 0] < x0 + w) & (b[:, 3] >= y0) & (b[:, 1] < y0 + h))[0].tolist()

    def _points(self, r: int, x0: int, y0: int, w: int, h: int) -> list | None:
        """Ring r's points relative to (x0, y0), trimmed to the w x h window when it overhangs."""
        proj = self._proj
        ring = proj.rings[r]
        bx0, by0, bx1, by1 = proj.bbox[r]
        if bx0 < x0 - 2 or by0 < y0 - 2 or bx1 >= x0 + w + 2 or by1 >= y0 + h + 2:
            ring = trim(ring, x0, y0, x0 + w, y0 + h)
            if ring is None:
                return None
        return (ring - (x0, y0)).tolist()

    def _draw_ring(self, surface: pygame.Surface, r: int, x0: int, y0: int, colour) -> None:
        pts = self._points(r, x0, y0, *surface.get_size())
        if pts is not None:
            pygame.draw.polygon(surface, colour, pts)
            pygame.draw.lines(surface, BORDER, True, pts, 1)

    def _graticule(self, surface: pygame.Surface, x0: int, y0: int) -> None:
        p = self._proj.ppd
        w, h = surface.get_size()
        for lon in range(-180, 181, 30):
            x = math.floor((lon + 180) * p + 0.5) - x0
            if 0 <= x < w:
                pygame.draw.line(surface, GRATICULE, (x, 0), (x, h - 1))
        for lat in range(-60, 91, 30):
            y = math.floor((LAT_TOP - lat) * p + 0.5) - y0
            if 0 <= y < h:
                pygame.draw.line(surface, GRATICULE, (0, y), (w - 1, y))

    def paint(self, surface: pygame.Surface, x0: int, y0: int, rings=None) -> None:
        """Draw the map's world pixels from (x0, y0) onto surface: sea, graticule, then every
        ring that reaches it, in order. Tiles are drawn with this; so is a reference in tests."""
        self.projection()
        surface.fill(SEA)
        self._graticule(surface, x0, y0)
        if rings is None:
            rings = self._rings_in(x0, y0, *surface.get_size())
        for r in rings:
            self._draw_ring(surface, r, x0, y0, self.colours.get(self._ring_shape[r], NO_DATA))

    def _tile(self, key: tuple[int, int]) -> _Tile:
        proj = self.projection()
        x0, y0 = key[0] * TILE, key[1] * TILE
        rings = self._rings_in(x0, y0, TILE, TILE)
        surface = pygame.Surface((TILE, TILE))
        self.paint(surface, x0, y0, rings)
        shapes = {self._ring_shape[r] for r in rings}
        tile = proj.tiles[key] = _Tile(surface, rings, {i: self.colours.get(i, NO_DATA) for i in shapes}, self._gen)
        self.tiles_drawn += 1
        return tile

    def _recolour(self, key: tuple[int, int], tile: _Tile) -> bool:
        """Redraw the shapes on a tile whose colour changed since it was drawn; True if any did."""
        changed = {i for i, c in tile.colours.items() if self.colours.get(i, NO_DATA) != c}
        tile.gen = self._gen
        if not changed:
            return False
        x0, y0 = key[0] * TILE, key[1] * TILE
        for r in tile.rings:
            i = self._ring_shape[r]
            if i in changed:
                self._draw_ring(tile.surface, r, x0, y0, self.colours.get(i, NO_DATA))
        for i in changed:
            tile.colours[i] = self.colours.get(i, NO_DATA)
        self.partial += len(changed)
        return True

    def _span(self, ox: int, oy: int) -> tuple[range, range]:
        """The tile columns and rows under the view."""
        return (range(ox // TILE, (ox + self.rect.w - 1) // TILE + 1),
                range(oy // TILE, (oy + self.rect.h - 1) // TILE + 1))

    def render(self) -> pygame.Surface:
        """The view's layer: the tiles under the view, copied onto one view-sized surface.
        Only a move, a zoom, a new size or a colour change does any work; tiles the view does
        not have yet are drawn now, and otherwise one tile next to the view (or one hover tile
        under it) is drawn ahead."""
        proj = self.projection()
        ox, oy = self.origin()
        key = (self.rect.size, proj.ppd, ox, oy)
        if key == self._view_key and self._gen == self._layer_gen and self._ahead_done:
            return self._layer  # nothing moved, nothing recoloured, nothing left to draw ahead
        cols, rows = self._span(ox, oy)
        tiles = proj.tiles
        moved = key != self._view_key or self._layer is None or self._layer.get_size() != self.rect.size
        drawn = 0
        under, changed = [], []
        for ty in rows:
            for tx in cols:
                k = (tx, ty)
                tile = tiles.get(k)
                fresh = tile is None
                if fresh:
                    tile = self._tile(k)
                    drawn += 1
                else:
                    tiles.move_to_end(k)
                    fresh = tile.gen != self._gen and self._recolour(k, tile)
                under.append((tile.surface, (tx * TILE - ox, ty * TILE - oy)))
                if fresh:
                    changed.append(under[-1])
        if moved:
            if self._layer is None or self._layer.get_size() != self.rect.size:
                self._layer = pygame.Surface(self.rect.size)
            self._layer.blits(under, doreturn=False)
        elif changed:
            self._layer.blits(changed, doreturn=False)
        self._layer_gen = self._gen
        if moved:
            self._ahead_done = False
            if self._last_origin is not None and self._view_key is not None and self._view_key[:2] == key[:2]:
                dx, dy = ox - self._last_origin[0], oy - self._last_origin[1]
                if dx or dy:
                    self._heading = (dx, dy)
            self._last_origin = (ox, oy)
            self._view_key = key
            self.renders += 1
        if not drawn and not self._ahead_done:
            self._ahead_done = not (self._draw_ahead(cols, rows) or self._ids_ahead(cols, rows))
        limit = TILE_CACHE + len(under)
        while len(tiles) > limit:
            tiles.popitem(last=False)  # the least recently used: never one in view, those were just used
        return self._layer

    def _draw_ahead(self, cols: range, rows: range) -> bool:
        """Draw one missing tile next to the view, the nearest one the view is heading to first;
        False when none is missing."""
        proj = self._proj
        tiles = proj.tiles
        # Only tiles the view can reach: the world, or the view itself when it is larger.
        ox, oy = self._last_origin or (0, 0)
        x_lo, x_hi = min(0, ox), max(proj.size[0], ox + self.rect.w)
        y_lo, y_hi = min(0, oy), max(proj.size[1], oy + self.rect.h)
        hx, hy = self._heading
        best, best_score = None, None
        for ty in range(rows.start - 1, rows.stop + 1):
            for tx in range(cols.start - 1, cols.stop + 1):
                if (tx, ty) in tiles or tx in cols and ty in rows:
                    continue
                if (tx + 1) * TILE <= x_lo or tx * TILE >= x_hi or (ty + 1) * TILE <= y_lo or ty * TILE >= y_hi:
                    continue
                # Ahead of the move first (the view moves against the drag: its origin's delta).
                ahead = (tx < cols.start) * (hx < 0) + (tx >= cols.stop) * (hx > 0) + \
                    (ty < rows.start) * (hy < 0) + (ty >= rows.stop) * (hy > 0)
                score = (-ahead, abs(2 * tx + 1 - cols.start - cols.stop) + abs(2 * ty + 1 - rows.start - rows.stop))
                if best_score is None or score < best_score:
                    best, best_score = (tx, ty), score
        if best is None:
            return False
        self._tile(best)
        return True

    def _ids_ahead(self, cols: range, rows: range) -> bool:
        """Draw one missing hover tile under the view (so the pointer never waits for one);
        False when none is missing."""
        ids = self._proj.ids
        key = next(((tx, ty) for ty in rows for tx in cols if (tx, ty) not in ids), None)
        if key is None or len(ids) >= TILE_CACHE:
            return False
        self._ids(key)
        return True

    def outline(self, surface: pygame.Surface, i: int, colour, width: int = 2) -> None:
        ox, oy = self.origin()
        dx, dy = self.rect.x - ox, self.rect.y - oy
        clip = surface.get_clip()
        proj = self.projection()
        for r in self._shape_rings[i]:
            ring = trim(proj.rings[r], clip.x - dx, clip.y - dy, clip.right - dx, clip.bottom - dy, 2 + width)
            if ring is not None:
                pygame.draw.lines(surface, colour, True, (ring + (dx, dy)).tolist(), width)

    def _ids(self, key: tuple[int, int]) -> pygame.Surface:
        """A tile of shape numbers (index + 1, 0 for sea): the fills in drawing order, drawn
        the first time the pointer is over that tile."""
        proj = self.projection()
        ids = proj.ids.get(key)
        if ids is not None:
            proj.ids.move_to_end(key)
            return ids
        x0, y0 = key[0] * TILE, key[1] * TILE
        ids = proj.ids[key] = pygame.Surface((TILE, TILE), depth=8 if len(self.shapes) < 255 else 32)
        ids.fill(0)
        for r in self._rings_in(x0, y0, TILE, TILE):
            pts = self._points(r, x0, y0, TILE, TILE)
            if pts is not None:
                pygame.draw.polygon(ids, self._ring_shape[r] + 1, pts)
        while len(proj.ids) > TILE_CACHE:
            proj.ids.popitem(last=False)
        return ids

    def pick(self, pos: tuple[int, int]) -> int | None:
        """The shape under a window position, or None (sea): one pixel read."""
        if not self.rect.collidepoint(pos):
            return None
        ox, oy = self.origin()
        x, y = pos[0] - self.rect.x + ox, pos[1] - self.rect.y + oy
        i = self._ids((x // TILE, y // TILE)).get_at_mapped((x % TILE, y % TILE))
        return i - 1 if i else None

    def country_at(self, pos: tuple[int, int]) -> str | None:
        i = self.pick(pos)
        return self.shapes[i].country if i is not None else None

    def label_pos(self, code: str) -> tuple[int, int] | None:
        i = self.by_country.get(code)
        if i is None:
            return None
        x, y = self.to_screen(*self.shapes[i].label)
        return int(x + self.rect.x), int(y + self.rect.y)
