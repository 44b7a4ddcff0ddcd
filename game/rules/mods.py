"""Mods: folders of rule files layered over the base rules.

A mod folder holds `mod.yaml` (id, name, version, format, depends, after) and rule files laid
out like rules/. An entry whose id already exists overrides it field by field; a new id adds
a rule; a top-level `remove: {kind: [id, ...]}` in a mod file removes rules. Mods are data:
nothing in them is ever run.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError

from game.rules.loader import Entry, problem_at, rule_files, split_entries
from game.rules.models import FORMAT_VERSION, KINDS
from game.rules.models.base import ID_PATTERN, Model
from game.rules.problems import Problem, display_name, format_path, short_value
from game.rules.yamlsrc import Source, parse_file

MANIFEST = "mod.yaml"


class Manifest(Model):
    """mod.yaml: what the mod is and what it needs."""

    id: str = Field(pattern=ID_PATTERN, max_length=64, description="Stable id of the mod.")
    name: str = Field(min_length=1, max_length=80, description="Name shown in the mod manager.")
    version: str = Field(min_length=1, max_length=32, description="The mod's own version.")
    format: int = Field(description=f"The rules format it targets (this game reads {FORMAT_VERSION}).")
    description: str = Field("", description="What the mod changes.")
    depends: tuple[str, ...] = Field((), description="Mods that must be loaded before this one.")
    after: tuple[str, ...] = Field((), description="Load after these mods when they are present (a hint).")


@dataclass
class ModInfo:
    id: str
    name: str
    version: str
    folder: Path
    description: str = ""
    depends: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    enabled: bool = True
    problems: list[Problem] = field(default_factory=list)


def read_manifest(folder: Path) -> tuple[ModInfo | None, list[Problem]]:
    path = folder / MANIFEST
    shown = display_name(path)
    if not path.is_file():
        return None, [Problem(shown, 1, "(file)", "a mod folder needs a mod.yaml manifest")]
    source, problems = parse_file(path)
    if source is None:
        return None, problems
    try:
        m = Manifest.model_validate(source.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            got = err.get("input") if err["type"] not in ("missing", "extra_forbidden") else None
            out.append(Problem(shown, source.line_of(loc), format_path(loc), msg, short_value(got) if got is not None else None))
        return None, out
    if m.format != FORMAT_VERSION:
        return None, [problem_at(source, ("format",), f"this mod targets rules format {m.format}; the game reads {FORMAT_VERSION}", m.format)]
    return ModInfo(m.id, m.name, m.version, folder, m.description, m.depends, m.after), []


def order_mods(mods: list[ModInfo], problems: list[Problem]) -> list[ModInfo]:
    """Dependencies first, then `after` hints, then the order given; missing deps disable a mod."""
    by_id = {m.id: m for m in mods}
    for m in mods:
        for dep in m.depends:
            if dep not in by_id:
                close = difflib.get_close_matches(dep, list(by_id), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                m.problems.append(Problem(display_name(m.folder / MANIFEST), 1, "depends", f"needs mod {dep!r}, which is not installed{hint}"))
                m.enabled = False
    ordered: list[ModInfo] = []
    visiting: set[str] = set()

    def visit(m: ModInfo) -> None:
        if m in ordered:
            return
        if m.id in visiting:
            m.problems.append(Problem(display_name(m.folder / MANIFEST), 1, "depends", "dependency cycle"))
            m.enabled = False
            return
        visiting.add(m.id)
        for dep in (*m.depends, *m.after):
            if dep in by_id:
                visit(by_id[dep])
        visiting.discard(m.id)
        ordered.append(m)

    for m in mods:
        visit(m)
    return ordered


def apply_mods(entries: list[Entry], mod_dirs: list[Path], problems: list[Problem]) -> tuple[list[ModInfo], list[Path]]:
    """Layer each mod's entries over `entries` in place. Returns the mods (with their own
    problems) and the files read, for the rules fingerprint."""
    mods: list[ModInfo] = []
    seen: dict[str, Path] = {}
    for folder in mod_dirs:
        info, errs = read_manifest(folder)
        if info is None:
            problems += errs
            continue
        if info.id in seen:
            problems.append(Problem(display_name(folder / MANIFEST), 1, "id", f"mod id also used by {display_name(seen[info.id])}", info.id))
            continue
        seen[info.id] = folder
        mods.append(info)
    files_read: list[Path] = []
    touched: dict[tuple[str, str, str], str] = {}
    for mod in order_mods(mods, problems):
        if not mod.enabled:
            problems += mod.problems
            continue
        mod_entries, removals, files, errs = read_mod_files(mod)
        files_read += files
        if errs:
            mod.problems += errs
            problems += errs
            mod.enabled = False
            continue
        merge(entries, mod, mod_entries, removals, touched, problems)
    return mods, files_read


def read_mod_files(mod: ModInfo) -> tuple[list[Entry], list[tuple[str, str, Source, tuple]], list[Path], list[Problem]]:
    entries: list[Entry] = []
    removals: list[tuple[str, str, Source, tuple]] = []
    problems: list[Problem] = []
    root = mod.folder.resolve()
    files = [p for p in rule_files(mod.folder) if p.name != MANIFEST]
    for path in files:
        if not path.resolve().is_relative_to(root):
            problems.append(Problem(display_name(path), 1, "(file)", "links out of the mod folder are not allowed"))
            continue
        source, errs = parse_file(path)
        problems += errs
        if source is None:
            continue
        entries += split_entries(source, mod.id, problems, extra_keys=("remove",))
        data = source.data if isinstance(source.data, dict) else {}
        remove = data.get("remove")
        if remove is None:
            continue
        if not isinstance(remove, dict):
            problems.append(problem_at(source, ("remove",), "must map a kind to a list of ids", remove))
            continue
        for kind, ids in remove.items():
            if kind not in KINDS or not isinstance(ids, list):
                problems.append(problem_at(source, ("remove", kind), "expected a kind of rule with a list of ids", kind))
                continue
            for i, ident in enumerate(ids):
                removals.append((kind, str(ident), source, ("remove", kind, i)))
    return entries, removals, files, problems


def merge(entries: list[Entry], mod: ModInfo, mod_entries: list[Entry],
          removals: list[tuple[str, str, Source, tuple]], touched: dict[tuple[str, str, str], str],
          problems: list[Problem]) -> None:
    index = {(e.kind, e.id): e for e in entries if e.id is not None}
    for kind, ident, source, loc in removals:
        target = index.pop((kind, ident), None)
        if target is None:
            close = difflib.get_close_matches(ident, [i for k, i in index if k == kind], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(problem_at(source, loc, f"cannot remove: no {kind} entry with this id{hint}", ident))
            continue
        entries.remove(target)
    for new in mod_entries:
        base = index.get((new.kind, new.id))
        if base is None:
            entries.append(new)
            index[(new.kind, new.id)] = new
            continue
        for key, value in new.data.items():
            if key == "id":
                continue
            mark = (new.kind, new.id or "", str(key))
            if mark in touched and touched[mark] != mod.id:
                problems.append(Problem(new.source.file, new.source.line_of((*new.path, key)), format_path((*new.path, key)),
                                        f"conflict: mod {touched[mark]!r} also overrides this field; {mod.id!r} wins (later in load order)",
                                        severity="warning"))
            touched[mark] = mod.id
            base.data[key] = value
            base.origins[str(key)] = (new.source, (*new.path, key))
