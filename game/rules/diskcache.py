"""The parsed-rules cache: a rule file parsed once is read back as JSON the next time.

Each entry is one file's parsed data and the lines of its shallow paths (game.rules.yamlsrc
keeps the deeper lines for later: it finds them again in the text when a problem needs them).
An entry is named by a SHA-256 over the file's bytes and the code that reads it
(code_fingerprint: the sources of game.rules, models included, PyYAML's version, this
cache's format), so an edited file, a changed loader or model, another PyYAML, each simply
miss. Nothing else goes in the key: the entry holds what the file says, not what the game
makes of it, so the mod set, where the file lies and what it is called do not change it
(every load still validates, layers the mods and cross-checks from scratch).

JSON only, never a serialised Python object: an entry is read back as plain data. Entries
are written atomically (a temporary file, then a rename), carry a checksum of their body,
and are checked when read; an entry that is damaged, unreadable or of another format is a
miss, and a folder that cannot be written is skipped. The cache never changes a result:
without it, or with it off, the same files parse to equal data and lines
(tests/rules/test_rules_cache.py).

    WORLD_ORDERS_RULES_CACHE=off       no cache (the bench measures both ways)
    WORLD_ORDERS_RULES_CACHE=/a/folder  the cache lives there
    otherwise                          WORLD_ORDERS_HOME/cache/rules, or the platform's
                                       user cache folder (platformdirs) /rules
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from game.rules.problems import Problem
from game.rules.yamlsrc import SHALLOW, Source, decode, parse_text

FORMAT = 1
MAX_ENTRIES = 256  # about five full copies of the base rules; the oldest go first
PRUNE_EVERY = 64  # writes between two looks at the folder's size
ENV = "WORLD_ORDERS_RULES_CACHE"
_OFF = ("0", "off", "no", "false", "none")

_code: str | None = None
_unwritable: set[Path] = set()  # folders that refused a write in this process
_written: dict[Path, int] = {}  # entries written per folder in this process
stats = {"hits": 0, "misses": 0, "writes": 0, "errors": 0}  # for tests and the bench


_folders: dict[tuple[str, str], Path | None] = {}


def folder() -> Path | None:
    """Where the entries live, or None when the cache is off."""
    setting, home = os.environ.get(ENV, "").strip(), os.environ.get("WORLD_ORDERS_HOME", "")
    found = _folders.get((setting, home), _folders)
    if found is not _folders:
        return found  # type: ignore[return-value]
    if setting.lower() in _OFF:
        found = None
    elif setting:
        found = Path(setting)
    elif home:
        found = Path(home) / "cache" / "rules"
    else:
        import platformdirs

        from game.paths import APP_NAME

        found = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "rules"
    _folders[(setting, home)] = found
    return found


def code_fingerprint() -> str:
    """What the cached data depends on besides the file: the sources of game.rules (the
    readers, yamlsrc and linescan, and the models whose files these are), PyYAML, this cache's
    format. A frozen build without sources uses its executable's size and time instead."""
    global _code
    if _code is None:
        import yaml

        from game.rules import yamlsrc

        digest = hashlib.sha256(f"{FORMAT}|{SHALLOW}|{yaml.__version__}|{yamlsrc._Loader.__name__}|{sys.version_info[:2]}".encode())
        package = Path(__file__).resolve().parent
        files = sorted(package.rglob("*.py"))
        try:
            for path in files:
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
        except OSError:
            files = []
        if not files:
            try:
                st = Path(sys.executable).stat()
                digest.update(f"frozen|{st.st_size}|{st.st_mtime_ns}".encode())
            except OSError:
                digest.update(f"unknown|{time.time()}".encode())  # nothing to go by: never hits
        _code = digest.hexdigest()
    return _code


def entry_key(raw: bytes) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(raw)
    return digest.hexdigest()


def _lines_from(items: object) -> dict | None:
    """[[line, *path], ...] back into {path: line}; None when it is not that."""
    try:
        lines = {tuple(item[1:]): item[0] for item in items}  # type: ignore[union-attr]
    except (TypeError, KeyError, IndexError):  # not a list of lists; a list in a path
        return None
    if not set(map(type, lines.values())) <= {int} or not set(map(type, (p for path in lines for p in path))) <= {str, int}:
        return None
    return lines


def read(where: Path, key: str) -> tuple[object, dict] | None:
    """(data, shallow lines) of an entry, or None for a miss (absent, damaged, other format)."""
    try:
        blob = (where / f"{key}.json").read_bytes()
    except OSError:
        return None
    try:
        head, _, body = blob.partition(b"\n")
        header = json.loads(head)
        if (not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key
                or header.get("sha256") != hashlib.sha256(body).hexdigest()):
            stats["errors"] += 1
            return None
        entry = json.loads(body)
        lines = _lines_from(entry.get("lines")) if isinstance(entry, dict) and "data" in entry else None
    except (ValueError, TypeError, RecursionError, AttributeError):
        stats["errors"] += 1
        return None
    if lines is None:
        stats["errors"] += 1
        return None
    return entry["data"], lines


def _shallow(source: Source) -> dict:
    if source._depth == SHALLOW:
        return source._lines
    return {path: line for path, line in source.lines.items() if len(path) <= SHALLOW}


def write(where: Path, key: str, source: Source) -> bool:
    """Store an entry; False (and nothing written) when the data would not come back equal
    from JSON (keys that are not text, NaN, dates...) or the folder cannot be written."""
    if where in _unwritable:
        return False
    try:
        body = json.dumps({"data": source.data,
                           "lines": [[line, *path] for path, line in _shallow(source).items()]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if json.loads(body)["data"] != source.data:
            return False
    except (ValueError, TypeError, RecursionError):
        return False
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=where)
        with os.fdopen(fd, "wb") as out:
            out.write(header + b"\n" + body)
        os.replace(tmp, where / f"{key}.json")
        tmp = None
    except OSError:
        _unwritable.add(where)
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                _unwritable.add(where)
    stats["writes"] += 1
    _written[where] = _written.get(where, 0) + 1
    if _written[where] % PRUNE_EVERY == 1:  # the first write of a process, then every so often
        prune(where)
    return True


def prune(where: Path, keep: int = MAX_ENTRIES) -> None:
    """Drop the oldest entries beyond `keep`, and temporary files left by a crash."""
    try:
        found = []
        now = time.time()
        with os.scandir(where) as it:
            for item in it:
                if item.name.endswith(".json"):
                    found.append((item.stat().st_mtime, item.path))
                elif item.name.endswith(".tmp") and now - item.stat().st_mtime > 3600:
                    os.unlink(item.path)
        found.sort(reverse=True)
        for _, path in found[keep:]:
            os.unlink(path)
    except OSError:
        return


def parse_cached(raw: bytes, file: str) -> tuple[Source | None, list[Problem]]:
    """A rule file's bytes parsed (yamlsrc.decode, then parse_text), through the cache when
    it is on. An entry exists only for bytes that were UTF-8 and parsed: a hit needs neither."""
    where = folder()
    if where is not None:
        key = entry_key(raw)
        hit = read(where, key)
        if hit is not None:
            stats["hits"] += 1
            return Source(file, hit[0], hit[1], text=raw, depth=SHALLOW), []
        stats["misses"] += 1
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    source, problems = parse_text(text, file)
    if where is None:
        return source, problems
    if source is not None:
        write(where, key, source)
    return source, problems
