"""The command-line contract other tools depend on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_check_is_clean():
    out = run("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout == ""


def test_usage_error_exits_2_without_traceback():
    out = run("sim", "--turns", "lots")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stderr.startswith("error:")


def test_unknown_scenario_is_a_clear_error():
    out = run("sim", "--scenario", "1999", "--turns", "1")
    assert out.returncode == 2 and "unknown scenario '1999'" in out.stderr and "Traceback" not in out.stderr


def test_sim_prints_one_json_object_last():
    out = run("sim", "--scenario", "2019", "--turns", "2", "--seed", "3")
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    for key in ("scenario", "seed", "turns", "state_hash", "turn_hashes", "turn_ms", "countries", "crises_started",
                "crises_resolved", "resolutions_voted", "vetoes", "elections", "doctrine_changes",
                "institutions_founded", "winner", "ended"):
        assert key in data, key
    assert data["scenario"] == "2019" and data["turns"] == 2 and len(data["turn_hashes"]) == 2
    assert data["countries"] > 150
    assert "turn 1/2" in out.stderr


def test_missing_and_corrupt_saves_exit_1_with_one_line(tmp_path: Path):
    out = run("sim", "--load", str(tmp_path / "nope.json"), "--turns", "1")
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1 and "no such save" in out.stderr
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01garbage")
    out = run("sim", "--load", str(bad), "--turns", "1")
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_save_then_load_continues(tmp_path: Path):
    save = tmp_path / "g.json"
    first = run("sim", "--turns", "2", "--seed", "4", "--save", str(save), "--quiet")
    assert first.returncode == 0, first.stderr[-2000:]
    cont = run("sim", "--load", str(save), "--turns", "1", "--quiet")
    straight = run("sim", "--turns", "3", "--seed", "4", "--quiet")
    a = json.loads(cont.stdout.strip().splitlines()[-1])
    b = json.loads(straight.stdout.strip().splitlines()[-1])
    assert a["turn_hashes"] == b["turn_hashes"][-1:]


def test_schema_writes_every_kind(tmp_path: Path):
    out = run("schema", "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "policies.schema.json" in names and "scenarios.schema.json" in names and len(names) >= 15
    schema = json.loads((tmp_path / "policies.schema.json").read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["properties"]["policies"]["items"]["$ref"] == "#/definitions/PolicyDef"
