"""The verbs by which a report credits a statement to its source ("X said", "X reported").

Kept once, in ``data/<lang>/reporting.json``: speakers, the attribution of figures, the
place matcher ("Bondar said": a surname, not a village) and the dates ("officials said on
Wednesday": the statement's day) all read this list.
"""
from __future__ import annotations

from functools import lru_cache

from ..data import load
from ..data.schemas import Reporting
from .wordtrie import literal_atoms, trie_regex

__all__ = ["reporting_verbs", "reporting_alternation"]


def reporting_verbs(lang: str = "en") -> list[str]:
    return list(load(f"{lang}/reporting.json", Reporting).verbs)


@lru_cache(maxsize=None)
def reporting_alternation(lang: str = "en") -> str:
    """The verbs as one regex (no groups, no boundaries; a space matches any whitespace),
    lower case: compile it case-insensitively or match it on folded text."""
    return trie_regex(literal_atoms(v) for v in sorted(set(reporting_verbs(lang))))
