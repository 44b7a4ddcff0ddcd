"""Save-format migrations: each step turns a payload of version N into version N+1.

Every released format keeps a fixture save in tests/fixtures/saves/save_vN.json, and a test
loads each one and plays on, so a step that stops working is noticed. When the format
changes: bump game.sim.save.SAVE_VERSION, add the step here, and add the new fixture
(tests/reliability/test_migrations.py says how).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def _v1_to_v2(payload: dict) -> dict:
    """Format 2: arrays as base64 float64, the event log packed by turn, and only the human
    seats' commands kept (the AI's follow from the seed)."""
    from game.sim.serial import encode_array

    out = dict(payload)
    out["arrays"] = {k: encode_array(np.asarray(v, dtype=float)) for k, v in payload["arrays"].items()}
    out["log"] = {"packed": [], "recent": [payload.get("log", [])]}
    humans = {c["info"]["code"] for c in payload.get("countries", []) if c.get("seat")}
    out["commands"] = [[c for c in turn if c.get("country") in humans] for turn in payload.get("commands", [[]])]
    return out


# version -> function upgrading a payload from that version to the next one.
STEPS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(version: int, payload: dict) -> dict:
    """Upgrade a payload of an older format; raises KeyError/TypeError/ValueError when it is
    not what its version says (the loader reports that as a damaged save)."""
    from game.sim.save import SAVE_VERSION

    if not isinstance(payload, dict):
        raise TypeError("the payload is not a mapping")
    while version < SAVE_VERSION:
        payload = STEPS[version](payload)
        version += 1
    return payload
