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


_FOLDING = object()  # _build's marker: "no constant value" (a constant may be any number or a bool)

# The arithmetic and comparisons written out, one closure per operator and shape (both sides
# evaluated, or one of them a constant): the same Python operation as the operator module's
# function, one call fewer per node. Left is always evaluated before right, as before.
_OPERATOR_CLOSURES: dict[type, tuple[Callable, Callable, Callable]] = {
    ast.Add: (lambda left, right: lambda env: left(env) + right(env),
              lambda left, c: lambda env: left(env) + c,
              lambda c, right: lambda env: c + right(env)),
    ast.Sub: (lambda left, right: lambda env: left(env) - right(env),
              lambda left, c: lambda env: left(env) - c,
              lambda c, right: lambda env: c - right(env)),
    ast.Mult: (lambda left, right: lambda env: left(env) * right(env),
               lambda left, c: lambda env: left(env) * c,
               lambda c, right: lambda env: c * right(env)),
    ast.Lt: (lambda left, right: lambda env: left(env) < right(env),
             lambda left, c: lambda env: left(env) < c,
             lambda c, right: lambda env: c < right(env)),
    ast.LtE: (lambda left, right: lambda env: left(env) <= right(env),
              lambda left, c: lambda env: left(env) <= c,
              lambda c, right: lambda env: c <= right(env)),
    ast.Gt: (lambda left, right: lambda env: left(env) > right(env),
             lambda left, c: lambda env: left(env) > c,
             lambda c, right: lambda env: c > right(env)),
    ast.GtE: (lambda left, right: lambda env: left(env) >= right(env),
              lambda left, c: lambda env: left(env) >= c,
              lambda c, right: lambda env: c >= right(env)),
    ast.Eq: (lambda left, right: lambda env: left(env) == right(env),
             lambda left, c: lambda env: left(env) == c,
             lambda c, right: lambda env: c == right(env)),
    ast.NotEq: (lambda left, right: lambda env: left(env) != right(env),
                lambda left, c: lambda env: left(env) != c,
                lambda c, right: lambda env: c != right(env)),
}


def _binary(op_type: type, generic: Callable[[object, object], object], left: Fn, lc: object, right: Fn, rc: object) -> Fn:
    """left OP right, written out where the operator allows (see _OPERATOR_CLOSURES)."""
    closures = _OPERATOR_CLOSURES.get(op_type)
    if closures is not None:
        both, const_right, const_left = closures
        if rc is not _FOLDING:
            return const_right(left, rc)
        if lc is not _FOLDING:
            return const_left(lc, right)
        return both(left, right)
    if op_type is ast.Div and rc is not _FOLDING and rc != 0:
        return lambda env: left(env) / rc  # what _div does for a divisor that is not 0
    return lambda env: generic(left(env), right(env))


def _name(dotted: str) -> Fn:
    def name(env: Mapping[str, object]) -> object:
        value = env[dotted]
        return value if type(value) is float else _number(value)  # _number's first test, without the call

    return name


def compile_scalar(node: ast.AST) -> Fn:
    """Plain-Python evaluator of an already-validated expression tree."""
    return _build(node)[0]


def _build(node: ast.AST) -> tuple[Fn, object]:
    """(evaluator, its constant value or _FOLDING). A part that reads no name always gives the
    same value: it is worked out here, once (the same closures, called once), and its
    evaluator returns that value."""
    fn, constant, pure = _build_parts(node)
    if constant is _FOLDING and pure:
        try:
            value = fn({})
        except Exception:  # noqa: BLE001 - left to be evaluated (and to fail) as it would have
            return fn, _FOLDING
        return (lambda env: value), value
    return fn, constant


