"""The whole session as plain data, and back. Used by saves and by the state hash."""

from __future__ import annotations

import random
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

if TYPE_CHECKING:
    from game.rules import Ruleset
    from game.sim.session import Session

WORLD_FIELDS = [f.name for f in fields(WorldState) if f.name != "table"]


def plain(obj: object) -> dict:
    """A component's fields as a dict, without copying (asdict deep-copies every list)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def snapshot(session: Session) -> dict:
    """Canonical plain data of the state (arrays kept as NumPy under "arrays")."""
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


def to_data(session: Session) -> dict:
    """Snapshot plus history, with arrays as lists: ready for JSON."""
    data = snapshot(session)
    data["arrays"] = {k: v.tolist() for k, v in data["arrays"].items()}
    data["history"] = session.history
    data["log"] = [e.to_json() for e in session.log]
    data["events"] = [e.to_json() for e in session.events]
    data["commands"] = session.commands
    data["motives"] = session.motives
    return data


def from_data(rules: Ruleset, data: dict) -> Session:
    """Rebuild a session from to_data's output. Raises KeyError/TypeError/ValueError on bad data."""
    from game.sim.session import Session

    meta = data["meta"]
    session = Session(rules, str(meta["scenario"]), int(meta["seed"]), str(meta["lens"]), str(meta["difficulty"]))
    version, state, gauss = data["rng"]
    session.rng = random.Random()
    session.rng.setstate((int(version), tuple(int(x) for x in state), gauss))
    arrays = data["arrays"]
    tab = data["table"]
    table = Table(codes=list(tab["codes"]), stat_ids=list(tab["stat_ids"]), movement_ids=list(tab["movement_ids"]),
                  stats=np.array(arrays["stats"], dtype=float), movements=np.array(arrays["movements"], dtype=float),
                  relations=np.array(arrays["relations"], dtype=float), world={k: float(v) for k, v in tab["world"].items()},
                  neighbours=[list(map(int, n)) for n in tab["neighbours"]],
                  fixed={k[6:]: np.array(v, dtype=float) for k, v in arrays.items() if k.startswith("fixed.")},
                  flows={k[6:]: np.array(v, dtype=float) for k, v in arrays.items() if k.startswith("flows.")})
    n = len(table.codes)
    if table.stats.shape != (n, len(table.stat_ids)) or table.relations.shape != (n, n):
        raise ValueError("the arrays do not match the country list")
    world = WorldState(table=table, **{k: data["world"][k] for k in WORLD_FIELDS})
    esper.create_entity(world)
    session.rows = {c: i for i, c in enumerate(table.codes)}
    for c in data["countries"]:
        comps: list[object] = [CountryInfo(**c["info"]), Government(**c["gov"])]
        if c.get("seat"):
            comps.append(Seat(**c["seat"]))
        session._entities[c["info"]["code"]] = esper.create_entity(*comps)
    for i in data["institutions"]:
        esper.create_entity(Institution(**i))
    for c in data["crises"]:
        esper.create_entity(Crisis(**c))
    for p in data["proposals"]:
        esper.create_entity(Proposal(**p))
    session.history = list(data.get("history", []))
    session.log = [Event.from_json(e) for e in data.get("log", [])]
    session.events = [Event.from_json(e) for e in data.get("events", [])]
    session.commands = data.get("commands", [[]]) or [[]]
    session.motives = data.get("motives", {})
    ts = data.get("turn_state", {})
    session.seats_done = set(ts.get("seats_done", []))
    session.acted = {tuple(x) for x in ts.get("acted", [])}
    session.invalidate()
    return session
