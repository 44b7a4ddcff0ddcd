"""AI-only games (issue 4): twenty seeds of the 2024 scenario and two of 2019, every country
played by the AI, from the start to the game's ending, with no exception. The same games show
what the AI does with the institutions (the Alliance of Democracies founded and joined,
resolutions put to votes), the state of the world late in the game (crises running, disorder)
and how the games end.

A whole game is ~66 turns, so the games run in a pool of two worker processes, started once
for the module; each test then reads its own game's summary. A worker never raises: it sends
back the traceback, so a crash fails the one test of that seed with the full story.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from pathlib import Path

import pytest

SEEDS_2024 = tuple(range(1, 21))
SEEDS_2019 = (1, 2)
GAMES = [("2024", seed) for seed in SEEDS_2024] + [("2019", seed) for seed in SEEDS_2019]
WORKERS = 2
LATE = 8  # the last two years of a game, for the state of the world at its end
RULES = None  # set by the fixture before the pool starts; forked workers inherit it


def _rules():
    global RULES
    if RULES is None:  # a spawned worker (no fork on this platform) loads its own copy
        from game.rules import load_rules

        RULES = load_rules(Path(__file__).resolve().parents[2] / "rules").ruleset
    return RULES


def play(game: tuple[str, int]) -> dict:
    """Play one AI-only game to its end; return what the tests check, never raise."""
    from game.sim.setup import new_session

    scenario, seed = game
    summary: dict = {"scenario": scenario, "seed": seed, "error": None}
    started = time.perf_counter()
    session = None
    try:
        session = new_session(_rules(), scenario, seed)
        turns = 0
        world: list[tuple[int, float]] = []  # (running crises, disorder) after each turn
        while not session.over and turns < 200:  # 200: a guard against a game that never ends
            session.end_turn()
            turns += 1
            world.append((len(session.crises()), session.table.world["disorder"]))
        alliance = session.institution("alliance_of_democracies")
        last = world[-LATE:]
        summary.update(
            turns=turns,
            over=session.over,
            outcome=dict(session.world.outcome) if session.world.outcome else None,
            date=session.date(),
            end_year=session.world.end_year,
            history=len(session.history),
            state_hash=session.state_hash(),
            game_over_events=sum(1 for e in session.log if e.kind == "game_over"),
            crisis_types=sorted({e.data["type"] for e in session.log if e.kind == "crisis_started"}),
            doctrines={c: g.doctrine for c, g in session.governments()},
            counters=dict(session.world.counters),
            alliance=len(alliance.members) if alliance else 0,
            late_crises=sum(c for c, _ in last) / len(last),
            late_disorder=sum(d for _, d in last) / len(last),
            max_disorder=max(d for _, d in world),
        )
    except Exception:
        summary["error"] = traceback.format_exc()
    finally:
        if session is not None:
            session.close()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    return summary


@pytest.fixture(scope="module")
def games(rules) -> dict[tuple[str, int], dict]:
    global RULES
    RULES = rules
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(WORKERS) as pool:
        results = pool.map(play, GAMES, chunksize=1)
    return {(r["scenario"], r["seed"]): r for r in results}


def expected_turns(rules, scenario: str) -> int:
    """Turns from the scenario's start quarter to the last quarter of the end year."""
    sc = rules.scenarios[scenario]
    return (rules.settings.end_year - sc.start_year) * 4 + (4 - sc.start_quarter) + 1


