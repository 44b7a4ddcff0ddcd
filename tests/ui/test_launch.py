"""`play` shows the main menu first and loads the rules behind it (game.ui.launch.GameApp)."""

from __future__ import annotations

import time

import pygame
import pytest

from game.ui.launch import GameApp
from game.ui.screens.menu import MenuScreen
from game.ui.settings import Settings


@pytest.fixture()
def game(tmp_path, monkeypatch):
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(tmp_path))
    app = GameApp(Settings(guide=False), persist=False)
    yield app
    job = app._rules_job
    if job is not None:
        job.thread.join()
    if app.session is not None:
        app.session.close()
    pygame.quit()


def commands(app) -> dict[str, bool]:
    return {c: b.is_enabled for b, c in app.top.buttons.items()}


def test_the_menu_comes_before_the_rules_and_fills_in_when_they_are_in(game):
    game.push(MenuScreen(game))
    first = commands(game)
    assert "new" not in first and first["loading"] is False  # greyed, bound to no command
    assert first["settings"] and first["quit"] and first["mods"]
    assert game._rules_result is None and game._rules_job is None  # nothing loads before the first frame
    end = time.time() + 60
    while game.rules_loading() and time.time() < end:
        game.step(0.016)
        time.sleep(0.005)
    game.step(0.016)
    now = commands(game)
    assert now["new"] and now["codex"] and "loading" not in now
    assert game.rules is not None and game.rules_problems() == []


def test_asking_for_the_rules_meanwhile_waits_for_the_load_under_way(game, monkeypatch):
    import game.rules as rules_pkg

    calls = []
    real = rules_pkg.load_with_fallback

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(rules_pkg, "load_with_fallback", counted)
    game.push(MenuScreen(game))
    game.step(0.016)  # the first frame starts the load
    assert game._rules_job is not None
    assert game.rules is not None  # waits for it rather than loading again
    assert calls == [1] and game._rules_job is None


def test_a_mods_change_drops_a_load_under_way(game):
    game.push(MenuScreen(game))
    game.step(0.016)
    job = game._rules_job
    game.reload_rules()  # the mod manager's Apply: the load under way read the old mod list
    assert game._rules_job is None
    job.thread.join()
    assert game._rules_result is None
    assert game.rules is not None  # loads again, with the mods as they are now
