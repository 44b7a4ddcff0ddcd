"""When something fails: a crash log, and an emergency save of the running game that loads."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from game import crash


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    crash.watch(None)


def boom() -> RuntimeError:
    try:
        raise RuntimeError("the map fell over")
    except RuntimeError as exc:
        return exc


def test_report_saves_the_running_game_and_logs_the_traceback(home: Path, make_session, rules):
    from game.sim.save import load_session

    session = make_session(seed=3)
    session.end_turn()
    crash.watch(lambda: session)
    log, saved = crash.report(boom())
    assert saved is not None and saved.parent == home / "saves"
    restored = load_session(rules, saved)
    assert restored.state_hash() == session.state_hash()
    restored.close()
    meta = json.loads(saved.with_name(saved.stem + ".meta.json").read_text(encoding="utf-8"))
    assert meta["emergency"] is True and meta["date"] == session.date_text()
    text = log.read_text(encoding="utf-8")
    assert log.parent == home / "logs"
    assert "RuntimeError: the map fell over" in text and f"emergency save: {saved}" in text
    assert f"seed 3 lens balanced turn {session.turn}" in text


def test_without_a_game_there_is_only_the_log(home: Path):
    crash.watch(lambda: None)
    log, saved = crash.report(boom())
    assert saved is None and log.is_file() and not (home / "saves").exists()


def test_a_failing_provider_does_not_stop_the_log(home: Path):
    crash.watch(lambda: 1 / 0)
    log, saved = crash.report(boom())
    assert saved is None and "the map fell over" in log.read_text(encoding="utf-8")


def test_thread_hook_reports_worker_errors(home: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install_hooks()
    t = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError("worker died")))
    t.start()
    t.join()
    logs = list((home / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and "ValueError: worker died" in logs[0].read_text(encoding="utf-8")


def test_the_command_line_turns_a_bug_into_one_line(home: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    from game import cli

    def broken(args):
        raise KeyError("oops")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: internal error (KeyError: 'oops'); details in ")
    assert list((home / "logs").glob("crash-*.log"))
