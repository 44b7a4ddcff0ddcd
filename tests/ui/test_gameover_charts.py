"""Charts of any figure for any countries, and the game over screen at the end of a game."""

from __future__ import annotations

import pygame
import pygame_gui

from tests.ui.conftest import click, end_turn, frames, key, new_game, post


def test_charts_show_the_history_of_the_chosen_figure_and_countries(app):
    from game.ui.screens.chart import series
    from game.ui.screens.charts import ChartsScreen

    new_game(app)
    for _ in range(2):
        end_turn(app)
        key(app, pygame.K_RETURN)
    s = app.session
    key(app, pygame.K_h)
    charts = app.top
    assert isinstance(charts, ChartsScreen) and charts.codes == ["DEU"] and charts.stat == "approval"
    stability = s.rules.stats["stability"].name
    post(app, pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text=stability, ui_element=charts.drop, ui_object_id="")
    assert charts.stat == "stability"
    post(app, pygame_gui.UI_TEXT_ENTRY_CHANGED, text="fra", ui_element=charts.search_box, ui_object_id="")
    assert charts.list.item_list[1]["text"] == "France (FRA)"  # the chosen first, then the matches
    post(app, pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, text="France (FRA)", ui_element=charts.list,
         ui_object_id="")
    assert charts.codes == ["DEU", "FRA"]
    data = series(s, "stability", charts.codes)
    row = s.row("FRA")
    assert data["France"] == [rec["figures"]["stability"][row] for rec in s.history] and len(data["France"]) == 2
    # A world figure draws one line, the world's.
    disorder = s.rules.stats["disorder"].name
    post(app, pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text=disorder, ui_element=app.top.drop, ui_object_id="")
    assert app.top.is_world and app.top.stat == "disorder"


def test_the_game_ends_on_the_game_over_screen(app):
    from game.ui.screens.gameover import GameOverScreen, summary_html
    from game.ui.screens.menu import MenuScreen

    world = new_game(app)
    s = app.session
    s.world.end_year = s.date()[0]  # this is the last year: the game ends after its fourth quarter
    for _ in range(6):
        if s.over:
            break
        end_turn(app)
        if not s.over:
            key(app, pygame.K_RETURN)
    assert s.over and isinstance(app.top, GameOverScreen)
    page = summary_html(s)
    assert s.world.outcome["reason"] in page.replace("&#x27;", "'")
    for vid in s.scores():
        assert s.rules.victories[vid].name in page
    assert "claim:" in page  # the claims that shaped the game, linked
    click(app, app.top.find("back"))  # look at the map: End turn now says the game is over
    assert app.top is world and world.find("end_turn").text.startswith("Game over")
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, GameOverScreen)
    click(app, app.top.find("menu"))
    assert isinstance(app.top, MenuScreen) and app.session is None and len(app.stack) == 1
    frames(app)
