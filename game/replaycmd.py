"""`python main.py replay FILE...`: re-run replays and stop at the first turn whose state hash
differs (exit 1, naming it); exit 0 when every turn matches. With --rewrite, play each file's
setup and commands with today's rules and write the new hashes back (to regenerate a corpus
after a deliberate change of the rules or the simulation)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_replay_parser(sub) -> None:
    p = sub.add_parser("replay", help="re-run replay files and check every turn's state hash")
    p.add_argument("files", nargs="+", metavar="FILE", help="replay files (from sim --replay-out)")
    p.add_argument("--mods", nargs="*", default=[], metavar="DIR", help="mod folders")
    p.add_argument("--rewrite", action="store_true", help="record today's hashes into the files instead of checking")
    p.add_argument("--quiet", action="store_true", help="no progress lines")


def cmd_replay(args: argparse.Namespace) -> int:
    from game.cli import EXIT_FAIL, EXIT_OK, CliError, ruleset_or_fail
    from game.sim.replay import (
        ReplayError,
        read_replay,
        rewrite,
        rules_identity,
        verify,
        write_replay,
    )

    rules = ruleset_or_fail(args.mods)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            doc = read_replay(path)
            if args.rewrite:
                new = rewrite(rules, doc)
                write_replay(path, new)
                print(f"{path}: rewritten, {len(new['turns'])} turns, final hash {new['turns'][-1]['hash'] if new['turns'] else new['start_hash']}",
                      file=sys.stderr)
                continue
            if doc.get("rules") != rules_identity(rules):
                print(f"warning: {path} was recorded with other rules ({doc.get('rules')}); expect a difference",
                      file=sys.stderr)

            def progress(turn: int, digest: str, path=path) -> None:
                if not args.quiet:
                    print(f"{path}: turn {turn} ok {digest}", file=sys.stderr)

            outcome = verify(rules, doc, progress)
        except ReplayError as exc:
            raise CliError(str(exc)) from None
        if outcome.ok:
            print(f"{path}: ok, all {outcome.turns} turns match")
        else:
            print(f"{path}: {outcome.divergence}")
            failed += 1
    return EXIT_FAIL if failed else EXIT_OK


class SimRecorder:
    """What `sim --replay-out FILE` needs: start with the new game, write at the end."""

    def __init__(self, session, args: argparse.Namespace):
        from game.sim.replay import Recorder

        self.path = Path(args.replay_out)
        self.recorder = Recorder(session, {"scenario": args.scenario, "seed": args.seed, "lens": args.lens,
                                           "difficulty": args.difficulty, "end_year": args.end_year})

    def write(self, session) -> None:
        from game.sim.replay import write_replay

        write_replay(self.path, self.recorder.finish(session))
