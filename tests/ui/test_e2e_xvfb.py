"""End to end: `python main.py` in a real X window (Xvfb), driven by xdotool like a player.

Menu -> New game -> click Germany on the map -> Start -> End turn (Enter) -> the report (the
turn is autosaved) -> back to the map -> Menu -> Quit (nothing unsaved: no offer to save). Screenshots are taken with ImageMagick's
`import` and must not be blank. The game tells where its buttons are and what happened
through the probe file (WORLD_ORDERS_PROBE); the clicks and keys are real X input.

Skipped, saying why, when Xvfb, xdotool or ImageMagick is missing (.ci/run installs them).
Set WORLD_ORDERS_E2E_SHOTS=folder to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "import")
WAIT = 60.0  # generous: a cold start on a slow CI machine; never a speed assertion


def _missing() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


@pytest.fixture()
def display():
    missing = _missing()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xauth xdotool imagemagick)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    end = time.time() + 20
    while not number.endswith(b"\n") and time.time() < end:
        ready, _, _ = select.select([read], [], [], 0.5)
        if ready:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
    os.close(read)
    if not number.strip():
        xvfb.kill()
        pytest.fail("Xvfb did not report a display number")
    yield f":{number.decode().strip()}"
    xvfb.terminate()
    xvfb.wait(10)


class Game:
    """The game process, its probe file and the X tools, on one display."""

    def __init__(self, display: str, home: Path):
        self.home = home
        self.probe = home / "probe.json"
        self.env = {**os.environ, "DISPLAY": display, "WORLD_ORDERS_HOME": str(home),
                    "WORLD_ORDERS_PROBE": str(self.probe), "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
        self.log = open(home / "game.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([sys.executable, "main.py", "play", "--size", "1280x720", "--windowed"],
                                     cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.state: dict = {}

    def x(self, *args: str) -> str:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30).stdout

    def wait(self, what: str, pred) -> dict:
        """Poll the probe until pred(state) holds; fail with what the game last said."""
        end = time.time() + WAIT
        while time.time() < end:
            if self.proc.poll() is not None:
                break
            try:
                self.state = json.loads(self.probe.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.state = {}
            if self.state and pred(self.state):
                return self.state
            time.sleep(0.1)
        self.log.flush()
        tail = (self.home / "game.log").read_text(errors="replace")[-2000:]
        pytest.fail(f"waiting for {what}: last probe {json.dumps(self.state)[:600]}\ngame output:\n{tail}")

    def click(self, x: int, y: int) -> None:
        self.x("xdotool", "mousemove", "--sync", str(x), str(y))
        time.sleep(0.15)  # let the game see the pointer arrive (hover) before the press
        self.x("xdotool", "click", "1")

    def click_button(self, command: str) -> None:
        found = self.state["buttons"].get(command)
        assert found is not None, f"no button {command!r} on {self.state.get('screen')}"
        assert found[2], f"button {command!r} is disabled"
        self.click(found[0], found[1])

    def key(self, name: str) -> None:
        self.x("xdotool", "key", name)

    def shot(self, name: str) -> Path:
        path = self.home / f"{name}.png"
        self.x("import", "-window", "root", str(path))
        keep = os.environ.get("WORLD_ORDERS_E2E_SHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / path.name)
        return path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()


def assert_not_blank(path: Path) -> None:
    """A real screen has many colours and no single colour covering almost everything."""
    import numpy as np
    import pygame

    assert path.exists() and path.stat().st_size > 0, f"no screenshot at {path}"
    pixels = pygame.surfarray.array3d(pygame.image.load(str(path))).reshape(-1, 3).astype(np.int64)
    packed = pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    background = counts.max() / packed.size
    assert len(values) > 64, f"{path.name}: only {len(values)} colours"
    assert background < 0.9, f"{path.name}: one colour covers {background:.0%} of the screen"


def test_new_game_and_end_turn_in_a_real_window(display, tmp_path):
    game = Game(display, tmp_path)
    try:
        game.wait("the main menu", lambda s: s["screen"] == "MenuScreen" and "new" in s["buttons"])
        assert game.state["window"] == [1280, 720]
        assert_not_blank(game.shot("menu"))
        game.click_button("new")
        game.wait("the setup screen with the map", lambda s: s["screen"] == "SetupScreen" and "DEU" in s.get("points", {}))
        game.click(*game.state["points"]["DEU"])
        game.wait("Germany chosen", lambda s: s.get("country") == "DEU" and s["buttons"].get("start", [0, 0, 0])[2])
        assert_not_blank(game.shot("setup"))
        game.click_button("start")
        state = game.wait("the world map", lambda s: s["screen"] == "WorldScreen" and s["turn"] == 0)
        assert state["seat"] == "DEU" and state["selected"] == "DEU"
        assert_not_blank(game.shot("world"))
        game.key("Return")  # End turn
        state = game.wait("the turn report", lambda s: s["screen"] == "ReportScreen" and s["turn"] == 1)
        assert not state["busy"] and state["stack"] == ["WorldScreen", "ReportScreen"]
        assert_not_blank(game.shot("report"))
        game.key("Return")
        game.wait("back on the map", lambda s: s["screen"] == "WorldScreen" and "menu" in s["buttons"])
        game.click_button("menu")
        game.wait("the menu over the game", lambda s: s["screen"] == "MenuScreen" and "quit" in s["buttons"])
        autosaves = sorted((game.home / "saves" / "autosave").glob("autosave-*.json"))
        assert [p.name for p in autosaves] == ["autosave-2024-t0001.json"], "the turn was not autosaved"
        game.click_button("quit")  # the autosave holds the game: it quits without asking
        assert game.proc.wait(WAIT) == 0, "the game did not quit cleanly"
    finally:
        game.stop()
