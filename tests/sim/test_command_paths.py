"""The shortcuts of the command paths (game.sim.actions, handlers, scope, effects, and the
plain-Python evaluator game.rules.scalar) give exactly what the straightforward forms gave:
the same numbers, bit for bit, the same types where they can matter, and the same messages."""

from __future__ import annotations

import ast
import math
import operator

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.rules.scalar import (
    BINOPS,
    CMPS,
    FUNCTIONS,
    NotScalar,
    _number,
    compile_scalar,
    dotted_name,
)

# ---- the plain-Python evaluator ---------------------------------------------------------------

def reference_scalar(node: ast.AST):
    """game.rules.scalar.compile_scalar as it was written first: one closure per node, the
    operator module's functions, all() and any(). The optimised one must give the same."""
    kind = type(node)
    if kind is ast.Constant:
        v = float(node.value)
        return lambda env: v
    dotted = dotted_name(node) if kind is ast.Name or kind is ast.Attribute else None
    if dotted is not None:
        if dotted in ("true", "false"):
            c = 1.0 if dotted == "true" else 0.0
            return lambda env: c
        return lambda env: _number(env[dotted])
    if kind is ast.BinOp:
        op = BINOPS[type(node.op)]
        left, right = reference_scalar(node.left), reference_scalar(node.right)
        return lambda env: op(left(env), right(env))
    if kind is ast.UnaryOp:
        operand = reference_scalar(node.operand)
        if isinstance(node.op, ast.USub):
            return lambda env: -operand(env)
        if isinstance(node.op, ast.UAdd):
            return operand
        return lambda env: not operand(env)
    if kind is ast.BoolOp:
        parts = [reference_scalar(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda env: all(p(env) for p in parts)
        return lambda env: any(p(env) for p in parts)
    if kind is ast.Compare:
        first = reference_scalar(node.left)
        rest = [(CMPS[type(op)], reference_scalar(c)) for op, c in zip(node.ops, node.comparators, strict=True)]

        def compare(env):
            left = first(env)
            result = True
            for fn, right_fn in rest:
                right = right_fn(env)
                result = fn(left, right) and result
                left = right
            return result

        return compare
    if kind is ast.IfExp:
        test, body, orelse = reference_scalar(node.test), reference_scalar(node.body), reference_scalar(node.orelse)

        def ifexp(env):
            t, b, o = test(env), body(env), orelse(env)
            return b if t else o

        return ifexp
    if kind is ast.Call:
        fn = FUNCTIONS[node.func.id]
        args = [reference_scalar(a) for a in node.args]
        return lambda env: fn(*[a(env) for a in args])
    raise NotScalar


def identical(a: object, b: object) -> bool:
    """Same type and the same bits (NaN equals NaN; 0.0 and -0.0 differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return math.isnan(a) and math.isnan(b) or (a == b and math.copysign(1.0, a) == math.copysign(1.0, b))
    return a == b


NAMES = ("a", "b", "c", "x.y")
SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 100.0, 1e308, -1e308, math.inf, -math.inf, math.nan]
NUMBERS = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from(SPECIAL))
VALUES = st.one_of(NUMBERS, st.booleans(), NUMBERS.map(np.float64), st.integers(-3, 3))
LEAF = st.one_of(st.sampled_from(NAMES),
                 st.sampled_from(["0", "1", "2.5", "0.1", "true", "false", "100", "-3", "0.0", "1e308"]))


def _extend(sub):
    return st.one_of(
        st.tuples(sub, st.sampled_from(["+", "-", "*", "/", "**"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} < {t[1]} <= {t[2]})"),
        st.tuples(sub, st.sampled_from(["and", "or"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, st.sampled_from(["and", "or"]), sub, sub).map(lambda t: f"({t[0]} {t[1]} {t[2]} {t[1]} {t[3]})"),
        sub.map(lambda e: f"(not {e})"),
        sub.map(lambda e: f"(-{e})"),
        sub.map(lambda e: f"(+{e})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), sub, sub).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        st.tuples(st.sampled_from(["abs", "sqrt", "log1p"]), sub).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(sub, sub, sub).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
    )


EXPRESSIONS = st.recursive(LEAF, _extend, max_leaves=8)


def _outcome(fn, env):
    try:
        with np.errstate(all="ignore"):
            return "value", fn(env)
    except Exception as exc:  # noqa: BLE001 - the same exception is part of the same behaviour
        return "raises", type(exc)


@settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "600")), deadline=None, database=None)
@given(source=EXPRESSIONS, values=st.tuples(VALUES, VALUES, VALUES, VALUES))
def test_scalar_evaluator_gives_what_the_reference_gives(source, values):
    tree = ast.parse(source, mode="eval").body
    env = dict(zip(NAMES, values, strict=True))
    want = _outcome(reference_scalar(tree), env)
    got = _outcome(compile_scalar(tree), env)
    assert want[0] == got[0], (source, env, want, got)
    if want[0] == "value":
        assert identical(got[1], want[1]), (source, env, want, got)
    else:
        assert got[1] is want[1]


def test_scalar_evaluator_on_the_rules_own_expressions(rules):
    """Every expression of the base rules, on numbers that reach each branch."""
    from game.rules import ruleset

    rnd = __import__("random").Random(11)
    checked = 0
    for e in {e.source: e for e in ruleset._COMPILED.values()}.values():
        tree = ast.parse(e.source, mode="eval").body
        fast, slow = compile_scalar(tree), reference_scalar(tree)
        for _ in range(6):
            env = {n: rnd.choice([-50.0, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 45.0, 70.0, 100.0, math.nan]) for n in e.names}
            want, got = _outcome(slow, env), _outcome(fast, env)
            assert want[0] == got[0] and (identical(got[1], want[1]) if want[0] == "value" else got[1] is want[1]), (e.source, env)
        checked += 1
    assert checked > 300


def test_a_part_without_names_is_worked_out_once():
    """`2 ** 0.5 * a`: the power is computed when compiling; the answer is the same."""
    tree = ast.parse("2 ** 0.5 * a + max(0, 1 - 3) - (1 / 0)", mode="eval").body
    assert identical(compile_scalar(tree)({"a": 3.0}), reference_scalar(tree)({"a": 3.0}))


def test_an_array_still_raises_not_scalar():
    tree = ast.parse("max(0, a - 1) * 2", mode="eval").body
    try:
        compile_scalar(tree)({"a": np.arange(3.0)})
    except NotScalar:
        pass
    else:
        raise AssertionError("an array must send the caller to the NumPy version")


def test_operators_written_out_are_the_operator_functions():
    assert BINOPS[ast.Add] is operator.add and BINOPS[ast.Sub] is operator.sub and BINOPS[ast.Mult] is operator.mul
    assert CMPS[ast.Lt] is operator.lt and CMPS[ast.NotEq] is operator.ne


# ---- the names a rule sees (game.sim.scope) ------------------------------------------------------

def reference_lookup(scope, name: str):
    """Scope.__getitem__ as it was written first: the prefixes walked in order every time, a
    figure of one country as NumPy's scalar."""
    from game.sim.scope import coalition, crisis_value, institution_value

    def country(n, row, pair_axis):
        value = scope.base[n]
        if not isinstance(value, np.ndarray):
            return value
        if row is not None:
            return value[row]
        return value if pair_axis == 0 else value.reshape(1, -1)

    if name in scope.base and not name.startswith("world.") and scope.actor is not None:
        value = scope.base[name]
        return value[scope.actor] if isinstance(value, np.ndarray) else value
    if name.startswith("world."):
        return scope.base[name]
    if name.startswith("target."):
        return country(name[7:], scope.target, 1)
    if name.startswith("location."):
        return country(name[9:], scope.location, 0)
    if name == "crisis.coalition":
        return coalition(scope.session, scope.crisis, scope.actor, scope.response) if scope.crisis else 0.0
    if name.startswith("crisis."):
        return crisis_value(scope.session, scope.crisis, name) if scope.crisis else 0.0
    if name.startswith("institution."):
        return institution_value(scope.session, scope.institution, name) if scope.institution else 0.0
    if name == "relation":
        rel = scope.session.table.relations
        if scope.actor is not None and scope.target is not None:
            return rel[scope.actor, scope.target]
        if scope.actor is not None:
            return rel[scope.actor, :]
        if scope.target is not None:
            return rel[:, scope.target]
        return rel
    if name == "strength":
        return scope.strength
    value = scope.base[name]
    if isinstance(value, np.ndarray) and scope.actor is not None:
        return value[scope.actor]
    if isinstance(value, np.ndarray) and scope.target is None and scope.actor is None:
        return value.reshape(-1, 1) if getattr(scope, "pairs", False) else value
    return value


def _same_lookup(got, want) -> bool:
    if isinstance(want, np.ndarray):
        return isinstance(got, np.ndarray) and got.shape == want.shape and np.array_equal(got, want, equal_nan=True)
    if isinstance(want, (np.floating, float)):
        # One country's figure: now the Python float of the same bits (NumPy's scalar before).
        return type(got) is float and (got == float(want) or math.isnan(got) and math.isnan(want))
    return type(got) is type(want) and got == want


def test_scope_answers_every_name_as_before(make_session):
    from game.sim.scope import Scope, pair_scope

    s = make_session(seed=2)
    for _ in range(2):
        s.end_turn()
    crisis = next(iter(s.crises()), None)
    inst = next(i for i in s.institutions() if i.members)
    names = list(s.env()) + [f"target.{n}" for n in list(s.env())[:40]] + [f"location.{n}" for n in list(s.env())[:40]]
    names += ["relation", "strength", "crisis.severity", "crisis.access", "crisis.turns", "crisis.coalition",
              "institution.members", "institution.legitimacy", "institution.universality"]
    usa, chn = s.row("USA"), s.row("CHN")
    loc = s.row(crisis.location) if crisis else None
    scopes = [Scope(s, usa), Scope(s, usa, target=chn), Scope(s, None), Scope(s, None, target=chn),
              Scope(s, usa, location=loc, crisis=crisis, institution=inst, response="x"),
              Scope(s, None, institution=inst, strength=np.linspace(0, 1, len(s.table.codes))), pair_scope(s)]
    checked = 0
    for scope in scopes:
        for name in names:
            try:
                want = reference_lookup(scope, name)
            except KeyError:
                continue
            assert _same_lookup(scope[name], want), (name, scope.actor, scope.target)
            checked += 1
    assert checked > 500


# ---- changing figures (game.sim.session) ---------------------------------------------------------

AMOUNTS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e-300, -1e-300]))


