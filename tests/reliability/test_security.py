"""The security lint (ruff's S rules: no yaml.load, pickle, eval, exec, shell=True...) is clean
on the game. The project's deliberate exceptions (pyproject.toml [tool.ruff.lint] ignore, e.g.
S311 for the game's seeded RNG) still apply; every other S rule is enforced."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_security_rules_are_clean():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignored = [r for r in config["tool"]["ruff"]["lint"].get("ignore", []) if r.startswith("S")]
    assert "S307" not in ignored and "S102" not in ignored and "S301" not in ignored and "S506" not in ignored
    cmd = [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "S", "game", "main.py"]
    if ignored:
        cmd += ["--ignore", ",".join(ignored)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "All checks passed" in out.stdout
