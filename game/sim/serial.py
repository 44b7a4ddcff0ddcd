"""The whole session as plain data, and back. Used by saves and by the state hash.

Format 2 (game.sim.save.SAVE_VERSION): arrays are base64 of their little-endian float64 bytes
(exact, and ten times faster to write and read than lists of numbers), the event log keeps
its packed chunks (game.sim.history.EventLog), and only the human seats' commands are kept.
A save is data: nothing in it is ever evaluated or run.
"""

from __future__ import annotations

import base64
import binascii
import random
from array import array
from dataclasses import fields
from typing import TYPE_CHECKING

import esper
import numpy as np

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

if TYPE_CHECKING:
    from game.rules import Ruleset
    from game.sim.session import Session

WORLD_FIELDS = [f.name for f in fields(WorldState) if f.name != "table"]
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj: object) -> dict:
    """A component's fields as a dict, without copying (asdict deep-copies every list). The
    field names are looked up once per class: this runs for every entity at every state hash."""
    names = _FIELD_NAMES.get(type(obj))
    if names is None:
        names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in fields(obj))  # type: ignore[arg-type]
    return {name: getattr(obj, name) for name in names}


def snapshot(session: Session) -> dict:
    """Canonical plain data of the state (arrays kept as NumPy under "arrays")."""
    session.activate()  # another session may have switched esper to its world since
    w = session.world
    t = w.table
    countries = []
    for code, gov in session.governments():
        ent = session.entity(code)
        seat = esper.try_component(ent, Seat)
        countries.append({"info": plain(esper.component_for_entity(ent, CountryInfo)), "gov": plain(gov),
                          "seat": plain(seat) if seat else None})
    version, state, gauss = session.rng.getstate()
    return {
        "meta": {"scenario": session.scenario, "seed": session.seed, "lens": session.lens, "difficulty": session.difficulty},
        "rng": [version, list(state), gauss],
        "world": {name: getattr(w, name) for name in WORLD_FIELDS},
        "table": {"codes": t.codes, "stat_ids": t.stat_ids, "movement_ids": t.movement_ids,
                  "world": dict(sorted(t.world.items())), "neighbours": t.neighbours},
        "countries": countries,
        "institutions": [plain(i) for i in session.institutions()],
        "crises": [plain(c) for c in session.crises()],
        "proposals": [plain(p) for p in session.proposals()],
        "arrays": {"stats": t.stats, "movements": t.movements, "relations": t.relations,
                   **{f"fixed.{k}": v for k, v in sorted(t.fixed.items())},
                   **{f"flows.{k}": np.asarray(v) for k, v in sorted(t.flows.items()) if v is not None}},
        "turn_state": {"seats_done": sorted(session.seats_done), "acted": sorted(list(x) for x in session.acted)},
    }


def encode_array(a: np.ndarray) -> dict:
    a = np.ascontiguousarray(a, dtype="<f8")
    return {"shape": list(a.shape), "f8": base64.b64encode(a.tobytes()).decode("ascii")}


def decode_array(d: object) -> np.ndarray:
    if not isinstance(d, dict) or not isinstance(d.get("f8"), str) or not isinstance(d.get("shape"), list):
        raise ValueError("an array is not in the saved form")
    shape = tuple(int(x) for x in d["shape"])
    try:
        raw = base64.b64decode(d["f8"].encode("ascii"), validate=True)
    except (binascii.Error, UnicodeError):
        raise ValueError("an array's data is not base64") from None
    if any(x < 0 for x in shape) or len(raw) != 8 * int(np.prod(shape, dtype=np.int64)):
        raise ValueError("an array's data does not match its shape")
    return np.frombuffer(raw, dtype="<f8").reshape(shape).astype(float)  # a writable native copy


def _history_json(history: list[dict]) -> list[dict]:
    """Turn records with their chart figures as encoded arrays (most of a long game's save)."""
    out = []
    for rec in history:
        figures = rec.get("figures")
        if isinstance(figures, dict):
            rec = {**rec, "figures": {k: encode_array(np.asarray(v, dtype=float)) for k, v in figures.items()}}
        out.append(rec)
    return out


def _history_from(records: list) -> list[dict]:
    out = []
    for rec in records:
        _require(isinstance(rec, dict), "a turn record is not a mapping")
        figures = rec.get("figures")
        if isinstance(figures, dict):
            rec = {**rec, "figures": {str(k): array("d", decode_array(v).tolist() if isinstance(v, dict) else v)
                                      for k, v in figures.items()}}
        out.append(rec)
    return out


