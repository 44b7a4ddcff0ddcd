"""Save-format migrations: each step turns a payload of version N into version N+1."""

from __future__ import annotations

from collections.abc import Callable

# version -> function upgrading a payload from that version to the next one.
STEPS: dict[int, Callable[[dict], dict]] = {}


def migrate(version: int, payload: dict) -> dict:
    from game.sim.save import SAVE_VERSION

    while version < SAVE_VERSION:
        payload = STEPS[version](payload)
        version += 1
    return payload