@settings(max_examples=300, deadline=None, database=None)
@given(old=st.one_of(st.floats(-150, 150), st.sampled_from([0.0, -0.0, 100.0, -100.0])), amount=AMOUNTS)
def test_written_out_clamps_are_min_and_max(old, amount):
    """`x if x > lo else lo`, then `x if x < hi else hi`: what max(lo, x) and min(hi, x) return,
    the same object (so NaN, signed zeros and infinities come out the same)."""
    for lo, hi in ((0.0, 100.0), (-100.0, 100.0), (0.0, 1.0), (-0.0, 0.0)):
        x = old + amount
        y = x if x > lo else lo
        y = y if y < hi else hi
        assert identical(y, min(hi, max(lo, x)))


def test_change_country_and_relation_clamp_as_before(make_session):
    s = make_session(seed=4)
    t = s.table
    row, other = s.row("FRA"), s.row("BRA")
    cases = [55.5, -1e9, 1e9, -0.0, 0.0, math.nan, math.inf, -math.inf, np.float64(2.5), 1e-12]
    for stat in ("approval", "capital", "democracy", "growth"):
        j = t.stat_ids.index(stat)
        lo, hi = s._bounds(stat)
        if stat == "capital":
            hi = min(hi, s.rules.settings.capital_cap)
        for amount in cases:
            for preview in (True, False):
                old = t.stats.item(row, j)
                new = min(hi, max(lo, old + amount))
                done = s.change_country(row, stat, amount, preview)
                assert identical(done, float(new - old)), (stat, amount)
                assert identical(t.stats.item(row, j), old if preview else float(new))
    for amount in cases:
        old = t.relations.item(row, other)
        new = min(100.0, max(-100.0, old + amount))
        done = s.change_relation(row, other, amount)
        assert identical(done, float(new - old))
        assert identical(t.relations.item(other, row), float(new)) and identical(t.relations.item(row, other), float(new))


