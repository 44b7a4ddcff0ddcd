"""Shared builders: the base rules (loaded once) and fresh sessions."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The parsed-rules cache (game.rules.diskcache) goes to a folder of this test run, never the
# user's cache; tests that are about the cache point it elsewhere themselves.
if "WORLD_ORDERS_RULES_CACHE" not in os.environ:
    os.environ["WORLD_ORDERS_RULES_CACHE"] = tempfile.mkdtemp(prefix="wo-rules-cache-")
    atexit.register(shutil.rmtree, os.environ["WORLD_ORDERS_RULES_CACHE"], ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--soak", action="store_true", default=False, help="run the long AI soak (many whole games)")


@pytest.fixture(scope="session")
def rules():
    from game.rules import load_rules

    result = load_rules(ROOT / "rules")
    assert result.ruleset is not None, "\n".join(str(p) for p in result.problems[:20])
    return result.ruleset


@pytest.fixture
def make_session(rules):
    """make_session(seed=1, scenario="2024", **kw) -> a new Session; closed after the test."""
    from game.sim.setup import new_session

    made = []

    def build(seed: int = 1, scenario: str = "2024", ruleset=None, **kw):
        s = new_session(ruleset or rules, scenario, seed, **kw)
        made.append(s)
        return s

    yield build
    for s in made:
        s.close()
