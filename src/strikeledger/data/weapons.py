"""The weapon list: each weapon type with its category, family and spellings.

The data is ``data/weapons.json``, built by ``scripts/build_weapons.py`` from the
reference weapon list. Extraction finds the spellings in text (``extract/weapons.py``);
incidents and exports look names up here, without importing extraction:

    >>> from strikeledger.data.weapons import family_of, find
    >>> family_of("Kh-101"), find("Shaheds").canonical
    ('kh-101', 'Shahed-136/131')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import load, schemas
from .schemas import spelling_key

__all__ = ["Weapon", "weapons", "find", "family_of", "category_of", "spelling_key"]

_PLURAL_ENDINGS = ("'s", "’s", "es", "s")


@dataclass(frozen=True, slots=True)
class Weapon:
    canonical: str
    category: str  # drone | missile | bomb | other
    family: str    # types of one family are the same weapon for reconciliation
    generic: bool
    variants: tuple[str, ...]


@dataclass(frozen=True)
class _Index:
    by_canonical: dict[str, Weapon]
    by_spelling: dict[str, Weapon]  # spelling_key -> weapon (first owner wins)


@lru_cache(maxsize=1)
def _index() -> _Index:
    by_canonical: dict[str, Weapon] = {}
    by_spelling: dict[str, Weapon] = {}
    for e in load("weapons.json", schemas.Weapons).weapons:
        w = Weapon(e.canonical, e.category, e.family, e.generic, tuple(e.variants))
        by_canonical[w.canonical] = w
        for spelling in (w.canonical, *w.variants):
            by_spelling.setdefault(spelling_key(spelling), w)
    return _Index(by_canonical, by_spelling)


def weapons() -> dict[str, Weapon]:
    """Every weapon type by canonical name."""
    return dict(_index().by_canonical)


def find(name: str, plural: bool = True) -> Weapon | None:
    """The weapon a name or spelling means ("Kh-101", "X-101/X-555", "Shaheds"), else None.

    With ``plural``, an ending ("Kinzhals", "Shahed's") is tried off when the name itself
    is unknown.
    """
    index = _index()
    key = spelling_key(name.strip())
    w = index.by_spelling.get(key)
    if w is None and plural:
        for ending in _PLURAL_ENDINGS:
            if key.endswith(ending) and (w := index.by_spelling.get(key[: -len(ending)])):
                break
    return w


def family_of(name: str) -> str:
    """The family of a weapon name ("Iskander-M" and "Iskander-M/KN-23" share one); an
    unknown name is its own family, case-folded."""
    w = find(name)
    return w.family if w is not None else name.casefold()


def category_of(name: str) -> str | None:
    """drone, missile, bomb or other for a known weapon name, else None."""
    w = find(name)
    return w.category if w is not None else None
