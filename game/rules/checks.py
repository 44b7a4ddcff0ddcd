"""Cross-reference checks: every id a rule names must exist. One small pass per concern,
each reporting the file and line of the reference, with "did you mean" where a name is close.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterable, Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo

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
        if not isinstance(known, (set, frozenset, dict)):
            known = list(known)
        if value in known:
            return
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.at(kind, ident, loc, f"unknown {what}{hint}", value)


_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def model_keys(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, key in the file) of a model's fields, looked up once per class: reading
    model_fields costs pydantic real work, and the checks walk every definition."""
    found = _KEYS.get(cls)
    if found is None:
        found = _KEYS[cls] = tuple((name, info.alias or name) for name, info in cls.model_fields.items())
    return found


_LEAVES = (str, int, float, bool, type(None))


def walk(obj: object, loc: Path_ = (), into: Callable[[type], bool] | None = None) -> Iterator[tuple[Path_, object]]:
    """Every model and value inside a definition, with its path, parents before children in
    file order. A stack rather than recursion: the scenarios alone are ~100,000 values, and
    nested generators would pass each one up through every level. With `into`, a model whose
    class it refuses is yielded but not entered (see reaches)."""
    stack: list[tuple[Path_, object]] = [(loc, obj)]
    while stack:
        loc, obj = stack.pop()
        yield loc, obj
        if type(obj) in _LEAVES:
            continue
        if isinstance(obj, BaseModel):
            if into is not None and not into(type(obj)):
                continue
            children = [((*loc, key), getattr(obj, name)) for name, key in model_keys(type(obj))]
        elif isinstance(obj, (tuple, list)):
            children = [((*loc, i), item) for i, item in enumerate(obj)]
        elif isinstance(obj, dict):
            children = [((*loc, key), value) for key, value in obj.items()]
        else:
            continue
        children.reverse()
        stack.extend(children)


_ANYTHING = object()  # an annotation that may hold any model (Any, object, a bare dict...)
_REACH: dict[type, frozenset] = {}


def _models_in(tp: object) -> Iterator[object]:
    """The model classes a field annotation can hold (or _ANYTHING when it cannot tell)."""
    if isinstance(tp, type):
        if issubclass(tp, BaseModel):
            yield tp
        elif tp in (object, dict, list, tuple, set, frozenset):
            yield _ANYTHING
        return
    if tp is typing.Any:
        yield _ANYTHING
        return
    if typing.get_origin(tp) is typing.Literal:
        return
    args = typing.get_args(tp)
    if not args and typing.get_origin(tp) is None:
        yield _ANYTHING
        return
    for arg in args:
        if arg is not Ellipsis and not isinstance(arg, (str, int, float, bool, FieldInfo)):
            yield from _models_in(arg)


_MODELS_IN: dict[object, tuple] = {}


def models_in(tp: object) -> tuple:
    """_models_in(tp) as a tuple, worked out once per annotation: the plans meet the same few
    (str, a tuple of ids, an effect list...) in field after field."""
    try:
        return _MODELS_IN[tp]
    except KeyError:
        found = _MODELS_IN[tp] = tuple(_models_in(tp))
        return found
    except TypeError:  # an annotation that cannot be a key
        return tuple(_models_in(tp))


def _reachable(cls: type) -> frozenset:
    """cls and every model class that can sit anywhere inside one of its instances."""
    found = _REACH.get(cls)
    if found is None:
        seen: set = {cls}
        todo = [cls]
        while todo:
            for info in todo.pop().model_fields.values():
                for m in models_in(info.annotation):
                    if m not in seen:
                        seen.add(m)
                        if m is not _ANYTHING:
                            todo.append(m)
        found = _REACH[cls] = frozenset(seen)
    return found


def reaches(test: Callable[[type], bool]) -> Callable[[type], bool]:
    """For walk(into=...): enter a model only if something inside it can pass test (the
    scenarios' thousands of country figures hold no claims and no effects)."""
    memo: dict[type, bool] = {}

    def into(cls: type) -> bool:
        found = memo.get(cls)
        if found is None:
            found = memo[cls] = any(m is _ANYTHING or test(m) for m in _reachable(cls))
        return found

    return into


HOLDS_CLAIMS = reaches(lambda cls: "claims" in cls.model_fields)
HOLDS_EFFECTS = reaches(lambda cls: issubclass(cls, Effect))

_SIMPLE = (str, int, float, bool, type(None))
_FLAT_ORIGINS = (tuple, list, set, frozenset, typing.Union, types.UnionType)


def _once(test: Callable[[object], bool]) -> Callable[[object], bool]:
    """test, worked out once per annotation (one that cannot be a key: every time)."""
    memo: dict[object, bool] = {}

    def once(tp: object) -> bool:
        try:
            return memo[tp]
        except KeyError:
            found = memo[tp] = test(tp)
            return found
        except TypeError:
            return test(tp)

    once.__doc__ = test.__doc__
    return once


