"""UI tests: a real App on SDL's dummy video driver, driven by posted pygame events."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def rules_result():
    from game.paths import rules_dir
    from game.rules import load_rules

    return load_rules(rules_dir())


@pytest.fixture()
def app(tmp_path, monkeypatch, rules_result):
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(tmp_path))
    from game.ui.app import App
    from game.ui.settings import Settings

    a = App(Settings(guide=False), persist=False)
    a._rules_result = rules_result  # loading the rules once keeps each test fast
    if a.rules is None:
        pytest.skip("the base rules do not load yet: " + "; ".join(a.rules_problems()[:2]))
    yield a
    if a.session is not None:
        a.session.close()
    pygame.quit()


def frames(app, n: int = 2) -> None:
    for _ in range(n):
        app.step(0.02)


def click(app, button) -> None:
    """Press a pygame_gui button the way a player does: mouse down and up on its centre."""
    assert button is not None, "no such button"
    assert button.is_enabled, f"button {button.text!r} is disabled"
    pos = button.rect.center
    scale = app.scale
    pos = (int(pos[0] * scale), int(pos[1] * scale))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 3)


def key(app, k: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    frames(app, 2)


def click_at(app, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 3)
