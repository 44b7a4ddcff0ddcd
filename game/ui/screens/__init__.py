"""One screen per module. open_screen() maps a command name to its screen."""

from __future__ import annotations


def open_screen(app, name: str, selected: str | None = None) -> None:
    """Push the screen a top-bar button or a shortcut names."""
    if name == "policies":
        from game.ui.screens.policies import PoliciesScreen as S
    elif name == "diplomacy":
        from game.ui.screens.diplomacy import DiplomacyScreen

        app.push(DiplomacyScreen(app, selected))
        return
    elif name == "institutions":
        from game.ui.screens.institutions import InstitutionsScreen as S
    elif name == "codex":
        from game.ui.screens.codex import CodexScreen as S
    elif name == "charts":
        from game.ui.screens.charts import ChartsScreen as S
    elif name == "report":
        from game.ui.screens.report import ReportScreen as S
    elif name in ("save", "load"):
        from game.ui.screens.saveload import SaveLoadScreen

        app.push(SaveLoadScreen(app, saving=name == "save"))
        return
    else:
        return
    app.push(S(app))
