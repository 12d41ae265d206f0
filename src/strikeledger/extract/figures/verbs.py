"""Verbs: whether drones and missiles were launched or downed, and people killed or
injured, read from the verb group after the noun phrase ("were shot down"), the verb right
before the amount ("destroyed 37"), the nearest verb to the left, a toll phrase ("the death
toll rose to 7") or a bulletin's list header ("Destroyed: - 23 Shahed-136/131")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .noun_phrases import WINDOW
from .state import DOWNED, DRONE, INJURED, KILLED, LAUNCHED, MISSILE, PERSON

if TYPE_CHECKING:
    from ..quantities import QuantityMention
    from .reader import Reader

_CLAUSE_END = re.compile(r"[;,]")
_SPACES = re.compile(r"\s+")


def _cues(r: Reader, fam: str):
    v = r.v
    if fam in (DRONE, MISSILE):
        return ((LAUNCHED, v.launched), (DOWNED, v.downed))
    return ((KILLED, v.killed), (INJURED, v.injured))


def verb_at(r: Reader, pos: int, limit: int, fam: str) -> str | None:
    """The verb of the family's kinds that starts at ``pos`` (the longest one)."""
    best = None
    for name, pat in _cues(r, fam):
        m = pat.match(r.text, pos, limit)
        if m and (best is None or m.end() > best[1]):
            best = (name, m.end())
    return best[0] if best else None


def right_cue(r: Reader, pos: int, limit: int, fam: str) -> tuple[list[str], bool]:
    """The verb group after a noun phrase ("were fired and shot down") and whether it
    has an auxiliary ("were") rather than a bare participle ("drones launched")."""
    text, v = r.text, r.v
    p = r.after_aux(pos, limit)
    has_aux = bool(v.has_aux.match(text, pos, limit))
    kinds = []
    k = verb_at(r, p, limit, fam)
    if k:
        kinds.append(k)
        more = v.and_then.match(text, p, min(limit, p + 60))
        if more:
            k2 = verb_at(r, more.end(), limit, fam)
            if k2 and k2 != k:
                kinds.append(k2)
    return kinds, has_aux


def hit_after(r: Reader, pos: int, limit: int) -> bool:
    """The weapons hit something ("54 drones hit 19 locations"): no launch or downing."""
    p = r.after_aux(pos, limit)
    return bool(r.v.hit.match(r.text, p, limit))


def casualty_word_after(r: Reader, pos: int, limit: int) -> bool:
    p = r.after_aux(pos, limit)
    return bool(r.v.killed.match(r.text, p, limit) or r.v.injured.match(r.text, p, limit))


def left_adjacent(r: Reader, start: int, sent_start: int, fam: str) -> str | None:
    """The verb right before the amount ("destroyed 37", "killing at least four"), unless negated."""
    base = max(sent_start, start - 50)
    before = r.v.left_fillers.sub("", r.text[base:start]).rstrip()
    for name, pat in _cues(r, fam):
        for m in pat.finditer(before):
            if m.end() == len(before):
                return None if r.v.negation.search(before[:m.start()]) else name
    return None


def left_cue_start(r: Reader, start: int, sent_start: int) -> int:
    """Where a casualty verb right before an amount starts ("killing at least four")."""
    base = max(sent_start, start - 40)
    before = r.text[base:start]
    for pat in (r.v.killed, r.v.injured):
        for m in pat.finditer(before):
            if r.v.cue_fillers.fullmatch(before, m.end()):
                return base + m.start()
    return start


def nearest_left(r: Reader, start: int, sent_start: int, fam: str) -> str | None:
    """The nearest verb of the family to the left in the sentence (a relative clause
    "of which 10 were ..." left out), unless negated."""
    before = r.v.relative.sub(",", r.text[max(sent_start, start - WINDOW):start])
    best = None
    for name, pat in _cues(r, fam):
        for m in pat.finditer(before):
            if r.v.negation.search(before[:m.start()]):
                continue
            if fam in (DRONE, MISSILE) and (r.v.participle_before.search(before, 0, m.start())
                                            or r.v.participle_after.match(before, m.end())):
                continue  # "shot down 73 of 90 missiles launched by Russia, as well as 10 drones"
            if best is None or m.end() > best[1]:
                best = (name, m.end())
    return best[0] if best else None


