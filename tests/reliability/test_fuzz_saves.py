"""Damaged saves never crash the loader: it raises SaveError (one line) or loads a game.

Hypothesis damages real saves (tests/fixtures/saves) as bytes (cut, flipped, inserted,
deleted: what a disk or a careless copy does) and as data with a recomputed checksum (what a
hand edit or a buggy tool does, reaching past the checksum into every part of the loader),
in the current format and in the old one that is migrated on load.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.sim.save import SAVE_VERSION, SaveError, load_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "saves"
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
VERSIONS = [1, SAVE_VERSION]
ORIGINAL = {v: (FIXTURES / f"save_v{v}.json").read_bytes() for v in VERSIONS}
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
                   st.text(max_size=10), st.lists(st.integers(-3, 300), max_size=4),
                   st.dictionaries(st.text(max_size=6), st.integers(), max_size=3),
                   st.sampled_from(["", "AAAA", "!!!", [[]], {"f8": "AAAA", "shape": [2, 2]}, {"shape": [-1], "f8": ""}]))


def split(raw: bytes) -> tuple[dict, dict]:
    text = raw.decode("utf-8")
    cut = text.index(',"payload":')
    return json.loads(text[len('{"header":'):cut]), json.loads(text[cut + len(',"payload":'):-1])


def join(header: dict, payload: object) -> bytes:
    """A save whose checksum matches its (possibly nonsensical) payload."""
    payload_text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    header = {**header, "checksum": hashlib.sha256(payload_text.encode("utf-8")).hexdigest()}
    return ('{"header":' + json.dumps(header, sort_keys=True) + ',"payload":' + payload_text + "}").encode("utf-8")


def outcome(rules, path: Path) -> str:
    """Load; only SaveError may come out. A game that loads must at least hash."""
    try:
        s = load_session(rules, path)
    except SaveError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc), str(exc)
        return "refused"
    try:
        assert len(s.state_hash()) == 16
    finally:
        s.close()
    return "loaded"


def break_node(data: object, draw) -> object:
    node = data
    for _ in range(draw(st.integers(1, 7))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = children[draw(st.integers(0, len(children) - 1))]
        action = draw(st.sampled_from(["descend", "descend", "descend", "replace", "drop", "double"]))
        if action == "descend" and isinstance(child, (dict, list)):
            node = child
            continue
        if action == "drop":
            del node[key]
        elif action == "double" and isinstance(node, list):
            node.insert(key, child)
        else:
            node[key] = draw(VALUES)
        break
    return data


@FUZZ
@given(version=st.sampled_from(VERSIONS), kind=st.sampled_from(["cut", "flip", "insert", "delete"]),
       at=st.floats(0, 1), blob=st.binary(min_size=1, max_size=16))
def test_byte_damage_is_refused_in_one_line(rules, tmp_path: Path, version: int, kind: str, at: float, blob: bytes):
    raw = ORIGINAL[version]
    i = min(len(raw) - 1, int(at * len(raw)))
    if kind == "cut":
        raw = raw[:i]
    elif kind == "flip":
        raw = raw[:i] + bytes([raw[i] ^ (blob[0] or 1)]) + raw[i + 1:]
    elif kind == "insert":
        raw = raw[:i] + blob + raw[i:]
    else:
        raw = raw[:i] + raw[i + len(blob):]
    path = tmp_path / "damaged.json"
    path.write_bytes(raw)
    result = outcome(rules, path)
    if i > 200:  # past the header: the checksum covers every byte there
        assert result == "refused"


@FUZZ
@given(version=st.sampled_from(VERSIONS), data=st.data())
def test_edited_payloads_load_or_are_refused(rules, tmp_path: Path, version: int, data):
    header, payload = split(ORIGINAL[version])
    path = tmp_path / "edited.json"
    path.write_bytes(join(header, break_node(payload, data.draw)))
    outcome(rules, path)


@FUZZ
@given(field=st.sampled_from(["version", "format", "checksum", "summary", "rules"]), value=VALUES)
def test_edited_headers_are_refused_or_harmless(rules, tmp_path: Path, field: str, value):
    text = ORIGINAL[SAVE_VERSION].decode("utf-8")
    cut = text.index(',"payload":')
    header = json.loads(text[len('{"header":'):cut])
    header[field] = value
    path = tmp_path / "header.json"
    path.write_text('{"header":' + json.dumps(header) + text[cut:], encoding="utf-8")
    result = outcome(rules, path)
    if field in ("version", "format", "checksum"):
        assert result == "refused" or header[field] == json.loads(text[len('{"header":'):cut])[field]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_fixtures_themselves_load(rules, tmp_path: Path, version: int):
    path = tmp_path / "same.json"
    path.write_bytes(join(*split(ORIGINAL[version])))  # re-joined unchanged: still the same save
    assert outcome(rules, path) == "loaded"
