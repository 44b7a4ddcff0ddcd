"""Loads rules in stages: parse YAML -> validate each entry -> merge layers -> cross-check ->
compile expressions -> a frozen Ruleset. Every problem is collected; nothing is skipped silently.

A layer is a folder laid out like rules/: the base game is the first layer, each enabled mod
another (see game.rules.mods for how a mod's entries override or remove base entries).
"""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from game.rules.models import FORMAT_VERSION, KINDS
from game.rules.problems import Path_, Problem, display_name, format_path, short_value
from game.rules.yamlsrc import Source, parse_file

SKIP_DIRS = {"schemas"}


@dataclass
class Entry:
    """One rule entry before validation, with where each of its fields came from."""

    kind: str
    data: dict
    source: Source
    path: Path_
    origins: dict[str, tuple[Source, Path_]] = field(default_factory=dict)
    layer: str = "base"

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return str(value) if value is not None else None

    def locate(self, loc: Path_) -> tuple[Source, Path_]:
        """Where a field path of this entry was written (the mod that set it, if any)."""
        if loc and isinstance(loc[0], str) and loc[0] in self.origins:
            source, path = self.origins[loc[0]]
            return source, (*path, *loc[1:])
        return self.source, (*self.path, *loc)


def rule_files(folder: Path) -> list[Path]:
    """YAML files under a rules folder, in a stable order: sorted as paths (by their parts),
    outside folders named in SKIP_DIRS or starting with a dot, not through symlinked folders.
    The same list as filtering sorted(folder.rglob("*")), without a Path object for every
    file and folder (tests/rules/test_load_shortcuts.py compares the two)."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, ...]] = []
    _yaml_under(os.fspath(folder), (), found)
    found.sort()
    return [folder.joinpath(*parts) for parts in found]


def _yaml_under(where: str, rel: tuple[str, ...], found: list[tuple[str, ...]]) -> None:
    try:
        with os.scandir(where) as it:
            entries = list(it)
    except PermissionError:  # as rglob: a folder that cannot be listed holds nothing
        return
    for entry in entries:
        name = entry.name
        dot = name.rfind(".")
        if 0 < dot < len(name) - 1 and name[dot:] in (".yaml", ".yml") and _is_file(entry):  # Path.suffix's rule
            found.append((*rel, name))
        elif name not in SKIP_DIRS and not name.startswith(".") and _is_dir(entry) and not entry.is_symlink():
            _yaml_under(entry.path, (*rel, name), found)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError as exc:  # as Path.is_file: a missing or looping link is not a file
        if exc.errno not in _GONE:
            raise
        return False


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError as exc:
        if exc.errno not in _GONE:
            raise
        return False


_GONE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # the errors pathlib takes for "no"


def problem_at(source: Source, path: Path_, message: str, got: object = None) -> Problem:
    return Problem(source.file, source.line_of(path), format_path(path), message,
                   short_value(got) if got is not None else None)


def read_layer(folder: Path, layer: str = "base", extra_keys: tuple[str, ...] = ()) -> tuple[list[Entry], list[Source], list[Problem]]:
    """Parse every rule file of one layer into entries (not yet validated)."""
    entries: list[Entry] = []
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in rule_files(folder):
        source, errs = parse_file(path)
        problems += errs
        if source is None:
            continue
        sources.append(source)
        entries += split_entries(source, layer, problems, extra_keys)
    return entries, sources, problems


def split_entries(source: Source, layer: str, problems: list[Problem], extra_keys: tuple[str, ...] = ()) -> list[Entry]:
    data = source.data
    if not isinstance(data, dict):
        problems.append(problem_at(source, (), "a rule file must be a mapping with `format` and one kind of rule", type(data).__name__))
        return []
    fmt = data.get("format")
    if fmt is None:
        problems.append(problem_at(source, (), f"missing `format: {FORMAT_VERSION}`"))
    elif fmt != FORMAT_VERSION:
        problems.append(problem_at(source, ("format",), f"unsupported rules format (this game reads format {FORMAT_VERSION})", fmt))
    kinds = [k for k in data if k != "format" and k not in extra_keys]
    entries: list[Entry] = []
    for key in kinds:
        if key not in KINDS:
            import difflib

            close = difflib.get_close_matches(str(key), list(KINDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(KINDS)})"
            problems.append(problem_at(source, (key,), f"unknown kind of rule{hint}", key))
            continue
        items = data[key]
        if not isinstance(items, list):
            problems.append(problem_at(source, (key,), "must be a list of entries", type(items).__name__))
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(problem_at(source, (key, i), "each entry must be a mapping", short_value(item)))
                continue
            entries.append(Entry(key, item, source, (key, i), layer=layer))
    return entries


def pydantic_problems(entry: Entry, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        # Drop the union/type tags pydantic inserts into locations, keep keys and indices.
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _is_type_tag(str(p)))
        source, path = entry.locate(loc)
        got = err.get("input")
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key" + _key_hint(entry.kind, loc)
            got = None
        elif err["type"] == "missing":
            got = None
        out.append(Problem(source.file, source.line_of(path), format_path(path), msg,
                           short_value(got) if got is not None and not isinstance(got, dict) else None))
    return out


def _is_type_tag(part: str) -> bool:
    return any(ch in part for ch in "[]()") or part in {"str", "float", "int", "bool", "tuple", "list", "dict"} or part.startswith(("function-", "literal"))


def _key_hint(kind: str, loc: Path_) -> str:
    import difflib

    model: type[BaseModel] | None = KINDS.get(kind)
    for part in loc[:-1]:
        if model is None or isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        model = _inner_model(info.annotation) if info else None
    if model is None or not loc:
        return ""
    names = [f.alias or n for n, f in model.model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(names)})"


def _inner_model(annotation: object) -> type[BaseModel] | None:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_entries(entries: list[Entry]) -> tuple[dict[str, dict[str, BaseModel]], dict[tuple[str, str], Entry], list[Problem]]:
    """Validate every entry with its strict model; reject duplicate ids within a kind."""
    defs: dict[str, dict[str, BaseModel]] = {kind: {} for kind in KINDS}
    where: dict[tuple[str, str], Entry] = {}
    problems: list[Problem] = []
    for entry in entries:
        model = KINDS[entry.kind]
        try:
            obj = model.model_validate(entry.data)
        except ValidationError as exc:
            problems += pydantic_problems(entry, exc)
            continue
        ident = obj.id
        if ident in defs[entry.kind]:
            first = where[(entry.kind, ident)]
            source, path = entry.locate(("id",))
            problems.append(Problem(source.file, source.line_of(path), format_path(path),
                                    f"duplicate {entry.kind} id (first defined at {first.source.file}:{first.source.line_of(first.path)})",
                                    repr(ident)))
            continue
        defs[entry.kind][ident] = obj
        where[(entry.kind, ident)] = entry
    return defs, where, problems


def fingerprint(sources: list[Source], files: list[Path]) -> str:
    """Identity of the rules as loaded: a hash over every file's bytes, in load order."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(display_name(path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]
