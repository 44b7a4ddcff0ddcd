"""The lab: games per lens in worker processes, the same results as in one process, a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mods" / "courts-with-teeth"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLD_ORDERS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run_lab(out: Path, workers: int, capsys) -> tuple[int, dict, str]:
    code = main(["lab", "--scenario", "2019", "--games", "1", "--turns", "2", "--lens", "balanced", "--lens", "legalist",
                 "--mods", str(EXAMPLE), "--workers", str(workers), "--out", str(out)])
    err = capsys.readouterr().err
    data = json.loads((out / "results.json").read_text(encoding="utf-8")) if (out / "results.json").exists() else {}
    return code, data, err


def test_parallel_games_match_one_process_and_write_a_report(tmp_path: Path, home: Path, capsys):
    code, parallel, err = run_lab(tmp_path / "par", 2, capsys)
    assert code == 0, err
    assert "2/2 games" in err and "Traceback" not in err
    games = parallel["games"]
    assert [(g["lens"], g["seed"], g["turns_played"]) for g in games] == [("balanced", 1, 2), ("legalist", 1, 2)]
    # The mod's lens reached the workers (spawned processes load the rules themselves)...
    assert parallel["meta"]["layers"] == ["base", "courts-with-teeth@1.0"]
    # ...and a lens changes the game: same seed, different state.
    assert games[0]["state_hash"] != games[1]["state_hash"]
    code, single, err = run_lab(tmp_path / "one", 1, capsys)
    assert code == 0, err
    assert [g["state_hash"] for g in single["games"]] == [g["state_hash"] for g in games]

    report = (tmp_path / "par" / "report.md").read_text(encoding="utf-8")
    for heading in ("## Outcomes per lens", "## Winners by doctrine", "## Disorder over time", "## Democracy index",
                    "## Crises", "## Claims that fired most"):
        assert heading in report
    assert "| legalist | 1 |" in report
    claims = [c for g in games for c in g["claims"]]
    assert claims and f"`{max(set(claims), key=lambda c: sum(g['claims'].get(c, 0) for g in games))}`" in report
    for chart in ("disorder.png", "democracy.png", "crises.png", "winners.png"):
        data = (tmp_path / "par" / chart).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000, chart
        assert f"({chart})" in report


@pytest.mark.parametrize(("args", "message"), [
    (["--lens", "nope"], "unknown lens 'nope'"),
    (["--games", "0"], "--games must be 1 or more"),
    (["--scenario", "1999"], "unknown scenario '1999'"),
    (["--turns", "0"], "--turns must be 1 or more"),
])
def test_usage_errors_exit_2_in_one_line(args: list[str], message: str, home: Path, capsys, tmp_path: Path):
    code = main(["lab", "--out", str(tmp_path / "r"), *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()
