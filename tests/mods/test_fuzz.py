"""Whatever bytes a mod file holds, loading reports problems as single located lines and
never raises."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.rules import load_rules
from game.rules.mods import ModInfo, read_manifest, read_mod_files

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^[^\n]+?:\d+: [^\n]+?: [^\n]+$")
SNIPPETS = ["format: 1\n", "lenses:\n", "  - id: x\n", "    name: X\n", "remove:\n", "  lenses: [liberal]\n",
            "&a [*a]\n", "!!binary AAAA\n", "- [", "{", "}: ", "\t", "\xff", "\x00", "\ufeff", "---\n", "<<: *a\n",
            "    weights: {nlio.will-decides: 2}\n", '"a\\nb": 1\n', "    description: |\n      text\n", "id: 1e400\n"]
FILE_TEXT = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(SNIPPETS), max_size=12).map("".join))
KEYS = st.sampled_from(["id", "name", "description", "weights", "format", "lenses", "dynamics", "remove",
                        "stat", "add", "when", "claims", "system", "x"])
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
                   st.text(max_size=20), st.sampled_from(["liberal", "world.disorder", "1 +", "__import__('os')"]))
DATA = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25)


def _mod(folder: Path) -> ModInfo:
    (folder / "lenses").mkdir(parents=True, exist_ok=True)
    (folder / "mod.yaml").write_text('id: fuzz\nname: Fuzz\nversion: "1"\nformat: 1\n', encoding="utf-8")
    return read_manifest(folder)[0]


def assert_lines(problems) -> None:
    for p in problems:
        assert LINE.match(str(p)), repr(str(p))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=FILE_TEXT, raw=st.binary(max_size=64), as_bytes=st.booleans())
def test_any_file_content_gives_located_problems(text: str, raw: bytes, as_bytes: bool):
    with tempfile.TemporaryDirectory() as tmp:
        mod = _mod(Path(tmp) / "fuzz")
        path = mod.folder / "lenses" / "x.yaml"
        if as_bytes:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _, _, files, problems = read_mod_files(mod)
        assert files == [path]
        assert_lines(problems)


@settings(max_examples=150, deadline=None)
@given(text=FILE_TEXT)
def test_any_manifest_gives_located_problems(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mod.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        info, problems = read_manifest(folder)
        assert (info is None) == bool(problems)
        assert_lines(problems)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA)
def test_any_structure_through_the_whole_pipeline(data: object):
    # JSON is YAML: any structure of plain values, written out, goes through merge, the
    # models, the cross-checks and the expression compiler without raising.
    with tempfile.TemporaryDirectory() as tmp:
        mod = _mod(Path(tmp) / "fuzz")
        doc = {"format": 1, "lenses": [data]} if not isinstance(data, dict) else {"format": 1, **data}
        (mod.folder / "lenses" / "x.yaml").write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
        result = load_rules(ROOT / "rules", [mod.folder])
        assert_lines(result.problems)
        assert result.ok or any(p.severity == "error" for p in result.problems)
