"""Problems found while loading rules: collected, never raised one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top)"


def short_value(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a rule file, located to a line."""

    file: str
    line: int
    path: str
    message: str
    got: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        got = f" (got {self.got})" if self.got is not None else ""
        text = f"{self.file}:{self.line}: {self.path}: {self.message}{got}"
        # One problem, one line, even when a key or message from a file holds a line break.
        return text.replace("\r", "\\r").replace("\n", "\\n")


def display_name(path: Path) -> str:
    """A path as short as can still be found: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class RulesError(Exception):
    """Raised only at the edge (CLI, UI) with every problem collected."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
