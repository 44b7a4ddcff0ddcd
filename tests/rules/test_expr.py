"""The rule expression language: what it accepts, what it refuses, and that it never evaluates code."""

from __future__ import annotations

import numpy as np
import pytest

from game.rules.expr import ExprError, compile_expr


def test_arithmetic_comparisons_and_functions():
    e = compile_expr("clamp(a * 2 - b / 4, 0, 10) if a > 1 and not c else -1", {"a", "b", "c"})
    assert e.scalar({"a": 3.0, "b": 4.0, "c": 0.0}) == 5.0
    assert e.scalar({"a": 1.0, "b": 4.0, "c": 0.0}) == -1.0


def test_vectorised_over_arrays():
    e = compile_expr("max(0, x - 50) / 10", {"x"})
    out = e({"x": np.array([40.0, 60.0, 80.0])})
    assert list(out) == [0.0, 1.0, 3.0]


def test_dotted_names_and_division_by_zero():
    e = compile_expr("movement.climate / world.zero", {"movement.climate", "world.zero"})
    assert e.scalar({"movement.climate": 5.0, "world.zero": 0.0}) == 0.0


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hi')", "open('x')", "a.__class__", "[1, 2]", "lambda: 1", "'text'", "x[0]",
    "a if", "1 ** ** 2",
])
def test_refuses_anything_but_the_grammar(text):
    with pytest.raises(ExprError):
        compile_expr(text, {"a", "x"})


def test_unknown_names_get_a_suggestion():
    with pytest.raises(ExprError, match="did you mean 'approval'"):
        compile_expr("aproval + 1", {"approval", "stability"})


def test_constants_are_folded():
    assert compile_expr("2 * 3 + 1").constant == 7.0
    assert compile_expr(4).constant == 4.0
    assert compile_expr(True).constant == 1.0


def _masked_div(a, b):
    """The general form of the language's division: a / b, and 0 where b is 0."""
    b_arr = np.asarray(b, dtype=float)
    return np.where(b_arr == 0, 0.0, np.asarray(a, dtype=float) / np.where(b_arr == 0, 1.0, b_arr))


_ODD = np.array([3.0, 0.0, -0.0, np.nan, np.inf, -2.5, 1e-300, -7.0])


@pytest.mark.parametrize("a, b", [
    (_ODD, 4.0), (_ODD, np.float64(-0.5)), (_ODD, 0.0), (_ODD, -0.0), (2.0, 8.0), (2.0, 0.0),
    (_ODD, _ODD[::-1].copy()), (5.0, _ODD), (_ODD.reshape(-1, 1), _ODD), (_ODD, np.arange(8)),
    (np.ones((8, 8)), _ODD), (_ODD, np.array(2.0)), (_ODD, True), (1, 3),
])
def test_division_shortcuts_give_the_general_answer(a, b):
    from game.rules.expr import _div

    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # inf / inf, as both forms meet it
        got, want = np.asarray(_div(a, b)), _masked_div(a, b)
    assert got.shape == want.shape
    assert np.array_equal(got, want, equal_nan=True)
    assert np.array_equal(np.signbit(got), np.signbit(want))


def test_a_single_comparison_gives_the_same_as_a_chain_of_one():
    x = np.array([1.0, 5.0, np.nan, 9.0])
    env = {"x": x, "y": 4.0}
    assert np.array_equal(compile_expr("x > y", {"x", "y"}).fn(env), np.logical_and(True, x > 4.0))
    assert np.array_equal(compile_expr("1 < x < 9", {"x"}).fn(env), (x > 1) & (x < 9))
