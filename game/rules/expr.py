"""A small, whitelisted expression language for conditions and formulas in rule files.

Rule files say things like ``when: "is_democracy and refugees_in > 2"`` or
``add: "-0.4 * max(0, polarisation - 50) / 10"``. The text is parsed once, at load time,
with Python's own parser (``ast.parse``) and then walked: only arithmetic, comparisons,
``and``/``or``/``not``, ``a if c else b``, numbers and a few named functions are accepted,
and every variable name is checked against the names the context allows. Nothing is ever
handed to ``eval``.

Compiled expressions work on plain floats and on NumPy arrays alike, so a dynamic rule is
evaluated for every country of the world in one pass.
"""

from __future__ import annotations

import ast
import difflib
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.rules.scalar import NotScalar, compile_scalar, dotted_name, elementwise, pow_abs

Env = Mapping[str, object]
Fn = Callable[[Env], object]

MAX_LENGTH = 400
MAX_NODES = 120


class ExprError(ValueError):
    """An expression that cannot be compiled; the message is for the modder."""


def _div(a: object, b: object) -> object:
    """a / b, and 0 where b is 0. The usual cases skip the general masking (three
    whole-array passes, the dearest part of the AI's pair evaluations): one non-zero divisor
    (`relation / 50`), and an array divisor, divided only where it is not 0 (or everywhere,
    when no element is)."""
    if type(b) is float or type(b) is np.float64:
        if b != 0:
            return np.asarray(a, dtype=float) / b
    elif type(b) is np.ndarray and b.dtype == float and b.ndim:
        if b.all():  # no divisor is 0 (`x / max(1, gdp)`): the plain division, without the mask
            return np.asarray(a, dtype=float) / b
        out = np.zeros(np.broadcast_shapes(np.shape(a), b.shape))
        return np.divide(np.asarray(a, dtype=float), b, out=out, where=b != 0)
    b_arr = np.asarray(b, dtype=float)
    safe = np.where(b_arr == 0, 1.0, b_arr)
    return np.where(b_arr == 0, 0.0, np.asarray(a, dtype=float) / safe)


def _clamp(x: object, lo: object, hi: object) -> object:
    return np.minimum(np.maximum(x, lo), hi)


def _sqrt(x: object) -> object:
    return np.sqrt(np.maximum(x, 0.0))


def _log1p(x: object) -> object:
    # Element by element with the C library: NumPy picks a SIMD log1p by CPU (AVX-512 or not),
    # and those differ in the last bit, so the same game would hash differently elsewhere.
    return elementwise(math.log1p, np.maximum(x, 0.0))


def _power(a: object, b: object) -> object:
    return elementwise(pow_abs, np.abs(a), b) * np.sign(a)


FUNCTIONS: dict[str, tuple[Callable[..., object], int]] = {
    "min": (np.minimum, 2),
    "max": (np.maximum, 2),
    "abs": (np.abs, 1),
    "clamp": (_clamp, 3),
    "sqrt": (_sqrt, 1),
    "log1p": (_log1p, 1),
}

_BINOPS: dict[type, Callable[[object, object], object]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: _div,
    ast.Pow: _power,
}
_CMPS: dict[type, Callable[[object, object], object]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}


class _Closures:
    """Expr.fn: the NumPy closures, made from the checked tree the first time they are asked
    for, then kept on the Expr itself (its own attribute from then on: no call in between).
    Loading the rules checks ~500 expressions; making their closures is most of what
    compiling them costs, and a first turn asks for them anyway. Two threads asking at once
    both make the same closures; either may be kept."""

    def __get__(self, expr: Expr | None, owner: type) -> object:
        if expr is None:
            return self
        tree = expr.tree
        if tree is None:  # a number written as a number
            v = expr.constant
            fn = lambda env: v  # noqa: E731
        else:
            fn = _Compiler().compile(tree)
        object.__setattr__(expr, "fn", fn)
        return fn


