"""Killing the game at any moment during a save never loses the previous save.

A forked child writes saves to the same path in a loop, changing the game between writes;
the parent kills it with SIGKILL (the signal of a power cut or an OOM kill: no cleanup runs)
at a random moment, 30 times over. After every kill the file must load and be one of the
games the child wrote, whole. The same is then done to the autosave rotation.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from game.sim.autosave import Autosaver, latest_good_save
from game.sim.save import load_session, read_save, save_session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() and SIGKILL (POSIX)")
KILLS = 30


def _child(work) -> None:
    """Run work() in a forked child that never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            work()
        finally:
            os._exit(0)
    return pid


def _kill_after(pid: int, delay: float) -> None:
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child finished before the kill"


def _save_seconds(session, path: Path) -> float:
    started = time.perf_counter()
    save_session(session, path)
    return time.perf_counter() - started


def test_kill_9_during_saves_always_leaves_a_loadable_save(make_session, rules, tmp_path: Path):
    s = make_session(seed=3)
    s.end_turn()
    path = tmp_path / "slot.json"
    one_save = _save_seconds(s, path)  # the previous save, before any child runs
    approval = s.row("FRA")
    rng = random.Random(20240707)
    written_marks = set()
    for i in range(KILLS):
        def work(i=i) -> None:
            for k in range(1_000_000):
                # Each write is a different game: FRA's approval is the mark of which one.
                s.table.stats[approval, s.table.stat_ids.index("approval")] = 10.0 + i + k / 1000.0
                save_session(s, path)

        pid = _child(work)
        _kill_after(pid, rng.uniform(0.0, 3.0 * one_save))
        header, payload = read_save(path)  # raises SaveError if the kill left it damaged
        assert header["version"] >= 1
        loaded = load_session(rules, path)
        try:
            mark = loaded.stat("FRA", "approval")
            assert mark == s.stat("FRA", "approval") or 10.0 <= mark < 10.0 + KILLS + 1000
            written_marks.add(round(mark, 3))
        finally:
            loaded.close()
    # The kills landed at different moments: several different complete saves were found.
    assert len(written_marks) > 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "slot.json"]
    assert all(n.startswith(".slot.json.") and n.endswith(".tmp") for n in leftovers), leftovers


def test_kill_9_during_autosaves_leaves_the_newest_whole_one(make_session, rules, tmp_path: Path):
    s = make_session(seed=4)
    folder = tmp_path / "autosave"
    saver = Autosaver(folder, keep=3)
    saver.save(s)
    one_save = _save_seconds(s, tmp_path / "probe.json")
    rng = random.Random(99)
    for _ in range(KILLS // 3):
        def work() -> None:
            for _ in range(1000):
                s.world.turn += 1  # a new autosave file each time, and the rotation deletes old ones
                saver.save(s)

        pid = _child(work)
        _kill_after(pid, rng.uniform(0.0, 4.0 * one_save))
        found = latest_good_save(folder, rules)
        assert found.session is not None and found.path is not None, found.problems
        assert found.problems == [], found.problems  # an atomic write never leaves a damaged file
        found.session.close()
        assert 1 <= len(saver.existing()) <= saver.keep + 1
