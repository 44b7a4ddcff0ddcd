"""World Orders. Run `python main.py --help` for the commands."""

import os
import sys

# pygame prints a "pygame-ce 2.x (SDL ...)" banner when first imported; the game has its own.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.cli import main  # noqa: E402  (the environment above must be set first)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
