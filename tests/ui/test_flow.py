"""New game -> pick a country on the map -> enact a policy -> answer a crisis -> end a turn -> save -> load."""

from __future__ import annotations

import pygame

from tests.ui.conftest import click, frames, key, new_game, visible


def test_new_game_policy_crisis_turn(app):
    world = new_game(app)
    s = app.session
    # Answer a crisis from the crisis list.
    crisis_button = visible(world, "crisis:")[0]
    uid = world.buttons[crisis_button].split(":", 1)[1]
    click(app, crisis_button)
    cdef = s.rules.crises[s.crisis(uid).def_id]
    cost = {r.id: r.cost for r in cdef.responses}
    responses = sorted(visible(app.top, "respond:"), key=lambda b: cost[app.top.buttons[b][8:]])
    assert responses, "no affordable crisis response on screen"
    click(app, responses[0])
    crisis = s.crisis(uid)
    assert crisis is not None and any(c == "DEU" for _, c, _ in crisis.responses)
    assert app.top is world
    # Enact a policy from the player's own deck.
    key(app, pygame.K_p)
    before = list(s.government("DEU").policies)
    from game.sim.handlers import policy_cost

    enact = sorted(visible(app.top, "enact:"), key=lambda b: policy_cost(s, "DEU", app.top.buttons[b][6:]))
    assert enact, "no affordable policy on screen"
    policy = app.top.buttons[enact[0]].split(":", 1)[1]
    click(app, enact[0])
    assert policy in s.government("DEU").policies and len(s.government("DEU").policies) == len(before) + 1
    key(app, pygame.K_ESCAPE)
    assert app.top is world
    # End the turn with the key; the worker thread runs it while frames keep drawing.
    turn = s.turn
    key(app, pygame.K_RETURN)
    assert app.busy or s.turn == turn + 1
    app.wait_turn()
    assert not app.busy and s.turn == turn + 1
    frames(app)
    from game.ui.screens.report import ReportScreen

    assert isinstance(app.top, ReportScreen)
    key(app, pygame.K_RETURN)
    assert app.top is world


def test_save_and_load(app):
    new_game(app, "FRA")
    s = app.session
    key(app, pygame.K_F5)
    click(app, app.top.find("save"))
    from game.ui import saves

    slots = saves.list_slots()
    assert slots and slots[0].thumbnail.exists()
    date, turn = s.date_text(), s.turn
    app.drop_session()
    from game.ui.screens.menu import MenuScreen

    app.set_root(MenuScreen(app))
    frames(app)
    click(app, app.top.find("continue"))
    assert app.session is not None and app.session.human_codes() == ["FRA"]
    assert app.session.date_text() == date and app.session.turn == turn


def test_map_pan_zoom_and_modes(app):
    world = new_game(app)
    m = world.map
    renders = m.renders
    zoom = m.zoom
    key(app, pygame.K_EQUALS)
    assert m.zoom > zoom
    key(app, pygame.K_LEFT)
    assert m.renders > renders
    before = m.renders
    click(app, world.find("mode:doctrine"))
    world = app.top
    assert world.mode == "doctrine"
    frames(app)
    assert world.map.renders >= 1 and before >= 1


def test_quit_offers_to_save(app):
    new_game(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    from game.ui.screens.quit import QuitScreen

    assert isinstance(app.top, QuitScreen) and app.running
    click(app, app.top.find("cancel"))
    assert app.running and not isinstance(app.top, QuitScreen)
