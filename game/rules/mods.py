"""Mods: folders of rule files layered over the base rules.

A mod folder holds `mod.yaml` (id, name, version, format, depends, after) and rule files laid
out like rules/. An entry whose id already exists overrides it field by field; a new id adds
a rule; a top-level `remove: {kind: [id, ...]}` in a mod file removes rules. Mods are data:
nothing in them is ever run, and no path in them may lead outside the mod folder
(game.rules.modfiles).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from game.rules.loader import Entry, problem_at, split_entries
from game.rules.models import FORMAT_VERSION, KINDS
from game.rules.models.base import ID_PATTERN, Model
from game.rules.modfiles import check_name, mod_rule_files
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
    preview: str | None = Field(None, description="An image for the mod manager, relative to the mod folder.")

    @field_validator("version", mode="before")
    @classmethod
    def _quoted(cls, value: object) -> object:
        # YAML reads `version: 1.10` as the number 1.1: ask for quotes rather than guess.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError(f'write the version in quotes, e.g. version: "{value}"')
        return value


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
    preview: Path | None = None  # resolved, checked to be inside the folder

    def owns(self, problem: Problem) -> bool:
        """True when the problem is located in one of this mod's files (file names are shown
        relative to the working folder, so they resolve from it)."""
        return Path(problem.file).resolve().is_relative_to(self.folder.resolve())


def find_mods(folders: Iterable[Path]) -> list[Path]:
    """Mod folders among `folders`: each is a mod (has mod.yaml) or a folder of mods.
    Missing folders are skipped; a folder listed twice is kept once (first place)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        found = [folder] if (folder / MANIFEST).exists() else sorted(
            p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).exists())
        for mod in found:
            key = mod.resolve()
            if key not in seen:
                seen.add(key)
                out.append(mod)
    return out


def read_manifest(folder: Path) -> tuple[ModInfo | None, list[Problem]]:
    path = folder / MANIFEST
    shown = display_name(path)
    if not path.is_file():
        return None, [Problem(shown, 1, "(file)", "a mod folder needs a mod.yaml manifest")]
    _, why = check_name(folder, MANIFEST)
    if why:
        return None, [Problem(shown, 1, "(file)", f"mod.yaml {why}")]
    source, problems = parse_file(path)
    if source is None:
        return None, problems
    try:
        m = Manifest.model_validate(source.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
            got = err.get("input") if err["type"] not in ("missing", "extra_forbidden") else None
            out.append(Problem(shown, source.line_of(loc), format_path(loc), msg, short_value(got) if got is not None else None))
        return None, out
    if m.format != FORMAT_VERSION:
        return None, [problem_at(source, ("format",), f"this mod targets rules format {m.format}; the game reads {FORMAT_VERSION}", m.format)]
    preview = None
    if m.preview is not None:
        preview, why = check_name(folder, m.preview)
        if why:
            return None, [problem_at(source, ("preview",), why, m.preview)]
        if not preview.is_file():
            return None, [problem_at(source, ("preview",), "no such file in the mod folder", m.preview)]
    return ModInfo(m.id, m.name, m.version, folder, m.description, m.depends, m.after, preview=preview), []


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
    # A mod needs its dependencies loaded: one disabled (missing, broken, cyclic) disables it.
    for m in ordered:
        broken = [d for d in m.depends if d in by_id and not by_id[d].enabled]
        if m.enabled and broken:
            m.problems.append(Problem(display_name(m.folder / MANIFEST), 1, "depends",
                                      f"needs mod {broken[0]!r}, which is disabled"))
            m.enabled = False
    return ordered


def read_mods(mod_dirs: list[Path], problems: list[Problem]) -> list[ModInfo]:
    """Every mod's manifest, in load order. The same id twice: the later folder wins."""
    mods: list[ModInfo] = []
    for folder in mod_dirs:
        info, errs = read_manifest(folder)
        if info is None:
            problems += errs
            continue
        twin = next((m for m in mods if m.id == info.id), None)
        if twin is not None:
            problems.append(Problem(display_name(folder / MANIFEST), 1, "id",
                                    f"mod {info.id!r} is also installed at {display_name(twin.folder)}; using this copy",
                                    severity="warning"))
            mods.remove(twin)
        mods.append(info)
    return order_mods(mods, problems)


def apply_mods(entries: list[Entry], mod_dirs: list[Path], problems: list[Problem]) -> tuple[list[ModInfo], list[Path]]:
    """Layer each mod's entries over `entries` in place. Returns the mods (with their own
    problems) and the files read, for the rules fingerprint."""
    mods = read_mods(mod_dirs, problems)
    files_read: list[Path] = []
    touched: dict[tuple[str, str, str], str] = {}
    for mod in mods:
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
    files, problems = mod_rule_files(mod.folder, MANIFEST)
    for path in files:
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
    own: dict[tuple[str, str | None], Entry] = {}
    for new in mod_entries:
        first = own.setdefault((new.kind, new.id), new) if new.id is not None else new
        if first is not new:  # within one mod an id names one entry: a second one is a slip
            problems.append(problem_at(new.source, (*new.path, "id"),
                                       f"duplicate {new.kind} id in this mod (first at {first.source.file}:{first.source.line_of(first.path)})",
                                       new.id))
            continue
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
