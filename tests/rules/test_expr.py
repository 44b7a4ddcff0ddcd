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


def _plain(node, env):
    """The general form of every node: each part evaluated by a call of its own, nothing read
    in place or worked out ahead (what the compiler's closures must equal to the bit)."""
    import ast

    from game.rules.expr import _BINOPS, _CMPS, FUNCTIONS
    from game.rules.scalar import dotted_name

    kind = type(node)
    if kind is ast.Constant:
        return float(node.value)
    if kind in (ast.Name, ast.Attribute):
        dotted = node.id if kind is ast.Name else dotted_name(node)
        return {"true": 1.0, "false": 0.0}[dotted] if dotted in ("true", "false") else env[dotted]
    if kind is ast.BinOp:
        return _BINOPS[type(node.op)](_plain(node.left, env), _plain(node.right, env))
    if kind is ast.UnaryOp:
        value = _plain(node.operand, env)
        return {ast.USub: np.negative, ast.Not: np.logical_not}.get(type(node.op), lambda v: v)(value)
    if kind is ast.BoolOp:
        combine = np.logical_and if type(node.op) is ast.And else np.logical_or
        result = _plain(node.values[0], env)
        for part in node.values[1:]:
            result = combine(result, _plain(part, env))
        return result
    if kind is ast.Compare:
        left, parts = _plain(node.left, env), [(_CMPS[type(o)], _plain(c, env)) for o, c in zip(node.ops, node.comparators, strict=True)]
        if len(parts) == 1:
            return parts[0][0](left, parts[0][1])
        result = True
        for fn, right in parts:
            result, left = np.logical_and(result, fn(left, right)), right
        return result
    if kind is ast.IfExp:
        return np.where(_plain(node.test, env), _plain(node.body, env), _plain(node.orelse, env))
    return FUNCTIONS[node.func.id][0](*(_plain(a, env) for a in node.args))


@pytest.mark.parametrize("text", [
    "x * 2", "2 * x", "x / y", "x - -0.4", "-0.4 * x", "-x", "not x", "x + (2 - 3) * 4", "1 / 3 * x",
    "max(0, x - 50) / 10", "min(x, 2)", "max(y, x)", "abs(x)", "abs(-3) + x", "sqrt(x) + log1p(y)", "clamp(x, -1, y)",
    "clamp(x / 50, -1, 1)", "x ** 2", "2 ** -x", "x > 0", "0 < x", "x >= y", "x and y", "x or 0", "true and x",
    "x and y and not x", "1 < x < y", "0 < 1 < x", "x if y > 0 else -y", "3 if 2 > 1 else x", "(1 if x else 0) + 2 * x",
    "2 + (1 if x < 0 else 0)", "x == y", "x != 0", "max(1, 2) * x", "1 / 0 + x", "0 * x + world.z / 2",
])
def test_compiled_closures_equal_the_general_form(text):
    """Numbers and names read in place, parts with no name worked out at load, two-part
    calls and `and`s without a loop: the same answers, types and signs as evaluating each
    node on its own, for numbers, arrays of every odd value, and broadcast shapes."""
    import ast

    tree = ast.parse(text, mode="eval").body
    e = compile_expr(text, {"x", "y", "world.z"})
    envs = [{"x": 3.0, "y": -2.0, "world.z": 0.0}, {"x": -0.0, "y": 0.0, "world.z": 1.5},
            {"x": _ODD, "y": _ODD[::-1].copy(), "world.z": 4.0},
            {"x": _ODD.reshape(-1, 1), "y": _ODD.reshape(1, -1), "world.z": np.float64(-1.0)}]
    for env in envs:
        with np.errstate(all="ignore"):
            got, want = e.fn(env), _plain(tree, env)
        assert type(got) is type(want), (env, got, want)
        assert np.shape(got) == np.shape(want) and np.asarray(got).dtype == np.asarray(want).dtype
        assert np.array_equal(got, want, equal_nan=True)
        assert np.array_equal(np.signbit(got), np.signbit(want))


def test_only_trouble_free_numbers_are_worked_out_ahead():
    # An overflow stays in the expression: it still meets NumPy's error settings at run time.
    e = compile_expr("x + 1e308 * 10", {"x"})
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        e.fn({"x": 1.0})
    # A part with no name that gives an array is made anew each time, never one shared array.
    e = compile_expr("x * (1 if 2 > 1 else 0)", {"x"})
    a, b = e.fn({"x": np.ones(3)}), e.fn({"x": np.ones(3)})
    assert a is not b and list(a) == [1.0, 1.0, 1.0]
    # A negative number in a rule is one number at load, not a negation at every evaluation:
    # the closure holds the number itself.
    e = compile_expr("x * -0.4", {"x"})
    held = [c.cell_contents for c in e.fn.__closure__]
    assert any(type(c) is np.float64 and c == -0.4 for c in held), held
    assert e.fn({"x": 2.0}) == np.multiply(2.0, np.negative(0.4))