@dataclass(frozen=True)
class Expr:
    """A compiled expression: call it with a mapping of variable values."""

    source: str
    names: frozenset[str]
    constant: float | None = None
    # The plain-Python twin for scopes of single numbers (game.rules.scalar), made when first
    # called (see _ScalarTwin); not part of equality or the hash, which stay the same then.
    sfn: Fn | None = field(default=None, compare=False)
    # The checked tree the closures are made from (None for a plain number).
    tree: ast.AST | None = field(default=None, compare=False, repr=False)

    # The NumPy version (an Fn), for whole arrays of countries: made when first asked for.
    # Not annotated, so not a dataclass field: not part of __init__, equality or the hash.
    fn = _Closures()

    def __call__(self, env: Env) -> object:
        if self.constant is not None:
            return self.constant
        if self.sfn is not None:
            try:
                return self.sfn(env)
            except NotScalar:
                pass  # a name is an array: the NumPy version evaluates the whole world at once
        return self.fn(env)

    def scalar(self, env: Env) -> float:
        if self.constant is not None:
            return self.constant
        value = self(env)
        if type(value) is float or type(value) is bool:
            return float(value)  # the plain-Python twin answered with one number
        return float(np.asarray(value).reshape(-1)[0])


class _ScalarTwin:
    """Stands in for an Expr's sfn until the first call, then puts the real one in its place.
    Loading the rules compiles ~500 expressions; many are never evaluated one country at a
    time, and the checker (_Checker) has accepted each tree."""

    __slots__ = ("expr",)

    def __init__(self) -> None:
        self.expr: Expr | None = None  # set once the Expr exists: it reads the Expr's tree

    def __call__(self, env: Env) -> object:
        expr = self.expr
        assert expr is not None and expr.tree is not None
        try:
            real = compile_scalar(expr.tree)
        except (RecursionError, NotScalar):
            real = None
        object.__setattr__(expr, "sfn", real)
        if real is None:
            raise NotScalar  # the caller falls back to the NumPy version
        return real(env)


