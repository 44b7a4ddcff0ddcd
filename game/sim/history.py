"""What is kept of each turn: the hash, the time it took, and the figures charts draw."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.sim.session import Session

CHART_STATS = ("gdp", "growth", "approval", "stability", "democracy", "polarisation", "military", "capital", "alignment")


def record_turn(session: Session, digest: str, ms: float) -> None:
    t = session.table
    figures = {s: [round(float(v), 3) for v in t.stats[:, t.stat_ids.index(s)]] for s in CHART_STATS if s in t.stat_ids}
    session.history.append({
        "turn": session.turn,
        "date": session.date_text(),
        "hash": digest,
        "ms": round(ms, 3),
        "world": {k: round(float(v), 3) for k, v in sorted(t.world.items())},
        "crises": len(session.crises()),
        "figures": figures,
    })
