"""The plain-Python twin of a rule expression (game.rules.scalar) gives what the NumPy version
gives, for any expression of the grammar and any numbers: a command checked one country at a
time must agree with the AI's whole-world scoring of the same rule."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.rules.expr import compile_expr

NAMES = ("a", "b", "c", "x.y")
NUMBERS = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, 100.0]))


LEAF = st.one_of(st.sampled_from(NAMES), st.sampled_from(["0", "1", "2.5", "0.1", "true", "false", "100"]))


def _extend(sub: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(sub, st.sampled_from(["+", "-", "*", "/", "**"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} < {t[1]} <= {t[2]})"),
        st.tuples(sub, st.sampled_from(["and", "or"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        sub.map(lambda e: f"(not {e})"),
        sub.map(lambda e: f"(-{e})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), sub, sub).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        st.tuples(st.sampled_from(["abs", "sqrt", "log1p"]), sub).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(sub, sub, sub).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
    )


EXPRESSIONS = st.recursive(LEAF, _extend, max_leaves=10)


def same(a: object, b: object) -> bool:
    x, y = float(np.asarray(a).reshape(-1)[0]), float(np.asarray(b).reshape(-1)[0])
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y


@settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "400")), deadline=None, database=None)
@given(source=EXPRESSIONS, values=st.tuples(NUMBERS, NUMBERS, NUMBERS, NUMBERS))
def test_scalar_twin_matches_numpy(source: str, values: tuple[float, ...]):
    e = compile_expr(source, set(NAMES))
    assert e.sfn is not None
    env = dict(zip(NAMES, values, strict=True))
    with np.errstate(all="ignore"):
        try:
            expected = e.fn(env)
        except TypeError:  # NumPy refuses arithmetic on two booleans; the rules never do it
            assume(False)
    got = e.sfn(env)
    assert same(got, expected), (source, env, got, expected)


def test_an_array_falls_back_to_numpy():
    e = compile_expr("a * 2 + b", {"a", "b"})
    out = e({"a": np.array([1.0, 2.0]), "b": 1.0})
    assert isinstance(out, np.ndarray) and out.tolist() == [3.0, 5.0]
    assert e({"a": np.float64(1.5), "b": 1.0}) == 4.0
