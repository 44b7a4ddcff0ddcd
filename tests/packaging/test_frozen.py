"""Builds the PyInstaller package (build.spec) and runs the frozen binary: the same game as
from source, the rules read from the editable folder beside it, mods checked and loaded.

Slow (a build of about a minute) but run in CI: a broken spec is only found by building.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
EXE = "WorldOrders.exe" if os.name == "nt" else "WorldOrders"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install pyinstaller, or use the dev dependencies)")
    tmp = tmp_path_factory.mktemp("frozen")
    out = subprocess.run([sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm", "--log-level", "WARN",
                          "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work")],
                         capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert out.returncode == 0, out.stderr[-4000:]
    folder = tmp / "dist" / "WorldOrders"
    assert (folder / EXE).is_file()
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def run(command: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["WORLD_ORDERS_HOME"] = str(home)
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


def frozen(build: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    # Run from an unrelated folder: the binary must find its rules beside itself, not in cwd.
    elsewhere = home.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return run([str(build / EXE), *args], home, elsewhere)


def last_json(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_build_has_editable_rules_and_bundled_assets(build: Path):
    assert (build / "rules" / "settings.yaml").is_file() and (build / "rules" / "schemas" / "lenses.schema.json").is_file()
    assert (build / "examples" / "mods" / "courts-with-teeth" / "mod.yaml").is_file()
    assert (build / "MODDING.md").is_file()
    assert list(build.rglob("DejaVuSans.ttf")) and list(build.rglob("world-110m.json"))


def test_sim_gives_the_same_hashes_as_from_source(build: Path, home: Path):
    args = ["sim", "--scenario", "2019", "--turns", "3", "--seed", "7", "--quiet"]
    source = last_json(run([sys.executable, str(ROOT / "main.py"), *args], home, ROOT))
    packaged = last_json(frozen(build, home, *args))
    assert packaged["turn_hashes"] == source["turn_hashes"] and len(packaged["turn_hashes"]) == 3
    assert packaged["state_hash"] == source["state_hash"]


def test_check_is_clean(build: Path, home: Path):
    out = frozen(build, home, "check")
    assert out.returncode == 0 and out.stdout == "", out.stdout + out.stderr
    assert "rules ok" in out.stderr and "layers base" in out.stderr


def test_check_reports_a_broken_mod_with_file_and_line(build: Path, home: Path, tmp_path: Path):
    mod = tmp_path / "broken"
    (mod / "lenses").mkdir(parents=True)
    (mod / "mod.yaml").write_text('id: broken\nname: Broken\nversion: "1"\nformat: 1\n', encoding="utf-8")
    (mod / "lenses" / "x.yaml").write_text("format: 1\nlenses:\n  - id: x\n    name: X\n    weights: lots\n", encoding="utf-8")
    out = frozen(build, home, "check", "--mods", str(mod))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    assert f"{mod / 'lenses' / 'x.yaml'}:3: lenses[0].description: Field required" in lines
    assert f"{mod / 'lenses' / 'x.yaml'}:5: lenses[0].weights: Input should be a valid dictionary (got 'lots')" in lines


def test_the_user_mods_folder_and_a_mod_lens_work(build: Path, home: Path):
    shutil.copytree(build / "examples" / "mods" / "courts-with-teeth", home / "mods" / "courts-with-teeth")
    out = frozen(build, home, "check")
    assert out.returncode == 0 and "courts-with-teeth@1.0" in out.stderr, out.stderr
    summary = last_json(frozen(build, home, "sim", "--turns", "1", "--lens", "legalist", "--quiet"))
    assert summary["lens"] == "legalist"


def test_the_rules_beside_the_binary_are_the_ones_read(build: Path, home: Path):
    extra = build / "rules" / "lenses" / "zz_edited.yaml"
    extra.write_text("format: 1\nlenses:\n  - id: edited\n    name: Edited\n", encoding="utf-8")
    try:
        out = frozen(build, home, "check")
    finally:
        extra.unlink()
    assert out.returncode == 1
    assert out.stdout.splitlines() == [f"{extra}:3: lenses[0].description: Field required"]
