"""Saves: the whole session as versioned, checksummed JSON, written atomically.

A save is never half-written: it goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old one (and the folder synced where the OS allows). A save
that is truncated, altered or from an unknown version is reported in one line (SaveError),
never crashed on; game.sim.autosave finds the newest save that still loads.

    save_session(session, path) -> bytes written
    load_session(rules, path) -> Session            (SaveError when it cannot)
    read_header(path) -> header dict                 (summary for save lists; no full check)
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
SAVE_VERSION = 2
PAYLOAD_MARK = ',"payload":'
HEADER_BYTES = 16384  # read_header never reads more than this


class SaveError(Exception):
    """A save that cannot be read or used; the message is one line for the player."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160]


def _checksum(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def encode(session: Session) -> bytes:
    payload_text = json.dumps(to_data(session), separators=(",", ":"), sort_keys=True, check_circular=False)
    header = {"format": MAGIC, "version": SAVE_VERSION, "checksum": _checksum(payload_text),
              "rules": {"fingerprint": session.rules.fingerprint, "layers": list(session.rules.layers)},
              "summary": summary(session)}
    # The payload is embedded verbatim so the checksum covers exactly its bytes.
    return ('{"header":' + json.dumps(header, sort_keys=True) + PAYLOAD_MARK + payload_text + "}").encode("utf-8")


def summary(session: Session) -> dict:
    humans = session.human_codes()
    return {"date": session.date_text(), "turn": session.turn, "scenario": session.scenario,
            "countries": humans, "names": [session.info(c).name for c in humans]}


def _sync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: a folder cannot be opened to fsync; the rename is already durable there
    try:
        dfd = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path so that path is always either the old file or the new one."""
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
    _sync_folder(path.parent)


def save_session(session: Session, path: Path) -> int:
    """Write the session to path atomically; returns the bytes written."""
    data = encode(session)
    atomic_write(Path(path), data)
    return len(data)


def _parse(path: Path, text: str) -> dict:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise SaveError(f"{path}: not a World Orders save, or damaged (not valid JSON)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict) or "payload" not in doc:
        raise SaveError(f"{path}: not a World Orders save")
    return doc


def _check_header(path: Path, header: dict) -> int:
    if header.get("format") != MAGIC:
        raise SaveError(f"{path}: not a World Orders save")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{path}: the save's format version is damaged ({version!r})")
    if version > SAVE_VERSION:
        raise SaveError(f"{path}: save format {version} is newer than this game ({SAVE_VERSION}); update the game")
    return version


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save") from None
    except IsADirectoryError:
        raise SaveError(f"{path}: is a folder, not a save") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a World Orders save, or damaged (not text)") from None


def read_header(path: Path) -> dict:
    """The header of a save (format, version, summary...) without reading the whole file or
    checking it: for save lists. Raises SaveError when there is no readable header."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            start = fh.read(HEADER_BYTES).decode("utf-8", errors="replace")
    except OSError as exc:
        raise SaveError(f"{path}: cannot read ({exc.strerror or exc})") from None
    prefix = '{"header":'
    if not start.startswith(prefix):
        raise SaveError(f"{path}: not a World Orders save")
    try:
        header, _end = json.JSONDecoder().raw_decode(start, len(prefix))
    except (ValueError, RecursionError):
        raise SaveError(f"{path}: not a World Orders save, or damaged (header)") from None
    if not isinstance(header, dict):
        raise SaveError(f"{path}: not a World Orders save")
    _check_header(path, header)
    return header


def read_save(path: Path) -> tuple[dict, dict]:
    """(header, payload) of a save, checked and migrated to the current format; raises
    SaveError with a one-line reason."""
    path = Path(path)
    text = _read_text(path)
    doc = _parse(path, text)
    header = doc["header"]
    version = _check_header(path, header)
    marker = text.find(PAYLOAD_MARK)
    payload_text = text[marker + len(PAYLOAD_MARK):-1] if marker >= 0 and text.endswith("}") else ""
    if _checksum(payload_text) != header.get("checksum"):
        raise SaveError(f"{path}: the save is damaged (checksum mismatch)")
    from game.sim.migrations import migrate

    try:
        return header, migrate(version, doc["payload"])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise SaveError(f"{path}: the save cannot be upgraded from format {version} ({type(exc).__name__}: {_one_line(exc)})") from None


def load_session(rules: Ruleset, path: Path) -> Session:
    header, payload = read_save(path)
    try:
        return from_data(rules, payload)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        raise SaveError(f"{path}: the save's contents are inconsistent ({type(exc).__name__}: {_one_line(exc)})") from None
