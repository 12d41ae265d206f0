"""The figure reader's state: the candidates read so far, and what later amounts refer
back to (the last drone or missile count, the last casualty figure, a bulletin's list).

Only ``FigureState`` changes it, through ``emit``, ``new_sentence`` and ``drop``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ...model import Kind, Quantity

DRONE, MISSILE, PERSON, CHILD, COMBINED, SKIP = "drone", "missile", "person", "child", "combined", "skip"
LAUNCHED, DOWNED, KILLED, INJURED = "launched", "downed", "killed", "injured"

KINDS = {
    (DRONE, LAUNCHED): Kind.drones_launched, (DRONE, DOWNED): Kind.drones_downed,
    (MISSILE, LAUNCHED): Kind.missiles_launched, (MISSILE, DOWNED): Kind.missiles_downed,
    (PERSON, KILLED): Kind.killed, (PERSON, INJURED): Kind.injured,
    (CHILD, KILLED): Kind.children_killed, (CHILD, INJURED): Kind.children_injured,
}


def family_of_weapon(category: str) -> str | None:
    """The figure family of a weapon of the weapon list (its category)."""
    return {"drone": DRONE, "missile": MISSILE}.get(category)


@dataclass(slots=True)
class Candidate:
    """A figure before speaker and place are known."""
    kind: Kind
    quantity: Quantity
    start: int
    end: int
    sentence: int
    weapon: str | None = None
    family: str | None = None  # drone | missile | person | child


@dataclass
class FigureState:
    """What the reader has read so far in one report."""

    text_length: int
    out: list[Candidate] = field(default_factory=list)
    recent: list[Candidate] = field(default_factory=list)   # of this sentence and the one before
    last_dm: Candidate | None = None          # any drone/missile figure
    last_head_dm: Candidate | None = None     # a drone/missile figure not inside a bulletin's list
    last_casualty: Candidate | None = None    # "including a child"
    last_combined_sentence: int = -10         # "63 means of air attack": drones and missiles together
    last_combined_pos: int = -1
    list_mode: str | None = None              # a bulletin's "Destroyed:" list
    sentence: int = -1
    covered: bytearray = field(default_factory=bytearray)  # characters inside a candidate
    # people and children of this sentence, by start, the first read first: (start, -order, candidate)
    people: list[tuple[int, int, Candidate]] = field(default_factory=list)
    # person figures of this sentence, by end: (end, -order, candidate)
    person_ends: list[tuple[int, int, Candidate]] = field(default_factory=list)
    # drone and missile figures of this sentence, by end: (end, order, candidate)
    dm_ends: list[tuple[int, int, Candidate]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.covered = bytearray(self.text_length + 1)

    def new_sentence(self, si: int) -> None:
        self.sentence = si
        self.recent = [x for x in self.recent if x.sentence >= si - 1]
        self.people = []
        self.person_ends = []
        self.dm_ends = []

    def end_list(self) -> None:
        self.list_mode = None

    def emit(self, fam: str, verb: str, q: Quantity, start: int, end: int, si: int,
             weapon: str | None = None, in_list_item: bool = False) -> Candidate | None:
        kind = KINDS.get((fam, verb))
        if kind is None or q.value == 0:
            return None  # "no casualties" is not a figure
        cand = Candidate(kind=kind, quantity=q, start=start, end=end, sentence=si,
                         weapon=weapon, family=fam)
        self.out.append(cand)
        self.recent.append(cand)
        self.covered[start:end] = b"\x01" * (end - start)
        if fam in (DRONE, MISSILE):
            bisect.insort(self.dm_ends, (end, len(self.out), cand))
            self.last_dm = cand
            if not in_list_item:
                self.last_head_dm = cand
        if fam == PERSON:
            self.last_casualty = cand
        if fam in (PERSON, CHILD):
            bisect.insort(self.people, (start, -len(self.out), cand))
        if fam == PERSON:
            bisect.insort(self.person_ends, (end, -len(self.out), cand))
        return cand

    def drop(self, cand: Candidate) -> None:
        """Take back a candidate a later rule reads otherwise ("Kh-101: 8": 8 counts Kh-101s)."""
        self.out.remove(cand)
        self.recent.remove(cand)
        self.people = [p for p in self.people if p[2] is not cand]
        self.person_ends = [p for p in self.person_ends if p[2] is not cand]
        self.dm_ends = [p for p in self.dm_ends if p[2] is not cand]
        # the characters stay marked: a later single victim there is still inside a figure

    def in_figure(self, pos: int) -> bool:
        """A candidate of this sentence covers ``pos`` (it was read already)."""
        return bool(self.covered[pos])

    def last_read_ending_between(self, lo: int, hi: int) -> Candidate | None:
        """Of the drone and missile figures of this sentence that end in [lo, hi], the one
        read last."""
        i, j = bisect.bisect_left(self.dm_ends, (lo, 0)), bisect.bisect_right(self.dm_ends, (hi, 1 << 62))
        return max(self.dm_ends[i:j], key=lambda e: e[1])[2] if j > i else None

    def covering(self, pos: int) -> list[Candidate]:
        """The figures of this sentence that cover ``pos``."""
        if not self.covered[pos]:
            return []
        return [x for x in self.recent if x.sentence == self.sentence and x.start <= pos < x.end]

    def last_person_ending_by(self, pos: int) -> Candidate | None:
        """The person figure of this sentence that ends last at or before ``pos``."""
        i = bisect.bisect_right(self.person_ends, (pos, 1 << 62)) - 1
        return self.person_ends[i][2] if i >= 0 else None

    def last_person_before(self, pos: int) -> Candidate | None:
        """The person or child figure of this sentence that starts last before ``pos``."""
        i = bisect.bisect_left(self.people, (pos, -len(self.out) - 1)) - 1
        return self.people[i][2] if i >= 0 else None
