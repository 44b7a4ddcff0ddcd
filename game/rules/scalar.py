"""The scalar twin of a compiled rule expression (game.rules.expr).

Commands are checked and carried out one country at a time: there every name of an
expression is a single number, and NumPy's ufuncs cost about a microsecond each on a number
where Python's own arithmetic costs a few dozen nanoseconds. So every expression is also
compiled to plain-Python code that gives the same results as the NumPy version on numbers
(zero for x / 0, sign-keeping powers, NaN-propagating min and max). When a name turns out to be an array (a whole-world evaluation), it
raises NotScalar and the caller falls back to the NumPy version.

The tree is the one the whitelisting compiler already accepted; nothing here is eval'd.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

import numpy as np

Fn = Callable[[Mapping[str, object]], object]
NAN = math.nan


class NotScalar(Exception):
    """A name had an array value: evaluate with NumPy instead."""


def _number(value: object) -> float:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[return-value]
    if kind is np.float64:
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, (float, int, np.floating, np.integer, np.bool_)):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    raise NotScalar


def _div(a: float, b: float) -> float:
    return 0.0 if b == 0 else a / b


def pow_abs(base: float, b: float) -> float:
    """base ** b for base >= 0, with NumPy's answers where Python raises (0 ** -1, overflow)."""
    try:
        return base**b
    except (ZeroDivisionError, OverflowError):
        with np.errstate(over="ignore", divide="ignore"):
            return float(np.power(base, b))  # inf


def elementwise(fn: Callable[..., float], *args: object) -> object:
    """fn over NumPy-broadcast arguments, one C-library call per element. The expression
    language's log1p and powers go through here in both versions, so they agree, and agree
    on every CPU (NumPy's own vary with the SIMD it finds)."""
    arrays = np.broadcast_arrays(*[np.asarray(a, dtype=float) for a in args])
    if arrays[0].ndim == 0:
        return fn(*(float(a) for a in arrays))
    flat = [a.ravel().tolist() for a in arrays]
    return np.array([fn(*xs) for xs in zip(*flat, strict=True)], dtype=float).reshape(arrays[0].shape)


def _pow(a: float, b: float) -> float:
    sign = NAN if a != a else (a > 0) - (a < 0)
    return pow_abs(abs(a), b) * sign


def _min(a: float, b: float) -> float:
    if a != a or b != b:
        return NAN
    return a if a <= b else b


def _max(a: float, b: float) -> float:
    if a != a or b != b:
        return NAN
    return a if a >= b else b


FUNCTIONS: dict[str, Callable[..., float]] = {
    "min": _min,
    "max": _max,
    "abs": abs,
    "clamp": lambda x, lo, hi: _min(_max(x, lo), hi),
    "sqrt": lambda x: math.sqrt(_max(x, 0.0)),
    "log1p": lambda x: math.log1p(_max(x, 0.0)),
}
BINOPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _div,
    ast.Pow: _pow,
}
CMPS: dict[type, Callable[[float, float], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


def dotted_name(node: ast.AST) -> str | None:
    """`a.b.c` written as attribute access, as one variable name (None for anything else)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def compile_scalar(node: ast.AST) -> Fn:
    """Plain-Python evaluator of an already-validated expression tree."""
    kind = type(node)  # exact node classes: ast.parse makes no subclasses
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
        left, right = compile_scalar(node.left), compile_scalar(node.right)
        return lambda env: op(left(env), right(env))
    if kind is ast.UnaryOp:
        operand = compile_scalar(node.operand)
        if isinstance(node.op, ast.USub):
            return lambda env: -operand(env)
        if isinstance(node.op, ast.UAdd):
            return operand
        return lambda env: not operand(env)
    if kind is ast.BoolOp:
        # Stops at the first part that decides, as Python does: the parts have no side effects,
        # and every name in them was checked when the rules were loaded.
        parts = [compile_scalar(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda env: all(p(env) for p in parts)
        return lambda env: any(p(env) for p in parts)
    if kind is ast.Compare:
        first = compile_scalar(node.left)
        rest = [(CMPS[type(op)], compile_scalar(c)) for op, c in zip(node.ops, node.comparators, strict=True)]
        if len(rest) == 1:
            (cmp, right_fn), = rest
            return lambda env: cmp(first(env), right_fn(env))

        def compare(env: Mapping[str, object]) -> bool:
            left = first(env)
            result = True
            for fn, right_fn in rest:
                right = right_fn(env)
                result = fn(left, right) and result
                left = right
            return result

        return compare
    if kind is ast.IfExp:
        test, body, orelse = compile_scalar(node.test), compile_scalar(node.body), compile_scalar(node.orelse)

        def ifexp(env: Mapping[str, object]) -> object:
            t, b, o = test(env), body(env), orelse(env)
            return b if t else o

        return ifexp
    if kind is ast.Call:
        fn = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
        args = [compile_scalar(a) for a in node.args]
        if len(args) == 1:
            a0 = args[0]
            return lambda env: fn(a0(env))
        if len(args) == 2:
            a0, a1 = args
            return lambda env: fn(a0(env), a1(env))
        return lambda env: fn(*[a(env) for a in args])
    raise NotScalar  # not reached for a tree the whitelisting compiler accepted
