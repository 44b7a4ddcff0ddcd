"""Events: what happened, for the news feed, the turn report and the tests.

Each event carries the claims behind it, so a player can ask why it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Event:
    """kind: a short machine name; text: the news line; who: countries concerned. Treated as
    a value (never changed once made); not frozen, since a frozen dataclass is several times
    slower to make and a turn makes hundreds."""

    turn: int
    kind: str
    text: str
    who: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    data: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"turn": self.turn, "kind": self.kind, "text": self.text, "who": list(self.who),
                "claims": list(self.claims), "data": self.data}

    @staticmethod
    def from_json(d: dict) -> Event:
        return Event(d["turn"], d["kind"], d["text"], tuple(d["who"]), tuple(d["claims"]), d.get("data", {}))
