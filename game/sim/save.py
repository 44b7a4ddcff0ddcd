"""Saves: the whole session as versioned, checksummed JSON, written atomically.

A save is never half-written: it goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old one (and the folder synced where the OS allows). A save
that is truncated, altered or from an unknown version is reported, not crashed on.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from game.rules import Ruleset
from game.sim.serial import from_data, to_data
from game.sim.session import Session

MAGIC = "world-orders-save"
SAVE_VERSION = 1


class SaveError(Exception):
    """A save that cannot be read or used; the message is one line for the player."""


def _checksum(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def encode(session: Session) -> bytes:
    payload = to_data(session)
    payload_text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    header = {"format": MAGIC, "version": SAVE_VERSION, "checksum": _checksum(payload_text),
              "rules": {"fingerprint": session.rules.fingerprint, "layers": list(session.rules.layers)},
              "summary": summary(session)}
    # The payload is embedded verbatim so the checksum covers exactly its bytes.
    return ('{"header":' + json.dumps(header, sort_keys=True) + ',"payload":' + payload_text + "}").encode("utf-8")


def summary(session: Session) -> dict:
    humans = session.human_codes()
    return {"date": session.date_text(), "turn": session.turn, "scenario": session.scenario,
            "countries": humans, "names": [session.info(c).name for c in humans]}


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dfd = os.open(path.parent, os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass


def save_session(session: Session, path: Path) -> int:
    """Write the session to path atomically; returns the bytes written."""
    data = encode(session)
    atomic_write(Path(path), data)
    return len(data)


def read_save(path: Path) -> tuple[dict, dict]:
    """(header, payload) of a save, checked; raises SaveError with a one-line reason."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
        doc = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise SaveError(f"{path}: not a World Orders save, or damaged (not valid JSON)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict) or "payload" not in doc:
        raise SaveError(f"{path}: not a World Orders save")
    header = doc["header"]
    if header.get("format") != MAGIC:
        raise SaveError(f"{path}: not a World Orders save")
    version = header.get("version")
    if not isinstance(version, int) or version > SAVE_VERSION:
        raise SaveError(f"{path}: save format {version!r} is newer than this game ({SAVE_VERSION})")
    marker = text.find(',"payload":')
    payload_text = text[marker + len(',"payload":'):-1] if marker >= 0 and text.endswith("}") else ""
    if _checksum(payload_text) != header.get("checksum"):
        raise SaveError(f"{path}: the save is damaged (checksum mismatch)")
    from game.sim.migrations import migrate

    return header, migrate(version, doc["payload"])


def load_session(rules: Ruleset, path: Path) -> Session:
    header, payload = read_save(path)
    try:
        return from_data(rules, payload)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"{path}: the save's contents are inconsistent ({type(exc).__name__}: {exc})") from None
