"""Every screen fits the window at 1280x720, at a larger size, and with the UI scaled up: no
button off screen, no two buttons on top of each other, no label too small for its text."""

from __future__ import annotations

import warnings

import pytest

from tests.ui.conftest import end_turn, frames, key, new_game

SIZES = (("1280x720", 1.0), ("1280x720", 1.25), ("1920x1080", 1.0))


def screens(app):
    """(name, factory) for every screen of a running game."""
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.codex import CodexScreen
    from game.ui.screens.crisis import CrisisScreen
    from game.ui.screens.diplomacy import DiplomacyScreen
    from game.ui.screens.explain import ExplainScreen
    from game.ui.screens.gameover import GameOverScreen
    from game.ui.screens.handover import HandoverScreen
    from game.ui.screens.institutions import InstitutionsScreen
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.mods import ModsScreen
    from game.ui.screens.policies import PoliciesScreen
    from game.ui.screens.quit import QuitScreen
    from game.ui.screens.report import ReportScreen
    from game.ui.screens.saveload import SaveLoadScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.setup import SetupScreen
    from game.ui.screens.votes import VotesScreen

    s = app.session
    worst = max(s.crises(), key=lambda c: c.severity).uid
    return [
        ("menu", MenuScreen), ("setup", SetupScreen), ("policies", PoliciesScreen),
        ("diplomacy", lambda a: DiplomacyScreen(a, "USA")), ("institutions", InstitutionsScreen),
        ("charter", lambda a: InstitutionsScreen(a, "alliance_of_democracies")),
        ("crisis", lambda a: CrisisScreen(a, worst)), ("codex", CodexScreen), ("charts", ChartsScreen),
        ("report", ReportScreen), ("votes", VotesScreen), ("settings", SettingsScreen), ("mods", ModsScreen),
        ("save", lambda a: SaveLoadScreen(a, saving=True)), ("quit", QuitScreen),
        ("handover", lambda a: HandoverScreen(a, "DEU")), ("explain", lambda a: ExplainScreen(a, "approval", "DEU")),
        ("gameover", GameOverScreen),
    ]


def check(screen, where: str) -> list[str]:
    w, h = screen.size
    problems = []
    placed: dict[int, list] = {}
    for b, command in screen.buttons.items():
        if not b.visible or "scrolling_container" in b.element_ids:
            continue  # a scrolled list may hold buttons out of view on purpose
        r = b.rect
        if r.left < 0 or r.top < 0 or r.right > w or r.bottom > h:
            problems.append(f"{where}: {command!r} at {tuple(r)} is outside {w}x{h}")
        for other, other_command in placed.setdefault(id(b.ui_container), []):
            if r.clip(other).width * r.clip(other).height > 4:
                problems.append(f"{where}: {command!r} overlaps {other_command!r}")
        placed[id(b.ui_container)].append((r, command))
    return problems


@pytest.mark.parametrize(("resolution", "scale"), SIZES)
def test_every_screen_fits(app, resolution, scale):
    world = new_game(app)
    end_turn(app)
    key(app, 13)  # Return: leave the report
    assert app.top is world
    app.settings.resolution, app.settings.ui_scale = resolution, scale
    app.apply_settings()
    problems = check(world, f"world {resolution}@{scale}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, make in screens(app):
            app.push(make(app))
            frames(app, 1)
            problems += check(app.top, f"{name} {resolution}@{scale}")
            app.pop()
    problems += [f"{resolution}@{scale}: {w.message}" for w in caught if "too small" in str(w.message)]
    assert not problems, "\n".join(problems)
