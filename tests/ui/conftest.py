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


def post(app, event_type: int, n: int = 2, **data) -> None:
    """Post a pygame_gui event (a dropdown choice, a list pick, a link click) and run frames."""
    pygame.event.post(pygame.event.Event(event_type, data))
    frames(app, n)


def visible(screen, prefix: str, enabled: bool = True):
    """Buttons whose command starts with prefix and that are on screen (not scrolled away)."""
    h = screen.size[1]
    return [b for b, c in screen.buttons.items()
            if c.startswith(prefix) and (b.is_enabled or not enabled) and b.visible and 0 < b.rect.centery < h - 60]


def new_game(app, code: str = "DEU", seats: tuple[str, ...] = (), hotseat: bool = False):
    """Menu -> New game (or Hot-seat) -> click the country on the map (and extra seats) -> Start."""
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.setup import SetupScreen
    from game.ui.screens.world import WorldScreen

    app.push(MenuScreen(app))
    frames(app)
    click(app, app.top.find("hotseat" if hotseat else "new"))
    assert isinstance(app.top, SetupScreen)
    for seat in seats:
        click_at(app, app.top.map.label_pos(seat))
        assert app.top.country == seat
        click(app, app.top.find("add_seat"))
    click_at(app, app.top.map.label_pos(code))
    assert app.top.country == code
    app.top.seed = 5  # the same world every run
    click(app, app.top.find("start"))
    assert isinstance(app.top, WorldScreen)
    assert app.session.human_codes() == sorted({code, *seats})
    return app.top


def end_turn(app) -> None:
    """End the turn with the key and wait for the worker; leave the report."""
    key(app, pygame.K_RETURN)
    app.wait_turn()
    frames(app)


def texts(app) -> str:
    """The HTML of every live text box on screen (the country panel, the news, cards)."""
    return "\n".join(e.html_text for e in app.ui.get_sprite_group().sprites() if hasattr(e, "html_text") and e.alive()
                     and e.visible)
