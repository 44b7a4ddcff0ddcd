"""Building a session's world from a scenario."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import esper
import numpy as np

from game.paths import assets_dir
from game.rules import Ruleset
from game.rules.models import ScenarioDef
from game.sim.components import (
    CountryInfo,
    Crisis,
    Government,
    Institution,
    Seat,
    Table,
    WorldState,
)
from game.sim.session import Session


class SetupError(ValueError):
    """A new game cannot be set up as asked (unknown scenario, country, lens...)."""


@lru_cache(maxsize=4)
def map_neighbours(path: Path | None = None) -> dict[str, list[str]]:
    """Land and sea neighbours from the converted Natural Earth map (assets/map)."""
    path = path or assets_dir() / "map" / "world-110m.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("neighbours", {})
    except (OSError, ValueError):
        return {}


def quarters_between(start_year: int, start_quarter: int, year: int, quarter: int) -> int:
    return (year - start_year) * 4 + (quarter - start_quarter)


def new_session(rules: Ruleset, scenario: str, seed: int, lens: str = "balanced",
                humans: tuple[str, ...] = (), difficulty: str = "normal", end_year: int | None = None,
                doctrine_overrides: dict[str, str] | None = None) -> Session:
    if scenario not in rules.scenarios:
        raise SetupError(f"unknown scenario {scenario!r} (have: {', '.join(sorted(rules.scenarios))})")
    if rules.lenses and lens not in rules.lenses:
        raise SetupError(f"unknown lens {lens!r} (have: {', '.join(sorted(rules.lenses))})")
    sc: ScenarioDef = rules.scenarios[scenario]
    codes = sorted(c.id for c in sc.countries)
    for h in humans:
        if h not in codes:
            raise SetupError(f"unknown country {h!r} for a human seat")
    session = Session(rules, scenario, seed, lens, difficulty)
    rows = {c: i for i, c in enumerate(codes)}
    session.rows = rows
    table = build_table(rules, sc, codes, rows)
    world = WorldState(table=table, start_year=sc.start_year, start_quarter=sc.start_quarter,
                       end_year=end_year or rules.settings.end_year)
    esper.create_entity(world)
    starts = {c.id: c for c in sc.countries}
    overrides = doctrine_overrides or {}
    for code in codes:
        c = starts[code]
        term = c.term * 4 if c.term else None
        nxt = None
        if c.next_election is not None and term:
            nxt = quarters_between(sc.start_year, sc.start_quarter, c.next_election.year, c.next_election.quarter)
            while nxt < 1:
                nxt += term
        gov = Government(regime=c.regime, doctrine=overrides.get(code, c.doctrine), next_election=nxt, term=term)
        comps: list[object] = [CountryInfo(code, c.name, c.region, rows[code], c.leader), gov]
        if code in humans:
            comps.append(Seat(player=humans.index(code) + 1))
        session._entities[code] = esper.create_entity(*comps)
    for code in codes:
        session.government(code).personality = pick_personality(session, code)
    build_institutions(session, sc)
    for s in sc.sanctions:
        by = set(s.by)
        if s.institution is not None:
            by |= set(session.members_of(s.institution))
        by.discard(s.target)
        world.sanctions[s.target] = sorted(by | set(world.sanctions.get(s.target, [])))
    world.indicted = sorted(set(sc.indicted))
    for cr in sc.crises:
        uid = session.new_uid("c")
        esper.create_entity(Crisis(uid=uid, def_id=cr.type, location=cr.location, severity=cr.severity,
                                   started=0, parties=dict(cr.parties), note=cr.note or ""))
    session.invalidate()
    from game.sim.phases import start_turn

    start_turn(session)
    return session


def build_table(rules: Ruleset, sc: ScenarioDef, codes: list[str], rows: dict[str, int]) -> Table:
    stat_ids = list(rules.country_stats)
    movement_ids = sorted(rules.movements)
    n = len(codes)
    stats = np.zeros((n, len(stat_ids)))
    for j, sid in enumerate(stat_ids):
        stats[:, j] = rules.stats[sid].default
    movements = np.zeros((n, len(movement_ids)))
    nuclear = np.zeros(n)
    alignment = np.zeros(n)
    for c in sc.countries:
        r = rows[c.id]
        for j, sid in enumerate(stat_ids):
            if sid in CountryStartFields and getattr(c, sid) is not None:
                stats[r, j] = float(getattr(c, sid))
        for j, mid in enumerate(movement_ids):
            movements[r, j] = float(c.movements.get(mid, 0.0))
        nuclear[r] = 1.0 if c.nuclear else 0.0
        alignment[r] = c.alignment
    if "capital" in stat_ids:
        stats[:, stat_ids.index("capital")] = 10.0
    # Relations start from how close two countries stand on the bloc axis, then the notable pairs.
    relations = 50.0 - np.abs(alignment[:, None] - alignment[None, :]) / 2.0
    np.fill_diagonal(relations, 100.0)
    for rel in sc.relations:
        if rel.a in rows and rel.b in rows:
            relations[rows[rel.a], rows[rel.b]] = relations[rows[rel.b], rows[rel.a]] = rel.value
    nbr_map = map_neighbours()
    neighbours = [sorted(rows[o] for o in nbr_map.get(code, []) if o in rows) for code in codes]
    world = {w: rules.stats[w].default for w in rules.world_stats}
    world["disorder"] = sc.world.disorder
    world["intervention_norm"] = sc.world.intervention_norm
    return Table(codes=list(codes), stat_ids=stat_ids, movement_ids=movement_ids, stats=stats,
                 movements=movements, relations=relations, world=world, neighbours=neighbours,
                 fixed={"nuclear": nuclear}, flows={})


# Country stats a scenario sets directly (the rest take the stat's default).
CountryStartFields = {"population", "gdp", "growth", "debt", "defence", "military", "democracy", "approval",
                      "stability", "polarisation", "corruption", "trade", "alignment"}


def pick_personality(session: Session, code: str) -> str:
    from game.sim.scope import Scope

    scope = Scope(session, session.row(code))
    for pid, p in session.rules.personalities.items():
        if bool(session.rules.expr(p.applies).scalar(scope)):
            return pid
    return next(iter(session.rules.personalities), "pragmatist")


def build_institutions(session: Session, sc: ScenarioDef) -> None:
    starts = {m.id: m for m in sc.institutions}
    codes = session.table.codes
    for iid, d in session.rules.institutions.items():
        if d.foundable:
            continue
        m = starts.get(iid)
        members: list[str] = []
        permanent: list[str] = []
        suspended: list[str] = []
        if m is not None:
            members = sorted(set(codes) - set(m.except_)) if m.members == "all" else sorted(set(m.members))
            permanent, suspended = sorted(m.permanent), sorted(m.suspended)
        esper.create_entity(Institution(def_id=iid, members=members, permanent=permanent, suspended=suspended,
                                        legitimacy=d.legitimacy, power=d.power))