@_once
def flat(tp: object) -> bool:
    """True when a field's values can only be scalars, or tuples, lists or sets of them: no
    model, no mapping, nothing unknown inside (then a walk has nothing to find in them)."""
    if tp in _SIMPLE:
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return True
    if origin is typing.Annotated:
        return flat(typing.get_args(tp)[0])
    if origin in _FLAT_ORIGINS:
        return all(arg is Ellipsis or flat(arg) for arg in typing.get_args(tp))
    return False


@_once
def opaque(tp: object) -> bool:
    """True when a field's annotation may hold a mapping or something unknown (Any, object,
    a bare dict...), besides scalars and models inside tuples, lists, sets and unions."""
    if tp in _SIMPLE or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return False
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return False
    if origin is typing.Annotated:
        return opaque(typing.get_args(tp)[0])
    if origin in _FLAT_ORIGINS:
        return any(arg is not Ellipsis and opaque(arg) for arg in typing.get_args(tp))
    return True


_PLANS: dict[tuple[type, object, frozenset], tuple[tuple[str, str, bool], ...]] = {}


def _plan(cls: type[BaseModel], into: Callable[[type], bool] | None, keys: frozenset) -> tuple[tuple[str, str, bool], ...]:
    """The fields of cls in which find can meet what it looks for: (attribute, key, enter).
    enter False: only the field's own value can match (a flat field named in `keys`)."""
    found = _PLANS.get((cls, into, keys))
    if found is None:
        out = []
        for name, info in cls.model_fields.items():
            key = info.alias or name
            tp = info.annotation
            if flat(tp):
                if key in keys:
                    out.append((name, key, False))
            elif key in keys or opaque(tp) or any(
                    m is _ANYTHING or into is None or into(m) for m in models_in(tp)):  # type: ignore[arg-type]
                out.append((name, key, True))
        found = _PLANS[(cls, into, keys)] = tuple(out)
    return found


def find(obj: object, match: Callable[[Path_, object], bool], into: Callable[[type], bool] | None = None,
         loc: Path_ = (), keys: Iterable[str] = ()) -> list[tuple[Path_, object]]:
    """What walk(obj, loc, into) yields that match(loc, value) accepts, in the same order,
    without going where nothing can match. So match may accept only models that `into` lets
    in, the values of model fields named in `keys`, and values under a mapping key. The
    checks look for a few things among ~100,000 values."""
    out: list[tuple[Path_, object]] = []
    _find(obj, loc, match, into, frozenset(keys), out)
    return out


def _find(obj: object, loc: Path_, match, into, keys: frozenset, out: list) -> None:
    if match(loc, obj):
        out.append((loc, obj))
    kind = type(obj)
    if kind in _LEAVES:
        return
    if isinstance(obj, BaseModel):
        if into is not None and not into(kind):
            return
        for name, key, enter in _plan(kind, into, keys):
            value = getattr(obj, name)
            if enter:
                _find(value, (*loc, key), match, into, keys, out)
            elif match((*loc, key), value):
                out.append(((*loc, key), value))
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            _find(item, (*loc, i), match, into, keys, out)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _find(value, (*loc, key), match, into, keys, out)


def _is_claims(loc: Path_, value: object) -> bool:
    return isinstance(value, tuple) and bool(loc) and loc[-1] == "claims"


def _is_effect(loc: Path_, value: object) -> bool:
    return isinstance(value, Effect)


_last_refs: tuple[Defs, list] | None = None


def claim_refs(defs: Defs) -> list[tuple[str, str, Path_, tuple]]:
    """(kind, id, path, claim ids) of every `claims` list in the definitions, in file order.
    The checks and the Ruleset's cited_by both need them: found once per set of definitions."""
    global _last_refs
    last = _last_refs
    if last is not None and last[0] is defs:
        return last[1]
    out = [(kind, ident, loc, value) for kind, items in defs.items() for ident, obj in items.items()
           for loc, value in find(obj, _is_claims, HOLDS_CLAIMS, keys=("claims",))]
    _last_refs = (defs, out)
    return out


def check_claims_cited(defs: Defs, rep: Reporter) -> None:
    claims = defs["claims"]
    for kind, ident, loc, value in claim_refs(defs):
        for i, cid in enumerate(value):
            if cid not in claims:  # ref's own first test: most references are fine
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
            for loc, value in find(obj, _is_effect, HOLDS_EFFECTS):
                if value.stat not in known:
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
            if c.doctrine not in doctrines:  # ref's own first test, made here: ~3,000 references
                rep.ref("scenarios", ident, ("countries", i, "doctrine"), c.doctrine, doctrines, "doctrine id")
            for m in c.movements:
                if m not in movements:
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
                if getattr(rel, side) not in known:
                    rep.ref("scenarios", ident, ("relations", i, side), getattr(rel, side), known, "country id")
        for i, s in enumerate(sc.sanctions):
            rep.ref("scenarios", ident, ("sanctions", i, "target"), s.target, known, "country id")
            for j, cid in enumerate(s.by):
                rep.ref("scenarios", ident, ("sanctions", i, "by", j), cid, known, "country id")
            if s.institution is not None:
                rep.ref("scenarios", ident, ("sanctions", i, "institution"), s.institution, institutions, "institution id")
        for i, cid in enumerate(sc.indicted):
            rep.ref("scenarios", ident, ("indicted", i), cid, known, "country id")
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
