#!/usr/bin/env python3
"""Convert the world-atlas TopoJSON (Natural Earth 1:110m countries) into the game's map file.

Run once by developers, never at game runtime. Standard library only.

    python tools/convert_map.py [path/to/countries-110m.json]

The input is ``countries-110m.json`` from the npm package ``world-atlas`` 2.0.2
(``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz``); by default it is
looked for at /tmp/wa/package/countries-110m.json.

Writes (relative to the repository root):
    assets/map/world-110m.json   shapes, labels, neighbours
    assets/map/countries.txt     one line per playable country: ISO3<TAB>name

See assets/map/README.md for the id and ownership decisions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where the developer unpacked the npm tarball; not a temp file we create.
DEFAULT_INPUT = Path("/tmp/wa/package/countries-110m.json")  # noqa: S108
OUT_DIR = ROOT / "assets" / "map"

SOURCE = "Natural Earth 1:110m admin-0 countries v4.1.0 via world-atlas 2.0.2 (public domain)"

# ISO 3166-1 numeric -> alpha-3, for every numeric id present in countries-110m.json.
# fmt: off
NUMERIC_TO_ALPHA3: dict[str, str] = {
    "004": "AFG", "008": "ALB", "010": "ATA", "012": "DZA", "024": "AGO",
    "031": "AZE", "032": "ARG", "036": "AUS", "040": "AUT", "044": "BHS",
    "050": "BGD", "051": "ARM", "056": "BEL", "064": "BTN", "068": "BOL",
    "070": "BIH", "072": "BWA", "076": "BRA", "084": "BLZ", "090": "SLB",
    "096": "BRN", "100": "BGR", "104": "MMR", "108": "BDI", "112": "BLR",
    "116": "KHM", "120": "CMR", "124": "CAN", "140": "CAF", "144": "LKA",
    "148": "TCD", "152": "CHL", "156": "CHN", "158": "TWN", "170": "COL",
    "178": "COG", "180": "COD", "188": "CRI", "191": "HRV", "192": "CUB",
    "196": "CYP", "203": "CZE", "204": "BEN", "208": "DNK", "214": "DOM",
    "218": "ECU", "222": "SLV", "226": "GNQ", "231": "ETH", "232": "ERI",
    "233": "EST", "238": "FLK", "242": "FJI", "246": "FIN", "250": "FRA",
    "260": "ATF", "262": "DJI", "266": "GAB", "268": "GEO", "270": "GMB",
    "275": "PSE", "276": "DEU", "288": "GHA", "300": "GRC", "304": "GRL",
    "320": "GTM", "324": "GIN", "328": "GUY", "332": "HTI", "340": "HND",
    "348": "HUN", "352": "ISL", "356": "IND", "360": "IDN", "364": "IRN",
    "368": "IRQ", "372": "IRL", "376": "ISR", "380": "ITA", "384": "CIV",
    "388": "JAM", "392": "JPN", "398": "KAZ", "400": "JOR", "404": "KEN",
    "408": "PRK", "410": "KOR", "414": "KWT", "417": "KGZ", "418": "LAO",
    "422": "LBN", "426": "LSO", "428": "LVA", "430": "LBR", "434": "LBY",
    "440": "LTU", "442": "LUX", "450": "MDG", "454": "MWI", "458": "MYS",
    "466": "MLI", "478": "MRT", "484": "MEX", "496": "MNG", "498": "MDA",
    "499": "MNE", "504": "MAR", "508": "MOZ", "512": "OMN", "516": "NAM",
    "524": "NPL", "528": "NLD", "540": "NCL", "548": "VUT", "554": "NZL",
    "558": "NIC", "562": "NER", "566": "NGA", "578": "NOR", "586": "PAK",
    "591": "PAN", "598": "PNG", "600": "PRY", "604": "PER", "608": "PHL",
    "616": "POL", "620": "PRT", "624": "GNB", "626": "TLS", "630": "PRI",
    "634": "QAT", "642": "ROU", "643": "RUS", "646": "RWA", "682": "SAU",
    "686": "SEN", "688": "SRB", "694": "SLE", "703": "SVK", "704": "VNM",
    "705": "SVN", "706": "SOM", "710": "ZAF", "716": "ZWE", "724": "ESP",
    "728": "SSD", "729": "SDN", "732": "ESH", "740": "SUR", "748": "SWZ",
    "752": "SWE", "756": "CHE", "760": "SYR", "762": "TJK", "764": "THA",
    "768": "TGO", "780": "TTO", "784": "ARE", "788": "TUN", "792": "TUR",
    "795": "TKM", "800": "UGA", "804": "UKR", "807": "MKD", "818": "EGY",
    "826": "GBR", "834": "TZA", "840": "USA", "854": "BFA", "858": "URY",
    "860": "UZB", "862": "VEN", "887": "YEM", "894": "ZMB",
}
# fmt: on

# Shapes that carry no numeric id in the source, keyed by their Natural Earth name.
#   XKX: Kosovo - user-assigned code used by the EU, IMF, World Bank and CLDR.
#   NCY: N. Cyprus - NOT an ISO code; our own placeholder (the shape is folded into CYP).
#   SOL: Somaliland - NOT an ISO code (it is Natural Earth's ADM0_A3); folded into SOM.
NAME_TO_ALPHA3: dict[str, str] = {
    "Kosovo": "XKX",
    "N. Cyprus": "NCY",
    "Somaliland": "SOL",
}

# Natural Earth abbreviates some names (NAME field) and 4.1.0 predates two renames;
# the game shows these full/current short names instead.
DISPLAY_NAMES: dict[str, str] = {
    "BIH": "Bosnia and Herzegovina",
    "CAF": "Central African Republic",
    "COD": "DR Congo",
    "DOM": "Dominican Republic",
    "GNQ": "Equatorial Guinea",
    "SSD": "South Sudan",
    "SLB": "Solomon Islands",
    "MKD": "North Macedonia",  # renamed 2019
    "SWZ": "Eswatini",
    "FLK": "Falkland Islands",
    "ATF": "French Southern and Antarctic Lands",
    "ESH": "Western Sahara",
    "NCY": "Northern Cyprus",
}

# Shape id -> playable country (UN-membership view). None: drawn but not playable.
# Every shape not listed here belongs to the country of the same id.
SHAPE_COUNTRY_EXCEPTIONS: dict[str, str | None] = {
    "GRL": "DNK",  # Greenland: autonomous territory of the Kingdom of Denmark
    "FLK": "GBR",  # Falkland Is.: British overseas territory (claimed by Argentina)
    "ATF": "FRA",  # Fr. S. Antarctic Lands: French overseas territory
    "NCL": "FRA",  # New Caledonia: French sui generis collectivity
    "PRI": "USA",  # Puerto Rico: US unincorporated territory
    "NCY": "CYP",  # N. Cyprus: recognised only by Turkey; de jure Cyprus
    "SOL": "SOM",  # Somaliland: unrecognised; de jure Somalia
    "ATA": None,  # Antarctica: Antarctic Treaty, no sovereign
    "ESH": None,  # W. Sahara: disputed (Morocco / SADR), non-self-governing territory
}

# Sea (and other non-arc) adjacencies. Arc sharing only finds land borders, so islands
# would have no neighbours and obvious straits would be missing. Each pair is made
# symmetric. Keep this list short and defensible: straits, narrow seas, close islands.
SEA_NEIGHBOURS: list[tuple[str, str, str]] = [
    # Europe / North Atlantic
    ("GBR", "FRA", "English Channel"),
    ("GBR", "ISL", "North Atlantic"),
    ("ISL", "NOR", "Norwegian Sea"),
    ("ISL", "DNK", "Denmark Strait (Greenland)"),
    ("DNK", "SWE", "Oresund"),
    ("DNK", "NOR", "Skagerrak"),
    ("DNK", "CAN", "Nares Strait / Baffin Bay (Greenland)"),
    ("FIN", "EST", "Gulf of Finland"),
    ("ESP", "MAR", "Strait of Gibraltar"),
    ("ITA", "TUN", "Strait of Sicily"),
    ("ITA", "ALB", "Strait of Otranto"),
    ("CYP", "TUR", "Eastern Mediterranean"),
    ("CYP", "SYR", "Eastern Mediterranean"),
    ("CYP", "LBN", "Eastern Mediterranean"),
    # Middle East
    ("EGY", "SAU", "Strait of Tiran / Red Sea"),
    ("YEM", "DJI", "Bab-el-Mandeb"),
    ("IRN", "OMN", "Strait of Hormuz"),
    ("IRN", "ARE", "Strait of Hormuz"),
    # Africa
    ("MAR", "MRT", "across Western Sahara (not playable)"),
    ("MDG", "MOZ", "Mozambique Channel"),
    # Asia / Pacific
    ("LKA", "IND", "Palk Strait"),
    ("JPN", "KOR", "Korea Strait"),
    ("JPN", "CHN", "East China Sea"),
    ("JPN", "RUS", "La Perouse Strait / Kurils"),
    ("JPN", "TWN", "Ryukyu Islands"),
    ("TWN", "CHN", "Taiwan Strait"),
    ("TWN", "PHL", "Luzon Strait"),
    ("PHL", "MYS", "Sulu Sea (Sabah)"),
    ("PHL", "IDN", "Celebes Sea"),
    ("AUS", "IDN", "Timor / Arafura Sea"),
    ("AUS", "TLS", "Timor Sea"),
    ("AUS", "PNG", "Torres Strait"),
    ("AUS", "NZL", "Tasman Sea"),
    ("SLB", "PNG", "Solomon Sea (Bougainville)"),
    ("SLB", "VUT", "Coral Sea"),
    ("VUT", "FRA", "New Caledonia"),
    ("VUT", "FJI", "Coral Sea"),
    # Americas
    ("USA", "RUS", "Bering Strait"),
    ("CUB", "USA", "Straits of Florida"),
    ("CUB", "MEX", "Yucatan Channel"),
    ("CUB", "BHS", "Old Bahama Channel"),
    ("CUB", "HTI", "Windward Passage"),
    ("CUB", "JAM", "Caribbean"),
    ("JAM", "HTI", "Jamaica Channel"),
    ("BHS", "USA", "Straits of Florida"),
    ("DOM", "USA", "Mona Passage (Puerto Rico)"),
    ("TTO", "VEN", "Gulf of Paria"),
    ("GBR", "ARG", "South Atlantic (Falkland Is.)"),
]


# --------------------------------------------------------------------------- decoding


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded arcs into absolute lon/lat points."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for p in arc:
                x += p[0]
                y += p[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def ring_points(ring_arcs: list[int], arcs: list[list[tuple[float, float]]]) -> list:
    """Stitch a ring from arc indices; a negative index ~i is arc i reversed."""
    pts: list[tuple[float, float]] = []
    for idx in ring_arcs:
        a = arcs[~idx][::-1] if idx < 0 else arcs[idx]
        # consecutive arcs share their junction point: skip it on all but the first arc
        pts.extend(a[1:] if pts else a)
    return pts


def arc_ids(geom: dict) -> set[int]:
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    return {(~i if i < 0 else i) for poly in polys for ring in poly for i in ring}


def clean_ring(pts: list[tuple[float, float]]) -> list[list[float]] | None:
    """Round to 2 decimals, drop consecutive duplicates, keep closed; None if degenerate."""
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, 2), round(y, 2)]
        p = [min(180.0, max(-180.0, p[0])), min(90.0, max(-90.0, p[1]))]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] != out[-1]:
        out.append(list(out[0]))
    # drop a point equal to its predecessor created by closing
    if len(out) < 4 or len({tuple(p) for p in out}) < 3:
        return None
    return out


def split_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Safety net: split a ring whose edges jump across the antimeridian (|dlon| > 180).

    In world-atlas the rings of Fiji, Russia (Chukotka, Wrangel Island) and Antarctica
    run across +-180; each such ring is unwrapped to continuous longitudes and clipped
    into [-180, 180] pieces so that a plain equirectangular drawing never shows streaks.
    """
    jumps = [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180]
    if not jumps:
        return [ring]
    # Unwrap longitudes to be continuous, then clip into the [-180,180] and shifted copies.
    unwrapped = [ring[0]]
    for x, y in ring[1:]:
        px = unwrapped[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        unwrapped.append((x, y))
    net = unwrapped[-1][0] - unwrapped[0][0]
    if abs(net) > 180:
        # The ring winds once around a pole (Antarctica): close it along the pole line.
        pole = -90.0 if sum(y for _x, y in unwrapped) < 0 else 90.0
        # Intermediate pole points every 90 degrees keep every edge shorter than 180.
        x_end, x_start = unwrapped[-1][0], unwrapped[0][0]
        steps = 4
        along_pole = [(x_end + (x_start - x_end) * k / steps, pole) for k in range(steps + 1)]
        unwrapped = unwrapped + along_pole + [unwrapped[0]]
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(x + shift, y) for x, y in unwrapped]
        clipped = clip_lon(clip_lon(shifted, -180, keep_greater=True), 180, keep_greater=False)
        if len(clipped) >= 3:
            pieces.append(clipped + [clipped[0]])
    return pieces


