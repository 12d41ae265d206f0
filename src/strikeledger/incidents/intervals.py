"""The interval of counts a stated figure allows, for finding conflicts.

A claim is a statement about one true count. Its qualifier says which counts it allows:

| qualifier  | interval                         | note                                   |
|------------|----------------------------------|----------------------------------------|
| exact      | [v, v]                           |                                        |
| at_least   | [v, ∞)                           |                                        |
| more_than  | [v+1, ∞)                         |                                        |
| at_most    | [0, v]                           |                                        |
| less_than  | [0, v-1]                         |                                        |
| nearly     | [floor(0.8·v), v-1]              | "nearly 500" is not 300                |
| approx     | [floor(0.9·v), ceil(1.1·v)]      | APPROX_TOLERANCE = 10% either side     |
| range      | [low, high]                      |                                        |
| vague      | [low, ∞)                         | "dozens" is 24 or more                 |

The tolerances are choices, written here once: 10% is what a speaker rounding to a
round number ("some 500", "about 40") plausibly hides; "nearly" means short of the
number by less than a fifth. Claims with disjoint intervals cannot both be true.
"""
from __future__ import annotations

import math
from fractions import Fraction

INF = float("inf")
# exact fractions: in floating point 1.1 * 350 is 385.00000000000006, whose ceiling
# would let "about 350" allow 386
APPROX_TOLERANCE = Fraction(1, 10)
NEARLY_FLOOR = Fraction(8, 10)


def interval(value: int | None, qualifier: str, low: int | None = None,
             high: int | None = None) -> tuple[float, float]:
    """The inclusive interval of counts a claim allows (``hi`` may be infinite)."""
    q = qualifier
    if value is None or q in ("range", "vague"):
        lo = float(low) if low is not None else 0.0
        hi = float(high) if high is not None else INF
        if q == "vague" or (low is not None and high is None):
            hi = INF if high is None else float(high)
        return lo, max(lo, hi)
    v = float(value)
    exact_v = Fraction(value)
    if q == "exact":
        return v, v
    if q == "at_least":
        return v, INF
    if q == "more_than":
        return v + 1, INF
    if q == "at_most":
        return 0.0, v
    if q == "less_than":
        return 0.0, max(0.0, v - 1)
    if q == "nearly":
        return float(math.floor(NEARLY_FLOOR * exact_v)), max(0.0, v - 1)
    if q == "approx":
        return (float(math.floor((1 - APPROX_TOLERANCE) * exact_v)),
                float(math.ceil((1 + APPROX_TOLERANCE) * exact_v)))
    # an unknown qualifier allows anything rather than inventing a conflict
    return 0.0, INF


def disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when no count lies in both intervals."""
    return a[1] < b[0] or b[1] < a[0]


def intersect(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


_INT64 = 2 ** 63


def as_bound(x: float) -> int | None:
    """An interval end as the contract's inclusive integer bound (None = open, and so is
    an end past what a 64-bit column holds: no count is that large)."""
    if math.isinf(x) or abs(x) >= _INT64:
        return None
    return int(x)
