"""Replays: a game as its setup, the human seats' commands per turn and the state hash after
every turn. The AI's decisions are not stored: they follow from the seed and the rules, so
re-running the setup and the commands must give the same hashes, turn after turn.

    doc = Recorder(session, setup).finish(session)      # setup: new_session's arguments
    write_replay(path, doc); doc = read_replay(path)
    result = verify(rules, doc)                         # result.ok, result.divergence
    doc = rewrite(rules, doc)                           # same setup and commands, today's hashes

`python main.py replay FILE` verifies a file; `python main.py sim ... --replay-out FILE`
writes one (game.replaycmd).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.rules import Ruleset
from game.sim.commands import command_from_json
from game.sim.session import Session

FORMAT = "world-orders-replay"
VERSION = 1
SETUP_KEYS = ("scenario", "seed", "lens", "difficulty", "end_year", "humans", "doctrine_overrides")


class ReplayError(Exception):
    """A replay file that cannot be used; the message is one line."""


def rules_identity(rules: Ruleset) -> dict:
    return {"fingerprint": rules.fingerprint, "layers": list(rules.layers)}


def normal_setup(setup: dict) -> dict:
    out = {k: setup.get(k) for k in SETUP_KEYS}
    out["humans"] = list(out["humans"] or [])
    out["lens"] = out["lens"] or "balanced"
    out["difficulty"] = out["difficulty"] or "normal"
    return out


class Recorder:
    """Created with the new game (before its first end_turn), finished at any later point."""

    def __init__(self, session: Session, setup: dict):
        if session.history:
            raise ReplayError("a replay starts from a new game, not a loaded one")
        self.setup = normal_setup(setup)
        self.start_hash = session.state_hash()

    def finish(self, session: Session) -> dict:
        turns = []
        for i, rec in enumerate(session.history):
            commands = session.commands[i] if i < len(session.commands) else []
            turns.append({"turn": i + 1, "date": rec.get("date", ""), "commands": list(commands), "hash": rec["hash"]})
        return {"format": FORMAT, "version": VERSION, "setup": self.setup, "rules": rules_identity(session.rules),
                "start_hash": self.start_hash, "turns": turns}


def write_replay(path: Path, doc: dict) -> None:
    from game.sim.save import atomic_write

    text = json.dumps(doc, indent=1, sort_keys=True)
    atomic_write(Path(path), (text + "\n").encode("utf-8"))


def read_replay(path: Path) -> dict:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReplayError(f"{path}: no such replay") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReplayError(f"{path}: not a readable replay ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ReplayError(f"{path}: not a World Orders replay")
    if doc.get("version") != VERSION:
        raise ReplayError(f"{path}: replay format {doc.get('version')!r} is not {VERSION}")
    setup, turns = doc.get("setup"), doc.get("turns")
    if not isinstance(setup, dict) or not isinstance(turns, list) or not isinstance(doc.get("start_hash"), str):
        raise ReplayError(f"{path}: the replay is incomplete (setup, start_hash and turns are needed)")
    for i, turn in enumerate(turns, start=1):
        if (not isinstance(turn, dict) or turn.get("turn") != i or not isinstance(turn.get("hash"), str)
                or not isinstance(turn.get("commands"), list) or not all(isinstance(c, dict) for c in turn["commands"])):
            raise ReplayError(f"{path}: turn {i} of the replay is malformed")
    return doc


@dataclass
class Outcome:
    """turns: how many turns matched; divergence: None, or where and how it went apart."""

    turns: int
    divergence: str | None = None
    turn: int | None = None

    @property
    def ok(self) -> bool:
        return self.divergence is None


def _start(rules: Ruleset, doc: dict) -> Session:
    from game.sim.setup import SetupError, new_session

    s = normal_setup(doc["setup"])
    try:
        return new_session(rules, str(s["scenario"]), int(s["seed"]), lens=s["lens"], humans=tuple(s["humans"]),
                           difficulty=s["difficulty"], end_year=s["end_year"], doctrine_overrides=s["doctrine_overrides"])
    except (SetupError, TypeError, ValueError) as exc:
        raise ReplayError(f"the replay's setup does not start a game: {exc}") from None


def _play_turn(session: Session, turn: dict, strict: bool) -> tuple[str, str | None]:
    """Submit the turn's commands and end it: (hash, problem)."""
    for data in turn["commands"]:
        try:
            cmd = command_from_json(data)
        except ValueError as exc:
            return "", f"a command cannot be read ({exc})"
        result = session.submit(cmd)
        if not result and strict:
            return "", f"{data.get('type')} by {data.get('country')} is now rejected: {result.reason}"  # type: ignore[union-attr]
    return session.end_turn().state_hash, None


def verify(rules: Ruleset, doc: dict, progress: Callable[[int, str], None] | None = None) -> Outcome:
    """Re-run the replay; stop at the first turn whose hash differs."""
    session = _start(rules, doc)
    try:
        if session.state_hash() != doc["start_hash"]:
            return Outcome(0, f"the new game already differs (hash {session.state_hash()}, replay {doc['start_hash']})", 0)
        for turn in doc["turns"]:
            date = session.date_text()
            digest, problem = _play_turn(session, turn, strict=True)
            if problem is None and digest != turn["hash"]:
                problem = f"state hash {digest}, replay {turn['hash']}"
            if problem is not None:
                return Outcome(turn["turn"] - 1, f"turn {turn['turn']} ({date}) differs: {problem}", turn["turn"])
            if progress:
                progress(turn["turn"], digest)
        return Outcome(len(doc["turns"]))
    finally:
        session.close()


def rewrite(rules: Ruleset, doc: dict) -> dict:
    """The same setup and human commands played with these rules: fresh hashes (commands that
    are now rejected are dropped, and the rest kept)."""
    session = _start(rules, doc)
    try:
        recorder = Recorder(session, doc["setup"])
        for turn in doc["turns"]:
            _play_turn(session, turn, strict=False)
        return recorder.finish(session)
    finally:
        session.close()
