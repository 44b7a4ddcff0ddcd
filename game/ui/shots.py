"""Screenshots of every main screen, taken from the real game: `python -m game.ui.shots --out DIR`.

Drives a real App (any SDL video driver: a desktop, Xvfb, or "dummy") through a new game,
a few turns and every screen, and saves what the window shows. docs/screenshots/ is made with
it (under Xvfb, 1280x720); --size and --scale check the layout at other sizes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pygame


def frames(app, n: int = 3) -> None:
    for _ in range(n):
        app.step(0.02)


def shoot(app, out: Path, name: str) -> Path:
    frames(app, 4)
    path = out / f"{name}.png"
    pygame.image.save(pygame.display.get_surface(), str(path))
    print(path)
    return path


def hover(app, button) -> None:
    """Rest the pointer on a button until its tooltip shows (needs a real window: X11, Xvfb)."""
    k = app.scale
    pygame.mouse.set_pos((int(button.rect.centerx * k), int(button.rect.centery * k)))
    for _ in range(12):
        app.step(0.1)


def play_turns(app, n: int) -> None:
    for _ in range(n):
        if app.session.over:
            return
        app.end_turn()
        app.wait_turn()
        frames(app, 2)
        while type(app.top).__name__ in ("ReportScreen", "HandoverScreen"):
            app.pop()
            frames(app, 1)


def pan_and_hover(app, world, code: str, drag: tuple[int, int]) -> None:
    """Drag the map (the tiles move; outlines, markers and names must move with them), then
    rest the pointer on a country."""
    for _ in range(10):
        world.map.pan(drag[0] / 10, drag[1] / 10)
        frames(app, 1)
    pos = world.map.label_pos(code)
    if pos is not None:
        k = app.scale
        pygame.mouse.set_pos((int(pos[0] * k), int(pos[1] * k)))
        world.hover = world.map.country_at(pos)


def propose_vote(app, code: str) -> None:
    """Put a condemnation to the General Assembly, so the votes screen has a full vote to show."""
    from game.sim.commands import Propose

    s = app.session
    for inst, target in (("un", "RUS"), ("un", "PRK"), ("eu", "RUS")):
        if s.can(Propose(code, inst, "condemnation", target)):
            s.submit(Propose(code, inst, "condemnation", target))
            return


def tour(app, out: Path, code: str = "DEU", turns: int = 6) -> None:
    from game.ui.screens import open_screen
    from game.ui.screens.crisis import CrisisScreen
    from game.ui.screens.gameover import GameOverScreen
    from game.ui.screens.menu import MenuScreen
    from game.ui.screens.mods import ModsScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.setup import SetupScreen
    from game.ui.screens.votes import VotesScreen

    app.push(MenuScreen(app))
    shoot(app, out, "menu")
    setup = app.push(SetupScreen(app))
    setup.seed = 7
    setup.pick(code)
    shoot(app, out, "setup")
    setup.start()
    world = app.top
    s = app.session
    shoot(app, out, "map")
    pan_and_hover(app, world, "POL", (-220, 60))
    shoot(app, out, "map_panned")
    pygame.mouse.set_pos((5, 300))
    world.hover = None
    app.settings.guide, app.settings.guide_step = True, 0
    world.rebuild()
    shoot(app, out, "guide")
    app.settings.guide = False
    world.rebuild()
    open_screen(app, "policies")
    shoot(app, out, "policies")
    app.pop()
    worst = max(s.crises(), key=lambda c: c.severity)
    app.push(CrisisScreen(app, worst.uid))
    shoot(app, out, "crisis")
    app.pop()
    world.selected = "USA" if code != "USA" else "CHN"
    world.rebuild()
    open_screen(app, "diplomacy", world.selected)
    shoot(app, out, "diplomacy")
    app.pop()
    world.selected = "SDN"  # a civil war and famine: what the bodies can vote on about it
    world.rebuild()
    open_screen(app, "institutions")
    shoot(app, out, "institutions")
    app.pop()
    from game.ui.screens.institutions import InstitutionsScreen

    app.push(InstitutionsScreen(app, "un"))
    shoot(app, out, "propose")
    app.pop()
    app.push(InstitutionsScreen(app, "alliance_of_democracies"))
    shoot(app, out, "charter")
    app.pop()
    world.selected = code
    world.rebuild()
    play_turns(app, 1)
    shoot(app, out, "world_after_turn")
    hover(app, world.find(f"explain:approval:{code}"))
    shoot(app, out, "tooltip")
    pygame.mouse.set_pos((5, 300))
    open_screen(app, "report")
    shoot(app, out, "report")
    app.pop()
    world.follow(f"explain:approval:{code}")
    shoot(app, out, "explain")
    app.pop()
    propose_vote(app, code)
    play_turns(app, turns - 1)
    app.push(VotesScreen(app))
    shoot(app, out, "votes")
    app.pop()
    open_screen(app, "charts")
    app.top.codes = [code] + [c for c in ("USA", "CHN", "FRA", "RUS", "IND") if c != code][:4]
    app.top.rebuild()
    shoot(app, out, "charts")
    app.pop()
    open_screen(app, "codex")
    shoot(app, out, "codex")
    app.pop()
    from game.ui import saves

    saves.save_game(s, f"{code}_{s.date_text().replace(' ', '_')}", world.map.render())
    open_screen(app, "load")
    shoot(app, out, "load")
    app.pop()
    app.push(SettingsScreen(app))
    shoot(app, out, "settings")
    app.pop()
    app.push(ModsScreen(app))
    shoot(app, out, "mods")
    app.pop()
    s.world.end_year = s.date()[0]  # end the game at the end of this year
    while not s.over:
        play_turns(app, 1)
    if not isinstance(app.top, GameOverScreen):
        app.push(GameOverScreen(app))
    shoot(app, out, "gameover")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui.shots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--size", default="1280x720", help="window size")
    parser.add_argument("--scale", type=float, default=1.0, help="UI scale")
    parser.add_argument("--country", default="DEU")
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    home = tempfile.mkdtemp(prefix="wo-shots-")
    os.environ["WORLD_ORDERS_HOME"] = home  # never touch the player's saves or settings
    from game.ui.app import App
    from game.ui.settings import Settings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = App(Settings(resolution=args.size, ui_scale=args.scale, guide=False), persist=False)
    if app.rules is None:
        print("the rules do not load:", *app.rules_problems()[:5], sep="\n", file=sys.stderr)
        return 1
    tour(app, out, args.country)
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
