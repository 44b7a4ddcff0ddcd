"""AI-only soak: whole games of both scenarios to their end, no exception, and memory after
turn 60 within 10% of turn 10 (nothing of a turn piles up that should not).

The normal run plays one game of each scenario; `pytest --soak` plays many seeds of both.
Each game runs in its own process (tests/reliability/soak.py), two at a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOUNDED = [("2024", 31), ("2019", 32)]
LONG = [("2024", seed) for seed in range(101, 113)] + [("2019", seed) for seed in range(201, 207)]


def run_games(games: list[tuple[str, int]]) -> dict[tuple[str, int], dict]:
    def one(game: tuple[str, int]) -> dict:
        out = subprocess.run([sys.executable, "-m", "tests.reliability.soak", game[0], str(game[1])],
                             capture_output=True, text=True, cwd=ROOT, timeout=3600)
        if out.returncode != 0 or not out.stdout.strip():
            return {"scenario": game[0], "seed": game[1], "error": out.stderr[-3000:] or "no output"}
        return json.loads(out.stdout.strip().splitlines()[-1])

    with ThreadPoolExecutor(max_workers=2) as pool:
        return {g: r for g, r in zip(games, pool.map(one, games), strict=True)}


def check_game(result: dict) -> None:
    assert result["error"] is None, result["error"]
    assert result["over"], f"{result['scenario']} seed {result['seed']}: not over after {result['turns']} turns"
    assert result["history"] == result["turns"] and result["log"] > 0
    rss = result["rss"]
    if "60" in rss:  # games that end early (a victory, the collapse) have nothing to compare
        assert rss["60"] <= 1.10 * rss["10"], f"memory grew from {rss['10']} MB at turn 10 to {rss['60']} MB at turn 60"


@pytest.fixture(scope="module")
def bounded() -> dict:
    return run_games(BOUNDED)


@pytest.mark.parametrize("game", BOUNDED, ids=[f"{s}-seed{n}" for s, n in BOUNDED])
def test_soak_bounded(bounded, game):
    check_game(bounded[game])


def test_the_bounded_soak_reached_turn_60(bounded):
    assert any("60" in r.get("rss", {}) for r in bounded.values()), "no game lasted 60 turns: pick other seeds"


@pytest.mark.slow
def test_soak_many_seeds(request):
    if not request.config.getoption("--soak"):
        pytest.skip("the long soak runs with --soak")
    results = run_games(LONG)
    failures = []
    for game, result in results.items():
        try:
            check_game(result)
        except AssertionError as exc:
            failures.append(f"{game}: {exc}")
    assert failures == []
    assert len({r["hash"] for r in results.values()}) == len(LONG)
