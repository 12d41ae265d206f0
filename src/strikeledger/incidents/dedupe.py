"""Near-duplicate reports: syndicated copies and light rewrites of one report.

Each text becomes a set of word 3-shingles (lower-cased words, the ``date YYYY-MM-DD``
header dropped) and a MinHash of it (datasketch, 128 permutations). An LSH index
proposes pairs whose estimated Jaccard similarity is near ``THRESHOLD`` or above; a pair
is a duplicate when the exact Jaccard of the two shingle sets is at least ``THRESHOLD``
and the two records do not give different attack dates (a daily bulletin written from
one template is not a copy of yesterday's). Duplicates are grouped transitively
(union-find), refusing a merge that would join two attack dates.

The canonical copy of a group is the earliest published (then the first given); its
report id is the group's ``source_id``. Copies are counted as one source and all stay
linked.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.6
NUM_PERM = 128
SHINGLE = 3

_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The word ``size``-grams of a text (lower-cased, header dropped)."""
    words = _WORD.findall(_HEADER.sub("", text).lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _minhash(sh: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


def duplicate_groups(texts: Sequence[str | None],
                     dates: Sequence[dt.date | None] | None = None,
                     published: Sequence[dt.date | None] | None = None,
                     threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of indices of near-duplicate texts, canonical copy first.

    ``texts[i]`` None (no text known) is never a duplicate. ``dates`` are attack dates:
    two texts with different known dates are never joined. Every index appears in
    exactly one group; groups are ordered by their first index.
    """
    n = len(texts)
    dates = list(dates) if dates is not None else [None] * n
    published = list(published) if published is not None else [None] * n
    parent = list(range(n))
    group_date: list[dt.date | None] = list(dates)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets: dict[int, set[str]] = {}
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    exact: dict[str, int] = {}
    for i, text in enumerate(texts):
        if not text:
            continue
        key = _HEADER.sub("", text).strip()
        if key in exact:                       # identical after the header: hash once
            first = exact[key]
            if first not in hashes:
                continue
            sets[i], hashes[i] = sets[first], hashes[first]
        else:
            exact[key] = i
            sets[i] = shingles(text)
            if not sets[i]:
                continue
            hashes[i] = _minhash(sets[i])
        lsh.insert(str(i), hashes[i])
    for i in sorted(hashes):
        candidates = {int(k) for k in lsh.query(hashes[i])}
        for j in sorted(candidates):
            if j == i:
                continue
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            di, dj = group_date[ri], group_date[rj]
            if di is not None and dj is not None and di != dj:
                continue
            if sets[i] is not sets[j] and jaccard(sets[i], sets[j]) < threshold:
                continue
            root, child = (ri, rj) if ri < rj else (rj, ri)
            parent[child] = root
            group_date[root] = di if di is not None else dj
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(find(i), []).append(i)

    def canon_key(i: int) -> tuple:
        p = published[i]
        return (p is None, p or dt.date.min, i)
    groups = [sorted(m, key=canon_key) for m in members.values()]
    groups.sort(key=lambda g: min(g))
    return groups
