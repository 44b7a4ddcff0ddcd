"""Settings persisted in the config folder, the mod manager, and F9 hot reload in a running game."""

from __future__ import annotations

import json

import pygame

from tests.ui.conftest import click, frames, key, new_game

GOOD_LENS = "format: 1\nlenses:\n  - id: realist\n    name: Realist\n    description: Power decides.\n"
BAD_LENS = "format: 1\nlenses:\n  - id: broken\n    name: Broken\n    description: d\n    weights: lots\n"


def write_mod(folder, mod_id: str, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "mod.yaml").write_text(f"id: {mod_id}\nname: {mod_id.title()}\nversion: '1'\nformat: 1\n", encoding="utf-8")
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def test_settings_are_saved_and_keys_rebound(app):
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.policies import PoliciesScreen
    from game.ui.settings import load_settings, settings_path

    app.persist = True
    app.push(MenuScreen(app))
    frames(app)
    click(app, app.top.find("settings"))
    click(app, app.top.find("colourblind"))
    click(app, app.top.find("guide"))
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["colourblind"] is True and saved["guide"] is True
    click(app, app.top.find("key:policies"))
    key(app, pygame.K_o)
    assert load_settings().keys["policies"] == "o"
    assert load_settings().colourblind is True
    key(app, pygame.K_ESCAPE)
    world = new_game(app)
    key(app, pygame.K_o)  # the new binding opens Policies
    assert isinstance(app.top, PoliciesScreen)
    key(app, pygame.K_ESCAPE)
    assert app.top is world and world.legend  # the colour-blind palette draws its legend
    from game.ui.mapmodes import REGIMES_CB

    assert world.legend[0][0] == REGIMES_CB["democracy"]


def test_mod_manager_enables_and_reports_a_broken_mod(app, tmp_path):
    from game.paths import mods_dir
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.mods import ModsScreen

    write_mod(mods_dir() / "good", "good", {"lenses/realist.yaml": GOOD_LENS})
    write_mod(mods_dir() / "bad", "bad", {"lenses/broken.yaml": BAD_LENS})
    app.push(MenuScreen(app))
    frames(app)
    click(app, app.top.find("mods"))
    assert isinstance(app.top, ModsScreen)
    click(app, app.top.find("toggle:good"))
    click(app, app.top.find("toggle:bad"))
    assert app.settings.mods == ["good", "bad"]
    click(app, app.top.find("up:bad"))
    assert app.settings.mods == ["bad", "good"]
    click(app, app.top.find("apply"))
    # The broken mod is switched off with its problem shown; the good one is in the rules.
    assert "realist" in app.rules.lenses and "broken" not in app.rules.lenses
    assert any("weights" in p.path for p in app.mod_problems)
    from game.ui.screens.problems import ProblemsScreen

    assert isinstance(app.top, ProblemsScreen) and any("broken.yaml" in line for line in app.top.lines)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, ModsScreen)
    assert app.top.find("toggle:bad") is not None


def test_f9_reloads_the_rules_into_the_running_game(app):
    from game.paths import mods_dir
    from game.ui.screens.problems import ProblemsScreen
    from game.ui.screens.world import WorldScreen

    world = new_game(app)
    s = app.session
    digest, turn = s.state_hash(), s.turn
    write_mod(mods_dir() / "live", "live", {"lenses/realist.yaml": GOOD_LENS})
    app.settings.mods = ["live"]
    key(app, pygame.K_F9)
    assert app.session is not s and "realist" in app.session.rules.lenses
    assert app.session.turn == turn and app.session.human_codes() == ["DEU"] and app.seat == "DEU"
    assert isinstance(app.top, WorldScreen) and app.top is world
    assert app.session.state_hash() == digest  # the same game, on the new rules
    # A broken edit: the game keeps running, the problem is shown, nothing crashes.
    (mods_dir() / "live" / "lenses" / "realist.yaml").write_text("format: 1\nlenses: [\n", encoding="utf-8")
    playing = app.session
    key(app, pygame.K_F9)
    assert isinstance(app.top, ProblemsScreen)
    assert any("realist.yaml" in line for line in app.top.lines)
    key(app, pygame.K_RETURN)
    assert app.top is world and app.session.turn == turn
    assert app.session is playing or "realist" not in app.session.rules.lenses
