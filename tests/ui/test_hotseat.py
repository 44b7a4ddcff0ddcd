"""Hot-seat: two humans on one machine; the hand-over screen hides one's choices from the next."""

from __future__ import annotations

import pygame

from tests.ui.conftest import click, frames, key, new_game, texts, visible


def test_handover_hides_the_previous_players_choices(app):
    from game.ui.screens.handover import HandoverScreen
    from game.ui.screens.world import WorldScreen

    world = new_game(app, "DEU", seats=("FRA",), hotseat=True)
    s = app.session
    assert app.seat == "DEU" and s.pending_seats() == ["DEU", "FRA"]
    # Germany enacts a policy...
    key(app, pygame.K_p)
    from game.sim.handlers import policy_cost

    enact = sorted(visible(app.top, "enact:"), key=lambda b: policy_cost(s, "DEU", app.top.buttons[b][6:]))[0]
    policy = app.top.buttons[enact][6:]
    click(app, enact)
    name = s.rules.policies[policy].name
    assert policy in s.government("DEU").policies
    key(app, pygame.K_ESCAPE)
    assert name in world.news.html_text  # Germany sees its own news
    # ...and hands over: an opaque screen, the turn not yet resolved.
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, HandoverScreen) and not app.top.backdrop
    assert app.seat == "FRA" and s.pending_seats() == ["FRA"] and s.turn == 0
    key(app, pygame.K_ESCAPE)  # no peeking: Escape does not leave the hand-over
    assert isinstance(app.top, HandoverScreen)
    click(app, app.top.find("ready"))
    world = app.top
    assert isinstance(world, WorldScreen) and world.selected == "FRA"
    # France sees neither the news of it nor the policy on Germany's panel.
    assert name not in world.news.html_text
    world.select("DEU")
    assert "Policies:" in texts(app) and name not in texts(app)
    # France ends too: the turn resolves, then each player is handed the report in turn.
    key(app, pygame.K_RETURN)
    app.wait_turn()
    frames(app)
    assert s.turn == 1
    assert isinstance(app.top, HandoverScreen) and app.top.code == "DEU" and app.top.report
    click(app, app.top.find("ready"))
    from game.ui.screens.report import ReportScreen

    assert isinstance(app.top, ReportScreen) and app.seat == "DEU"
