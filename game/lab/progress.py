"""The lab's progress bar on stderr: redrawn in place on a terminal, one line per game otherwise
(so CI logs and pipes stay readable)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, lenses: list[str], stream: TextIO | None = None, width: int = 28):
        self.total = total
        self.done = 0
        self.failed = 0
        self.by_lens = dict.fromkeys(lenses, 0)
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())

    def line(self) -> str:
        filled = int(self.width * self.done / max(1, self.total))
        bar = "#" * filled + "-" * (self.width - filled)
        per = " · ".join(f"{lens} {n}" for lens, n in self.by_lens.items())
        elapsed = time.monotonic() - self.started
        eta = ""
        if 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            eta = f"  about {int(left // 60)}m{int(left % 60):02d}s left"
        failed = f"  {self.failed} failed" if self.failed else ""
        return f"lab [{bar}] {self.done}/{self.total} games ({per}){failed}{eta}"

    def update(self, result: dict) -> None:
        self.done += 1
        lens = result.get("lens", "?")
        self.by_lens[lens] = self.by_lens.get(lens, 0) + 1
        if "error" in result:
            self.failed += 1
        text = self.line()
        try:
            if self.live:
                self.stream.write("\r\x1b[2K" + text)
            else:
                outcome = result.get("outcome", {})
                what = "failed" if "error" in result else (outcome.get("kind", "?") + (f" ({outcome.get('doctrine')})" if outcome.get("doctrine") else ""))
                self.stream.write(f"{text}  [{lens} seed {result.get('seed')}: {what}]\n")
            self.stream.flush()
        except (OSError, ValueError):  # a closed or missing stream must not stop the lab
            pass

    def finish(self) -> None:
        if self.live:
            try:
                self.stream.write("\n")
                self.stream.flush()
            except (OSError, ValueError):
                pass
