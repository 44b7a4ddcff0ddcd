"""The command line: play, sim, check, schema (and the tools that grow around them).

Every error ends in a one-line message and a non-zero exit: 1 for a failure (bad rules, a
missing or damaged save), 2 for a usage error. Tracebacks go to a crash log, not the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.paths import mods_dir, rules_dir

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAIL):
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, without the usage dump
        raise CliError(f"{self.prog}: {message} (see --help)", EXIT_USAGE)


def expand_mods(dirs: list[str]) -> list[Path]:
    """Each --mods DIR is a mod folder (with mod.yaml) or a folder of mod folders."""
    out: list[Path] = []
    for d in dirs:
        path = Path(d)
        if not path.is_dir():
            raise CliError(f"--mods {d}: no such folder")
        if (path / "mod.yaml").exists():
            out.append(path)
        else:
            found = sorted(p for p in path.iterdir() if p.is_dir() and (p / "mod.yaml").exists())
            if not found:
                print(f"warning: --mods {d}: no mod here (a mod is a folder with a mod.yaml)", file=sys.stderr)
            out += found
    return out


def mod_folders(mod_args: list[str]) -> list[Path]:
    """The mods in the user's mods folder, then those given with --mods."""
    from game.rules import find_mods

    return find_mods([mods_dir(), *expand_mods(mod_args)])


def load(mod_args: list[str]):
    from game.rules import load_rules

    result = load_rules(rules_dir(), mod_folders(mod_args))
    return result


