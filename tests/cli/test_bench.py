"""`main.py bench` reports what it claims to measure. Nothing here is timed against a target
(the machines are noisy): a short run checks the report's shape and that "best of the runs"
is what the figures are."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHORT_RUN = """
import json, sys
sys.path.insert(0, {root!r})
import game.bench as bench
bench.TURNS, bench.REPEATS = 3, 2
result = bench.run(frames=False, launch=False)
print("REPORT", bench.text_report({{**result, "launch_ms": None}}).replace(chr(10), chr(31)))
print("JSON", json.dumps(result))
"""


def test_a_short_bench_reports_the_best_of_its_runs(tmp_path: Path):
    out = subprocess.run([sys.executable, "-c", SHORT_RUN.format(root=str(ROOT))], capture_output=True, text=True,
                         timeout=600, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.stdout.splitlines() if " " in line}
    r = json.loads(lines["JSON"])
    report = lines["REPORT"].replace(chr(31), "\n")

    assert r["rules_ms"] == min(r["rules_cold_runs_ms"]) and len(r["rules_cold_runs_ms"]) == 2
    assert r["rules_cached_ms"] == min(r["rules_cached_runs_ms"]) and len(r["rules_cached_runs_ms"]) == 2
    assert all(ms > 0 for ms in r["rules_cold_runs_ms"] + r["rules_cached_runs_ms"])

    turns = r["turn_ms"]
    assert turns["n"] == 3 and len(r["turns"]) == 3 and len(r["turn_run_medians_ms"]) == 2
    # Each turn is the best of its runs, so the median of the best is no more than any run's median.
    assert abs(turns["median"] - statistics.median(r["turns"])) < 0.01
    assert turns["median"] <= min(r["turn_run_medians_ms"]) + 0.01
    assert r["turns_per_second"] > 0
    assert r["save"]["bytes"] > 0 and r["save"]["save_ms"] > 0 and r["save"]["load_ms"] > 0
    assert r["peak_mb"] > 0 and r["targets"]["turn_median_ms"] == 50

    assert "AI turn, 2024 median" in report and "each the best of 2 runs" in report and "best of 2" in report
    assert "each run (start to end)" in report
