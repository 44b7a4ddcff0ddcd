"""Saves in the UI go through game.sim.autosave: an autosave after every turn (the newest
`autosave_keep` kept), and a damaged save named in one line with the newest autosave that
loads offered in its place."""

from __future__ import annotations

import pygame

from tests.ui.conftest import click, frames, key, new_game


def play_turns(app, n: int) -> None:
    from game.ui.screens.report import ReportScreen

    for _ in range(n):
        turn = app.session.turn
        key(app, pygame.K_RETURN)
        app.wait_turn()
        frames(app)
        assert app.session.turn == turn + 1, (type(app.top).__name__, [type(x).__name__ for x in app.stack])
        if isinstance(app.top, ReportScreen):
            key(app, pygame.K_ESCAPE)


def autosaves() -> list[str]:
    from game.ui import saves

    return sorted(p.name for p in saves.autosave_folder().glob("autosave-*.json"))


def test_every_turn_is_autosaved_and_the_newest_are_kept(app):
    from game.ui import saves

    new_game(app, "CHN")  # no election to lose in the next few turns
    keep = app.rules.settings.autosave_keep
    assert autosaves() == []
    play_turns(app, 1)
    assert autosaves() == ["autosave-2024-t0001.json"]
    assert not app.dirty  # the autosave holds the turn: quitting now loses nothing
    play_turns(app, keep)
    assert autosaves() == [f"autosave-2024-t{t:04d}.json" for t in range(2, keep + 2)]
    listed = saves.list_autosaves()
    assert listed[0].name == f"autosave-2024-t{keep + 1:04d}" and listed[0].country == "China"
    # Continue loads the newest save of either kind: here the last autosave.
    turn = app.session.turn
    app.drop_session()
    from game.ui.screens.menu import MenuScreen

    app.set_root(MenuScreen(app))
    frames(app)
    click(app, app.top.find("continue"))
    assert app.session is not None and app.session.turn == turn and app.session.human_codes() == ["CHN"]


def corrupt(path) -> None:
    data = bytearray(path.read_bytes())
    data[-50:-10] = b"x" * 40  # inside the payload: the checksum no longer matches
    path.write_bytes(bytes(data))


def test_a_damaged_save_offers_the_newest_autosave_that_loads(app):
    from game.ui import saves
    from game.ui.screens.saveload import DamagedSaveScreen, SaveLoadScreen
    from game.ui.screens.world import WorldScreen

    new_game(app)
    play_turns(app, 2)
    slot = saves.save_game(app.session, "Berlin")
    play_turns(app, 1)
    corrupt(slot.path)
    corrupt(saves.autosave_folder() / "autosave-2024-t0003.json")  # the newest autosave is damaged too
    running = app.session
    app.push(SaveLoadScreen(app, saving=False))
    frames(app)
    assert app.top.find("load:autosave-2024-t0002") is not None  # autosaves are listed for loading
    click(app, app.top.find("load:Berlin"))
    offer = app.top
    assert isinstance(offer, DamagedSaveScreen)
    first = offer.loaded.problems[0]
    assert "Berlin.json" in first and "damaged" in first and "\n" not in first
    assert offer.loaded.path.name == "autosave-2024-t0002.json" and len(offer.loaded.problems) == 2
    # Cancel: the running game goes on, untouched.
    key(app, pygame.K_ESCAPE)
    assert app.session is running and running.turn == 3 and running.crises() is not None
    # Take the offer this time.
    app.top.rebuild()
    click(app, app.top.find("load:Berlin"))
    click(app, app.top.find("fallback"))
    assert isinstance(app.top, WorldScreen)
    assert app.session is not running and app.session.turn == 2 and app.session.human_codes() == ["DEU"]
