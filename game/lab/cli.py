"""`python main.py lab --scenario ID --games N --lens A --lens B ... [--workers W] [--turns T]
[--seed S] [--out DIR] [--mods DIR ...]`: the subcommand, registered by game.cli."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path


def add_lab_parser(sub) -> argparse.ArgumentParser:
    lab = sub.add_parser("lab", help="play many AI-only games per theory lens and write a report comparing them")
    lab.add_argument("--scenario", default="2024", help="scenario id (2024 or 2019)")
    lab.add_argument("--games", type=int, default=10, help="games per lens")
    lab.add_argument("--lens", action="append", default=[], metavar="ID",
                     help="a lens to compare (repeat: --lens liberal --lens pluralist); default all lenses")
    lab.add_argument("--workers", type=int, default=0, help="worker processes (default: one per CPU)")
    lab.add_argument("--turns", type=int, default=None, help="stop each game after T turns (default: play to the end)")
    lab.add_argument("--seed", type=int, default=1, help="first seed; game i of every lens uses seed + i")
    lab.add_argument("--out", metavar="DIR", help="report folder (default lab-reports/SCENARIO-TIME)")
    lab.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="mod folders (a mod may bring its own lens)")
    return lab


def cmd_lab(args: argparse.Namespace) -> int:
    from game.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError, ruleset_or_fail
    from game.lab.runner import LabOptions, default_out, run_lab

    if args.games < 1:
        raise CliError("--games must be 1 or more", EXIT_USAGE)
    if args.turns is not None and args.turns < 1:
        raise CliError("--turns must be 1 or more", EXIT_USAGE)
    if args.workers < 0:
        raise CliError("--workers must be 0 (one per CPU) or more", EXIT_USAGE)
    rules, folders = ruleset_or_fail(args.mods, with_folders=True)
    if args.scenario not in rules.scenarios:
        raise CliError(f"unknown scenario {args.scenario!r} (have: {', '.join(sorted(rules.scenarios))})", EXIT_USAGE)
    lenses = list(dict.fromkeys(args.lens)) or sorted(rules.lenses)
    unknown = [lens for lens in lenses if lens not in rules.lenses]
    if unknown:
        raise CliError(f"unknown lens {unknown[0]!r} (have: {', '.join(sorted(rules.lenses))})", EXIT_USAGE)
    from game.paths import rules_dir

    opts = LabOptions(scenario=args.scenario, games=args.games, lenses=lenses, rules_root=rules_dir(),
                      mod_dirs=folders, workers=args.workers, turns=args.turns, seed=args.seed,
                      out=Path(args.out) if args.out else default_out(args.scenario),
                      command="python main.py " + shlex.join(sys.argv[1:]) if sys.argv[1:2] == ["lab"] else "")
    result = run_lab(opts, rules)
    print(f"report: {result.out / 'report.md'}", file=sys.stderr)
    print(str(result.out / "report.md"))
    if result.failed:
        print(f"error: {len(result.failed)} game(s) failed; see the report", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK
