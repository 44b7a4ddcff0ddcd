"""Cross-reference checks: every id a rule names must exist. One small pass per concern,
each reporting the file and line of the reference, with "did you mean" where a name is close.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator

from pydantic import BaseModel

from game.rules.loader import Entry
from game.rules.models.effects import Effect
from game.rules.models.institution import Power
from game.rules.problems import Path_, Problem, format_path, short_value
from game.rules.vocab import CRISIS_NAMES, INSTITUTION_NAMES

Defs = dict[str, dict[str, BaseModel]]
Where = dict[tuple[str, str], Entry]
POWERS = set(Power.__args__)  # type: ignore[attr-defined]


class Reporter:
    def __init__(self, where: Where):
        self.where = where
        self.problems: list[Problem] = []

    def at(self, kind: str, ident: str, loc: Path_, message: str, got: object = None) -> None:
        entry = self.where[(kind, ident)]
        source, path = entry.locate(loc)
        self.problems.append(Problem(source.file, source.line_of(path), format_path(path), message,
                                     short_value(got) if got is not None else None))

    def ref(self, kind: str, ident: str, loc: Path_, value: str, known: Iterable[str], what: str) -> None:
        known = list(known)
        if value in known:
            return
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.at(kind, ident, loc, f"unknown {what}{hint}", value)


def walk(obj: object, loc: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    """Every model and value inside a definition, with its path."""
    yield loc, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            key = type(obj).model_fields[name].alias or name
            yield from walk(value, (*loc, key))
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from walk(item, (*loc, i))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from walk(value, (*loc, key))


def check_claims_cited(defs: Defs, rep: Reporter) -> None:
    claims = defs["claims"]
    for kind, items in defs.items():
        for ident, obj in items.items():
            for loc, value in walk(obj):
                if loc and loc[-1] == "claims" and isinstance(value, tuple):
                    for i, cid in enumerate(value):
                        rep.ref(kind, ident, (*loc, i), cid, claims, "claim id")
    for ident, claim in claims.items():
        if claim.contests is not None:
            rep.ref("claims", ident, ("contests",), claim.contests, claims, "claim id")
    for ident, lens in defs["lenses"].items():
        for cid in lens.weights:
            rep.ref("lenses", ident, ("weights", cid), cid, claims, "claim id")


def check_settings(defs: Defs, rep: Reporter) -> None:
    for ident in defs["settings"]:
        if ident != "default":
            rep.at("settings", ident, ("id",), "the settings entry must have id `default`", ident)


def check_doctrines(defs: Defs, rep: Reporter) -> None:
    doctrines, policies, victories = defs["doctrines"], defs["policies"], defs["victories"]
    for ident, d in doctrines.items():
        if d.victory is not None:
            rep.ref("doctrines", ident, ("victory",), d.victory, victories, "victory id")
    for ident, p in policies.items():
        rep.ref("policies", ident, ("doctrine",), p.doctrine, doctrines, "doctrine id")
        for i, other in enumerate(p.excludes):
            rep.ref("policies", ident, ("excludes", i), other, policies, "policy id")
    for ident, v in victories.items():
        if v.doctrine is not None:
            rep.ref("victories", ident, ("doctrine",), v.doctrine, doctrines, "doctrine id")


def check_institutions(defs: Defs, rep: Reporter) -> None:
    for ident, r in defs["resolutions"].items():
        rep.ref("resolutions", ident, ("power",), r.power, POWERS, "power")


def check_crises(defs: Defs, rep: Reporter) -> None:
    crises, resolutions = defs["crises"], defs["resolutions"]
    for ident, c in crises.items():
        for i, s in enumerate(c.spillovers):
            rep.ref("crises", ident, ("spillovers", i, "crisis"), s.crisis, crises, "crisis type")
        seen: set[str] = set()
        for i, r in enumerate(c.responses):
            if r.id in seen:
                rep.at("crises", ident, ("responses", i, "id"), "duplicate response id in this crisis", r.id)
            seen.add(r.id)
            if r.resolution is not None:
                rep.ref("crises", ident, ("responses", i, "resolution"), r.resolution, resolutions, "resolution id")
    for ident, m in defs["movements"].items():
        for i, s in enumerate(m.spawns):
            rep.ref("movements", ident, ("spawns", i, "crisis"), s.crisis, crises, "crisis type")
    for ident, a in defs["actions"].items():
        if a.movement is not None:
            rep.ref("actions", ident, ("movement",), a.movement, defs["movements"], "movement id")


def stat_names(defs: Defs) -> set[str]:
    country = {s for s, d in defs["stats"].items() if d.scope == "country"}
    world = {f"world.{s}" for s, d in defs["stats"].items() if d.scope == "world"}
    movements = {f"movement.{m}" for m in defs["movements"]}
    return country | world | movements | set(CRISIS_NAMES) | set(INSTITUTION_NAMES) | {"relation"}


def check_effect_stats(defs: Defs, rep: Reporter) -> None:
    known = stat_names(defs)
    for kind, items in defs.items():
        for ident, obj in items.items():
            for loc, value in walk(obj):
                if isinstance(value, Effect):
                    rep.ref(kind, ident, (*loc, "stat"), value.stat, known, "figure")
    for ident, d in defs["dynamics"].items():
        rep.ref("dynamics", ident, ("stat",), d.stat, known - set(CRISIS_NAMES) - set(INSTITUTION_NAMES) - {"relation"}, "figure")


def check_scenarios(defs: Defs, rep: Reporter) -> None:
    doctrines, movements, institutions, crises = defs["doctrines"], defs["movements"], defs["institutions"], defs["crises"]
    for ident, sc in defs["scenarios"].items():
        ids = [c.id for c in sc.countries]
        known = set(ids)
        seen: set[str] = set()
        for i, c in enumerate(sc.countries):
            if c.id in seen:
                rep.at("scenarios", ident, ("countries", i, "id"), "duplicate country id", c.id)
            seen.add(c.id)
            rep.ref("scenarios", ident, ("countries", i, "doctrine"), c.doctrine, doctrines, "doctrine id")
            for m in c.movements:
                rep.ref("scenarios", ident, ("countries", i, "movements", m), m, movements, "movement id")
            for m in movements:
                if m not in c.movements:
                    rep.at("scenarios", ident, ("countries", i, "movements"), f"missing movement {m!r}")
        for i, ms in enumerate(sc.institutions):
            rep.ref("scenarios", ident, ("institutions", i, "id"), ms.id, institutions, "institution id")
            members = () if ms.members == "all" else ms.members
            for field in ("members", "except", "permanent", "suspended"):
                values = members if field == "members" else getattr(ms, "except_" if field == "except" else field)
                for j, cid in enumerate(values):
                    rep.ref("scenarios", ident, ("institutions", i, field, j), cid, known, "country id")
        for i, rel in enumerate(sc.relations):
            for side in ("a", "b"):
                rep.ref("scenarios", ident, ("relations", i, side), getattr(rel, side), known, "country id")
        for i, s in enumerate(sc.sanctions):
            rep.ref("scenarios", ident, ("sanctions", i, "target"), s.target, known, "country id")
            for j, cid in enumerate(s.by):
                rep.ref("scenarios", ident, ("sanctions", i, "by", j), cid, known, "country id")
            if s.institution is not None:
                rep.ref("scenarios", ident, ("sanctions", i, "institution"), s.institution, institutions, "institution id")
        for i, cr in enumerate(sc.crises):
            rep.ref("scenarios", ident, ("crises", i, "type"), cr.type, crises, "crisis type")
            rep.ref("scenarios", ident, ("crises", i, "location"), cr.location, known, "country id")
            for role, cid in cr.parties.items():
                rep.ref("scenarios", ident, ("crises", i, "parties", role), cid, known, "country id")


CHECKS: tuple[Callable[[Defs, Reporter], None], ...] = (
    check_claims_cited,
    check_settings,
    check_doctrines,
    check_institutions,
    check_crises,
    check_effect_stats,
    check_scenarios,
)


def run_checks(defs: Defs, where: Where) -> list[Problem]:
    rep = Reporter(where)
    for check in CHECKS:
        check(defs, rep)
    return rep.problems