def cmd_check(args: argparse.Namespace) -> int:
    result = load(args.mods)
    for p in result.problems:
        print(p)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.ruleset is None:
        print(f"{len(errors)} problem(s) found", file=sys.stderr)
        return EXIT_FAIL
    rs = result.ruleset
    print(f"rules ok: {len(rs.claims)} claims, {len(rs.policies)} policies, {len(rs.institutions)} institutions, "
          f"{len(rs.crises)} crisis types, {len(rs.actions)} actions, {len(rs.dynamics)} dynamics, "
          f"{len(rs.scenarios)} scenarios; layers {', '.join(rs.layers)}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from game.rules.schema import write_schemas

    out = Path(args.out) if args.out else rules_dir() / "schemas"
    written = write_schemas(out)
    print(f"wrote {len(written)} schemas to {out}", file=sys.stderr)
    return EXIT_OK


def ruleset_or_fail(mod_args: list[str], with_folders: bool = False):
    """The rules to play with: a broken mod is disabled with a warning (as in the game)."""
    from game.rules import load_with_fallback

    folders = mod_folders(mod_args)
    result = load_with_fallback(rules_dir(), folders)
    for p in result.problems:
        if p.path == "(mod)":
            print(f"warning: {p.message}; run `python main.py check`", file=sys.stderr)
    if result.ruleset is None:
        first = next((p for p in result.problems if p.severity == "error"), None)
        raise CliError(f"the rules do not load ({len([p for p in result.problems if p.severity == 'error'])} problems; "
                       f"first: {first}); run `python main.py check`")
    from game.sim.session import freeze_long_lived

    freeze_long_lived()  # no 100 ms garbage-collector pauses walking the rules mid-game
    if with_folders:
        return result.ruleset, [m.folder for m in result.mods if m.enabled]
    return result.ruleset


def cmd_sim(args: argparse.Namespace) -> int:
    from game.sim.save import SaveError, load_session, save_session
    from game.sim.setup import SetupError, new_session

    if args.turns < 0:
        raise CliError("--turns must be 0 or more", EXIT_USAGE)
    rules = ruleset_or_fail(args.mods)
    if args.load:
        try:
            session = load_session(rules, Path(args.load))
        except SaveError as exc:
            raise CliError(str(exc)) from None
    else:
        try:
            session = new_session(rules, args.scenario, args.seed, lens=args.lens, difficulty=args.difficulty,
                                  end_year=args.end_year)
        except SetupError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    hashes, times = [], []
    recorder = None
    if args.replay_out:
        if args.load:
            raise CliError("--replay-out records a new game; it cannot start from --load", EXIT_USAGE)
        from game.replaycmd import SimRecorder

        recorder = SimRecorder(session, args)
    autosaver = None
    if args.autosave_dir:
        from game.sim.autosave import Autosaver

        autosaver = Autosaver(Path(args.autosave_dir), keep=rules.settings.autosave_keep)
    for i in range(args.turns):
        if session.over:
            break
        report = session.end_turn()
        hashes.append(report.state_hash)
        times.append(round(report.ms, 2))
        if autosaver is not None:
            autosaver.save(session)
        if not args.quiet:
            print(f"turn {i + 1}/{args.turns} {session.date_text()} {report.state_hash} {report.ms:.0f} ms "
                  f"crises={len(session.crises())}", file=sys.stderr)
    if args.save:
        save_session(session, Path(args.save))
    if recorder is not None:
        recorder.write(session)
    w = session.world
    c = w.counters
    outcome = w.outcome or {}
    summary = {
        "scenario": session.scenario,
        "seed": session.seed,
        "lens": session.lens,
        "turns": len(hashes),
        "date": session.date_text(),
        "state_hash": session.state_hash(),
        "turn_hashes": hashes,
        "turn_ms": times,
        "countries": len(session.table.codes),
        "crises_started": c.get("crises_started", 0),
        "crises_resolved": c.get("crises_resolved", 0),
        "resolutions_voted": c.get("resolutions_voted", 0),
        "vetoes": c.get("vetoes", 0),
        "elections": c.get("elections", 0),
        "doctrine_changes": c.get("doctrine_changed", 0),
        "institutions_founded": c.get("institution_founded", 0),
        "governments_fallen": c.get("governments_fallen", 0),
        "world": {k: round(v, 2) for k, v in sorted(session.table.world.items())},
        "winner": outcome.get("winner"),
        "victory": outcome.get("victory"),
        "ended": outcome.get("reason"),
    }
    print(json.dumps(summary, sort_keys=True))
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before pygame is first imported: no banner
    try:
        from game.ui.app import run
    except ImportError as exc:
        raise CliError(f"the desktop game cannot start: {exc}") from None
    argv: list[str] = []
    if args.size:
        argv += ["--size", args.size]
    if args.scale:
        argv += ["--scale", str(args.scale)]
    if args.windowed:
        argv.append("--windowed")
    mods = [str(m) for m in expand_mods(args.mods)] if args.mods else []
    if mods:
        argv += ["--mods", *mods]
    return run(argv)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="main.py", description="World Orders: a turn-based strategy game of world politics.")
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    play = sub.add_parser("play", help="open the game (the default)")
    play.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="extra mod folders")
    play.add_argument("--size", help="window size, e.g. 1280x720")
    play.add_argument("--scale", type=float, help="UI scale (0.75-2)")
    play.add_argument("--windowed", action="store_true", help="ignore the fullscreen setting")
    sim = sub.add_parser("sim", help="play AI-only turns without a window; last stdout line is JSON")
    sim.add_argument("--scenario", default="2024", help="scenario id (2024 or 2019)")
    sim.add_argument("--turns", type=int, default=4, help="turns to play")
    sim.add_argument("--seed", type=int, default=1, help="random seed")
    sim.add_argument("--lens", default="balanced", help="theory lens id")
    sim.add_argument("--difficulty", default="normal", help="AI difficulty id")
    sim.add_argument("--end-year", type=int, default=None, help="last year of the game")
    sim.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="mod folders")
    sim.add_argument("--save", metavar="FILE", help="save the game at the end")
    sim.add_argument("--load", metavar="FILE", help="continue a saved game")
    sim.add_argument("--autosave-dir", metavar="DIR", help="autosave every turn into DIR")
    sim.add_argument("--quiet", action="store_true", help="no progress lines")
    sim.add_argument("--replay-out", metavar="FILE", help="write a replay of the game (check it with: replay FILE)")
    check = sub.add_parser("check", help="validate the rules and mods")
    check.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="mod folders")
    schema = sub.add_parser("schema", help="write the JSON schemas of every rule kind")
    schema.add_argument("--out", metavar="DIR", help="output folder (default rules/schemas)")
    from game.lab.cli import add_lab_parser

    add_lab_parser(sub)
    from game.bench import add_bench_parser
    from game.replaycmd import add_replay_parser

    add_replay_parser(sub)
    add_bench_parser(sub)
    return p


def cmd_lab(args: argparse.Namespace) -> int:
    from game.lab.cli import cmd_lab as run_lab

    return run_lab(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from game.replaycmd import cmd_replay as run_replay

    return run_replay(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import cmd_bench as run_bench

    return run_bench(args)


COMMANDS = {"play": cmd_play, "sim": cmd_sim, "check": cmd_check, "schema": cmd_schema, "lab": cmd_lab,
            "replay": cmd_replay, "bench": cmd_bench}


def main(argv: list[str]) -> int:
    if getattr(sys, "frozen", False):  # a frozen build's lab workers re-enter here: run them
        import multiprocessing

        multiprocessing.freeze_support()
    parser = build_parser()
    try:
        args = parser.parse_args(argv or ["play"])
        if args.command is None:
            args = parser.parse_args(["play", *argv])
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line here, the traceback in the crash log
        from game.crash import message  # crash log, plus an emergency save if a game is running

        print(f"error: {message(exc)}", file=sys.stderr)
        return EXIT_FAIL


def write_crash_log(exc: BaseException) -> Path:
    from game.crash import write_crash_log as write

    return write(exc)


__all__ = ["main", "mods_dir"]
