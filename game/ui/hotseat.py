"""Hot-seat privacy: what one human seat may see of the others' choices this turn.

When the turn's decisions begin, the app takes a mark: how many events the turn had (the
crisis news) and the other humans' figures and policies. Until the turn is resolved, a seat
sees the others as they were at that mark, so the hand-over screen really hides a player's
choices from the next player; their effects show in the turn report, like everyone's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class TurnMark:
    turn: int
    events: int
    stats: np.ndarray
    policies: dict[str, list[str]] = field(default_factory=dict)


def take_mark(session) -> TurnMark:
    humans = session.human_codes()
    return TurnMark(session.turn, len(session.events), session.table.stats.copy(),
                    {c: list(session.government(c).policies) for c in humans})


def _hiding(app) -> TurnMark | None:
    """The mark to show other seats from, when several humans share this turn."""
    s, mark = app.session, getattr(app, "turn_mark", None)
    if s is None or mark is None or mark.turn != s.turn or len(s.human_codes()) < 2:
        return None
    return mark


def others(app) -> set[str]:
    s = app.session
    return {c for c in s.human_codes() if c != app.seat} if s is not None else set()


def visible_events(app) -> list:
    """This turn's events a seat may see: the news before anyone decided, then its own doings."""
    s = app.session
    mark = _hiding(app)
    if mark is None:
        return list(s.events)
    hidden = others(app)
    later = [e for e in s.events[mark.events:] if app.seat in e.who and not hidden & set(e.who)]
    return list(s.events[:mark.events]) + later


def stat(app, code: str, name: str) -> float:
    """A figure as this seat may see it: another human's as it was when the turn began."""
    s = app.session
    mark = _hiding(app)
    if mark is None or code not in others(app):
        return s.stat(code, name)
    t = s.table
    if name not in t.stat_ids:
        return s.stat(code, name)
    return float(mark.stats[s.row(code), t.stat_ids.index(name)])


def policies(app, code: str) -> list[str]:
    s = app.session
    mark = _hiding(app)
    if mark is None or code not in others(app):
        return list(s.government(code).policies)
    return list(mark.policies.get(code, s.government(code).policies))


def hides_votes(app) -> bool:
    """In hot-seat, the running tally of a vote would tell the next player how the last voted."""
    return _hiding(app) is not None
