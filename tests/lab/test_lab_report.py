"""The lab's statistics and progress bar, on hand-made game summaries."""

from __future__ import annotations

import io

from game.lab.progress import Progress
from game.lab.report import aggregate, claims_section, mean_series


def game(lens: str, seed: int, disorder: list[float], kind: str = "points", doctrine: str | None = "liberal",
         claims: dict | None = None) -> dict:
    return {"lens": lens, "seed": seed, "series": {"disorder": disorder, "democracy": [50.0] * len(disorder),
                                                   "crises": [3] * len(disorder)},
            "outcome": {"kind": kind, "doctrine": doctrine, "winner": "USA" if doctrine else None},
            "claims": claims or {}, "counters": {"vetoes": seed}, "regimes": {"democracy": 60 + seed}}


def test_games_that_end_early_drop_out_of_the_mean():
    games = [game("a", 1, [50, 60, 70]), game("a", 2, [50, 40])]
    assert mean_series(games, "disorder") == [50.0, 50.0, 70.0]


def test_aggregate_counts_outcomes_winners_and_claims_per_lens():
    results = [game("a", 1, [50], claims={"x": 2}), game("a", 2, [50], "collapse", None, {"x": 1, "y": 5}),
               game("b", 1, [50], claims={"y": 1}), {"lens": "b", "seed": 2, "error": "boom"}]
    stats = aggregate(results, ["a", "b"])
    assert stats["a"].n == 2 and stats["b"].n == 1  # the failed game is left out
    assert stats["a"].outcomes == {"points": 1, "collapse": 1} and stats["a"].winners == {"liberal": 1}
    assert stats["a"].counters == {"vetoes": 1.5} and stats["a"].regimes == {"democracy": 61.5}
    table = claims_section(stats, {"x": "Claim X", "y": "Claim Y"})
    rows = [line for line in table if line.startswith("| `")]
    # y: 2.5 a game under a, 1 under b: ranked first over all lenses.
    assert rows == ["| `y` | Claim Y | 2.5 | 1.0 |", "| `x` | Claim X | 1.5 | 0.0 |"]


def test_progress_writes_a_line_per_game_when_not_a_terminal():
    out = io.StringIO()
    p = Progress(2, ["a", "b"], out)
    p.update({"lens": "a", "seed": 1, "outcome": {"kind": "points", "doctrine": "liberal"}})
    p.update({"lens": "b", "seed": 1, "error": "x"})
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("lab [##############--------------] 1/2 games (a 1 · b 0)")
    assert lines[0].endswith("[a seed 1: points (liberal)]")
    assert "2/2 games (a 1 · b 1)  1 failed" in lines[1] and lines[1].endswith("[b seed 1: failed]")
