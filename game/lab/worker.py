"""One lab game, played in a worker process: AI-only turns, then a plain-data summary.

Workers are started with the "spawn" method (the only one on Windows and macOS, and the only
one a frozen build supports everywhere), so everything here is a module-level function taking
and returning plain data, and each worker loads the rules once in init_worker.
"""

from __future__ import annotations

import traceback
from collections import Counter
from pathlib import Path

MAX_TURNS = 400  # a safety net: scenarios end by their end year long before this

_rules = None


def init_worker(rules_root: str, mod_dirs: list[str]) -> None:
    """Load the rules once per worker process (the same folders the parent checked)."""
    global _rules
    import signal

    from game.rules import load_with_fallback

    # Ctrl-C is the parent's to handle (it stops the pool); workers dying on it one by one
    # would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _rules = load_with_fallback(Path(rules_root), [Path(m) for m in mod_dirs]).ruleset


def play_game(job: dict) -> dict:
    """Play one game described by job {lens, seed, scenario, turns, index}; never raises:
    a failure comes back as {"error": ...} so the other games still run."""
    try:
        return _play(job)
    except Exception:
        return {**job, "error": traceback.format_exc(limit=8)}


def _mean(values) -> float:
    values = list(values)
    return float(sum(values) / len(values)) if values else 0.0


def _outcome(session) -> dict:
    w = session.world
    out = w.outcome
    if out is None:
        return {"kind": "unfinished", "winner": None, "doctrine": None, "victory": None, "reason": ""}
    winner = out.get("winner")
    if winner is None:
        collapsed = w.table.world.get("disorder", 0.0) >= session.rules.settings.disorder_collapse
        return {"kind": "collapse" if collapsed else "no winner", "winner": None, "doctrine": None,
                "victory": None, "reason": out.get("reason", "")}
    # check_ending tries the victory paths before the clock, so a win decided in the last
    # quarter of the end year counts as "on points": the only ambiguity is that one turn.
    q = w.start_quarter - 1 + int(out.get("turn", w.turn))
    year, quarter = w.start_year + q // 4, q % 4 + 1
    on_points = year > w.end_year or (year == w.end_year and quarter == 4)
    return {"kind": "points" if on_points else "victory", "winner": winner,
            "doctrine": session.government(winner).doctrine, "victory": out.get("victory"),
            "reason": out.get("reason", "")}


def _figures(session) -> tuple[float, float, int]:
    t = session.table
    dem = t.stats[:, t.stat_ids.index("democracy")] if "democracy" in t.stat_ids else []
    return float(t.world.get("disorder", 0.0)), _mean(float(x) for x in dem), len(session.crises())


def _play(job: dict) -> dict:
    from game.sim.setup import new_session

    if _rules is None:
        raise RuntimeError("the rules did not load in this worker")
    session = new_session(_rules, job["scenario"], int(job["seed"]), lens=job["lens"])
    try:
        disorder, democracy, crises = _figures(session)
        series = {"disorder": [round(disorder, 3)], "democracy": [round(democracy, 3)], "crises": [crises]}
        dates = [session.date_text()]
        limit = int(job.get("turns") or MAX_TURNS)
        for _ in range(min(limit, MAX_TURNS)):
            if session.over:
                break
            session.end_turn()
            h = session.history[-1]
            series["disorder"].append(round(float(h["world"].get("disorder", 0.0)), 3))
            series["democracy"].append(round(_mean(h["figures"].get("democracy", [])), 3))
            series["crises"].append(int(h["crises"]))
            dates.append(str(h["date"]))
        claims: Counter[str] = Counter()
        for event in (*session.log, *session.events):
            claims.update(event.claims)
        govs = session.governments()
        return {
            **job,
            "turns_played": len(session.history),
            "dates": dates,
            "series": series,
            "outcome": _outcome(session),
            "counters": {k: int(v) for k, v in sorted(session.world.counters.items())},
            "claims": dict(sorted(claims.items())),
            "doctrines": dict(sorted(Counter(g.doctrine for _, g in govs).items())),
            "regimes": dict(sorted(Counter(g.regime for _, g in govs).items())),
            "state_hash": session.state_hash(),
        }
    finally:
        session.close()
