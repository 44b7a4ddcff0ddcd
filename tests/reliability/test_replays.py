"""Replays: the corpus in tests/fixtures/replays re-runs to the same state hash every turn.

Any change to the rules or to the simulation changes the hashes, so the corpus must be
regenerated after a deliberate change (and only then):

    python -m tests.reliability.test_replays
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.sim.replay import Recorder, ReplayError, read_replay, rules_identity, verify, write_replay

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "replays"
REGEN = "python -m tests.reliability.test_replays"
GAMES = {
    "ai-2024-seed1.json": {"scenario": "2024", "seed": 1, "turns": 6},
    "ai-2019-seed2.json": {"scenario": "2019", "seed": 2, "turns": 4, "lens": "liberal"},
    "seat-2024-deu.json": {"scenario": "2024", "seed": 3, "turns": 5, "humans": ["DEU"], "difficulty": "hard"},
}


def human_moves(session, code: str) -> None:
    """A scripted player: a few ordinary commands each turn (the rejected ones are not kept)."""
    from game.sim.commands import Respond, TakeAction

    turn = session.turn
    for target in ("FRA", "POL", "USA", "CHN", "IND")[turn % 5:][:2]:
        session.submit(TakeAction(code, "improve_relations", target))
    session.submit(TakeAction(code, "trade_deal", ("BRA", "IDN", "NGA", "MEX")[turn % 4]))
    for crisis in session.crises()[:1]:
        for resp in session.rules.crises[crisis.def_id].responses:
            if session.submit(Respond(code, crisis.uid, resp.id)):
                break


def record(rules, spec: dict) -> dict:
    from game.sim.setup import new_session

    setup = {k: v for k, v in spec.items() if k != "turns"}
    s = new_session(rules, spec["scenario"], spec["seed"], lens=spec.get("lens", "balanced"),
                    humans=tuple(spec.get("humans", ())), difficulty=spec.get("difficulty", "normal"))
    try:
        recorder = Recorder(s, setup)
        for _ in range(spec["turns"]):
            for code in spec.get("humans", ()):
                human_moves(s, code)
            s.end_turn()
        return recorder.finish(s)
    finally:
        s.close()


def regenerate() -> None:
    from game.paths import rules_dir
    from game.rules import load_rules

    rules = load_rules(rules_dir()).ruleset
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, spec in GAMES.items():
        doc = record(rules, spec)
        write_replay(CORPUS / name, doc)
        print(f"{name}: {len(doc['turns'])} turns, {sum(len(t['commands']) for t in doc['turns'])} human commands")


@pytest.mark.parametrize("name", sorted(GAMES))
def test_corpus_replays_to_the_same_hashes(rules, name):
    doc = read_replay(CORPUS / name)
    advice = f"If you changed the rules or the simulation on purpose, regenerate the corpus: {REGEN}"
    assert doc["rules"] == rules_identity(rules), f"{name} was recorded with other rules ({doc['rules']}). {advice}"
    outcome = verify(rules, doc)
    assert outcome.ok, f"{name}: {outcome.divergence}. {advice}"
    assert outcome.turns == len(doc["turns"]) == GAMES[name]["turns"]


def test_the_seat_game_replays_human_commands():
    doc = read_replay(CORPUS / "seat-2024-deu.json")
    commands = [c for t in doc["turns"] for c in t["commands"]]
    assert commands and all(c["country"] == "DEU" for c in commands)
    assert {c["type"] for c in commands} >= {"TakeAction"}


@pytest.fixture(scope="module")
def fresh(rules) -> dict:
    """A replay recorded now (with a human seat), so these tests do not depend on the corpus
    being up to date with the rules."""
    return record(rules, {"scenario": "2024", "seed": 8, "turns": 4, "humans": ["FRA"]})


def test_a_fresh_recording_replays(rules, fresh):
    assert verify(rules, fresh).ok
    assert any(t["commands"] for t in fresh["turns"])


def test_a_changed_turn_is_named_and_the_replay_stops_there(rules, fresh):
    doc = json.loads(json.dumps(fresh))
    doc["turns"][2]["hash"] = "0" * 16
    seen: list[int] = []
    outcome = verify(rules, doc, lambda turn, _digest: seen.append(turn))
    assert not outcome.ok and outcome.turn == 3 and outcome.turns == 2
    assert outcome.divergence.startswith("turn 3 (") and "0" * 16 in outcome.divergence
    assert seen == [1, 2]  # nothing after the first difference is played


def test_a_command_that_no_longer_works_is_a_divergence(rules, fresh):
    doc = json.loads(json.dumps(fresh))
    first = next(t for t in doc["turns"] if t["commands"])
    first["commands"].insert(0, {"type": "EnactPolicy", "country": "FRA", "policy": "no_such_policy"})
    outcome = verify(rules, doc)
    assert not outcome.ok and outcome.turn == first["turn"] and "rejected" in outcome.divergence


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": "world-orders-replay", "version": 1}',
                                  '{"format": "world-orders-replay", "version": 1, "setup": {}, "start_hash": "x", "turns": [{"turn": 2}]}'])
def test_malformed_replays_are_one_line_errors(tmp_path: Path, text: str):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReplayError) as err:
        read_replay(path)
    assert "\n" not in str(err.value) and "bad.json" in str(err.value)


def run_main(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_cli_sim_writes_a_replay_and_replay_checks_it(tmp_path: Path):
    out = tmp_path / "r.json"
    sim = run_main("sim", "--scenario", "2019", "--turns", "2", "--seed", "9", "--quiet", "--replay-out", str(out), cwd=tmp_path)
    assert sim.returncode == 0, sim.stderr[-2000:]
    assert json.loads(sim.stdout.splitlines()[-1])["turn_hashes"] == [t["hash"] for t in read_replay(out)["turns"]]
    good = run_main("replay", str(out), "--quiet", cwd=tmp_path)
    assert good.returncode == 0 and "all 2 turns match" in good.stdout, good.stderr[-2000:]
    doc = read_replay(out)
    doc["turns"][1]["hash"] = "f" * 16
    out.write_text(json.dumps(doc), encoding="utf-8")
    bad = run_main("replay", str(out), "--quiet", cwd=tmp_path)
    assert bad.returncode == 1 and "turn 2 (" in bad.stdout, bad.stdout + bad.stderr[-2000:]
    missing = run_main("replay", str(tmp_path / "nope.json"), cwd=tmp_path)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1 and "no such replay" in missing.stderr


if __name__ == "__main__":
    regenerate()
