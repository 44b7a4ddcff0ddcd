"""Sets up a .venv at the repository root with the pinned dependencies, then runs a command in it.

    python3 bootstrap.py play          set up, then open the game
    python3 bootstrap.py test [ARGS]   set up, then run the whole test suite (ARGS go to pytest)
    python3 bootstrap.py run ARGS      set up, then run: python main.py ARGS

Only the standard library is used here, so it works on a fresh machine with Python 3.11+.
The install is skipped when requirements.lock has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".lock-sha256"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - bootstrap may run on an older python3
        sys.exit(f"World Orders needs Python 3.11 or newer (this is {sys.version.split()[0]}).")
    py = venv_python()
    if not py.exists():
        print("bootstrap: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        print("bootstrap: installing pinned dependencies from requirements.lock", file=sys.stderr)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(LOCK)],
            check=True,
        )
        STAMP.write_text(digest)
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    cmd, rest = argv[0], argv[1:]
    py = ensure_venv()
    if cmd == "play":
        args = [str(py), str(ROOT / "main.py"), "play", *rest]
    elif cmd == "test":
        args = [str(py), "-m", "pytest", *rest]
    elif cmd == "run":
        args = [str(py), str(ROOT / "main.py"), *rest]
    else:
        print(f"bootstrap: unknown command {cmd!r} (expected play, test or run)", file=sys.stderr)
        return 2
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
