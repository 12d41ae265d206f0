"""Regular expressions for long word lists, built as a trie.

Python's ``re`` tries the alternatives of ``a|b|c...`` one after another at every
position, so a vocabulary of hundreds of names costs hundreds of attempts per word of
text. Merging shared prefixes ("thermal power plant", "thermal power station") into one
branch makes the cost depend on the length of the match instead. Longer continuations
come first, so the longest spelling wins, as with a longest-first alternation.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["trie_regex", "literal_atoms"]

_END = ""  # marks the end of an item inside the trie


def literal_atoms(text: str, space: str = r"\s+", hyphen: str = r"[-‐‑]") -> list[str]:
    """A literal phrase as regex atoms, one per character (spaces and hyphens as given)."""
    atoms = []
    for ch in text:
        if ch.isspace():
            if not atoms or atoms[-1] != space:
                atoms.append(space)
        elif ch in "-‐‑":
            atoms.append(hyphen)
        elif ch in "'’":
            atoms.append("['’]")
        else:
            atoms.append(re.escape(ch.casefold()))
    return atoms


def _depths(node: dict, out: dict[int, int]) -> int:
    """The depth of every node below ``node`` (by id), computed once each."""
    d = max((1 + _depths(child, out) for key, child in node.items() if key != _END), default=0)
    out[id(node)] = d
    return d


def _serialise(node: dict, depth: dict[int, int]) -> str:
    branches = sorted((k for k in node if k != _END), key=lambda k: -depth[id(node[k])])
    alts = [k + _serialise(node[k], depth) for k in branches]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body


def trie_regex(items: Iterable[Sequence[str]]) -> str:
    """One regex (no capturing groups) matching any item, an item being a list of atoms."""
    root: dict = {}
    for atoms in items:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[_END] = {}
    depth: dict[int, int] = {}
    _depths(root, depth)
    return _serialise(root, depth) or "(?!)"
