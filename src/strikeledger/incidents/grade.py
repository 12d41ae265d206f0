"""How sure a consolidated figure is: confirmed, fair, weak or contested.

The rule, applied to the *current* claims of one scope (one kind, one place or national,
one weapon or none; claims replaced by a revision are left out):

1. **contested**: two current claims conflict (their intervals cannot both hold).
2. **confirmed**: at least two *independent* origins state the best value: a claim
   states it when its number equals the best value, or it is an exact or approximate
   figure whose interval contains it ("about 590" states 595; "at least 4" does not
   state 7, it only allows it).
3. **fair**: at least two independent origins, none conflicting, but fewer than two
   state the best value (one says 7, another "at least 4").
4. **weak**: one origin only.

Origins: a claim's origin is its speaker when it has one (two wire stories quoting the
president are one origin, the president), else its source, the near-duplicate group of
its report (syndicated copies are one source). Two claims are independent when their
origins differ.
"""
from __future__ import annotations

from collections.abc import Sequence

from strikeledger.incidents.types import Claim

GRADES = ("confirmed", "fair", "weak", "contested")
# worst first: a sum of parts takes the worst grade among them
_SEVERITY = {"contested": 0, "weak": 1, "fair": 2, "confirmed": 3}


def states(claim: Claim, value: int | None) -> bool:
    """Whether ``claim`` states ``value`` (not merely allows it)."""
    if value is None:
        return False
    if claim.point == value:
        return True
    return claim.qualifier in ("exact", "approx") and claim.lo <= value <= claim.hi


def grade(current: Sequence[Claim], best_value: int | None, conflicted: bool) -> tuple[str, int]:
    """The grade of one scope's estimate and its number of independent origins."""
    origins = {c.origin for c in current}
    if conflicted:
        return "contested", len(origins)
    stating = {c.origin for c in current if states(c, best_value)}
    if len(stating) >= 2:
        return "confirmed", len(origins)
    if len(origins) >= 2:
        return "fair", len(origins)
    return "weak", len(origins)


def worst(grades: Sequence[str]) -> str:
    return min(grades, key=lambda g: _SEVERITY.get(g, 0)) if grades else "weak"
