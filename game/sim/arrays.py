"""Small NumPy helpers for the systems' hot paths: every turn evaluates a few hundred rule
expressions for the whole world, and NumPy's general-purpose conversions (broadcast_to,
nan_to_num) cost more than the arithmetic on ~170 countries. These give the same values."""

from __future__ import annotations

import numpy as np

_SCALARS = (float, int, bool, np.float64, np.bool_)


def column(value: object, n: int, dtype: type = float) -> np.ndarray:
    """An expression's result as an (n,) array of dtype: the same values as
    np.broadcast_to(np.asarray(value, dtype=dtype), (n,)). A single number (an expression
    that reads no per-country name) becomes a new filled array; an array of the right shape
    and type is returned as it is. Read the result, never write into it."""
    if type(value) is np.ndarray and value.shape == (n,) and value.dtype == dtype:
        return value
    if type(value) in _SCALARS:
        return np.full(n, value, dtype=dtype)
    return np.broadcast_to(np.asarray(value, dtype=dtype), (n,))


def finite(values: np.ndarray) -> np.ndarray:
    """NaN and infinities as 0 (np.nan_to_num(values, nan=0, posinf=0, neginf=0)); the
    array itself when every value is finite, the usual case."""
    ok = np.isfinite(values)
    return values if ok.all() else np.where(ok, values, 0.0)
