"""The committed JSON schemas match the models, and every rule file points its editor at the
schema of its own kind (the `# yaml-language-server: $schema=` first line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.rules.loader import rule_files
from game.rules.models import KINDS
from game.rules.schema import render_all
from game.rules.yamlsrc import parse_file

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "rules" / "schemas"
PREFIX = "# yaml-language-server: $schema="
RULE_FILES = rule_files(ROOT / "rules") + sorted((ROOT / "examples" / "mods").rglob("*/*/*.yaml"))


def drift(folder: Path) -> tuple[list[str], list[str]]:
    """(schemas missing or different from the models, files no model generates)."""
    rendered = render_all()
    stale = [name for name, text in rendered.items()
             if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    extra = sorted(p.name for p in folder.iterdir() if p.name not in rendered)
    return stale, extra


def test_committed_schemas_match_the_models():
    stale, extra = drift(SCHEMAS)
    assert stale == [], f"rules/schemas is out of date for {stale}: run `python main.py schema`"
    assert extra == [], f"rules/schemas has files no model generates: {extra}"
    assert len(render_all()) == len(KINDS)


def test_drift_is_detected(tmp_path: Path):
    for p in SCHEMAS.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    lenses = tmp_path / "lenses.schema.json"
    lenses.write_text(lenses.read_text(encoding="utf-8").replace('"weights"', '"weightz"'), encoding="utf-8")
    (tmp_path / "policies.schema.json").unlink()
    (tmp_path / "old.schema.json").write_text("{}", encoding="utf-8")
    assert drift(tmp_path) == (["policies.schema.json", "lenses.schema.json"], ["old.schema.json"])


def _kind_of(path: Path) -> str:
    source, problems = parse_file(path)
    assert source is not None and isinstance(source.data, dict), problems
    kinds = [k for k in source.data if k in KINDS]
    assert len(kinds) == 1, f"{path}: expected one kind of rule, found {kinds}"
    return kinds[0]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_rule_file_points_at_its_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(PREFIX), f"{path}: first line must be `{PREFIX}...`"
    target = (path.parent / first[len(PREFIX):].strip()).resolve()
    assert target == (SCHEMAS / f"{_kind_of(path)}.schema.json").resolve()
    assert target.is_file()


def test_every_kind_has_a_rule_file():
    kinds = {_kind_of(p) for p in rule_files(ROOT / "rules")}
    assert kinds == set(KINDS)
