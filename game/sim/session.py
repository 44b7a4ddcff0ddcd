"""A game session: one esper world, one seeded RNG, the rules, and the turn loop.

    session = Session.new(rules, "2024", seed=1)
    session.submit(EnactPolicy("DEU", "climate_club"))   # -> Ok | Rejected(reason)
    report = session.end_turn()                          # decisions, resolution, report, then next turn's crises

The phases run in one explicit order (game.sim.phases.PHASES): crises, decisions, resolution,
report. A human decides between the crises phase of a turn and its decisions phase.
"""

from __future__ import annotations

import gc
import itertools
import random
from contextlib import contextmanager
from dataclasses import dataclass, field

import esper
import numpy as np

from game.rules import Ruleset
from game.sim.commands import Command, EndSeat, Rejected, Result
from game.sim.components import (
    CountryInfo,
    Crisis,
    Government,
    Institution,
    Proposal,
    Seat,
    Table,
    WorldState,
)
from game.sim.events import Event
from game.sim.history import EventLog

_world_names = itertools.count(1)


def freeze_long_lived() -> None:
    """Put everything alive now (the rules, the map) out of the cyclic garbage collector's
    reach. They live as long as the process, and a full collection walking their ~200,000
    objects stalls a turn, or a frame, for ~100 ms. Call once, right after loading the rules.

    The young generation is collected every YOUNG_GC allocations instead of Python's 700: a
    turn makes ~100,000 short-lived objects, nearly all freed by reference counting, and the
    default ran about two collections a turn for ~1 ms in all; at this size, once in ~30 turns."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GC, *gc.get_threshold()[1:])


YOUNG_GC = 10_000
BAD_SEASON_Q3 = {"sub_saharan_africa", "south_asia", "southeast_asia", "north_africa"}


def _institution_key(inst: Institution) -> str:
    return inst.def_id


def _uid_key(component: Crisis | Proposal) -> int:
    return int(component.uid[1:])


@dataclass
class TurnReport:
    turn: int
    state_hash: str
    events: list[Event] = field(default_factory=list)
    ms: float = 0.0


class Session:
    """Owns the world of one game. Switches esper to its own world before touching it."""

    def __init__(self, rules: Ruleset, scenario: str, seed: int, lens: str = "balanced",
                 difficulty: str = "normal"):
        self.rules = rules
        self.scenario = scenario
        self.seed = seed
        self.lens = lens
        self.difficulty = difficulty
        self.rng = random.Random(seed)
        self.world_name = f"session-{next(_world_names)}"
        self.events: list[Event] = []  # this turn's events
        self.history: list[dict] = []  # one record per finished turn
        self.log: EventLog = EventLog()  # every event of the game (older turns packed: game.sim.history)
        # Commands of the human seats per turn, for replays and saves. The AI's are not kept:
        # they follow from the seed and these (game.sim.replay re-derives them).
        self.commands: list[list[dict]] = [[]]
        self.motives: dict[str, list[dict]] = {}  # this turn's AI motives, by country
        self.last_motives: dict[str, list[dict]] = {}  # the AI motives of the turn just resolved (for the UI)
        self.seats_done: set[str] = set()
        self.acted: set[tuple] = set()
        self.breakdown: dict[str, list] = {}  # stat -> [(rule id, change)] this turn, for tooltips  # (turn, country, action, target) done this turn
        self._env: dict | None = None
        self._held = False
        self._stale = False
        self._govs: list[tuple[str, Government]] | None = None
        self._world: WorldState | None = None
        self._infos: dict[str, CountryInfo] = {}
        self.dry_run = False  # set only inside can()
        self.cache: dict = {}  # derived lookups keyed by what they derive from (never saved)
        self._sorted_memo: dict[type, tuple[list, list]] = {}  # see _sorted
        self._slots: dict[str, tuple[int, float, float]] = {}  # see change_country
        self._columns: dict[str, tuple[int, float, float]] = {}  # see game.sim.systems.dynamics.apply_column
        self._lens = rules.lenses.get(lens)
        self._factors: dict[tuple[str, ...], float] = {}
        self.rows: dict[str, int] = {}
        self._entities: dict[str, int] = {}
        self.activate()
        esper.clear_database()

    # ---- the esper world -----------------------------------------------------------------
    def activate(self) -> None:
        if esper.current_world != self.world_name:
            esper.switch_world(self.world_name)

    def close(self) -> None:
        """Free the esper world (tests and the UI call this when a game is dropped)."""
        if esper.current_world == self.world_name:
            esper.switch_world("default")
        if self.world_name in esper.list_worlds():
            esper.delete_world(self.world_name)

    @property
    def world(self) -> WorldState:
        if self._world is None:
            self.activate()
            self._world = esper.get_component(WorldState)[0][1]
        return self._world

    @property
    def table(self) -> Table:
        w = self._world  # read thousands of times a turn: skip the second property call
        return (w if w is not None else self.world).table

    @property
    def turn(self) -> int:
        w = self._world
        return (w if w is not None else self.world).turn

    def year_fraction(self) -> float:
        w = self.world
        q = w.start_quarter - 1 + w.turn
        return w.start_year + (q // 4) + (q % 4) / 4.0

    def date(self) -> tuple[int, int]:
        w = self.world
        q = w.start_quarter - 1 + w.turn
        return w.start_year + q // 4, q % 4 + 1

    def date_text(self) -> str:
        year, quarter = self.date()
        return f"Q{quarter} {year}"

    def is_bad_season(self, code: str) -> bool:
        """Rainy season (Q3) in the tropics, winter (Q1) elsewhere: the worst quarter for aid convoys."""
        _, quarter = self.date()
        region = self.info(code).region
        return quarter == 3 if region in BAD_SEASON_Q3 else quarter == 1

    # ---- reading the state ----------------------------------------------------------------
    def row(self, code: str) -> int:
        return self.rows[code]

    def entity(self, code: str) -> int:
        return self._entities[code]

    def info(self, code: str) -> CountryInfo:
        found = self._infos.get(code)
        if found is None:
            self.activate()
            found = self._infos[code] = esper.component_for_entity(self._entities[code], CountryInfo)
        return found

    def government(self, code: str) -> Government:
        self.activate()
        return esper.component_for_entity(self._entities[code], Government)

    def governments(self) -> list[tuple[str, Government]]:
        """(code, Government) in code order. Countries never appear or vanish mid-game, so the
        list is built once; the Government objects in it are the live components."""
        if self._govs is None:
            self.activate()
            self._govs = sorted(((esper.component_for_entity(e, CountryInfo).code, g)
                                 for e, g in esper.get_component(Government)), key=lambda x: x[0])
        return self._govs

    def _memo(self, kind: type, key) -> tuple:
        """(esper's list, the components sorted by key[, an index]) for one kind. esper hands back
        the same cached list until an entity or component of any kind is added or removed;
        when its new list holds the very same components (another kind changed: a proposal
        was made), the sort and the index still hold and are kept."""
        self.activate()
        raw = esper.get_component(kind)
        memo = self._sorted_memo.get(kind)
        if memo is None or memo[0] is not raw:
            old = memo[0] if memo is not None else None
            if old is not None and len(old) == len(raw) and all(a[1] is b[1] for a, b in zip(old, raw, strict=True)):
                memo = self._sorted_memo[kind] = (raw, *memo[1:])
            else:
                memo = self._sorted_memo[kind] = (raw, sorted((c for _, c in raw), key=key))
        return memo

    def _sorted(self, kind: type, key) -> list:
        """Components of one kind in a stable order (a new list: callers may change it)."""
        return list(self._memo(kind, key)[1])

    def institutions(self) -> list[Institution]:
        return self._sorted(Institution, _institution_key)

    def institution(self, def_id: str) -> Institution | None:
        memo = self._memo(Institution, _institution_key)
        if len(memo) < 3:  # index the ids once per change of the institution list (the first of an id wins)
            index: dict[str, Institution] = {}
            for inst in memo[1]:
                index.setdefault(inst.def_id, inst)
            memo = self._sorted_memo[Institution] = (*memo, index)
        return memo[2].get(def_id)

    def crises(self) -> list[Crisis]:
        return self._sorted(Crisis, _uid_key)

    def crisis(self, uid: str) -> Crisis | None:
        memo = self._memo(Crisis, _uid_key)
        if len(memo) < 3:  # index the uids once per change of the crisis list
            memo = self._sorted_memo[Crisis] = (*memo, {c.uid: c for c in memo[1]})
        return memo[2].get(uid)

    def proposals(self) -> list[Proposal]:
        return self._sorted(Proposal, _uid_key)

    def human_codes(self) -> list[str]:
        self.activate()
        return sorted(esper.component_for_entity(e, CountryInfo).code for e, _ in esper.get_component(Seat))

    def is_human(self, code: str) -> bool:
        self.activate()
        return esper.has_component(self._entities[code], Seat)

    def stat(self, code: str, stat: str) -> float:
        w = self._world
        t = (w if w is not None else self.world).table
        slot = self._slots.get(stat)  # a figure changed before (never a movement: see change_country)
        if slot is not None:
            j = slot[0]
            ids = t.stat_ids
            if j < len(ids) and ids[j] == stat:
                return t.stats.item(self.rows[code], j)
        if stat.startswith("movement."):
            return float(t.movements[self.rows[code], t.movement_ids.index(stat[9:])])
        return float(t.stats[self.rows[code], t.stat_ids.index(stat)])

    def is_permanent(self, code: str) -> bool:
        return any(code in i.permanent for i in self.institutions())

    def members_of(self, def_id: str) -> list[str]:
        inst = self.institution(def_id)
        return [c for c in inst.members if c not in inst.suspended] if inst else []

    def env(self) -> dict:
        """Every expression name for every country; cached until the structure changes."""
        if self._env is None:
            from game.sim.derive import country_env

            self._env = country_env(self)
        return self._env

    def invalidate(self) -> None:
        """The structure changed (a policy, a membership, a crisis): derived figures must be
        recomputed. While held (the AI's decisions), they are recomputed once at the end."""
        if self._held:
            self._stale = True
        else:
            self._env = None

    @contextmanager
    def hold_env(self):
        """Keep derived figures as they were at the start of a batch of decisions."""
        self._held, self._stale = True, False
        try:
            yield
        finally:
            self._held = False
            if self._stale:
                self._env = None

    # ---- changing the state (effects call these) -----------------------------------------
    def lens_factor(self, claims: tuple[str, ...]) -> float:
        if self._lens is None or not claims:
            return 1.0
        found = self._factors.get(claims)
        if found is None:
            weights = [self._lens.weights.get(c, 1.0) for c in claims]
            found = self._factors[claims] = float(np.mean(weights))
        return found

    def _bounds(self, stat: str) -> tuple[float, float]:
        d = self.rules.stats.get(stat)
        return (d.min, d.max) if d else (0.0, 100.0)

    # The clamps below are min(hi, max(lo, x)) written out: `x if x > lo else lo` is what
    # max(lo, x) returns (the first argument unless a later one is greater), and
    # `x if x < hi else hi` what min(hi, x) returns; the builtins cost ten times as much here.

    def change_country(self, row: int, stat: str, amount: float, preview: bool = False) -> float:
        w = self._world  # self.table without the property call: thousands of calls a turn
        t = (w if w is not None else self.world).table
        slot = self._slots.get(stat)  # (column, min, max): looked up once, checked every time
        if slot is not None:
            j, lo, hi = slot
            ids = t.stat_ids
            if j < len(ids) and ids[j] == stat:  # the usual case: a figure changed before
                old = t.stats.item(row, j)  # a Python float: the same arithmetic as NumPy's, without its overhead
                new = old + amount
                new = new if new > lo else lo
                new = new if new < hi else hi
                if not preview:
                    t.stats[row, j] = new
                done = new - old
                return done if type(done) is float else float(done)
        if stat.startswith("movement."):
            if stat[9:] not in t.movement_ids:
                return 0.0
            j = t.movement_ids.index(stat[9:])
            old = t.movements.item(row, j)  # a Python float, as for the stats below
            new = min(100.0, max(0.0, old + amount))
            if not preview:
                t.movements[row, j] = new
            return float(new - old)
        slot = self._slots.get(stat)  # (column, min, max): looked up once, checked every time
        if slot is None or slot[0] >= len(t.stat_ids) or t.stat_ids[slot[0]] != stat:
            lo, hi = self._bounds(stat)
            if stat == "capital":
                hi = min(hi, self.rules.settings.capital_cap)
            slot = self._slots[stat] = (t.stat_ids.index(stat), lo, hi)
        j, lo, hi = slot
        old = t.stats.item(row, j)  # a Python float: the same arithmetic as NumPy's, without its overhead
        new = min(hi, max(lo, old + amount))
        if not preview:
            t.stats[row, j] = new
        return float(new - old)

    def change_relation(self, a: int, b: int, amount: float, preview: bool = False) -> float:
        w = self._world
        rel = (w if w is not None else self.world).table.relations
        old = rel.item(a, b)
        new = old + amount
        new = new if new > -100.0 else -100.0
        new = new if new < 100.0 else 100.0
        if not preview:
            rel[a, b] = rel[b, a] = new
        done = new - old
        return done if type(done) is float else float(done)

    def clamp_world(self, key: str, amount: float, preview: bool = False) -> float:
        lo, hi = self._bounds(key)
        old = self.table.world[key]
        new = min(hi, max(lo, old + amount))
        if not preview:
            self.table.world[key] = new
        return float(new - old)

    def change_crisis(self, crisis: Crisis, field: str, amount: float, preview: bool = False) -> float:
        if field not in ("severity", "protection", "forces", "diverted"):
            return 0.0
        hi = 1.0 if field == "diverted" else 100.0
        old = getattr(crisis, field)
        new = old + amount
        new = new if new > 0.0 else 0.0
        new = new if new < hi else hi
        if not preview:
            setattr(crisis, field, new)
        return float(new - old)

    def change_institution(self, inst: Institution, field: str, amount: float, preview: bool = False) -> float:
        if field not in ("legitimacy", "power"):
            return 0.0
        old = getattr(inst, field)
        new = old + amount
        new = new if new > 0.0 else 0.0
        new = new if new < 100.0 else 100.0
        if not preview:
            setattr(inst, field, new)
        return float(new - old)

    def emit(self, kind: str, text: str, who: tuple[str, ...] = (), claims: tuple[str, ...] = (), **data) -> Event:
        w = self._world
        if w is None:
            w = self.world
        event = Event(w.turn, kind, text, who, tuple(claims), data)
        self.events.append(event)
        counters = w.counters
        counters[kind] = counters.get(kind, 0) + 1
        return event

    def new_uid(self, prefix: str) -> str:
        w = self.world
        uid = f"{prefix}{w.next_uid}"
        w.next_uid += 1
        return uid

    # ---- commands and turns -----------------------------------------------------------------
    def submit(self, command: Command) -> Result:
        """Carry out a command now, or say why not. Never raises for a bad command."""
        from game.sim.handlers import handle

        refused = self._refuse(command)
        if refused is not None:
            return refused
        if isinstance(command, EndSeat):
            self.seats_done.add(command.country)
            return self._ok()
        result = handle(self, command)
        if result and self.is_human(command.country):
            self.commands[-1].append(command.to_json())
        return result

    def _refuse(self, command: Command) -> Result | None:
        """The checks every command meets before its own handler: shared by submit and can."""
        self.activate()
        if self.world.outcome is not None:
            return Rejected("the game is over")
        if command.country not in self.rows:
            return Rejected(f"no country {command.country!r}")
        if isinstance(command, EndSeat) and not self.is_human(command.country):
            return Rejected("only a human seat ends its own decisions")
        return None

    def can(self, command: Command) -> Result:
        """Would submit(command) be accepted now? Checks everything, changes nothing."""
        from game.sim.handlers import handle

        refused = self._refuse(command)
        if refused is not None:
            return refused
        if isinstance(command, EndSeat):
            return self._ok()
        self.dry_run = True
        try:
            return handle(self, command)
        finally:
            self.dry_run = False

    def scores(self) -> dict[str, dict[str, float]]:
        """Victory id -> {country: progress 0-100}, for the game-over and victory screens."""
        from game.sim.systems.politics import victory_scores

        return victory_scores(self)

    def _ok(self) -> Result:
        from game.sim.commands import Ok

        return Ok()

    def pending_seats(self) -> list[str]:
        """Human countries that have not yet finished their decisions this turn (hot-seat)."""
        return [c for c in self.human_codes() if c not in self.seats_done]

    @property
    def over(self) -> bool:
        return self.world.outcome is not None

    def end_turn(self) -> TurnReport:
        """Run decisions, resolution and report for this turn, then the next turn's crises."""
        from game.sim.phases import run_turn

        self.activate()
        decided = self.motives  # the AI fills this dict in the decisions phase; start_turn replaces it
        report = run_turn(self)
        self.last_motives = decided
        return report

    def state_hash(self) -> str:
        from game.sim.hashing import state_hash

        return state_hash(self)
