"""Inflected forms of the Ukrainian and Russian vocabulary: "~LEMMA" means every form.

Ukrainian and Russian inflect their words ("вересень", "вересня", "вереснем"). A
vocabulary file of those languages lists a word that inflects as "~" and its dictionary
form; ``scripts/build_morphology.py`` writes every form of each such lemma into
``data/<lang>/forms.json`` at build time (pymorphy3 with its registry dictionaries), and
the readers expand the entries here: a dictionary look-up, no analyser at run time.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

from ..errors import VocabularyError
from . import load
from .schemas import Forms

__all__ = ["expand", "expand_table", "forms_of"]

V = TypeVar("V")


@lru_cache(maxsize=None)
def _forms(lang: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for lemma, f in load(f"{lang}/forms.json", Forms).forms.items():
        out[lemma] = tuple(dict.fromkeys([lemma, *f.sg, *f.pl]))
        out[lemma + "/sg"] = tuple(dict.fromkeys([lemma, *f.sg]))
        out[lemma + "/pl"] = tuple(f.pl)
    return out


def forms_of(lang: str, lemma: str) -> tuple[str, ...]:
    """Every form of ``lemma`` in ``lang`` (its own first); "LEMMA/sg" its singular forms,
    "LEMMA/pl" its plural ones."""
    found = _forms(lang).get(lemma)
    if found is None:
        raise VocabularyError(f"strikeledger/data/{lang}/forms.json: no forms of {lemma!r} "
                              "(rebuild with scripts/build_morphology.py)")
    return found


def expand(lang: str, words: Iterable[str]) -> list[str]:
    """``words`` with each "~LEMMA" replaced by every form of the lemma."""
    out: list[str] = []
    for w in words:
        out.extend(forms_of(lang, w[1:]) if w.startswith("~") else (w,))
    return out


def expand_table(lang: str, table: Mapping[str, V]) -> dict[str, V]:
    """A table whose "~LEMMA" keys stand for every form, each form mapped to the value."""
    out: dict[str, V] = {}
    for k, v in table.items():
        for form in (forms_of(lang, k[1:]) if k.startswith("~") else (k,)):
            out[form] = v
    return out
