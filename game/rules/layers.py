"""Layering: the parsed base rules plus mods -> validated, cross-checked, built (or problems).

The base is parsed once (BaseLayer) and layered again for each set of mods, so the fallback
that disables broken mods and the in-game hot reload do not re-read the big scenario files.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from game.rules import diskcache
from game.rules.checks import run_checks
from game.rules.loader import Entry, rule_files, split_entries, validate_entries
from game.rules.mods import ModInfo, apply_mods
from game.rules.problems import Problem, display_name
from game.rules.ruleset import Ruleset, build_ruleset
from game.rules.yamlsrc import Source, read_bytes


@dataclass
class LoadResult:
    ruleset: Ruleset | None
    problems: list[Problem]
    mods: list[ModInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.ruleset is not None and not any(p.severity == "error" for p in self.problems)


@dataclass
class BaseLayer:
    """The base rules, parsed and split into entries, ready to be layered."""

    entries: list[Entry]
    sources: list[Source]
    files: list[Path]
    problems: list[Problem]
    shown: dict[Path, tuple[str, bytes | None]] = field(default_factory=dict)  # name and bytes, for the fingerprint


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while rules load: a load makes ~200,000 objects that all
    live on, and the collector would walk the growing heap several times for nothing.

    Nor right after it: switched on again, the collector would first walk everything the load
    made (~30,000 containers, ~5 ms) only to find it all alive, and walk it again one
    generation up later. So what is young then goes straight to the oldest generation
    (gc.freeze(), then gc.unfreeze(): lists are moved, no object is looked at), where the next
    full collection meets it as it would have anyway. Not when something is frozen already
    (the game freezes what it keeps once it has loaded; unfreezing would undo that): then the
    collector takes the load's objects the usual way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# Parsed base files by (path, mtime, size): a hot reload re-reads only what was edited.
_parsed: dict[Path, tuple[tuple[int, int], Source | None, list[Problem], bytes | None]] = {}


def read_base(rules_root: Path) -> BaseLayer:
    with no_gc_pauses():
        return _read_base(rules_root)


def _read_base(rules_root: Path) -> BaseLayer:
    entries: list[Entry] = []
    sources: list[Source] = []
    problems: list[Problem] = []
    shown: dict[Path, tuple[str, bytes | None]] = {}
    files = rule_files(rules_root)
    cwd = Path.cwd().resolve()
    folders: dict[Path, Path] = {}  # each folder resolved once
    for path in files:
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size)
        except OSError:
            key = (-1, -1)
        real = _resolved(path, folders)
        try:  # display_name(path), without resolving the path and the folder again
            file = str(real.relative_to(cwd))
        except ValueError:
            file = str(path)
        cached = _parsed.get(real)
        if cached is not None and cached[0] == key and key != (-1, -1):
            source, errs, raw = cached[1], cached[2], cached[3]
        else:
            raw, errs = read_bytes(path, file)
            source = None
            if raw is not None:
                source, errs = diskcache.parse_cached(raw, file)
            _parsed[real] = (key, source, errs, raw)
        shown[path] = (file, raw)
        problems += errs
        if source is not None:
            sources.append(source)
            entries += split_entries(source, "base", problems)
    return BaseLayer(entries, sources, files, problems, shown)


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """path.resolve(): its folder resolved (once per folder), then its name, unless the file
    is a symlink itself (then the whole path the usual way)."""
    if os.path.islink(path) or path.name in ("", ".", ".."):
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / path.name


def fingerprint(base: BaseLayer, mod_files: list[Path]) -> str:
    """game.rules.loader.fingerprint of the base files and the mods' files (the same value),
    from the bytes the base was parsed from rather than reading them all again."""
    digest = hashlib.sha256()
    for path in base.files + mod_files:
        known = base.shown.get(path)
        if known is not None and known[1] is not None:
            name, raw = known
        else:
            name, raw = display_name(path), None
            try:
                raw = path.read_bytes()
            except OSError:
                pass
        digest.update(name.encode())
        if raw is not None:
            digest.update(raw)
    return digest.hexdigest()[:16]


def _fresh(entry: Entry) -> Entry:
    # Mods overwrite top-level fields of base entries in place; work on copies so the parsed
    # base can be layered again with other mods.
    return Entry(entry.kind, dict(entry.data), entry.source, entry.path, dict(entry.origins), entry.layer)


def assemble(base: BaseLayer, mod_dirs: list[Path] | tuple[Path, ...] = ()) -> LoadResult:
    """Layer the mods over a parsed base, validate, cross-check, build. Never raises for content."""
    with no_gc_pauses():
        return _assemble(base, mod_dirs)


def _assemble(base: BaseLayer, mod_dirs: list[Path] | tuple[Path, ...]) -> LoadResult:
    entries = [_fresh(e) for e in base.entries]
    problems = list(base.problems)
    mods, mod_files = apply_mods(entries, list(mod_dirs), problems)
    defs, where, errs = validate_entries(entries)
    late = errs + run_checks(defs, where)
    ruleset = None
    if not any(p.severity == "error" for p in problems + late):
        layers = ("base", *(f"{m.id}@{m.version}" for m in mods if m.enabled))
        ruleset, build_errs = build_ruleset(defs, where, fingerprint(base, mod_files), layers)
        late += build_errs
    for p in late:  # a mistake located in a mod's file is that mod's (the mod manager shows it)
        owner = next((m for m in mods if m.enabled and m.owns(p)), None)
        if owner is not None and p.severity == "error":
            owner.problems.append(p)
    problems += late
    if any(p.severity == "error" for p in problems):
        ruleset = None
    return LoadResult(ruleset, problems, mods)