def to_data(session: Session) -> dict:
    """Snapshot plus history, with arrays encoded: ready for JSON."""
    data = snapshot(session)
    data["arrays"] = {k: encode_array(v) for k, v in data["arrays"].items()}
    data["history"] = _history_json(session.history)
    log = session.log if isinstance(session.log, EventLog) else EventLog(session.log)
    data["log"] = log.to_json()
    data["events"] = [e.to_json() for e in session.events]
    data["commands"] = session.commands
    data["motives"] = session.motives
    return data


def build(cls: type, values: dict):
    """A component from saved fields. Fields this version no longer has are ignored and new
    ones take their defaults, so a component gaining or losing a field does not break saves."""
    names = _FIELD_NAMES.get(cls) or tuple(f.name for f in fields(cls))
    return cls(**{k: v for k, v in values.items() if k in names})


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def read_table(data: dict) -> Table:
    arrays = data["arrays"]
    _require(isinstance(arrays, dict), "arrays is not a mapping")
    tab = data["table"]
    codes = list(tab["codes"])
    _require(all(isinstance(c, str) for c in codes) and len(set(codes)) == len(codes), "bad country codes")
    n = len(codes)
    neighbours = [[int(o) for o in nb] for nb in tab["neighbours"]]
    _require(len(neighbours) == n and all(0 <= o < n for nb in neighbours for o in nb), "bad neighbour lists")
    table = Table(codes=codes, stat_ids=[str(s) for s in tab["stat_ids"]], movement_ids=[str(m) for m in tab["movement_ids"]],
                  stats=decode_array(arrays["stats"]), movements=decode_array(arrays["movements"]),
                  relations=decode_array(arrays["relations"]), world={str(k): float(v) for k, v in tab["world"].items()},
                  neighbours=neighbours,
                  fixed={k[6:]: decode_array(v) for k, v in arrays.items() if k.startswith("fixed.")},
                  flows={k[6:]: decode_array(v) for k, v in arrays.items() if k.startswith("flows.")})
    _require(table.stats.shape == (n, len(table.stat_ids)) and table.movements.shape == (n, len(table.movement_ids))
             and table.relations.shape == (n, n), "the arrays do not match the country list")
    _require(all(v.shape == (n,) for v in (*table.fixed.values(), *table.flows.values())), "a per-country array has the wrong length")
    return table


def from_data(rules: Ruleset, data: dict) -> Session:
    """Rebuild a session from to_data's output (current format; game.sim.migrations upgrades
    older ones). Raises KeyError/TypeError/ValueError/AttributeError/IndexError on bad data."""
    from game.sim.fit import fit_to_rules
    from game.sim.session import Session

    meta = data["meta"]
    table = read_table(data)
    world = WorldState(table=table, **{k: data["world"][k] for k in WORLD_FIELDS})
    version, state, gauss = data["rng"]
    rng = random.Random()
    rng.setstate((int(version), tuple(int(x) for x in state), gauss if gauss is None else float(gauss)))
    session = Session(rules, str(meta["scenario"]), int(meta["seed"]), str(meta["lens"]), str(meta["difficulty"]))
    try:
        session.rng = rng
        esper.create_entity(world)
        session.rows = {c: i for i, c in enumerate(table.codes)}
        for c in data["countries"]:
            comps: list[object] = [build(CountryInfo, c["info"]), build(Government, c["gov"])]
            if c.get("seat"):
                comps.append(build(Seat, c["seat"]))
            _require(c["info"]["code"] in session.rows and c["info"]["code"] not in session._entities, "bad country entry")
            session._entities[c["info"]["code"]] = esper.create_entity(*comps)
        _require(len(session._entities) == len(table.codes), "countries do not match the country list")
        for i in data["institutions"]:
            esper.create_entity(build(Institution, i))
        for c in data["crises"]:
            esper.create_entity(build(Crisis, c))
        for p in data["proposals"]:
            esper.create_entity(build(Proposal, p))
        session.history = _history_from(data.get("history", []))
        session.log = EventLog.from_json(data.get("log", []))
        session.events = [Event.from_json(e) for e in data.get("events", [])]
        session.commands = [list(turn) for turn in data.get("commands", [[]])] or [[]]
        session.motives = dict(data.get("motives", {}))
        ts = data.get("turn_state", {})
        session.seats_done = set(ts.get("seats_done", []))
        session.acted = {tuple(x) for x in ts.get("acted", [])}
        fit_to_rules(session)
    except BaseException:
        session.close()
        raise
    session.invalidate()
    return session
