"""The rules pipeline: YAML files -> strict models -> cross-checks -> a frozen Ruleset.

    result = load_rules(rules_dir(), mod_dirs=[...])
    if result.problems: print each problem (FILE:LINE: key.path: message)
    rules = result.ruleset
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.rules.checks import run_checks
from game.rules.loader import fingerprint, read_layer, rule_files, validate_entries
from game.rules.mods import ModInfo, apply_mods
from game.rules.problems import Problem, RulesError
from game.rules.ruleset import Ruleset, build_ruleset

__all__ = ["LoadResult", "Problem", "Ruleset", "RulesError", "load_rules"]


@dataclass
class LoadResult:
    ruleset: Ruleset | None
    problems: list[Problem]
    mods: list[ModInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.ruleset is not None and not any(p.severity == "error" for p in self.problems)


def load_rules(rules_root: Path, mod_dirs: list[Path] | tuple[Path, ...] = ()) -> LoadResult:
    """Load the base rules and the given mods; never raises for bad content."""
    entries, sources, problems = read_layer(rules_root)
    files = rule_files(rules_root)
    mods, mod_files = apply_mods(entries, list(mod_dirs), problems)
    defs, where, errs = validate_entries(entries)
    problems += errs
    problems += run_checks(defs, where)
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems, mods)
    layers = ("base", *(f"{m.id}@{m.version}" for m in mods if m.enabled))
    ruleset, errs = build_ruleset(defs, where, fingerprint(sources, files + mod_files), layers)
    problems += errs
    return LoadResult(ruleset, problems, mods)