def clip_lon(ring, limit, keep_greater):
    """Sutherland-Hodgman clip of a closed ring against the line lon == limit."""

    def inside(p):
        return p[0] >= limit if keep_greater else p[0] <= limit

    def cross(p, q):
        t = (limit - p[0]) / (q[0] - p[0])
        return (limit, p[1] + t * (q[1] - p[1]))

    pts = ring[:-1] if ring and ring[0] == ring[-1] else ring
    out = []
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


# --------------------------------------------------------------------------- geometry


def signed_area(ring) -> float:
    return 0.5 * sum(
        ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)
    )


def centroid(ring) -> tuple[float, float]:
    a = signed_area(ring)
    if abs(a) < 1e-12:
        n = len(ring) - 1
        return (sum(p[0] for p in ring[:n]) / n, sum(p[1] for p in ring[:n]) / n)
    cx = cy = 0.0
    for i in range(len(ring) - 1):
        x0, y0 = ring[i]
        x1, y1 = ring[i + 1]
        f = x0 * y1 - x1 * y0
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    return (cx / (6 * a), cy / (6 * a))


def point_in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for i in range(len(ring) - 1):
        x0, y0 = ring[i]
        x1, y1 = ring[i + 1]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def point_in_polygon(x: float, y: float, poly) -> bool:
    return point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:])


