"""Saves: loading and playing on gives exactly the hashes of never having saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.sim.save import SAVE_VERSION, SaveError, load_session, save_session


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
    assert header["format"] == "world-orders-save" and header["version"] == SAVE_VERSION
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


def test_autosaver_keeps_the_newest_k(make_session, tmp_path: Path):
    from game.sim.autosave import Autosaver

    s = make_session(seed=5)
    saver = Autosaver(tmp_path / "auto", keep=3)
    written = []
    for _ in range(5):
        written.append(saver.save(s))
        s.world.turn += 1  # a new turn, a new file (playing real turns is not needed here)
    assert saver.existing() == written[:1:-1]  # the newest three, newest first
    assert all(not p.exists() for p in written[:2])


def test_damaged_save_falls_back_to_the_newest_good_autosave(make_session, rules, tmp_path: Path):
    from game.sim.autosave import Autosaver, latest_good_save, load_or_fallback

    s = make_session(seed=6)
    saver = Autosaver(tmp_path, keep=5)
    paths = []
    for _ in range(3):
        s.end_turn()
        paths.append(saver.save(s))
    good_hash = s.state_hash()
    s.end_turn()
    newest = saver.save(s)
    newest.write_bytes(newest.read_bytes()[:-500])  # a torn write from some other cause
    found = load_or_fallback(rules, newest)
    try:
        assert found.path == paths[-1] and found.session.state_hash() == good_hash
        assert len(found.problems) == 1 and newest.name in found.problems[0] and "damaged" in found.problems[0]
        assert "\n" not in found.problems[0]
    finally:
        found.session.close()
    # Without rules, only the checksum is checked; the damaged file is named once.
    quick = latest_good_save(tmp_path)
    assert quick.path == paths[-1] and quick.session is None and len(quick.problems) == 1


def test_nothing_loads_is_one_clear_error(rules, tmp_path: Path):
    from game.sim.autosave import load_or_fallback

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SaveError, match="no other save") as err:
        load_or_fallback(rules, bad)
    assert "\n" not in str(err.value) and "bad.json" in str(err.value)


def test_read_header_gives_the_summary_without_reading_everything(make_session, tmp_path: Path):
    from game.sim.save import read_header

    s = make_session(seed=2, humans=("FRA",))
    path = tmp_path / "h.json"
    save_session(s, path)
    header = read_header(path)
    assert header["summary"]["countries"] == ["FRA"] and header["summary"]["scenario"] == "2024"
    assert header["rules"]["fingerprint"] == s.rules.fingerprint


def test_saving_one_session_after_another_was_loaded(make_session, rules, tmp_path: Path):
    """Two sessions alive (the UI loading a save while a game is open): each saves its own world."""
    a = make_session(seed=8)
    save_session(a, tmp_path / "a.json")
    b = load_session(rules, tmp_path / "a.json")
    try:
        b.end_turn()
        save_session(a, tmp_path / "a2.json")  # esper is on b's world now
        again = load_session(rules, tmp_path / "a2.json")
        assert again.state_hash() == a.state_hash() != b.state_hash()
        again.close()
    finally:
        b.close()
