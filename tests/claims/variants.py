"""Variants of the rules for the removal tests: a claim weighed 0 by every lens, a dynamic
removed or reversed, a crisis response or effect changed, a definition replaced. All are built
from the loaded Ruleset (frozen dataclass, frozen models) with copies, never by mutation."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from game.rules.models import LensDef

OFF_LENS = "claims_off"


def claims_off(rules, *claims: str):
    """The rules with these claims weighing 0 in every lens (and in an extra lens, OFF_LENS):
    every effect of a rule that cites only them vanishes; a rule citing several is damped by
    their mean weight. Mechanics written in code are not affected."""
    lenses = {lid: lens.model_copy(update={"weights": {**lens.weights, **{c: 0.0 for c in claims}}})
              for lid, lens in rules.lenses.items()}
    lenses[OFF_LENS] = LensDef(id=OFF_LENS, name="Claims off", description="Test lens.",
                               weights={c: 0.0 for c in claims})
    return dataclasses.replace(rules, lenses=MappingProxyType(lenses))


def without_dynamics(rules, *ids: str):
    missing = set(ids) - {d.id for d in rules.dynamics}
    assert not missing, f"no dynamics {missing}"
    return dataclasses.replace(rules, dynamics=tuple(d for d in rules.dynamics if d.id not in ids))


def changed_dynamic(rules, ident: str, **update):
    """The rules with one dynamic's fields replaced (e.g. add="-(...)" to reverse it)."""
    found_it = [d for d in rules.dynamics if d.id == ident]
    assert found_it, f"no dynamic {ident}"
    return dataclasses.replace(rules, dynamics=tuple(d.model_copy(update=update) if d.id == ident else d
                                                     for d in rules.dynamics))


def with_defs(rules, kind: str, *defs):
    """The rules with these definitions replacing the ones of the same id (kind: crises, ...)."""
    table = dict(getattr(rules, kind))
    for d in defs:
        table[d.id] = d
    return dataclasses.replace(rules, **{kind: MappingProxyType(table)})


def without_response(rules, crisis_id: str, response_id: str, effect_stat: str | None = None):
    """The rules with one crisis response removed, or (effect_stat) only that effect of it."""
    cdef = rules.crises[crisis_id]
    responses = []
    for r in cdef.responses:
        if r.id != response_id:
            responses.append(r)
        elif effect_stat is not None:
            responses.append(r.model_copy(update={"effects": tuple(e for e in r.effects if e.stat != effect_stat)}))
    return with_defs(rules, "crises", cdef.model_copy(update={"responses": tuple(responses)}))


def changed_effect(rules, crisis_id: str, response_id: str, stat: str, add: str):
    """The rules with one effect of a crisis response given another formula."""
    cdef = rules.crises[crisis_id]
    responses = []
    for r in cdef.responses:
        if r.id == response_id:
            assert any(e.stat == stat for e in r.effects), f"{response_id} has no effect on {stat}"
            r = r.model_copy(update={"effects": tuple(e.model_copy(update={"add": add}) if e.stat == stat else e
                                                      for e in r.effects)})
        responses.append(r)
    return with_defs(rules, "crises", cdef.model_copy(update={"responses": tuple(responses)}))


def bound(make_session, ruleset, **defaults):
    """A make_session that builds every session on these rules (for the removal tests)."""
    def build(seed: int = 1, scenario: str = "2024", **kw):
        return make_session(seed=seed, scenario=scenario, ruleset=ruleset, **{**defaults, **kw})
    return build
