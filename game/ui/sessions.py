"""The running game and its rules, as the app holds them (a part of App, kept in its own file).

The rules load lazily (the menu shows before they are needed) through game.ui.rulesource;
a session is started, replaced by a hot reload, or dropped here, and the screens follow.
"""

from __future__ import annotations

from game.ui import rulesource
from game.ui.hotseat import take_mark


class SessionHolder:
    """Mixed into App: expects self.settings, self.stack, self.set_root and the attributes
    App.__init__ sets (_rules_result, session, seat, dirty, turn_mark, mod_problems)."""

    @property
    def rules_result(self):
        if self._rules_result is None:
            self._rules_result = rulesource.load(self)
        return self._rules_result

    def reload_rules(self) -> None:
        """Forget the loaded rules; the next use loads them again (the mod manager's Apply)."""
        self._rules_result = None

    @property
    def rules(self):
        return self.rules_result.ruleset

    def rules_problems(self) -> list[str]:
        return rulesource.problem_lines(self.rules_result.problems)

    def start_session(self, session) -> None:
        """Make `session` the running game and show its map."""
        from game.ui.screens.world import WorldScreen

        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        pending = session.pending_seats()
        self.seat = (pending or session.human_codes() or [None])[0]
        self.turn_mark = take_mark(session)
        self.dirty = True
        self.set_root(WorldScreen(self))

    def replace_session(self, session, seat: str | None) -> None:
        """The same game on new rules (hot reload): keep the seat and the screens' places."""
        old, self.session = self.session, session
        if old is not None and old is not session:
            old.close()
        session.activate()
        self.seat = seat if seat in session.human_codes() else (session.human_codes() or [None])[0]
        for screen in self.stack:
            if hasattr(screen, "session_replaced"):
                screen.session_replaced()
        if self.top is not None:
            self.top.rebuild()

    def drop_session(self) -> None:
        if self.session is not None:
            self.session.close()
        self.session = None
        self.seat = None
        self.dirty = False