def dist_to_boundary(x: float, y: float, poly) -> float:
    best = float("inf")
    for ring in poly:
        for i in range(len(ring) - 1):
            x0, y0 = ring[i]
            x1, y1 = ring[i + 1]
            dx, dy = x1 - x0, y1 - y0
            L = dx * dx + dy * dy
            t = 0.0 if L == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / L))
            ex, ey = x0 + t * dx - x, y0 + t * dy - y
            best = min(best, ex * ex + ey * ey)
    return best**0.5


def label_point(polygons) -> list[float]:
    """Centroid of the largest polygon's outer ring if it lies well inside the polygon,
    otherwise the interior point farthest from the boundary (grid search)."""
    poly = max(polygons, key=lambda p: abs(signed_area(p[0])))
    cx, cy = centroid(poly[0])
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    best, best_d = None, -1.0
    n = 40
    for i in range(n + 1):
        for j in range(n + 1):
            x = min(xs) + w * i / n
            y = min(ys) + h * j / n
            if point_in_polygon(x, y, poly):
                d = dist_to_boundary(x, y, poly)
                if d > best_d:
                    best, best_d = (x, y), d
    if point_in_polygon(cx, cy, poly) and (
        best is None or dist_to_boundary(cx, cy, poly) >= 0.35 * best_d
    ):
        pt = (cx, cy)
    else:
        pt = best if best is not None else (cx, cy)
    return [round(pt[0], 2), round(pt[1], 2)]


