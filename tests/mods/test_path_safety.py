"""Every path a mod names or contains must stay inside the mod folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.rules import load_rules, load_with_fallback
from game.rules.modfiles import check_name

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
LENS = "format: 1\nlenses:\n  - id: {0}\n    name: {0}\n    description: d\n"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                    reason="symbolic links need privileges on Windows")


@pytest.mark.parametrize(("name", "why"), [
    ("../outside.png", "`..` is not allowed"),
    ("images/../../outside.png", "`..` is not allowed"),
    ("..\\outside.png", "`..` is not allowed"),
    ("/etc/passwd", "absolute paths are not allowed"),
    ("\\\\server\\share\\x.png", "absolute paths are not allowed"),
    ("C:\\Windows\\win.ini", "drive letters are not allowed"),
    ("c:relative.png", "drive letters are not allowed"),
    ("", "expected a file path"),
    ("a\x00b", "NUL"),
])
def test_names_leading_out_are_refused(tmp_path: Path, name: str, why: str):
    path, problem = check_name(tmp_path, name)
    assert path is None and why in problem


def test_names_inside_resolve_inside(tmp_path: Path):
    (tmp_path / "images").mkdir()
    path, problem = check_name(tmp_path, "images/preview.png")
    assert problem is None and path == (tmp_path / "images" / "preview.png").resolve()
    assert check_name(tmp_path, "./images/./preview.png")[0] == path


@needs_symlinks
def test_a_name_through_a_link_out_is_refused(tmp_path: Path):
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "images").symlink_to(tmp_path)
    path, problem = check_name(mod, "images/secret.png")
    assert path is None and "leads out of the mod folder through a link" in problem


@pytest.mark.parametrize(("preview", "why"), [
    ("../secret.png", "`..` is not allowed"),
    ("/etc/hostname", "absolute paths are not allowed"),
    ("C:/Windows/win.ini", "drive letters are not allowed"),
    ("missing.png", "no such file in the mod folder"),
])
def test_a_manifest_preview_outside_the_mod_is_reported_at_its_line(make_mod, preview: str, why: str):
    mod = make_mod("pics", preview=preview)
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert len(lines) == 1 and lines[0].startswith(f"{mod / 'mod.yaml'}:5: preview: {why}"), lines


def test_a_preview_inside_the_mod_is_accepted(make_mod):
    mod = make_mod("pics", {"preview.png": b"\x89PNG\r\n"}, preview="preview.png")
    result = load_rules(RULES, [mod])
    assert result.ok and result.mods[0].preview == (mod / "preview.png").resolve()


@needs_symlinks
def test_a_rule_file_linking_out_is_refused_and_not_read(make_mod, tmp_path: Path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(LENS.format("stolen"), encoding="utf-8")
    mod = make_mod("linker", {"lenses/ok.yaml": LENS.format("fine")})
    (mod / "lenses" / "evil.yaml").symlink_to(outside)
    result = load_rules(RULES, [mod])
    lines = [str(p) for p in result.problems]
    assert lines == [f"{mod / 'lenses' / 'evil.yaml'}:1: (file): links out of the mod folder are not allowed (mods must ship their own files)"]
    fallback = load_with_fallback(RULES, [mod])
    assert "stolen" not in fallback.ruleset.lenses and not fallback.mods[0].enabled


@needs_symlinks
def test_a_folder_linking_out_is_refused(make_mod, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text(LENS.format("stolen"), encoding="utf-8")
    mod = make_mod("dirlink")
    (mod / "lenses").symlink_to(elsewhere, target_is_directory=True)
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert lines == [f"{mod / 'lenses'}:1: (file): links out of the mod folder are not allowed (mods must ship their own files)"]


@needs_symlinks
def test_a_manifest_linking_out_is_refused(tmp_path: Path):
    mod = tmp_path / "mods" / "m"
    mod.mkdir(parents=True)
    real = tmp_path / "real.yaml"
    real.write_text('id: m\nname: M\nversion: "1"\nformat: 1\n', encoding="utf-8")
    (mod / "mod.yaml").symlink_to(real)
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert len(lines) == 1 and "mod.yaml leads out of the mod folder through a link" in lines[0]


@needs_symlinks
def test_links_inside_the_mod_are_fine(make_mod):
    mod = make_mod("inner", {"data/lens.yaml": LENS.format("inner")})
    (mod / "lenses").mkdir()
    (mod / "lenses" / "alias.yml").symlink_to(mod / "data" / "lens.yaml")
    result = load_rules(RULES, [mod])
    # The same file read twice through the link: a duplicate id, reported, not a safety problem.
    lines = [str(p) for p in result.problems]
    assert all("links out" not in line for line in lines)
    assert len(lines) == 1 and "duplicate lenses id" in lines[0], lines


def test_a_fifo_named_like_a_rule_file_does_not_hang(make_mod):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    mod = make_mod("fifo")
    (mod / "lenses").mkdir()
    os.mkfifo(mod / "lenses" / "pipe.yaml")
    lines = [str(p) for p in load_rules(RULES, [mod]).problems]
    assert lines == [f"{mod / 'lenses' / 'pipe.yaml'}:1: (file): not a regular file"]
