"""The frozen, indexed Ruleset the simulation reads, and the stage that builds it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pydantic import BaseModel

from game.rules.checks import Defs, Reporter, claim_refs
from game.rules.expr import Expr, ExprError, compile_expr
from game.rules.models import (
    ActionDef,
    ClaimDef,
    CrisisDef,
    DifficultyDef,
    DoctrineDef,
    DynamicDef,
    InstitutionDef,
    LensDef,
    MovementDef,
    PersonalityDef,
    PolicyDef,
    ResolutionDef,
    ScenarioDef,
    SettingsDef,
    StatDef,
    VictoryDef,
)
from game.rules.problems import Path_, Problem
from game.rules.vocab import country_names, scope_names

SYSTEM_ORDER = ("economy", "military", "society", "movements", "diplomacy", "world")


_EXPR_KEYS: dict[type, tuple[tuple[str, str, object], ...]] = {}
_LEAVES = (str, int, float, bool, type(None))


def _expr_keys(cls: type[BaseModel]) -> tuple[tuple[str, str, object], ...]:
    """(attribute, key in the file, expression scope or None) of a model's fields, once per class."""
    found = _EXPR_KEYS.get(cls)
    if found is None:
        out = []
        for name, info in cls.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            out.append((name, info.alias or name, extra.get("x-expr")))
        found = _EXPR_KEYS[cls] = tuple(out)
    return found


