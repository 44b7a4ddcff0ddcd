"""What is kept of each turn: the hash, the time it took, the figures charts draw, and the log
of every event of the game."""

from __future__ import annotations

import base64
import bisect
import json
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

import numpy as np

from game.sim.events import Event

if TYPE_CHECKING:
    from game.sim.session import Session

CHART_STATS = ("gdp", "growth", "approval", "stability", "democracy", "polarisation", "military", "capital", "alignment")


def record_turn(session: Session, digest: str, ms: float) -> None:
    t = session.table
    # array('d'): 8 bytes a figure instead of a 24-byte float object in a list; it indexes and
    # iterates like a list, and game.sim.serial writes it out as one. Rounded for the charts'
    # labels by NumPy (Python's round() per figure was 2% of a turn); not part of the state hash.
    figures = {s: array("d", np.round(t.stats[:, t.stat_ids.index(s)], 3).tolist())
               for s in CHART_STATS if s in t.stat_ids}
    session.history.append({
        "turn": session.turn,
        "date": session.date_text(),
        "hash": digest,
        "ms": round(ms, 3),
        "world": {k: round(float(v), 3) for k, v in sorted(t.world.items())},
        "crises": len(session.crises()),
        "figures": figures,
    })


def _plain(value: object) -> object:
    """json.dumps fallback: NumPy numbers and arrays, tuples inside event data."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (np.ndarray, array)):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in the event log")


def pack(events: Sequence[Event]) -> str:
    """A chunk of events as compressed JSON in base64 text (for memory and for saves): each
    event a row [turn, kind, text, who, claims, data]."""
    rows = [[e.turn, e.kind, e.text, e.who, e.claims, e.data] for e in events]
    text = json.dumps(rows, separators=(",", ":"), check_circular=False, default=_plain)
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def unpack(blob: str) -> list[Event]:
    """Raises ValueError (binascii.Error, zlib.error, JSON errors, KeyError...) when damaged."""
    try:
        raw = json.loads(zlib.decompress(base64.b64decode(blob.encode("ascii"), validate=True)))
        return [Event(int(r[0]), str(r[1]), str(r[2]), tuple(r[3]), tuple(r[4]), dict(r[5])) if isinstance(r, list)
                else Event.from_json(r) for r in raw]
    except (zlib.error, KeyError, IndexError, TypeError, AttributeError, UnicodeError) as exc:
        raise ValueError(f"damaged event log chunk ({type(exc).__name__})") from None


class EventLog(Sequence[Event]):
    """Every event of the game, oldest first, read like a list.

    A turn brings ~500 events; kept as objects for a whole game they would be the largest and
    an ever-growing part of a session's memory and of every save. So each turn's events
    (one extend() call) form a chunk, and all but the newest RECENT chunks are packed as
    compressed JSON (about 1/20 of the memory). Reading old events unpacks their chunk.
    """

    RECENT = 2

    def __init__(self, events: Iterable[Event] = ()):
        self._packed: list[str] = []
        self._packed_ends: list[int] = []  # cumulative event count at the end of each packed chunk
        self._recent: list[list[Event]] = []
        self._len = 0
        events = list(events)
        if events:
            self.extend(events)

    # ---- adding ----------------------------------------------------------------------------
    def extend(self, events: Iterable[Event]) -> None:
        chunk = list(events)
        if not chunk:
            return
        self._recent.append(chunk)
        self._len += len(chunk)
        while len(self._recent) > self.RECENT:
            self._add_packed(pack(self._recent[0]), len(self._recent[0]))
            del self._recent[0]

    def append(self, event: Event) -> None:
        self.extend([event])

    def _add_packed(self, blob: str, count: int) -> None:
        start = self._packed_ends[-1] if self._packed_ends else 0
        self._packed.append(blob)
        self._packed_ends.append(start + count)

    # ---- saving ------------------------------------------------------------------------------
    def to_json(self) -> dict:
        """{"packed": [[count, blob]...], "recent": [[event...]...]}: old chunks stay packed."""
        counts = np.diff([0, *self._packed_ends]).tolist()
        return {"packed": [[c, b] for c, b in zip(counts, self._packed, strict=True)],
                "recent": [[e.to_json() for e in chunk] for chunk in self._recent]}

    @classmethod
    def from_json(cls, data: object) -> EventLog:
        """From to_json's output, or from a plain list of events (format 1). Packed chunks stay
        packed (checked when first read); raises ValueError/TypeError/KeyError when malformed."""
        log = cls()
        if isinstance(data, list):
            log.extend(Event.from_json(d) for d in data)
            return log
        if not isinstance(data, dict):
            raise TypeError("the event log is neither a list nor a packed log")
        for count, blob in data.get("packed", []):
            if not isinstance(blob, str) or not isinstance(count, int) or count < 1:
                raise ValueError("malformed packed event chunk")
            log._add_packed(blob, count)
            log._len += count
        for chunk in data.get("recent", []):
            events = [Event.from_json(d) for d in chunk]
            if events:
                log._recent.append(events)
                log._len += len(events)
        return log

    # ---- reading -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._len

    def _chunk(self, i: int) -> list[Event]:
        events = unpack(self._packed[i])
        expected = self._packed_ends[i] - (self._packed_ends[i - 1] if i else 0)
        if len(events) != expected:
            raise ValueError("damaged event log chunk (wrong count)")
        return events

    def __iter__(self) -> Iterator[Event]:
        for i in range(len(self._packed)):
            yield from self._chunk(i)
        for chunk in self._recent:
            yield from chunk

    def __reversed__(self) -> Iterator[Event]:
        for chunk in reversed(self._recent):
            yield from reversed(chunk)
        for i in reversed(range(len(self._packed))):
            yield from reversed(self._chunk(i))

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            if step == 1 and start >= self._packed_len():
                return self._recent_flat()[start - self._packed_len():stop - self._packed_len()]
            return list(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("event log index out of range")
        packed = self._packed_len()
        if index >= packed:
            return self._recent_flat()[index - packed]
        i = bisect.bisect_right(self._packed_ends, index)
        return self._chunk(i)[index - (self._packed_ends[i - 1] if i else 0)]

    def _packed_len(self) -> int:
        return self._packed_ends[-1] if self._packed_ends else 0

    def _recent_flat(self) -> list[Event]:
        return [e for chunk in self._recent for e in chunk]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (EventLog, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EventLog({self._len} events, {len(self._packed)} packed chunks)"
