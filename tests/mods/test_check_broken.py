"""`python main.py check --mods DIR` on whatever a mod file holds: one FILE:LINE: key.path:
message line per problem, exit 1, never a traceback or a crash."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<path>\S+): (?P<message>.+)$")

BOMB = "format: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))

CASES = {
    # name: (file in the mod, content, expected line, expected message part)
    "bad_yaml": ("lenses/x.yaml", "format: 1\nlenses:\n  - id: x\n    name: [unclosed\n", None, "invalid YAML"),
    "tab_indent": ("lenses/x.yaml", "format: 1\nlenses:\n\t- id: x\n", 3, "invalid YAML"),
    "alias_bomb": ("lenses/x.yaml", BOMB, None, "document too large (alias expansion?)"),
    "deep_nesting": ("lenses/x.yaml", "format: 1\nlenses: " + "[" * 200_000 + "]" * 200_000 + "\n", 2, "nested too deeply"),
    "binary_junk": ("lenses/x.yaml", bytes(range(256)) * 64, 2, "not UTF-8 text"),
    "nul_bytes": ("lenses/x.yaml", b"format: 1\n\x00\x01\x02", 1, "not a text file"),
    "not_utf8": ("lenses/x.yaml", b"format: 1\nlenses:\n  - id: caf\xe9\n", 3, "not UTF-8 text"),
    "empty": ("lenses/x.yaml", "", 1, "file is empty"),
    "only_comments": ("lenses/x.yaml", "# nothing here yet\n", 1, "file is empty"),
    "a_list_not_a_mapping": ("lenses/x.yaml", "- 1\n- 2\n", 1, "a rule file must be a mapping"),
    # Tags never build objects: on a scalar the tag is refused, on a list it is ignored.
    "python_tag": ("lenses/x.yaml", "format: 1\nlenses: [!!python/name:os.system x]\n", 2, "bad value"),
    "python_tag_on_list": ("lenses/x.yaml", "format: 1\nlenses: !!python/object:os.system [ls]\n", 2, "each entry must be a mapping"),
    "two_documents": ("lenses/x.yaml", "format: 1\n---\nformat: 1\n", None, "invalid YAML"),
    "huge": ("lenses/x.yaml", None, 1, "file too large"),
    "junk_manifest": ("mod.yaml", b"\x89PNG\r\n\x1a\n\x00\x00junk", 1, "not UTF-8 text"),
    "manifest_missing_fields": ("mod.yaml", "id: m\n", 1, "Field required"),
    "unknown_kind": ("lenses/x.yaml", "format: 1\nlenzes: []\n", 2, "unknown kind of rule; did you mean 'lenses'?"),
}


@pytest.fixture
def check(user_home: Path, capsys: pytest.CaptureFixture):
    def run(*mod_dirs: Path) -> tuple[int, list[str], str]:
        args = ["check"] + [a for d in mod_dirs for a in ("--mods", str(d))]
        code = main(args)
        out = capsys.readouterr()
        return code, out.out.splitlines(), out.err

    return run


def assert_clean_report(code: int, lines: list[str], err: str) -> None:
    assert code == 1, (lines, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert lines, err
    for line in lines:
        assert LINE.match(line), f"not FILE:LINE: key.path: message: {line!r}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_file_gives_one_located_line(case: str, make_mod, check):
    rel, content, line, message = CASES[case]
    mod = make_mod("broken")
    path = mod / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is None:  # past the size limit: never read into memory whole
        with path.open("wb") as fh:
            fh.write(b"format: 1\n")
            fh.truncate(9 * 1024 * 1024)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    code, lines, err = check(mod)
    assert_clean_report(code, lines, err)
    mine = [LINE.match(x) for x in lines if LINE.match(x).group("file") == str(path)]
    assert mine, lines
    assert any(message in m.group("message") for m in mine), lines
    if line is not None:
        assert any(int(m.group("line")) == line for m in mine), lines


def test_a_clean_mod_passes(check):
    code, lines, err = check(ROOT / "examples" / "mods")
    assert code == 0 and lines == [], lines
    assert "courts-with-teeth@1.0" in err


def test_several_broken_mods_are_all_reported(make_mod, check):
    a = make_mod("a", {"lenses/x.yaml": ""})
    b = make_mod("b", {"lenses/y.yaml": "format: 1\nlenses:\n  - id: y\n"})
    code, lines, err = check(a.parent)
    assert_clean_report(code, lines, err)
    assert any(str(a / "lenses" / "x.yaml") in x for x in lines)
    assert any(x.startswith(f"{b / 'lenses' / 'y.yaml'}:3: lenses[0].name: Field required") for x in lines), lines


def test_mods_in_the_user_folder_are_checked(user_home: Path, check):
    mod = user_home / "mods" / "mine"
    (mod / "lenses").mkdir(parents=True)
    (mod / "mod.yaml").write_text('id: mine\nname: Mine\nversion: "1"\nformat: 1\n', encoding="utf-8")
    (mod / "lenses" / "x.yaml").write_text("format: 1\nlenses: 3\n", encoding="utf-8")
    code, lines, err = check()
    assert_clean_report(code, lines, err)
    assert lines == [f"{mod / 'lenses' / 'x.yaml'}:2: lenses: must be a list of entries (got 'int')"]


def test_a_missing_mods_folder_is_a_one_line_error(check, tmp_path: Path):
    code, lines, err = check(tmp_path / "nope")
    assert code == 1 and lines == [] and err.strip() == f"error: --mods {tmp_path / 'nope'}: no such folder"


def test_the_real_command_line_reports_and_exits_1(make_mod, user_home: Path):
    mod = make_mod("cli", {"lenses/x.yaml": b"\xff\xfe junk"})
    env = {**os.environ, "WORLD_ORDERS_HOME": str(user_home)}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--mods", str(mod)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stdout.splitlines() == [f"{mod / 'lenses' / 'x.yaml'}:1: (file): not UTF-8 text"]