def test_clip_into_is_np_clip():
    from game.sim.systems.dynamics import clip_into

    values = np.array([-0.0, 0.0, math.nan, math.inf, -math.inf, 5.5, -3.0, 120.0, 100.0, 1e-320])
    for lo, hi in ((0.0, 100.0), (-100.0, 100.0), (0, 100), (-0.0, 0.0)):
        out = np.full((len(values), 3), 7.0)
        clip_into(values.copy(), lo, hi, out[:, 1])
        want = np.clip(values, lo, hi)
        assert np.array_equal(out[:, 1], want, equal_nan=True)
        assert np.array_equal(np.signbit(out[:, 1]), np.signbit(want))
        assert (out[:, 0] == 7.0).all() and (out[:, 2] == 7.0).all()


# ---- commands (game.sim.actions, handlers) -------------------------------------------------------

def test_actions_answer_and_refuse_with_the_same_words(make_session):
    from game.sim.commands import EnactPolicy, Ok, Rejected, TakeAction

    s = make_session(seed=1, humans=("FRA",))
    s.change_country(s.row("FRA"), "capital", 100)
    name = s.rules.actions["improve_relations"].name
    got = s.submit(TakeAction("FRA", "improve_relations", "BRA"))
    assert got == Ok(name) and type(got) is Ok
    event = s.events[-1]
    assert (event.kind, event.text, event.who) == ("action", f"{s.info('FRA').name}: {name} ({s.info('BRA').name}).", ("FRA", "BRA"))
    assert event.data == {"action": "improve_relations", "action_kind": "effects", "target": "BRA"}
    assert s.submit(TakeAction("FRA", "improve_relations", "BRA")) == Rejected("already done this turn")
    assert s.submit(TakeAction("FRA", "improve_relations", "")) == Rejected(f"{name} needs a target country")
    assert s.submit(TakeAction("FRA", "improve_relations", "FRA")) == Rejected(f"{name} must target another country")
    assert s.submit(TakeAction("FRA", "no_such_action", "BRA")) == Rejected("no action 'no_such_action'")
    partner = next(b for a, b in s.world.trade if a == "FRA") if any(a == "FRA" for a, _ in s.world.trade) else None
    if partner is not None:
        assert s.submit(TakeAction("FRA", "trade_deal", partner)) == Rejected("you already have a trade deal")
    s.change_country(s.row("FRA"), "capital", -1000)
    have = s.stat("FRA", "capital")
    refused = s.submit(TakeAction("FRA", "improve_relations", "DEU"))
    assert isinstance(refused, Rejected) and refused.reason.startswith("needs ") and refused.reason.endswith(f"you have {have:.0f}")
    policy = next(p for p in s.rules.policies if p not in s.government("FRA").policies)
    assert isinstance(s.submit(EnactPolicy("FRA", policy)), Rejected)


