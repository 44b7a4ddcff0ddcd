"""One AI-only game to its end in a fresh process, watching memory: the soak tests' worker.

    python -m tests.reliability.soak SCENARIO SEED     # prints one JSON line

A fresh process, so the memory figures are this game's and nothing else's: the resident set
(after a garbage collection) at turns 10 and 60, and the peak.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKS = (10, 60)


def rss_mb() -> float:
    """Resident memory now (Linux /proc; elsewhere the peak, which only grows)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def play(scenario: str, seed: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from game.paths import rules_dir
    from game.rules import load_rules
    from game.sim.setup import new_session

    out: dict = {"scenario": scenario, "seed": seed, "error": None, "rss": {}}
    started = time.perf_counter()
    try:
        rules = load_rules(rules_dir()).ruleset
        session = new_session(rules, scenario, seed)
        turns = 0
        while not session.over and turns < 300:
            session.end_turn()
            turns += 1
            if turns in MARKS:
                gc.collect()
                out["rss"][str(turns)] = round(rss_mb(), 2)
        out.update(turns=turns, over=session.over, outcome=session.world.outcome, hash=session.state_hash(),
                   log=len(session.log), history=len(session.history))
        session.close()
    except Exception:
        out["error"] = traceback.format_exc()
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


if __name__ == "__main__":
    print(json.dumps(play(sys.argv[1], int(sys.argv[2]))))
