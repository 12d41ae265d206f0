"""The one paging helper: ``limit``/``offset`` parameters and the page shape.

Every listing answers ``{"total"?, "limit", "offset", "next_offset", "items"}``;
``next_offset`` is null on the last page. A listing that can count its rows cheaply
gives ``total``; one that cannot asks the library for ``limit + 1`` rows (``probe``) to
know whether a next page exists.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Query

MAX_PAGE = 2000
MAX_OFFSET = 1_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")]


def probe(limit: int) -> int:
    """How many rows to ask for to learn whether another page follows."""
    return limit + 1


def page(items: list, limit: int, offset: int, total: int | None = None) -> dict:
    """The page shape, from ``items`` (at most ``limit``, or ``probe(limit)`` rows)."""
    more = total > offset + len(items[:limit]) if total is not None else len(items) > limit
    out = {"limit": limit, "offset": offset, "next_offset": offset + limit if more else None,
           "items": items[:limit]}
    if total is not None:
        out = {"total": total, **out}
    return out