class _Checker:
    """Checks a parsed tree against the language (the node kinds, operators and functions
    allowed, numbers only, the names of the scope, the size limit) and gathers its names. It
    raises the first problem met, walking the tree in the order the closures evaluate it."""

    __slots__ = ("known", "names", "count")

    def __init__(self, known: Collection[str] | None):
        self.known = known
        self.names: set[str] = set()
        self.count = 0

    def fail_name(self, name: str) -> ExprError:
        assert self.known is not None
        close = difflib.get_close_matches(name, list(self.known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return ExprError(f"unknown name {name!r}{hint}")

    def check(self, node: Any) -> None:  # an ast node: each branch reads its own kind's fields
        self.count += 1
        if self.count > MAX_NODES:
            raise ExprError(f"expression too long (more than {MAX_NODES} parts)")
        kind = type(node)  # exact node classes: ast.parse makes no subclasses
        if kind is ast.BinOp:
            if type(node.op) not in _BINOPS:
                raise ExprError(f"operator {type(node.op).__name__} is not allowed")
            self.check(node.left)
            self.check(node.right)
        elif kind is ast.Constant:
            value = node.value
            if not isinstance(value, (int, float)):  # bool is an int
                raise ExprError(f"only numbers are allowed, not {value!r}")
        elif kind is ast.Name or kind is ast.Attribute:
            dotted = node.id if kind is ast.Name else dotted_name(node)
            if dotted is None:  # an attribute of something else than a name: `(a + b).c`
                raise ExprError(f"{kind.__name__} is not allowed in a rule expression")
            if dotted not in ("true", "false"):
                if self.known is not None and dotted not in self.known:
                    raise self.fail_name(dotted)
                self.names.add(dotted)
        elif kind is ast.Compare:
            self.check(node.left)
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                if type(op) not in _CMPS:
                    raise ExprError(f"comparison {type(op).__name__} is not allowed")
                self.check(comparator)
        elif kind is ast.Call:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else None
            if name not in FUNCTIONS:
                allowed = ", ".join(sorted(FUNCTIONS))
                raise ExprError(f"unknown function {name or '?'!r} (allowed: {allowed})")
            arity = FUNCTIONS[name][1]
            if node.keywords or len(node.args) != arity:
                raise ExprError(f"{name}() takes {arity} argument(s)")
            for arg in node.args:
                self.check(arg)
        elif kind is ast.UnaryOp:
            self.check(node.operand)
            if type(node.op) not in (ast.UAdd, ast.USub, ast.Not):
                raise ExprError("operator ~ is not allowed")
        elif kind is ast.BoolOp:
            for value in node.values:
                self.check(value)
        elif kind is ast.IfExp:
            self.check(node.test)
            self.check(node.body)
            self.check(node.orelse)
        else:
            raise ExprError(f"{kind.__name__} is not allowed in a rule expression")


class _Compiler:
    """Turns a tree _Checker accepted into nested closures, one per node. A turn evaluates tens of
    thousands of nodes, so the closures are cut to the cases rules write most: a part that is
    a number (`x / 10`, `max(0, x)`) or a name (`military >= 25`) is read inside its parent's
    closure rather than called, and a part with no name at all (`-0.4`, `1 / 3`) is worked
    out once, here. Every closure calls the same NumPy functions on the same values in the
    same order as the plain form would, so the results are the same to the bit. It meets
    only what the checker let through, so it raises nothing of its own."""

    def __init__(self) -> None:
        self.values: dict[Fn, object] = {}  # closure -> its value, for the parts that read no name
        self.reads: dict[Fn, str] = {}  # closure -> the name it reads, for the parts that are a name

    def compile(self, node: ast.AST) -> Fn:
        # By exact node class (ast.parse makes no subclasses): one lookup, not a chain of tests.
        return _BUILDERS[type(node)](self, node)

    def value(self, v: object) -> Fn:
        fn = lambda env: v  # noqa: E731
        self.values[fn] = v
        return fn

    def folded(self, fn: Fn, parts: list[Fn]) -> Fn:
        """fn, or its value worked out once for all when none of its parts reads a name. Only
        numbers met without floating-point trouble (overflow, 0 / 0...) are kept, so NumPy's
        error settings at run time could not have made the answer differ."""
        if not all(p in self.values for p in parts):
            return fn
        try:
            with np.errstate(all="raise"):
                v = fn({})
        except (FloatingPointError, ArithmeticError, ValueError, TypeError):
            return fn
        if type(v) not in (float, np.float64, np.bool_):
            return fn  # an array (`1 if 2 > 1 else 0` is one): one shared array would be one a caller could write into
        return self.value(v)

    def constant(self, node: ast.Constant) -> Fn:
        return self.value(float(node.value))  # a bool is 1.0 or 0.0

    def name(self, node: ast.Name | ast.Attribute) -> Fn:
        dotted = node.id if type(node) is ast.Name else dotted_name(node)  # type: ignore[union-attr]
        assert dotted is not None
        if dotted in ("true", "false"):
            return self.value(1.0 if dotted == "true" else 0.0)
        fn = lambda env: env[dotted]  # noqa: E731
        self.reads[fn] = dotted
        return fn

    def pair(self, op: Callable[[object, object], object], left: Fn, right: Fn) -> Fn:
        """op(left, right), left evaluated first, with a number or a name read in place."""
        values, reads = self.values, self.reads
        if right in values:
            rv = values[right]
            if left in reads:
                ln = reads[left]
                return self.folded(lambda env: op(env[ln], rv), [left, right])
            return self.folded(lambda env: op(left(env), rv), [left, right])
        if left in values:
            lv = values[left]
            if right in reads:
                rn = reads[right]
                return lambda env: op(lv, env[rn])
            return lambda env: op(lv, right(env))
        if left in reads:
            ln = reads[left]
            if right in reads:
                rn = reads[right]
                return lambda env: op(env[ln], env[rn])
            return lambda env: op(env[ln], right(env))
        if right in reads:
            rn = reads[right]
            return lambda env: op(left(env), env[rn])
        return lambda env: op(left(env), right(env))

    def binop(self, node: ast.BinOp) -> Fn:
        return self.pair(_BINOPS[type(node.op)], self.compile(node.left), self.compile(node.right))

    def unaryop(self, node: ast.UnaryOp) -> Fn:
        operand = self.compile(node.operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        fn = np.negative if isinstance(node.op, ast.USub) else np.logical_not
        if operand in self.reads:
            name = self.reads[operand]
            return lambda env: fn(env[name])
        return self.folded(lambda env: fn(operand(env)), [operand])

    def boolop(self, node: ast.BoolOp) -> Fn:
        parts = [self.compile(v) for v in node.values]
        combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        if len(parts) == 2:  # every part is evaluated, first to last, as below
            return self.pair(combine, *parts)
        first, rest = parts[0], parts[1:]

        def boolop(env: Env) -> object:
            result = first(env)
            for part in rest:
                result = combine(result, part(env))
            return result

        return self.folded(boolop, parts)

    def compare(self, node: ast.Compare) -> Fn:
        first = self.compile(node.left)
        rest = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            rest.append((_CMPS[type(op)], self.compile(comparator)))
        if len(rest) == 1:  # `a < b`: its answer as it is (and-ing it with True copies the array)
            (fn, right_fn), = rest
            return self.pair(fn, first, right_fn)

        def compare(env: Env) -> object:
            left = first(env)
            result: object = True
            for fn, right_fn in rest:
                right = right_fn(env)
                result = np.logical_and(result, fn(left, right))
                left = right
            return result

        return self.folded(compare, [first, *(r for _, r in rest)])

    def ifexp(self, node: ast.IfExp) -> Fn:
        test, body, orelse = self.compile(node.test), self.compile(node.body), self.compile(node.orelse)
        return self.folded(lambda env: np.where(test(env), body(env), orelse(env)), [test, body, orelse])

    def call(self, node: ast.Call) -> Fn:
        fn, arity = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
        args = [self.compile(a) for a in node.args]
        if arity == 1:
            (x,) = args
            return self.folded(lambda env: fn(x(env)), args)
        if arity == 2:
            return self.pair(fn, *args)
        return self.folded(lambda env: fn(*[a(env) for a in args]), args)


_BUILDERS: dict[type, Callable[[_Compiler, ast.AST], Fn]] = {
    ast.Constant: _Compiler.constant, ast.Name: _Compiler.name, ast.Attribute: _Compiler.name,
    ast.BinOp: _Compiler.binop, ast.UnaryOp: _Compiler.unaryop, ast.BoolOp: _Compiler.boolop,
    ast.Compare: _Compiler.compare, ast.IfExp: _Compiler.ifexp, ast.Call: _Compiler.call,
}


def compile_expr(source: str | float | int | bool, known: Collection[str] | None = None) -> Expr:
    """Compile a rule expression; raise ExprError with a modder-readable message."""
    if isinstance(source, bool):
        return Expr(str(source).lower(), frozenset(), 1.0 if source else 0.0)
    if isinstance(source, (int, float)):
        v = float(source)
        if not np.isfinite(v):
            raise ExprError("numbers must be finite")
        return Expr(repr(source), frozenset(), v)
    text = str(source).strip()
    if not text:
        raise ExprError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"cannot parse expression: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("cannot parse expression") from None
    checker = _Checker(known)
    try:
        checker.check(tree.body)
    except RecursionError:
        raise ExprError("expression nested too deeply") from None
    twin = _ScalarTwin()
    expr = Expr(text, frozenset(checker.names), None, twin, tree.body)
    twin.expr = expr
    if not checker.names:  # no name at all: its value, once (the closures are made for it now)
        try:
            constant = float(np.asarray(expr.fn({})).reshape(-1)[0])
        except (TypeError, ValueError, FloatingPointError):
            constant = None
        if constant is not None:
            object.__setattr__(expr, "constant", constant)
    return expr
