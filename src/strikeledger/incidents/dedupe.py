"""Near-duplicate reports: syndicated copies and light rewrites of one report.

Each text becomes a set of word 3-shingles (lower-cased words, the ``date YYYY-MM-DD``
header dropped) and a MinHash signature of it (datasketch, 128 permutations, seeded, so
a text always gets the same signature). The signature is cut into ``BANDS`` bands of
``ROWS`` values; two texts that share a band are candidates (the store keeps the band
keys in a table). A candidate pair is a duplicate when the exact Jaccard similarity of
the two shingle sets is at least ``THRESHOLD`` and the two groups do not give different
attack dates (a daily bulletin written from one template is not a copy of yesterday's).

The rule is online, so that a store can apply it one report at a time and get what a
rebuild gets: in ingestion order, each report joins the groups of the earlier reports
it duplicates (candidates in ingestion order; a group with another known attack date is
refused). A group is named by its first report.

The canonical copy of a group is the earliest published (then the first ingested); its
report id is the group's ``source_id``. Copies are counted as one source and all stay
linked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # imported where a signature is made: it pulls in scipy (~1 s of CLI start-up)
    from datasketch import MinHash

THRESHOLD = 0.6
NUM_PERM = 128
SHINGLE = 3
# 25 bands of 5 values: a pair at Jaccard 0.6 shares a band with probability 0.87, at
# 0.7 with 0.99, at 0.3 with 0.06 (1 - (1 - s^5)^25).
BANDS = 25
ROWS = 5

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


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # datasketch draws its (seeded) permutations anew for every MinHash: once is enough
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM)


def signature(sh: set[str]) -> bytes:
    """The MinHash signature of a shingle set (NUM_PERM 32-bit values, little-endian)."""
    t = _template()
    m = type(t)(num_perm=NUM_PERM, permutations=t.permutations, scheme=t.scheme)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues.astype("<u4").tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band of a signature."""
    values = np.frombuffer(sig, dtype="<u4")
    keys = []
    for b in range(BANDS):
        chunk = values[b * ROWS:(b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimated_jaccard(a: bytes, b: bytes) -> float:
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


@dataclass
class Member:
    """One report as the duplicate rule sees it."""

    key: object                 # the caller's id (an index, a uid)
    order: int                  # ingestion order
    day: dt.date | None         # attack date of day precision
    group: object = None        # the key of its group's first report


class Groups:
    """Union of near-duplicates, online: ``join(new, candidates)`` for each new report.

    ``members`` maps keys to Members; ``shingles_of(key)`` gives a report's shingle set.
    The store loads the members it needs and writes back the ones ``join`` changed
    (``changed``).
    """

    def __init__(self, members: dict[object, Member],
                 shingles_of: Callable[[object], set[str]], threshold: float = THRESHOLD):
        self.members = members
        self.shingles_of = shingles_of
        self.threshold = threshold
        self.changed: set[object] = set()
        self._of_group: dict[object, list[object]] = {}
        for m in members.values():
            self._of_group.setdefault(m.group, []).append(m.key)

    def day_of(self, group: object) -> dt.date | None:
        for k in self._of_group.get(group, ()):
            if self.members[k].day is not None:
                return self.members[k].day
        return None

    def add(self, m: Member) -> None:
        m.group = m.key
        self.members[m.key] = m
        self._of_group[m.key] = [m.key]
        self.changed.add(m.key)

    def join(self, key: object, candidates: Sequence[object]) -> None:
        """Let report ``key`` join the groups of the earlier reports ``candidates``."""
        me = self.members[key]
        mine: set[str] | None = None
        for j in sorted(candidates, key=lambda c: self.members[c].order):
            other = self.members[j]
            if other.order >= me.order or other.group == me.group:
                continue
            di, dj = self.day_of(me.group), self.day_of(other.group)
            if di is not None and dj is not None and di != dj:
                continue
            if mine is None:
                mine = self.shingles_of(key)
            if jaccard(mine, self.shingles_of(j)) < self.threshold:
                continue
            self._merge(me.group, other.group)

    def _merge(self, a: object, b: object) -> None:
        first = min((a, b), key=lambda g: self.members[g].order)
        second = b if first == a else a
        moved = self._of_group.pop(second)
        for k in moved:
            self.members[k].group = first
            self.changed.add(k)
        self._of_group[first].extend(moved)

    def groups(self) -> dict[object, list[object]]:
        return self._of_group


def duplicate_groups(texts: Sequence[str | None],
                     dates: Sequence[dt.date | None] | None = None,
                     published: Sequence[dt.date | None] | None = None,
                     threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of indices of near-duplicate texts (in ingestion order), canonical copy first.

    ``texts[i]`` None or without words is never a duplicate. ``dates`` are attack dates
    of day precision. Every index appears in exactly one group; groups are ordered by
    their first index.
    """
    n = len(texts)
    dates = list(dates) if dates is not None else [None] * n
    published = list(published) if published is not None else [None] * n
    sets: dict[int, set[str]] = {}
    index: dict[int, list[int]] = {}
    groups = Groups({}, sets.__getitem__, threshold)
    for i, text in enumerate(texts):
        groups.add(Member(i, i, dates[i]))
        sets[i] = shingles(text) if text else set()
        if not sets[i]:
            continue
        candidates: set[int] = set()
        for key in band_keys(signature(sets[i])):
            bucket = index.setdefault(key, [])
            candidates.update(bucket)
            bucket.append(i)
        groups.join(i, sorted(candidates))
    return sorted((canonical_order(g, published) for g in groups.groups().values()),
                  key=min)


def canonical_order(group: list[int], published: Sequence[dt.date | None]) -> list[int]:
    """A group's members, canonical copy (earliest published, then first given) first."""
    return sorted(group, key=lambda i: (published[i] is None, published[i] or dt.date.min, i))