def aux_cue_ahead(r: Reader, pos: int, limit: int, fam: str) -> str | None:
    """A main verb later in the clause: '41 of the 51 missiles the enemy fired ... were
    shot down' (looked for up to the clause's end, within the reader's window)."""
    limit = min(limit, pos + WINDOW)
    stop = _CLAUSE_END.search(r.text, pos, limit)
    limit = stop.start() if stop else limit
    for m in r.v.aux_cue_ahead.finditer(r.text, pos, limit):
        k = verb_at(r, m.end(), limit, fam)
        if k:
            return k
    return None


def verb_end(r: Reader, pos: int, limit: int) -> int:
    """The end of the verb group after ``pos`` ("were killed"), else ``pos``."""
    p = r.after_aux(pos, limit)
    for pat in (r.v.killed, r.v.injured, r.v.launched, r.v.downed):
        m = pat.match(r.text, p, limit)
        if m:
            return m.end()
    return pos


def toll_kind(r: Reader, start: int, sent_start: int) -> str | None:
    """"the death toll rose to 7": killed; "the number of injured reached 12": injured."""
    m = r.v.toll.search(r.text, max(sent_start, start - WINDOW), start)
    if not m or m.end() != start and r.text[m.end():start].strip():
        return None
    while (later := r.v.toll.search(r.text, m.end("t"), start)) is not None:
        m = later  # "the number of dead rose to 14, and injured to 61": the nearer word
    return INJURED if r.v.toll_injured_words.match(_SPACES.sub(" ", m.group("t"))) else KILLED


def casualty_verb(r: Reader, m: QuantityMention, np_end: int, s0: int, s1: int,
                  right_kinds: list[str]) -> str | None:
    if right_kinds:
        return right_kinds[0]
    k = verb_at(r, r.after_aux(np_end, s1), s1, PERSON)
    return k or left_adjacent(r, m.start, s0, PERSON) or toll_kind(r, m.start, s0)


def all_before(r: Reader, s0: int, pos: int) -> bool:
    """"All 45 drones": the amount is a whole."""
    return r.v.all_before.search(r.text, max(s0, pos - 40), pos) is not None


def weapons_figure(r: Reader, si: int, s0: int, s1: int, m: QuantityMention, fam: str,
                   weapon: str | None, np_end: int, right_kinds: list[str], part, before: str,
                   stated: bool = False) -> None:
    """Emit a count of drones or missiles as launched, downed or both."""
    text, v = r.text, r.v
    q = m.quantity
    if hit_after(r, np_end, s1):
        return  # "54 drones hit 19 locations"
    if not right_kinds and v.elsewhere.match(text, np_end, s1):
        return  # "five more UAVs left the airspace", "several Shaheds were still in the air"
    _, has_aux = right_cue(r, np_end, s1, fam)
    verbs = list(right_kinds)
    if v.total_before.search(before):
        verbs = [LAUNCHED]  # "one of the eight missiles was intercepted": 8 is the total
    else:
        left = left_adjacent(r, m.start, s0, fam)
        if verbs and not has_aux and not stated:
            # a bare participle ("drones launched overnight") gives way to a main verb
            # later, except after "all": "All 45 drones launched ... were brought down"
            ahead = aux_cue_ahead(r, verb_end(r, np_end, s1), s1, fam)
            if ahead and ahead not in verbs:
                verbs = verbs + [ahead] if all_before(r, s0, m.start) else [ahead]
            elif part == "np" and verbs != [DOWNED]:
                verbs = []  # "four of the eight drones launched": the verb is the inner NP's
        if part and not verbs:
            ahead = aux_cue_ahead(r, np_end, s1, fam)
            verbs = [ahead] if ahead else []
        if not left and verbs and all_before(r, s0, m.start) and v.coordination.search(before):
            left = nearest_left(r, m.start, s0, fam)  # "shot down five of nine missiles and all 27 drones"
        if left and verbs and left not in verbs and all_before(r, s0, m.start):
            verbs = [left] + verbs
        if not verbs:
            verbs = [left] if left else []
        if not verbs and r.state.list_mode and r.in_list_item(m.start):
            verbs = [r.state.list_mode]
        if not verbs:
            verbs = [nearest_left(r, m.start, s0, fam) or LAUNCHED]
    for verb in verbs:
        r.emit(fam, verb, q, m.start, np_end, si, weapon=weapon)
