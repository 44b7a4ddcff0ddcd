"""The rules pipeline: YAML files -> strict models -> cross-checks -> a frozen Ruleset.

    result = load_rules(rules_dir(), mod_dirs=[...])      # everything, every problem (check)
    result = load_with_fallback(rules_dir(), [...])       # broken mods disabled (the game)
    reloaded = reload_rules(rules_dir(), [...], current)  # hot reload: never raises
    if result.problems: print each problem (FILE:LINE: key.path: message)
    rules = result.ruleset
"""

from __future__ import annotations

from pathlib import Path

from game.rules.fallback import Reload, load_with_fallback, reload_rules
from game.rules.layers import LoadResult, assemble, read_base
from game.rules.mods import ModInfo, find_mods
from game.rules.problems import Problem, RulesError
from game.rules.ruleset import Ruleset

__all__ = ["LoadResult", "ModInfo", "Problem", "Reload", "Ruleset", "RulesError", "find_mods", "load_rules",
           "load_with_fallback", "reload_rules"]


def load_rules(rules_root: Path, mod_dirs: list[Path] | tuple[Path, ...] = ()) -> LoadResult:
    """Load the base rules and the given mods, reporting every problem; never raises for bad content."""
    return assemble(read_base(rules_root), mod_dirs)