def _build_parts(node: ast.AST) -> tuple[Fn, object, bool]:
    """(evaluator, constant value or _FOLDING, whether every part below is a constant)."""
    kind = type(node)  # exact node classes: ast.parse makes no subclasses
    if kind is ast.Constant:
        v = float(node.value)
        return (lambda env: v), v, True
    dotted = dotted_name(node) if kind is ast.Name or kind is ast.Attribute else None
    if dotted is not None:
        if dotted in ("true", "false"):
            c = 1.0 if dotted == "true" else 0.0
            return (lambda env: c), c, True
        return _name(dotted), _FOLDING, False
    if kind is ast.BinOp:
        op_type = type(node.op)
        (left, lc), (right, rc) = _build(node.left), _build(node.right)
        return _binary(op_type, BINOPS[op_type], left, lc, right, rc), _FOLDING, _constants(lc, rc)
    if kind is ast.UnaryOp:
        operand, oc = _build(node.operand)
        pure = _constants(oc)
        if isinstance(node.op, ast.USub):
            return (lambda env: -operand(env)), _FOLDING, pure
        if isinstance(node.op, ast.UAdd):
            return operand, _FOLDING, pure
        return (lambda env: not operand(env)), _FOLDING, pure
    if kind is ast.BoolOp:
        # Stops at the first part that decides, as Python does: the parts have no side effects,
        # and every name in them was checked when the rules were loaded. The answer is a bool,
        # as all() and any() give.
        built = [_build(v) for v in node.values]
        parts = [fn for fn, _ in built]
        pure = _constants(*(c for _, c in built))
        if len(parts) == 2:
            p0, p1 = parts
            if isinstance(node.op, ast.And):
                return (lambda env: True if p0(env) and p1(env) else False), _FOLDING, pure
            return (lambda env: True if p0(env) or p1(env) else False), _FOLDING, pure
        if len(parts) == 3:
            p0, p1, p2 = parts
            if isinstance(node.op, ast.And):
                return (lambda env: True if p0(env) and p1(env) and p2(env) else False), _FOLDING, pure
            return (lambda env: True if p0(env) or p1(env) or p2(env) else False), _FOLDING, pure
        if isinstance(node.op, ast.And):
            return (lambda env: all(p(env) for p in parts)), _FOLDING, pure
        return (lambda env: any(p(env) for p in parts)), _FOLDING, pure
    if kind is ast.Compare:
        first, fc = _build(node.left)
        rest = [(type(op), CMPS[type(op)], *_build(c)) for op, c in zip(node.ops, node.comparators, strict=True)]
        pure = _constants(fc, *(c for *_, c in rest))
        if len(rest) == 1:
            (op_type, cmp, right_fn, rc), = rest
            return _binary(op_type, cmp, first, fc, right_fn, rc), _FOLDING, pure
        chain = [(fn, right_fn) for _, fn, right_fn, _ in rest]

        def compare(env: Mapping[str, object]) -> bool:
            left = first(env)
            result = True
            for fn, right_fn in chain:
                right = right_fn(env)
                result = fn(left, right) and result
                left = right
            return result

        return compare, _FOLDING, pure
    if kind is ast.IfExp:
        (test, tc), (body, bc), (orelse, oc) = _build(node.test), _build(node.body), _build(node.orelse)

        def ifexp(env: Mapping[str, object]) -> object:
            t, b, o = test(env), body(env), orelse(env)
            return b if t else o

        return ifexp, _FOLDING, _constants(tc, bc, oc)
    if kind is ast.Call:
        fn = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
        built = [_build(a) for a in node.args]
        args = [a for a, _ in built]
        pure = _constants(*(c for _, c in built))
        if len(args) == 1:
            a0 = args[0]
            return (lambda env: fn(a0(env))), _FOLDING, pure
        if len(args) == 2:
            (a0, c0), (a1, c1) = built
            if fn is _max or fn is _min:
                return _min_max(fn is _max, a0, c0, a1, c1), _FOLDING, pure
            return (lambda env: fn(a0(env), a1(env))), _FOLDING, pure
        if len(args) == 3:
            a0, a1, a2 = args
            return (lambda env: fn(a0(env), a1(env), a2(env))), _FOLDING, pure
        return (lambda env: fn(*[a(env) for a in args])), _FOLDING, pure
    raise NotScalar  # not reached for a tree the whitelisting compiler accepted


def _constants(*values: object) -> bool:
    return all(v is not _FOLDING for v in values)


def _min_max(is_max: bool, a0: Fn, c0: object, a1: Fn, c1: object) -> Fn:
    """min(a, b) or max(a, b) as _min and _max give them, written out when one side is a
    number that is not NaN (`max(0, x - 50)`): NaN from the other side, else the smaller or
    larger (the first on a tie)."""
    if c0 is not _FOLDING and type(c0) is float and c0 == c0:
        if is_max:
            def max_c0(env: Mapping[str, object]) -> object:
                b = a1(env)
                return NAN if b != b else (c0 if c0 >= b else b)

            return max_c0

        def min_c0(env: Mapping[str, object]) -> object:
            b = a1(env)
            return NAN if b != b else (c0 if c0 <= b else b)

        return min_c0
    if c1 is not _FOLDING and type(c1) is float and c1 == c1:
        if is_max:
            def max_c1(env: Mapping[str, object]) -> object:
                a = a0(env)
                return NAN if a != a else (a if a >= c1 else c1)

            return max_c1

        def min_c1(env: Mapping[str, object]) -> object:
            a = a0(env)
            return NAN if a != a else (a if a <= c1 else c1)

        return min_c1
    fn = _max if is_max else _min
    return lambda env: fn(a0(env), a1(env))
