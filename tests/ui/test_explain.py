"""Why things happen: tooltips from the turn's breakdown, the explain screen, links into the codex,
the AI's motives, and the first-game guide."""

from __future__ import annotations

import re

import pygame
import pygame_gui

from tests.ui.conftest import click, end_turn, frames, key, new_game, post, texts


def test_tooltips_come_from_the_breakdown_with_its_claims(app):
    from game.ui.explain import contributions, source_of

    world = new_game(app)
    end_turn(app)
    key(app, pygame.K_RETURN)  # leave the report
    s = app.session
    parts = contributions(s, "DEU", "approval")
    assert parts, "the sim kept no breakdown for approval"
    button = world.find("explain:approval:DEU")
    tip = button.tool_tip_text
    for source, _ in parts[:3]:
        assert source_of(s.rules, source)[0].split(":")[-1].strip() in tip.replace("&#x27;", "'")
    claims = [c for src, _ in parts[:5] for c in source_of(s.rules, src)[1]]
    assert claims and s.rules.claims[claims[0]].name in tip
    # The world's figures file their changes as world.<id>: the disorder button explains those.
    world_parts = contributions(s, None, "disorder")
    assert world_parts and all(src in {d.id for d in s.rules.dynamics} for src, _ in world_parts)


def test_a_figure_opens_its_breakdown_and_a_claim_link_opens_the_codex(app):
    from game.ui.screens.codex import CodexScreen
    from game.ui.screens.explain import ExplainScreen

    world = new_game(app)
    end_turn(app)
    key(app, pygame.K_RETURN)
    click(app, world.find("explain:approval:DEU"))
    screen = app.top
    assert isinstance(screen, ExplainScreen) and screen.stat == "approval" and screen.code == "DEU"
    links = re.findall(r"href='claim:([^']+)'", screen.text.html_text)
    assert links, "the breakdown links no claim"
    post(app, pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=f"claim:{links[0]}", ui_element=screen.text,
         ui_object_id="")
    codex = app.top
    assert isinstance(codex, CodexScreen) and codex.claim == links[0]
    assert app.session.rules.claims[links[0]].name in codex.page()
    key(app, pygame.K_ESCAPE)
    assert app.top is screen
    key(app, pygame.K_ESCAPE)
    assert app.top is world


def test_crisis_claims_link_into_the_codex(app):
    from game.ui.screens.codex import CodexScreen
    from game.ui.screens.crisis import CrisisScreen

    new_game(app)
    s = app.session
    crisis = max(s.crises(), key=lambda c: c.severity)
    app.push(CrisisScreen(app, crisis.uid))
    frames(app)
    page = texts(app)
    cited = re.findall(r"href='claim:([^']+)'", page)
    assert set(s.rules.crises[crisis.def_id].claims[:2]) <= set(cited)
    post(app, pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=f"claim:{cited[0]}", ui_element=None, ui_object_id="")
    assert isinstance(app.top, CodexScreen) and app.top.claim == cited[0]


def test_the_ai_says_why_it_acted(app):
    world = new_game(app)
    end_turn(app)
    key(app, pygame.K_RETURN)
    s = app.session
    code, motives = next((c, m) for c, m in sorted(s.last_motives.items()) if m and c != "DEU")
    world.select(code)
    panel = texts(app)
    assert "Last turn it chose" in panel
    assert motives[0]["why"].split(" (")[0] in panel.replace("&#x27;", "'")
    key(app, pygame.K_d)
    assert "chose last turn, and why" in texts(app)


def test_the_guide_walks_a_new_player_through_the_first_turn(app):
    from game.ui.guide import STEPS
    from game.ui.screens.crisis import CrisisScreen

    app.settings.guide, app.settings.guide_step = True, 0
    world = new_game(app)
    assert world.guide.panel is not None and world.guide.target() == world.find("select:DEU").rect
    click(app, world.find("guide:next"))
    click(app, world.find("guide:next"))
    assert app.settings.guide_step == 2  # "answer a crisis": it moves on once the player has
    crisis = next(b for b, c in world.buttons.items() if c.startswith("crisis:"))
    click(app, crisis)
    assert isinstance(app.top, CrisisScreen)
    choose = next(b for b, c in app.top.buttons.items() if c.startswith("respond:") and b.is_enabled)
    click(app, choose)
    frames(app)
    assert app.settings.guide_step == 3
    key(app, pygame.K_F1)  # put away...
    assert not app.settings.guide and world.guide.panel is None
    key(app, pygame.K_F1)  # ...and back where it was
    assert app.settings.guide and app.settings.guide_step == 3 and world.guide.panel is not None
    click(app, world.find("guide:hide"))
    assert not app.settings.guide
    assert len(STEPS) >= 6