@pytest.mark.parametrize(("scenario", "seed"), GAMES, ids=[f"{s}-seed{n}" for s, n in GAMES])
def test_ai_only_game_plays_to_its_end(games, rules, scenario, seed):
    g = games[(scenario, seed)]
    assert g["error"] is None, g["error"]
    assert g["over"], f"not over after {g['turns']} turns"
    outcome = g["outcome"]
    assert isinstance(outcome, dict) and isinstance(outcome["reason"], str) and outcome["reason"]
    assert g["game_over_events"] == 1
    assert g["history"] == g["turns"], "every turn is recorded"
    assert outcome["turn"] == g["turns"] - 1
    full = expected_turns(rules, scenario)
    if g["turns"] < full:
        # An early end is a victory or the collapse, never a silent stop.
        assert outcome["victory"] is not None or "collapsed" in outcome["reason"], outcome
    else:
        assert g["turns"] == full and g["date"][0] == g["end_year"] + 1, g["date"]
    if outcome["winner"] is not None:
        assert outcome["victory"] in rules.victories
        doctrine = rules.victories[outcome["victory"]].doctrine
        assert doctrine is None or g["doctrines"][outcome["winner"]] == doctrine, outcome
    for key in ("crises_started", "elections"):
        assert g["counters"].get(key, 0) > 0, key


def test_institutions_vote_in_ai_games(games):
    """Across the games the AI puts resolutions to a vote (some single games have none)."""
    assert sum(g["counters"].get("resolutions_voted", 0) for g in games.values() if g["error"] is None) > 0


def test_seeds_give_different_games(games):
    hashes = {games[("2024", seed)]["state_hash"] for seed in SEEDS_2024}
    assert len(hashes) == len(SEEDS_2024)


def test_most_crisis_types_happen_on_their_own(games, rules):
    """Across the 2024 games, the crises phase starts most kinds of crisis without help (the
    rest are built in tests/sim/test_crisis_types.py)."""
    seen = set()
    for seed in SEEDS_2024:
        seen |= set(games[("2024", seed)]["crisis_types"])
    assert seen <= set(rules.crises)
    assert len(seen) >= len(rules.crises) - 3, sorted(set(rules.crises) - seen)


def _played(games, scenario: str = "2024") -> list[dict]:
    found = [g for (sc, _), g in sorted(games.items()) if sc == scenario and g["error"] is None]
    assert found
    return found


def test_the_alliance_of_democracies_is_founded_and_grows(games):
    """Liberal democracies found the Alliance of Democracies (it does not exist at the start)
    and others join it, in most games."""
    played = _played(games)
    grown = [g for g in played if g["counters"].get("institution_founded", 0) >= 1 and g["alliance"] >= 5]
    assert len(grown) >= 0.8 * len(played), [(g["seed"], g["alliance"]) for g in played]


def test_members_propose_and_bodies_vote_in_most_games(games):
    played = _played(games)
    voted = [g for g in played if g["counters"].get("resolutions_voted", 0) >= 5]
    assert len(voted) >= 0.8 * len(played), [(g["seed"], g["counters"].get("resolutions_voted", 0)) for g in played]
    # With no human member to wait for, every proposal is voted on in the turn it is made.
    assert all(g["counters"].get("resolution_proposed", 0) == g["counters"].get("resolutions_voted", 0) for g in played)


def test_the_world_stays_dangerous_but_playable(games):
    """Late in the game (its last two years) crises are still running and disorder sits in the
    middle of its range: typically 5-30 crises and disorder 30-70, and no collapse in a
    typical game."""
    played = _played(games)
    crises = sorted(g["late_crises"] for g in played)
    disorder = sorted(g["late_disorder"] for g in played)
    mid = len(played) // 2
    assert 5 <= crises[mid] <= 30, crises
    assert 30 <= disorder[mid] <= 70, disorder
    assert all(c <= 40 for c in crises), crises
    assert sum(1 for d in disorder if 25 <= d <= 75) >= 0.8 * len(played), disorder
    collapsed = [g["seed"] for g in played if "collapsed" in (g["outcome"] or {}).get("reason", "")]
    assert len(collapsed) <= 0.2 * len(played), collapsed


def test_games_end_in_more_than_one_way(games):
    """Not every AI-only game is won by the same country the same way."""
    played = _played(games)
    endings = {((g["outcome"] or {}).get("winner"), (g["outcome"] or {}).get("victory")) for g in played}
    assert len(endings) >= 2, endings
