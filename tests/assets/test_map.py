"""Checks on the generated map asset assets/map/world-110m.json (see tools/convert_map.py)."""

import json
from pathlib import Path

import pytest

MAP_DIR = Path(__file__).resolve().parents[2] / "assets" / "map"


@pytest.fixture(scope="module")
def world() -> dict:
    return json.loads((MAP_DIR / "world-110m.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def countries_txt() -> dict[str, str]:
    lines = (MAP_DIR / "countries.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines]
    assert all(len(p) == 2 and p[0] and p[1] for p in pairs), "lines must be ISO3<TAB>name"
    return dict(pairs)


def _rings(shape):
    for poly in shape["polygons"]:
        yield from poly


def test_source_is_recorded(world):
    assert "Natural Earth" in world["source"]


def test_shape_count_and_unique_ids(world):
    ids = [s["id"] for s in world["shapes"]]
    assert len(ids) == 177
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 3 and i.isupper() for i in ids)


def test_rings_are_valid_and_in_range(world):
    for s in world["shapes"]:
        assert s["polygons"], s["id"]
        for ring in _rings(s):
            assert len(ring) >= 4, s["id"]
            # closed, or closable: at least three distinct points
            assert ring[0] == ring[-1] or len({tuple(p) for p in ring}) >= 3, s["id"]
            for lon, lat in ring:
                assert -180 <= lon <= 180, s["id"]
                assert -90 <= lat <= 90, s["id"]


def test_no_ring_jumps_across_the_antimeridian(world):
    # A plain equirectangular drawing must not show horizontal streaks.
    for s in world["shapes"]:
        for ring in _rings(s):
            for (x0, _), (x1, _) in zip(ring, ring[1:], strict=False):
                assert abs(x1 - x0) <= 180, s["id"]


def test_labels_in_range(world):
    for s in world["shapes"]:
        lon, lat = s["label"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90, s["id"]


def test_country_exceptions(world):
    owner = {s["id"]: s["country"] for s in world["shapes"]}
    assert owner["GRL"] == "DNK"
    assert owner["FLK"] == "GBR"
    assert owner["ATF"] == "FRA"
    assert owner["NCL"] == "FRA"
    assert owner["PRI"] == "USA"
    assert owner["NCY"] == "CYP"
    assert owner["SOL"] == "SOM"
    assert owner["ATA"] is None
    assert owner["ESH"] is None
    for own in ("XKX", "TWN", "PSE"):
        assert owner[own] == own
    exceptions = {"GRL", "FLK", "ATF", "NCL", "PRI", "NCY", "SOL", "ATA", "ESH"}
    for sid, country in owner.items():
        if sid not in exceptions:
            assert country == sid


def test_neighbours_symmetric_and_complete(world):
    nb = world["neighbours"]
    playable = {s["country"] for s in world["shapes"] if s["country"] is not None}
    assert set(nb) == playable
    for c, others in nb.items():
        assert others, f"{c} has no neighbour"
        assert others == sorted(others)
        assert c not in others
        for o in others:
            assert o in playable, (c, o)
            assert c in nb[o], (c, o)


def test_known_neighbours(world):
    nb = world["neighbours"]
    assert {"CAN", "MEX"} <= set(nb["USA"])
    assert "FRA" in nb["GBR"]
    assert "CHN" in nb["TWN"]
    assert "IND" in nb["LKA"]


def test_countries_txt_matches(world, countries_txt):
    playable = {s["country"] for s in world["shapes"] if s["country"] is not None}
    assert set(countries_txt) == playable
    assert list(countries_txt) == sorted(countries_txt)
    names = {s["id"]: s["name"] for s in world["shapes"]}
    for c, name in countries_txt.items():
        assert names[c] == name