def test_the_crowd_count_follows_every_taking(make_session):
    """take counts itself once into taken_this_turn (not recounted from acted), and a recount
    from acted gives the same counts."""
    from game.sim.actions import taken_this_turn
    from game.sim.commands import TakeAction

    s = make_session(seed=1, humans=("FRA", "DEU", "ITA"))
    for code in ("FRA", "DEU", "ITA"):
        s.change_country(s.row(code), "capital", 100)
        assert s.submit(TakeAction(code, "improve_relations", "BRA"))
    assert taken_this_turn(s)[("improve_relations", "BRA")] == 3
    kept = dict(taken_this_turn(s))
    s.cache.clear()
    assert taken_this_turn(s) == kept


def test_component_lists_follow_changes_of_other_kinds(make_session):
    """The sorted institutions and crises are kept while only other kinds of entity change
    (a proposal is made), and redone when their own change."""
    import esper

    from game.sim.components import Crisis, Proposal

    s = make_session(seed=1)
    insts = s.institutions()
    crises = s.crises()
    esper.create_entity(Proposal(uid="p999", institution=insts[0].def_id, resolution="x", proposer="FRA", target="BRA",
                                 turn=s.turn, votes={}))
    assert s.institutions() == insts and all(a is b for a, b in zip(s.institutions(), insts, strict=True))
    assert all(s.institution(i.def_id) is i for i in insts)
    assert s.proposals()[-1].uid == "p999"
    added = Crisis(uid="c9999", def_id=next(iter(s.rules.crises)), location="FRA", severity=10.0, started=s.turn, parties={})
    esper.create_entity(added)
    assert s.crises() == [*crises, added] and s.crisis("c9999") is added
    for ent, c in esper.get_component(Crisis):
        if c is added:
            esper.delete_entity(ent, immediate=True)
    assert s.crisis("c9999") is None and s.crises() == crises