@pytest.mark.parametrize("a, b", [
    (_ODD, np.array([2.0, -1.0, np.nan, np.inf, -np.inf, 3.0, 1e-300, -7.0])),
    (_ODD.reshape(-1, 1), np.array([[0.5, -4.0, np.nan]])), (3.0, np.array([-0.5, 1e300])), (_ODD, np.array([-2.0])),
])
def test_an_array_divisor_without_a_zero_is_divided_plainly(a, b):
    """No element of the divisor is 0: the plain division gives what the masked one would."""
    from game.rules.expr import _div

    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        got, want = _div(a, b), _masked_div(a, b)
    assert type(got) is np.ndarray and got.shape == want.shape and got.dtype == want.dtype
    assert np.array_equal(got, want, equal_nan=True)
    assert np.array_equal(np.signbit(got), np.signbit(want))


@pytest.mark.parametrize("text, message", [
    ("x % 2", "operator Mod is not allowed"),
    ("x is y", "comparison Is is not allowed"),
    ("~x", "operator ~ is not allowed"),
    ("~nope", "unknown name 'nope'"),  # the part under an operator is checked before the operator
    ("max(x)", r"max\(\) takes 2 argument\(s\)"),
    ("max(x, y=1)", r"max\(\) takes 2 argument\(s\)"),
    ("foo(x)", "unknown function 'foo'"),
    ("x.y.z(1)", "unknown function '?'"),
    ("'a' + x", "only numbers are allowed, not 'a'"),
    ("None", "only numbers are allowed, not None"),
    ("(x + 1).y", "Attribute is not allowed"),
    ("[x]", "List is not allowed"),
    ("x + nope * zz", "unknown name 'nope'"),  # the first unknown name, left to right
    ("1 if nope else zz", "unknown name 'nope'"),
    ("x" + " + x" * 60, r"too long \(more than 120 parts\)"),
    ("", "empty expression"),
    ("x +", "cannot parse expression"),
])
def test_each_refusal_names_its_problem(text, message):
    with pytest.raises(ExprError, match=message):
        compile_expr(text, {"x", "y"})


def test_closures_are_made_when_first_asked_for():
    """Loading checks an expression; its NumPy closures are made the first time they are used
    (most of compiling), then kept on the expression. One with no name at all is worked out
    at once."""
    e = compile_expr("max(0, x - 50) / 10", {"x"})
    assert "fn" not in vars(e)
    fn = e.fn
    assert vars(e)["fn"] is fn and e.fn is fn
    assert list(e({"x": np.array([40.0, 80.0])})) == [0.0, 3.0]
    assert e == compile_expr("max(0, x - 50) / 10", {"x"}) and hash(e) == hash(compile_expr("max(0, x - 50) / 10"))
    n = compile_expr("2 * 3 + 1")
    assert n.constant == 7.0 and "fn" in vars(n) and n.fn({}) == 7.0
    assert compile_expr(2.5).fn({}) == 2.5 and compile_expr(False).fn({}) == 0.0


def _outcome(fn, env):
    """fn(env), or the class of what it raised."""
    try:
        return fn(env)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return type(exc)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # Python's own parser on `2nope`
def test_whatever_the_checker_accepts_the_closures_build():
    """The closures are made after loading, in play: so every expression the load accepts must
    build and evaluate as the general form does. Random expressions from the grammar's parts,
    valid and not, with seeded mutations."""
    import ast
    import functools
    import random

    rng = random.Random(11)
    names = ["x", "y", "world.z"]
    parts = ["x", "y", "world.z", "2", "0.5", "-1", "true", "false", "0"]
    binary = [" + ", " - ", " * ", " / ", " ** ", " < ", " <= ", " > ", " >= ", " == ", " != ", " and ", " or "]

    def grow(depth: int) -> str:
        roll = rng.random()
        if depth <= 0 or roll < 0.3:
            return rng.choice(parts)
        if roll < 0.6:
            return f"({grow(depth - 1)}{rng.choice(binary)}{grow(depth - 1)})"
        if roll < 0.7:
            return rng.choice(["-", "not ", "+"]) + grow(depth - 1)
        if roll < 0.85:
            fn, arity = rng.choice([("max", 2), ("min", 2), ("abs", 1), ("clamp", 3), ("sqrt", 1), ("log1p", 1)])
            return f"{fn}({', '.join(grow(depth - 1) for _ in range(arity))})"
        return f"({grow(depth - 1)} if {grow(depth - 1)} else {grow(depth - 1)})"

    noise = ["%", "~", "(", ")", ",", "foo(", "'s'", "[", "is ", ".q", "1j", "nope"]
    accepted = 0
    env = {"x": _ODD, "y": _ODD[::-1].copy(), "world.z": 2.0}
    for _ in range(1500):
        text = grow(4)
        if rng.random() < 0.4:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(noise) + text[at:]
        try:
            e = compile_expr(text, names)
        except ExprError:
            continue
        accepted += 1
        fn = e.fn  # made now: it must not fail
        with np.errstate(all="ignore"):
            tree = ast.parse(e.source, mode="eval").body
            got, want = _outcome(fn, env), _outcome(functools.partial(_plain, tree), env)
        if isinstance(want, type):  # the language lets `(x < y) - 1` through; NumPy refuses a bool minus
            assert got is want, text
            continue
        assert np.shape(got) == np.shape(want) and np.array_equal(got, want, equal_nan=True), text
    assert accepted > 500  # most are valid: the check above ran on many