def expr_fields(obj: object, loc: Path_ = ()) -> Iterator[tuple[Path_, object, str]]:
    """Every expression inside a definition: (path, raw value, scope)."""
    if type(obj) in _LEAVES:
        return
    if isinstance(obj, BaseModel):
        for name, key, scope in _expr_keys(type(obj)):
            value = getattr(obj, name)
            if scope is not None and value is not None:
                # Effects inherit the scope of what they belong to; "effect" is the widest.
                yield (*loc, key), value, str(scope)
            else:
                yield from expr_fields(value, (*loc, key))
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from expr_fields(item, (*loc, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from expr_fields(v, (*loc, k))


_PLANS: dict[type, tuple[tuple[str, str, str | None], ...]] = {}


def _holds_expr(cls: type) -> bool:
    return any(scope is not None for _, _, scope in _expr_keys(cls))


def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """The fields of a model that are expressions or can hold one (attribute, key, scope),
    once per class: the scenarios' thousands of figures are never looked at."""
    found = _PLANS.get(cls)
    if found is None:
        from game.rules.checks import _ANYTHING, models_in, reaches

        holds = reaches(_holds_expr)
        info = cls.model_fields
        found = _PLANS[cls] = tuple(
            (name, key, None if scope is None else str(scope)) for name, key, scope in _expr_keys(cls)
            if scope is not None or any(m is _ANYTHING or holds(m) for m in models_in(info[name].annotation)))
    return found


def _collect(obj: object, loc: Path_, out: list) -> None:
    """expr_fields, as one list: the same expressions in the same order."""
    if type(obj) in _LEAVES:
        return
    if isinstance(obj, BaseModel):
        for name, key, scope in _plan(type(obj)):
            value = getattr(obj, name)
            if scope is not None:
                if value is not None:
                    out.append(((*loc, key), value, scope))
            else:
                _collect(value, (*loc, key), out)
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            _collect(item, (*loc, i), out)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _collect(v, (*loc, k), out)


# Every expression compiled in this process, by its text (or number): a reload or a new game
# compiles only what changed. An Expr does not depend on its scope, only whether it compiles
# does (its names must all be allowed there): the same text in two scopes compiles once. An
# Expr is immutable, so rulesets share them.
_COMPILED: dict[object, Expr] = {}
_COMPILED_KEEP = 20_000


def _compiled(raw: str | float | int | bool) -> Expr | None:
    exact = raw if type(raw) is str else (type(raw), repr(raw))  # 1 and 1.0, 0.0 and -0.0 differ
    done = _COMPILED.get(exact)
    if done is None:
        try:
            done = compile_expr(raw)
        except ExprError:
            return None
        if len(_COMPILED) >= _COMPILED_KEEP:
            _COMPILED.clear()
        _COMPILED[exact] = done
    return done


def compile_all(defs: Defs, rep: Reporter) -> dict[str, Expr]:
    stats = defs["stats"]
    country = country_names(
        [s for s, d in stats.items() if d.scope == "country"], defs["movements"], defs["doctrines"],
        defs["institutions"], defs["policies"],
    )
    world_stats = [s for s, d in stats.items() if d.scope == "world"]
    vocab = {scope: frozenset(scope_names(scope, country, world_stats))
             for scope in ("country", "action", "crisis", "response", "effect", "victory")}
    compiled: dict[str, Expr] = {}
    seen: dict[tuple[str, str], Expr | ExprError] = {}  # the same text in the same scope is checked once
    for kind, items in defs.items():
        for ident, obj in items.items():
            found: list = []
            _collect(obj, (), found)
            for loc, raw, scope in found:
                scope = scope if scope in vocab else "effect"
                key = _key(raw)
                done = seen.get((key, scope))
                if done is None:
                    done = _compiled(raw)
                    if done is None or not done.names <= vocab[scope]:
                        try:  # compiled again with the names of its scope, for the exact message
                            done = compile_expr(raw, vocab[scope])
                        except ExprError as exc:
                            done = exc
                    seen[(key, scope)] = done
                if isinstance(done, ExprError):
                    rep.at(kind, ident, loc, str(done), raw)
                    continue
                compiled[key] = done
    return compiled


def _key(raw: object) -> str:
    return raw if isinstance(raw, str) else repr(float(raw))


@dataclass(frozen=True)
class Ruleset:
    """Everything the rules say, read-only and indexed. Build with game.rules.load_rules."""

    fingerprint: str
    layers: tuple[str, ...]
    claims: Mapping[str, ClaimDef]
    stats: Mapping[str, StatDef]
    settings: SettingsDef
    doctrines: Mapping[str, DoctrineDef]
    policies: Mapping[str, PolicyDef]
    institutions: Mapping[str, InstitutionDef]
    resolutions: Mapping[str, ResolutionDef]
    movements: Mapping[str, MovementDef]
    crises: Mapping[str, CrisisDef]
    actions: Mapping[str, ActionDef]
    dynamics: tuple[DynamicDef, ...]
    lenses: Mapping[str, LensDef]
    victories: Mapping[str, VictoryDef]
    personalities: Mapping[str, PersonalityDef]
    difficulties: Mapping[str, DifficultyDef]
    scenarios: Mapping[str, ScenarioDef]
    cited_by: Mapping[str, tuple[tuple[str, str], ...]]
    sources: Mapping[tuple[str, str], tuple[str, int]]
    _exprs: Mapping[str, Expr]

    def expr(self, raw: str | float | int | bool) -> Expr:
        """The compiled form of an expression that appears in these rules."""
        if type(raw) is str:  # the usual case, looked up thousands of times a turn
            found = self._exprs.get(raw)
            if found is not None:
                return found
        else:  # a number in a rule file: remembered by value (its key is its repr, slow to make)
            numbers = self.__dict__.get("_numbers")
            if numbers is None:
                numbers = {}
                object.__setattr__(self, "_numbers", numbers)
            found = numbers.get(raw)
            if found is None:
                found = numbers[raw] = self._lookup(raw)
            return found
        return self._lookup(raw)

    def _lookup(self, raw: str | float | int | bool) -> Expr:
        if isinstance(raw, bool):
            raw = 1.0 if raw else 0.0
        found = self._exprs.get(_key(raw))
        return found if found is not None else compile_expr(raw)

    @property
    def country_stats(self) -> tuple[str, ...]:
        return tuple(s for s, d in self.stats.items() if d.scope == "country")

    @property
    def world_stats(self) -> tuple[str, ...]:
        return tuple(s for s, d in self.stats.items() if d.scope == "world")

    def where(self, kind: str, ident: str) -> str:
        """FILE:LINE where a rule was defined, for the codex and error messages."""
        file, line = self.sources.get((kind, ident), ("?", 0))
        return f"{file}:{line}"


def build_ruleset(defs: Defs, where: Mapping, fingerprint: str, layers: tuple[str, ...]) -> tuple[Ruleset | None, list[Problem]]:
    rep = Reporter(dict(where))
    exprs = compile_all(defs, rep)
    if "default" not in defs["settings"]:
        return None, rep.problems + [Problem("rules", 1, "settings", "no settings entry with id `default`")]
    if rep.problems:
        return None, rep.problems
    cited: dict[str, list[tuple[str, str]]] = {c: [] for c in defs["claims"]}
    for kind, ident, _, value in claim_refs(defs):
        if kind == "claims":
            continue
        for cid in value:
            if cid in cited and (kind, ident) not in cited[cid]:
                cited[cid].append((kind, ident))
    sources = {key: (entry.source.file, entry.source.line_of(entry.path)) for key, entry in where.items()}
    ro = MappingProxyType
    dynamics = sorted(defs["dynamics"].values(), key=lambda d: SYSTEM_ORDER.index(d.system))
    return Ruleset(
        fingerprint=fingerprint,
        layers=layers,
        claims=ro(dict(defs["claims"])),
        stats=ro(dict(defs["stats"])),
        settings=defs["settings"]["default"],
        doctrines=ro(dict(defs["doctrines"])),
        policies=ro(dict(defs["policies"])),
        institutions=ro(dict(defs["institutions"])),
        resolutions=ro(dict(defs["resolutions"])),
        movements=ro(dict(defs["movements"])),
        crises=ro(dict(defs["crises"])),
        actions=ro(dict(defs["actions"])),
        dynamics=tuple(dynamics),
        lenses=ro(dict(defs["lenses"])),
        victories=ro(dict(defs["victories"])),
        personalities=ro(dict(defs["personalities"])),
        difficulties=ro(dict(defs["difficulties"])),
        scenarios=ro(dict(defs["scenarios"])),
        cited_by=ro({c: tuple(v) for c, v in cited.items()}),
        sources=ro(sources),
        _exprs=ro(exprs),
    ), []
