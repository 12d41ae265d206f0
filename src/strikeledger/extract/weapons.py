"""Weapon types named in a report, and the ones it says were used in the reported attack.

The vocabulary is ``data/weapons.json`` (built by ``scripts/build_weapons.py`` from the
reference weapon list): one entry per canonical label with the spellings reports use.
All spellings are matched by one precompiled regular expression, longest first, with
boundaries that treat "-" and "/" as part of a designation: "Tu-22M3" holds no "Kh-22",
"Shahed-type" is a Shahed, "Kh-59/Kh-35" is two weapons and "S-300/S-400" one.
Aircraft (Tu-95MS, MiG-31K) and Ukrainian or Western weapons (Patriot, ATACMS) are not in
the vocabulary, so they never match. The list itself, with each weapon's family and
category, is ``strikeledger.data.weapons``; this module finds it in text (the ``weapons``
annotator).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.data.weapons import Weapon, find, weapons
from strikeledger.extract.document import Document, annotator
from strikeledger.extract.wordtrie import literal_atoms, trie_regex

__all__ = ["WeaponMention", "Weapon", "find_weapon_mentions", "canonical_weapon",
           "extract_weapons", "weapons_vocabulary", "find_weapons"]

# A weapon named as a launcher or air-defence system is not a weapon fired in the attack
# ("S-300 systems", "Iskander launchers").
_NOT_FIRED_AFTER = re.compile(
    r"\s+(?:air[- ]defen[cs]e\s+)?(?:systems?|batter(?:y|ies)|launchers?|complex(?:es)?|"
    r"production|factory|factories|plants?|stockpiles?|manufacturing)\b",
    re.IGNORECASE)
# Ukraine's own weapons ("a Ukrainian S-300 missile") are no Russian weapon used.
_UKRAINIAN_BEFORE = re.compile(r"\b(?:ukrainian|ukraine['’]s)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    canonical: str
    family: str
    category: str


_PLURAL = r"(?:e?s|['’]s)?"
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _pattern(spellings: list[str]) -> re.Pattern:
    """All spellings as one trie regex: "Kh-101", "Kh 101", "Kh101", plural "Kh-101s".

    All-capital acronyms (KAB, ZALA, UMPK) match only as written: "kab" or "Zala" is not
    one. Boundaries: no letter, digit or hyphen before; after, no letter or digit and no
    "-" that continues the designation ("Iskander" in "Iskander-M1" is no match, but
    "Shahed" in "Shahed-type" is).
    """
    hyphen = r"[-‐‑ ]?"
    plain = [[*literal_atoms(s, hyphen=hyphen), _PLURAL]
             for s in spellings if not _ACRONYM.fullmatch(s)]
    exact = [[re.escape(s), _PLURAL] for s in spellings if _ACRONYM.fullmatch(s)]
    body = trie_regex(plain)
    if exact:
        body = f"(?:{body}|(?-i:{trie_regex(exact)}))"
    return re.compile(rf"(?<![\w‐‑-]){body}(?!\w)(?![-‐‑][A-Z0-9])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _spellings() -> re.Pattern:
    """Every spelling of the weapon list as one pattern."""
    return _pattern(sorted({v for w in weapons().values() for v in w.variants}))


def weapons_vocabulary() -> dict[str, Weapon]:
    """Every weapon type of ``data/weapons.json`` by canonical name."""
    return weapons()


def find_weapon_mentions(text: str) -> list[WeaponMention]:
    """Every mention of a weapon type in ``text``, in order, with its canonical name."""
    out = []
    for m in _spellings().finditer(text):
        w = find(m.group())
        if w is None:  # cannot happen: every spelling of the pattern is a key
            continue
        out.append(WeaponMention(m.start(), m.end(), w.canonical, w.family, w.category))
    return out


def canonical_weapon(name: str) -> str | None:
    """The canonical name of one weapon spelling ("Kh-101" -> "X-101/X-555"), else None."""
    name = name.strip()
    w = find(name, plural=_spellings().fullmatch(name) is not None)
    return w.canonical if w is not None else None


@annotator("weapons", reads=("text", "sentences", "sentence_starts", "scopes", "furniture"),
           assigns=("weapon_mentions", "weapons"))
def find_weapons(doc: Document) -> None:
    """Every weapon named, and the types the report says were used in its attack.

    Used: once each, in order of first mention. Mentions in sentences about other events
    (earlier attacks, period totals), in Russian claims, and names of launchers or
    air-defence systems do not count. Generic words ("missiles", "drones") are no weapon
    type and never count.
    """
    text = doc.text
    doc.weapon_mentions = mentions = find_weapon_mentions(text)
    out: dict[str, None] = {}
    for m in mentions:
        if m.canonical in out:
            continue
        i = doc.sentence_index(m.start)
        if i is None or doc.scopes[i].excludes(m.start) or (
                doc.furniture is not None and doc.furniture.excludes(m.start)):
            continue
        if _NOT_FIRED_AFTER.match(text, m.end):
            continue
        if _UKRAINIAN_BEFORE.search(text, max(0, m.start - 30), m.start):
            continue
        out[m.canonical] = None
    doc.weapons = list(out)


def extract_weapons(text: str) -> list[str]:
    """Canonical names of the weapon types ``text`` says were used in the reported attack."""
    from .pipeline import annotate

    return annotate(text, until="weapons").weapons
