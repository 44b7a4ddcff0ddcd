"""The game always starts: broken mods are disabled, the rest load; and rules reload in play.

`check` wants every problem (load_rules). The game wants a working ruleset: a mod with
mistakes is switched off, its problems kept on its ModInfo for the mod manager, and the other
mods still load. Most mistakes sit in the broken mod's own files; the rest (a mod removing a
rule the base game needs, two mods that only clash together) are found by adding the mods one
at a time in load order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.rules.layers import BaseLayer, LoadResult, assemble, read_base
from game.rules.mods import MANIFEST, ModInfo
from game.rules.problems import Problem, display_name
from game.rules.ruleset import Ruleset


def _inside(folder: Path, problem: Problem) -> bool:
    return Path(problem.file).resolve().is_relative_to(folder.resolve())


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _blame(result: LoadResult, folders: list[Path]) -> dict[Path, list[Problem]]:
    """Folders whose mod is disabled or owns an error, with that mod's problems."""
    infos = {m.folder: m for m in result.mods}
    errors = _errors(result.problems)
    out: dict[Path, list[Problem]] = {}
    for folder in folders:
        mine = [p for p in errors if _inside(folder, p)]
        info = infos.get(folder)
        if info is None:  # the manifest itself did not load
            out[folder] = mine or [Problem(display_name(folder / MANIFEST), 1, "(mod)", "the mod did not load")]
        elif not info.enabled or mine:
            out[folder] = info.problems + [p for p in mine if p not in info.problems]
    return out


def _disabled_info(folder: Path, problems: list[Problem], known: ModInfo | None) -> ModInfo:
    if known is None:
        known = ModInfo(folder.name, folder.name, "?", folder)
    known.enabled = False
    known.problems = list(problems)
    return known


def load_with_fallback(rules_root: Path, mod_dirs: list[Path] | tuple[Path, ...] = (),
                       base: BaseLayer | None = None) -> LoadResult:
    """The base rules with every mod that loads cleanly. A mod that does not load is
    disabled: its problems go on its ModInfo (enabled=False) and one warning naming it goes
    into `problems`. If the base rules themselves are broken, the result has no ruleset and
    every problem, as load_rules would give."""
    base = base or read_base(rules_root)
    folders = list(mod_dirs)
    result = assemble(base, folders)
    if result.ok or not folders:
        return result
    if not assemble(base, ()).ok:
        return result  # nothing to fall back to: the base game itself does not load
    known = {m.folder: m for m in result.mods}
    dropped: dict[Path, list[Problem]] = {}
    keep = folders
    while not result.ok:
        blamed = _blame(result, keep)
        if not blamed:
            break
        dropped.update(blamed)
        keep = [f for f in keep if f not in blamed]
        result = assemble(base, keep)
        known.update({m.folder: m for m in result.mods if m.folder not in known})
    if not result.ok:  # mistakes outside any mod's files: add the mods one by one
        order = [m.folder for m in result.mods]
        good: list[Path] = []
        result = assemble(base, ())
        for folder in order:
            trial = assemble(base, [*good, folder])
            if trial.ok:
                good.append(folder)
                result = trial
            else:
                dropped[folder] = [p for p in _errors(trial.problems) if p not in result.problems]
    mods = list(result.mods)
    problems = list(result.problems)
    for folder in folders:
        if folder in dropped:
            info = _disabled_info(folder, dropped[folder], known.get(folder))
            mods.append(info)
            problems.append(Problem(display_name(folder / MANIFEST), 1, "(mod)",
                                    f"mod {info.id!r} disabled: {len(info.problems)} problem(s), first: "
                                    f"{info.problems[0] if info.problems else '?'}", severity="warning"))
    return LoadResult(result.ruleset, problems, mods)


@dataclass
class Reload:
    """What a hot reload gives the UI.

    ruleset: the rules to use from now on: the new ones, or `current` if the new ones do not
    load at all (the base rules were broken by an edit). changed: they differ from `current`.
    problems: everything to show the player: load problems, then each disabled mod's own.
    """

    result: LoadResult
    ruleset: Ruleset | None
    changed: bool
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok and not any(p.severity == "error" for p in self.problems)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def reload_rules(rules_root: Path, mod_dirs: list[Path] | tuple[Path, ...] = (),
                 current: Ruleset | None = None) -> Reload:
    """Reload the rules and mods from disk for a running game. Never raises: whatever went
    wrong comes back as problems, and `ruleset` stays `current` when nothing loads."""
    try:
        result = load_with_fallback(rules_root, mod_dirs)
    except Exception as exc:  # a loader bug must not take the running game down with it
        problem = Problem(display_name(rules_root), 1, "(reload)", f"internal error while loading the rules: {type(exc).__name__}: {exc}")
        return Reload(LoadResult(None, [problem]), current, False, [problem])
    problems = list(result.problems)
    for mod in result.mods:
        if not mod.enabled:
            problems += [p for p in mod.problems if p not in problems]
    new = result.ruleset
    if new is None:
        return Reload(result, current, False, problems)
    changed = current is None or (new.fingerprint, new.layers) != (current.fingerprint, current.layers)
    return Reload(result, new, changed, problems)
