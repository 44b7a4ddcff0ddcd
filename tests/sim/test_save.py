"""Saves: loading and playing on gives exactly the hashes of never having saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.sim.save import SaveError, load_session, save_session


def test_save_load_play_on_matches_unbroken_run(make_session, rules, tmp_path: Path):
    unbroken = make_session(seed=11)
    straight = [unbroken.end_turn().state_hash for _ in range(5)]

    first = make_session(seed=11)
    resumed = [first.end_turn().state_hash for _ in range(2)]
    path = tmp_path / "mid.json"
    save_session(first, path)
    first.close()
    loaded = load_session(rules, path)
    try:
        assert loaded.state_hash() == resumed[-1]
        resumed += [loaded.end_turn().state_hash for _ in range(3)]
    finally:
        loaded.close()
    assert resumed == straight


def test_save_is_written_atomically_and_leaves_no_temp_files(make_session, tmp_path: Path):
    s = make_session(seed=2)
    path = tmp_path / "slot.json"
    size = save_session(s, path)
    assert path.stat().st_size == size
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]
    header = json.loads(path.read_text())["header"]
    assert header["format"] == "world-orders-save" and header["version"] == 1
    assert header["summary"]["scenario"] == "2024"


def test_truncated_save_is_reported_not_crashed_on(make_session, rules, tmp_path: Path):
    s = make_session(seed=2)
    path = tmp_path / "cut.json"
    save_session(s, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SaveError, match="damaged"):
        load_session(rules, path)


def test_altered_save_fails_its_checksum(make_session, rules, tmp_path: Path):
    s = make_session(seed=2)
    path = tmp_path / "edit.json"
    save_session(s, path)
    text = path.read_text()
    path.write_text(text.replace('"seed":2', '"seed":3', 1))
    with pytest.raises(SaveError, match="checksum"):
        load_session(rules, path)


def test_missing_save(rules, tmp_path: Path):
    with pytest.raises(SaveError, match="no such save"):
        load_session(rules, tmp_path / "nope.json")
