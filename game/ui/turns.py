"""The turn worker: End Turn runs the simulation in a thread so the window keeps drawing.

The worker only calls session.end_turn() and then `after` (the autosave), still off the
drawing path; everything that touches widgets happens on the main thread when the TURN_DONE
event arrives (pygame_gui is not thread-safe).
"""

from __future__ import annotations

import threading
import time
import traceback

import pygame

TURN_DONE = pygame.event.custom_type()


class TurnWorker:
    def __init__(self) -> None:
        self.busy = False
        self.since = 0.0
        self.report = None
        self.error: str | None = None
        self.after_error: str | None = None  # what `after` raised (one line), the turn itself went through

    def start(self, session, after=None) -> bool:
        """Resolve the turn off the drawing path, then call after(session) when the turn went
        through; False when a turn is already running."""
        if self.busy:
            return False
        self.busy, self.since = True, time.time()
        self.report, self.error, self.after_error = None, None, None

        def work() -> None:
            try:
                self.report = session.end_turn()
                if after is not None:
                    try:
                        after(session)
                    except Exception as exc:  # the turn stands; the player is told
                        self.after_error = " ".join(str(exc).split()) or type(exc).__name__
            except Exception:  # shown to the player; the game stays open
                self.error = traceback.format_exc()
            finally:
                pygame.event.post(pygame.event.Event(TURN_DONE))

        threading.Thread(target=work, name="turn", daemon=True).start()
        return True

    def finish(self) -> None:
        self.busy = False

    @property
    def elapsed(self) -> float:
        return time.time() - self.since