# --------------------------------------------------------------------------- main


def shape_id(geom: dict) -> str:
    gid = geom.get("id")
    if gid is None:
        return NAME_TO_ALPHA3[geom["properties"]["name"]]
    return NUMERIC_TO_ALPHA3[gid]


def convert(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    shapes = []
    for g in geoms:
        sid = shape_id(g)
        country = SHAPE_COUNTRY_EXCEPTIONS.get(sid, sid)
        raw_polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        polygons = []
        for raw in raw_polys:
            rings = [ring_points(r, arcs) for r in raw]
            outer_pieces = split_antimeridian(rings[0])
            holes = [h for r in rings[1:] for h in split_antimeridian(r)]
            for outer in outer_pieces:
                co = clean_ring(outer)
                if co is None:
                    continue
                poly = [co]
                for hole in holes:
                    ch = clean_ring(hole)
                    if ch is not None and point_in_ring(ch[0][0], ch[0][1], co):
                        poly.append(ch)
                polygons.append(poly)
        if not polygons:
            raise SystemExit(f"{sid}: all rings degenerate after rounding")
        shapes.append(
            {
                "id": sid,
                "name": DISPLAY_NAMES.get(sid, g["properties"]["name"]),
                "country": country,
                "label": label_point(polygons),
                "polygons": polygons,
            }
        )

    ids = [s["id"] for s in shapes]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate shape ids")

    # Land neighbours: shapes that share an arc.
    arc_owner: dict[int, set[str]] = {}
    for g in geoms:
        c = SHAPE_COUNTRY_EXCEPTIONS.get(shape_id(g), shape_id(g))
        if c is None:
            continue
        for a in arc_ids(g):
            arc_owner.setdefault(a, set()).add(c)
    playable = sorted({s["country"] for s in shapes if s["country"] is not None})
    nb: dict[str, set[str]] = {c: set() for c in playable}
    for owners in arc_owner.values():
        for a in owners:
            for b in owners:
                if a != b:
                    nb[a].add(b)
    for a, b, _why in SEA_NEIGHBOURS:
        if a not in nb or b not in nb:
            raise SystemExit(f"sea neighbour {a}-{b}: unknown country")
        nb[a].add(b)
        nb[b].add(a)
    lonely = [c for c in playable if not nb[c]]
    if lonely:
        raise SystemExit(f"countries without neighbours: {lonely}")

    return {
        "source": SOURCE,
        "shapes": shapes,
        "neighbours": {c: sorted(nb[c]) for c in playable},
    }


def country_names(data: dict) -> dict[str, str]:
    names = {}
    for s in data["shapes"]:
        if s["country"] is not None and s["id"] == s["country"]:
            names[s["country"]] = s["name"]
    return names


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_INPUT
    topo = json.loads(src.read_text(encoding="utf-8"))
    data = convert(topo)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    names = country_names(data)
    playable = sorted(data["neighbours"])
    missing = [c for c in playable if c not in names]
    if missing:
        raise SystemExit(f"playable countries without a shape of their own: {missing}")
    (OUT_DIR / "countries.txt").write_text(
        "".join(f"{c}\t{names[c]}\n" for c in playable), encoding="utf-8"
    )
    # Compact JSON: one shape per line keeps diffs readable without bloating the file.
    lines = ["{", f'"source": {json.dumps(data["source"])},', '"shapes": [']
    for i, s in enumerate(data["shapes"]):
        sep = "," if i < len(data["shapes"]) - 1 else ""
        lines.append(json.dumps(s, ensure_ascii=False, separators=(",", ":")) + sep)
    lines.append("],")
    lines.append('"neighbours": {')
    for i, c in enumerate(playable):
        sep = "," if i < len(playable) - 1 else ""
        lines.append(f"{json.dumps(c)}: {json.dumps(data['neighbours'][c])}{sep}")
    lines.append("}")
    lines.append("}")
    (OUT_DIR / "world-110m.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(data['shapes'])} shapes, {len(playable)} playable countries -> {OUT_DIR}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