def test_every_kind_structural_check_tests_is_listed():
    """structural_check skips its chain of tests for kinds outside _STRUCTURAL_CHECKS: every
    kind the chain names must be in it."""
    import inspect
    import textwrap
    from typing import get_args

    from game.rules.models.action import ActionKind
    from game.sim import actions

    tree = ast.parse(textwrap.dedent(inspect.getsource(actions.structural_check)))
    named = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in get_args(ActionKind)}
    assert {"trade_deal", "apply", "change_doctrine"} <= named
    assert named <= actions._STRUCTURAL_CHECKS, named - actions._STRUCTURAL_CHECKS


# ---- the systems (game.sim.systems, game.sim.effects) ----------------------------------------------

def _awkward(n: int = 40, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    values = rng.uniform(-200, 200, n)
    values[::5] = np.nan
    values[1::7] = np.inf
    values[2::9] = -np.inf
    values[3::6] = -0.0
    return values


def _bitwise_equal(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def test_one_pass_masking_is_finite_then_where():
    """apply_effects_masked and run_dynamics (at a lens factor of 1) mask and zero the
    non-finite values in one np.where: the same bits as finite() then np.where (then * 1.0)."""
    from game.sim.arrays import finite

    values = _awkward()
    mask = np.random.default_rng(4).uniform(size=len(values)) > 0.4
    assert _bitwise_equal(np.where(mask & np.isfinite(values), values, 0.0), np.where(mask, finite(values), 0.0))
    assert _bitwise_equal(np.where(mask & np.isfinite(values), values, 0.0), finite(np.where(mask, values, 0.0) * 1.0))


def test_apply_column_is_np_clip_and_checks_its_cached_column(make_session):
    from game.sim.systems.dynamics import apply_column

    s = make_session(seed=2)
    t = s.table
    delta = _awkward(len(t.codes))
    delta = np.where(np.isfinite(delta), delta, 1.0)
    for stat in ("approval", "capital", "approval"):  # the second approval uses the cached column
        j = t.stat_ids.index(stat)
        d = s.rules.stats[stat]
        hi = min(d.max, s.rules.settings.capital_cap) if stat == "capital" else d.max
        want = np.clip(t.stats[:, j] + delta, d.min, hi)
        others = np.delete(t.stats, j, axis=1).copy()
        apply_column(s, stat, delta)
        assert _bitwise_equal(t.stats[:, j], want)
        assert _bitwise_equal(np.delete(t.stats, j, axis=1), others)
    # A cached column that no longer holds the stat (another table's order) is not used.
    j = t.stat_ids.index("approval")
    s._columns["approval"] = ((j + 1) % len(t.stat_ids), 0.0, 100.0)
    want = np.clip(t.stats[:, j] - 7.0, s.rules.stats["approval"].min, s.rules.stats["approval"].max)
    apply_column(s, "approval", np.full(len(t.codes), -7.0))
    assert _bitwise_equal(t.stats[:, j], want)


def test_system_plans_are_the_rules_dynamics_of_each_system(rules):
    from game.sim.systems.dynamics import _system_plan

    for system in {d.system for d in rules.dynamics}:
        plan = _system_plan(rules, system)
        assert [d for d, _, _ in plan] == [d for d in rules.dynamics if d.system == system]
        assert all((w is None) == d.stat.startswith("world.") and a is rules.expr(d.add) for d, w, a in plan)
        assert _system_plan(rules, system) is plan
