"""Every released save format still loads and plays on.

tests/fixtures/saves/save_vN.json is a real save of format N: the same game in each (2019
scenario, seed 5, Germany a human seat, two turns with one human command), so after
migration they must all be the same game. When the format changes, bump SAVE_VERSION, add
the step to game.sim.migrations, and write the new fixture with:

    python -c "from tests.reliability.test_migrations import write_fixture; write_fixture()"
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.sim.migrations import STEPS
from game.sim.save import SAVE_VERSION, SaveError, load_session, read_header, save_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "saves"


def fixture(version: int) -> Path:
    return FIXTURES / f"save_v{version}.json"


def write_fixture() -> Path:
    """Write the fixture of the current format (run from the repository root)."""
    from game.paths import rules_dir
    from game.rules import load_rules
    from game.sim.commands import TakeAction
    from game.sim.setup import new_session

    rules = load_rules(rules_dir()).ruleset
    s = new_session(rules, "2019", 5, humans=("DEU",))
    s.end_turn()
    assert s.submit(TakeAction("DEU", "improve_relations", "FRA"))
    s.end_turn()
    path = fixture(SAVE_VERSION)
    save_session(s, path)
    path.chmod(0o644)
    return path


def test_there_is_a_fixture_and_a_migration_for_every_format():
    for version in range(1, SAVE_VERSION + 1):
        assert fixture(version).is_file(), f"no fixture for save format {version}: see this module's docstring"
        assert read_header(fixture(version))["version"] == version
    assert sorted(STEPS) == list(range(1, SAVE_VERSION)), "every older format needs a step to the next"


@pytest.mark.parametrize("version", range(1, SAVE_VERSION + 1))
def test_fixture_loads_and_plays_on(rules, version, tmp_path: Path):
    s = load_session(rules, fixture(version))
    try:
        assert s.turn == 2 and s.scenario == "2019" and s.human_codes() == ["DEU"]
        assert len(s.log) > 0 and len(s.history) == 2
        assert any(c == {"type": "TakeAction", "country": "DEU", "action": "improve_relations", "target": "FRA"}
                   for turn in s.commands for c in turn)
        hashes = [s.end_turn().state_hash for _ in range(2)]
        assert s.turn == 4 and len(s.history) == 4
        # Saved again in today's format, it reloads as the same game.
        path = tmp_path / "again.json"
        save_session(s, path)
        again = load_session(rules, path)
        try:
            assert again.state_hash() == s.state_hash() == hashes[-1]
            assert read_header(path)["version"] == SAVE_VERSION
        finally:
            again.close()
    finally:
        s.close()


def test_every_format_holds_the_same_game(rules):
    """Migrating changes how a game is written down, never the game."""
    digests = set()
    for version in range(1, SAVE_VERSION + 1):
        s = load_session(rules, fixture(version))
        try:
            digests.add(s.state_hash())
        finally:
            s.close()
    assert len(digests) == 1


def test_a_save_from_a_newer_game_is_refused_in_one_line(rules, tmp_path: Path):
    text = fixture(SAVE_VERSION).read_text(encoding="utf-8")
    doc_header = json.loads(text[len('{"header":'):text.index(',"payload":')])
    doc_header["version"] = SAVE_VERSION + 1
    path = tmp_path / "future.json"
    path.write_text('{"header":' + json.dumps(doc_header, sort_keys=True) + text[text.index(',"payload":'):], encoding="utf-8")
    with pytest.raises(SaveError, match="newer than this game") as err:
        load_session(rules, path)
    assert "\n" not in str(err.value)
