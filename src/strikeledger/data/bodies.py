"""The bodies and officials whose statements reports quote, as records name them.

The data is ``data/bodies.json``; how each language names them (aliases, titles) is in
``data/<lang>/speakers.json``. Incidents and exports read names and roles here, without
importing extraction.
"""
from __future__ import annotations

from functools import lru_cache

from . import load, schemas

__all__ = ["bodies", "officials", "role_of"]


@lru_cache(maxsize=1)
def _file() -> schemas.Bodies:
    return load("bodies.json", schemas.Bodies)


def bodies() -> dict[str, schemas.Body]:
    """Every listed body by its name ("Ukrainian Air Force", "State Emergency Service")."""
    return {b.name: b for b in _file().bodies}


def officials() -> dict[str, schemas.Official]:
    """Every listed official by full name ("Volodymyr Zelenskyy")."""
    return {p.name: p for p in _file().persons}


def role_of(name: str) -> str | None:
    """The role of a listed body or official, else None."""
    entry = bodies().get(name) or officials().get(name)
    return entry.role if entry is not None else None
