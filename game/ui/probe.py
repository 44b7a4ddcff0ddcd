"""A window into the running game for the end-to-end test (WORLD_ORDERS_PROBE=file.json).

The Xvfb test clicks with xdotool like a player; to know where the buttons are and whether a
click worked, it reads this file: the screen on top, the session's turn, and the window
position of every visible button by its command. Nothing is written unless the variable is set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV = "WORLD_ORDERS_PROBE"
EVERY = 6  # frames between checks: cheap enough, fresh enough for a test that polls


class Probe:
    def __init__(self, path: str | None = None):
        target = path if path is not None else os.environ.get(ENV)
        self.path = Path(target) if target else None
        self.last = ""
        self.frame = 0

    def update(self, app) -> None:
        if self.path is None:
            return
        self.frame += 1
        if self.frame % EVERY:
            return
        text = json.dumps(snapshot(app), sort_keys=True)
        if text != self.last:
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(self.path)  # the reader never sees half a file
            self.last = text


def snapshot(app) -> dict:
    top = app.top
    w, h = app.window.get_size()
    s = app.scale
    buttons = {}
    for b, command in (top.buttons.items() if top is not None else ()):
        if not b.visible:
            continue
        x, y = int(b.rect.centerx * s), int(b.rect.centery * s)
        if 0 <= x < w and 0 <= y < h:
            buttons[command] = [x, y, bool(b.is_enabled)]
    session = app.session
    out = {
        "screen": type(top).__name__ if top is not None else None,
        "stack": [type(x).__name__ for x in app.stack],
        "busy": app.busy,
        "seat": app.seat,
        "turn": session.turn if session is not None and not app.busy else None,
        "over": bool(session.over) if session is not None and not app.busy else None,
        "window": [w, h],
        "buttons": buttons,
    }
    extra = getattr(top, "probe", None)
    if callable(extra):
        out.update(extra())
    return out
