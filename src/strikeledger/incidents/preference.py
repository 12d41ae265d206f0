"""The source preference order, read from ``data/source_preference.json``.

Data, not code: which speakers' claims become an incident's best value, per figure kind,
and how ties are broken. Loaded once and validated; every bad entry is reported together
as a VocabularyError.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.errors import VocabularyError
from strikeledger.data import load_json
from strikeledger.model import Kind

_ORDERS = {"narrowest", "latest"}
_TOKENS = {"@official", "@named", "@report"}


@dataclass(frozen=True)
class KindPreference:
    tiers: tuple[str, ...]      # casefolded speaker names or @tokens
    order: str


@dataclass(frozen=True)
class Preferences:
    kinds: dict[str, KindPreference]
    officials: frozenset[str]
    official_role_words: tuple[str, ...]
    casualty_kinds: frozenset[str]
    same_scope_weapons: dict[str, frozenset[str]]
    subtotal_words: dict[str, tuple[tuple[str, re.Pattern], ...]]

    def subtotal(self, kind: str, evidence_text: str) -> str | None:
        """The type a figure without a weapon is a subtotal of, or None."""
        for label, pattern in self.subtotal_words.get(kind, ()):
            if pattern.search(evidence_text):
                return label
        return None

    def is_official(self, speaker: str | None, role: str | None) -> bool:
        if not speaker:
            return False
        if speaker.casefold() in self.officials:
            return True
        text = f"{speaker} {role or ''}".casefold()
        return any(w in text for w in self.official_role_words)

    def tier(self, kind: str, speaker: str | None, official: bool) -> int:
        """The claim's rank for ``kind``: 0 is most preferred."""
        pref = self.kinds[kind]
        name = speaker.casefold() if speaker else None
        for i, t in enumerate(pref.tiers):
            if (t == "@report" and name is None) or (t == "@named" and name is not None) \
                    or (t == "@official" and official) or t == name:
                return i
        return len(pref.tiers)


def validate(raw: object) -> list[str]:
    """Every problem with a preference file's content (empty when it is valid)."""
    if not isinstance(raw, dict):
        return ["top level: expected an object"]
    errors: list[str] = []
    kinds = raw.get("kinds")
    if not isinstance(kinds, dict):
        errors.append("kinds: expected an object")
        kinds = {}
    for k in Kind:
        if k.value not in kinds:
            errors.append(f"kinds: missing kind {k.value!r}")
    for k, v in kinds.items():
        if k not in Kind.__members__:
            errors.append(f"kinds.{k}: not a figure kind")
            continue
        if not isinstance(v, dict):
            errors.append(f"kinds.{k}: expected an object")
            continue
        tiers = v.get("tiers")
        if not isinstance(tiers, list) or not tiers or \
                not all(isinstance(t, str) and t.strip() for t in tiers):
            errors.append(f"kinds.{k}.tiers: expected a non-empty list of names")
        else:
            for t in tiers:
                if t.startswith("@") and t not in _TOKENS:
                    errors.append(f"kinds.{k}.tiers: unknown token {t!r}")
        if v.get("order") not in _ORDERS:
            errors.append(f"kinds.{k}.order: expected one of {sorted(_ORDERS)}, "
                          f"got {v.get('order')!r}")
    for key in ("officials", "official_role_words", "casualty_kinds"):
        val = raw.get(key)
        if not isinstance(val, list) or not all(isinstance(x, str) and x for x in val):
            errors.append(f"{key}: expected a list of non-empty strings")
    for k in raw.get("casualty_kinds") or []:
        if isinstance(k, str) and k not in Kind.__members__:
            errors.append(f"casualty_kinds: {k!r} is not a figure kind")
    ssw = raw.get("same_scope_weapons", {})
    if not isinstance(ssw, dict):
        errors.append("same_scope_weapons: expected an object")
    else:
        for k, fams in ssw.items():
            if k not in Kind.__members__:
                errors.append(f"same_scope_weapons.{k}: not a figure kind")
            if not isinstance(fams, list) or not all(isinstance(f, str) for f in fams):
                errors.append(f"same_scope_weapons.{k}: expected a list of weapon families")
    stw = raw.get("subtotal_words", {})
    if not isinstance(stw, dict):
        errors.append("subtotal_words: expected an object")
    else:
        for k, types in stw.items():
            if k not in Kind.__members__:
                errors.append(f"subtotal_words.{k}: not a figure kind")
            if not isinstance(types, dict) or not all(
                    isinstance(ws, list) and ws and all(isinstance(w, str) and w.strip()
                                                        for w in ws)
                    for ws in types.values()):
                errors.append(f"subtotal_words.{k}: expected type -> list of words")
    return errors


def _words(words: list[str]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def parse(raw: object, where: str = "source_preference.json") -> Preferences:
    errors = validate(raw)
    if errors:
        raise VocabularyError(f"{where}: {len(errors)} bad entr"
                              f"{'y' if len(errors) == 1 else 'ies'}: " + "; ".join(errors))
    assert isinstance(raw, dict)
    return Preferences(
        kinds={k: KindPreference(tuple(t if t.startswith("@") else t.casefold()
                                       for t in v["tiers"]), v["order"])
               for k, v in raw["kinds"].items()},
        officials=frozenset(s.casefold() for s in raw["officials"]),
        official_role_words=tuple(s.casefold() for s in raw["official_role_words"]),
        casualty_kinds=frozenset(raw["casualty_kinds"]),
        same_scope_weapons={k: frozenset(f.casefold() for f in v)
                            for k, v in raw.get("same_scope_weapons", {}).items()},
        subtotal_words={k: tuple((label, _words(ws)) for label, ws in types.items())
                        for k, types in raw.get("subtotal_words", {}).items()},
    )


@lru_cache(maxsize=1)
def preferences() -> Preferences:
    """The packaged preference order (loaded once)."""
    return parse(load_json("source_preference.json"))
