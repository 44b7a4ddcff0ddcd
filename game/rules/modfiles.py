"""Path safety for mods: every file a mod names or contains must stay inside the mod's folder.

A mod is data someone downloaded. If a path in it could point elsewhere (`../../.ssh/...`,
`/etc/passwd`, `C:\\Windows\\...`, or a symbolic link that leads out), loading the mod could
read, or show in the game, a file its author never shipped. So names are checked as written
(no `..`, no absolute path, no drive letter) and again once resolved (links followed).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from game.rules.problems import Problem, display_name

SKIP_DIRS = ("schemas",)  # generated files, never rules
RULE_SUFFIXES = (".yaml", ".yml")
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_name(root: Path, name: object) -> tuple[Path | None, str | None]:
    """Resolve a path a mod names (relative to its folder): (path, None) or (None, why not)."""
    if not isinstance(name, str) or not name.strip():
        return None, "expected a file path relative to the mod folder"
    if "\x00" in name:
        return None, "a path cannot contain NUL characters"
    if _DRIVE.match(name):
        return None, "drive letters are not allowed: paths must be relative to the mod folder"
    text = name.replace("\\", "/")
    if text.startswith("/"):
        return None, "absolute paths are not allowed: paths must be relative to the mod folder"
    parts = PurePosixPath(text).parts
    if ".." in parts:
        return None, "`..` is not allowed: paths must stay inside the mod folder"
    real_root = root.resolve()
    try:
        resolved = (real_root / PurePosixPath(*parts)).resolve()
    except (OSError, RuntimeError):  # a link loop
        return None, "the path cannot be resolved (a link loop?)"
    if not resolved.is_relative_to(real_root):
        return None, "leads out of the mod folder through a link"
    return resolved, None


def _escapes(path: Path, real_root: Path) -> bool:
    try:
        return not path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return True


def mod_rule_files(folder: Path, manifest: str) -> tuple[list[Path], list[Problem]]:
    """The rule files of a mod in a stable order, and a problem for every link out of it.

    Links are never followed into folders (the files there are read where they really are);
    a link anywhere in the mod that resolves outside it is reported and skipped.
    """
    real_root = folder.resolve()
    files: list[Path] = []
    problems: list[Problem] = []

    def link_out(path: Path) -> None:
        problems.append(Problem(display_name(path), 1, "(file)",
                                "links out of the mod folder are not allowed (mods must ship their own files)"))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        top = here == folder
        keep = []
        for d in sorted(dirnames):
            sub = here / d
            if sub.is_symlink() and _escapes(sub, real_root):
                link_out(sub)
            elif not sub.is_symlink() and not d.startswith(".") and not (top and d in SKIP_DIRS):
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = here / name
            if path.is_symlink() and _escapes(path, real_root):
                link_out(path)
                continue
            if not name.endswith(RULE_SUFFIXES) or name.startswith(".") or (top and name == manifest):
                continue
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError:
                regular = False
            if not regular:  # a FIFO or device would block or never end
                problems.append(Problem(display_name(path), 1, "(file)", "not a regular file"))
                continue
            files.append(path)
    return sorted(files), problems
