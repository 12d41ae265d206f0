"""Casualties: people killed or injured, children among them, and victims named on their
own ("a 12-year-old girl", "a man was killed"). A child is read from a child noun, an age
under 18, or an inclusion ("including a 12-year-old girl", "three of them children") under
the casualty figure it belongs to."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Kind
from ..quantities import quantity
from .noun_phrases import WINDOW
from .state import CHILD, INJURED, KILLED, PERSON
from .verbs import aux_cue_ahead, casualty_verb, left_adjacent, left_cue_start, verb_at, verb_end

if TYPE_CHECKING:
    from ..quantities import QuantityMention
    from .reader import Reader

_LIST_MARKS = frozenset(":,—–")


def governing_casualty(r: Reader, si: int, sent_start: int, pos: int) -> str | None:
    """Killed or injured, for a part of a toll ("including a child", "among them three
    children"): what "among the dead" says, else the last casualty figure before it in
    this sentence (or the one before, when this one opens "Among them ...")."""
    text, v = r.text, r.v
    among = None
    for m in v.among_the.finditer(text, max(sent_start, pos - WINDOW), pos):
        among = m.group("what").lower()
    if among:
        if v.killed.match(among):
            return KILLED
        if v.injured.match(among):
            return INJURED
    prior = [x for x in r.state.recent if x.family == PERSON and x.start < pos and x.sentence >= si - 1]
    lc = max(prior, key=lambda x: x.start) if prior else None
    if lc is None:
        return None
    if lc.sentence == si or (lc.sentence == si - 1 and
                             v.sentence_among.match(text, sent_start, sent_start + 40)):
        return KILLED if lc.kind in (Kind.killed, Kind.children_killed) else INJURED
    return None


def person(r: Reader, si: int, s0: int, s1: int, m: QuantityMention, np_end: int,
           right_kinds: list[str], part) -> None:
    """A count of people: killed or injured, by the verb after, before or a toll."""
    text = r.text
    if r.v.increment_after.match(text, m.end, s1) or (
            r.v.increment_before.search(text, max(s0, m.start - 20), m.start)
            and text.startswith(" more", m.end)):
        return  # "the bodies of three more people were found": added to a toll, no toll
    verb = casualty_verb(r, m, np_end, s0, s1, right_kinds)
    if verb is None:  # "16 more wounded victims", "25 injured civilians": the noun's own word
        inner = r.v.killed.search(text, m.end, np_end) or r.v.injured.search(text, m.end, np_end)
        if inner is not None:
            verb = KILLED if r.v.killed.match(inner.group(0)) else INJURED
    if verb is None and r.v.bodies.fullmatch(text, max(0, np_end - 6), np_end):
        verb = KILLED  # "7 bodies have been recovered"
    if verb is None and (part or text[np_end:np_end + 1] == ","):
        verb = aux_cue_ahead(r, np_end, s1, PERSON)
    if verb is None:
        return
    start = m.start
    if not right_kinds and left_adjacent(r, m.start, s0, PERSON):
        start = left_cue_start(r, m.start, s0)
    r.emit(PERSON, verb, m.quantity, start, max(verb_end(r, np_end, s1), np_end), si)


def child(r: Reader, si: int, s0: int, s1: int, m: QuantityMention, np_end: int,
          right_kinds: list[str], before: str) -> None:
    """A count of children: by its own verb, else as a part of the casualty figure it
    belongs to ("including three children", "three children among the dead")."""
    text, v = r.text, r.v
    verb = casualty_verb(r, m, np_end, s0, s1, right_kinds)
    if verb is None:
        inc = v.inclusion_after.match(text, np_end, s1)
        if inc:
            what = (inc.group("what") or inc.group("what2") or "").lower()
            if what:
                verb = KILLED if v.killed.match(what) else INJURED if v.injured.match(what) else None
            else:
                verb = governing_casualty(r, si, s0, m.start)
            np_end = inc.end()
        elif v.inclusion_before.search(before) or v.among_the.search(text, max(s0, m.start - WINDOW), m.start):
            verb = governing_casualty(r, si, s0, m.start)
    if verb:
        r.emit(CHILD, verb, m.quantity, m.start, np_end, si)


def singles(r: Reader, si: int, s0: int, s1: int) -> None:
    """One victim named on their own: 'a 12-year-old girl', 'a man was killed'."""
    text, v, st = r.text, r.v, r.state
    for m in v.single_victim.finditer(text, s0, s1):
        noun = (m.group("noun") or "").lower()
        age_txt = m.group("age") or m.group("age2") or m.group("age3")
        unit = (m.group("unit") or m.group("unit3") or "year").lower()
        age = None
        if age_txt:
            a = age_txt.lower()
            age = int(a) if a.isdigit() else v.number_values.get(a, 1)
            if unit not in v.year_units:
                age = 0
        if noun in v.adult_child_nouns and age is None:
            continue  # an adult child is not counted as a child without an age
        is_child = noun in v.single_child_nouns or (age is not None and age < 18)
        if not noun and age is None:
            continue
        if v.unborn_before.search(text, max(s0, m.start() - 30), m.start()):
            continue  # "a couple who were expecting a baby": no victim of its own
        if st.in_figure(m.start()):
            # inside a figure already read ("one man was injured"); a child listed in a
            # toll's apposition is counted under it: "Seven people, including a teenager, ..."
            whole = [x for x in st.covering(m.start()) if x.family == PERSON]
            if is_child and whole and (
                    v.inclusion_before.search(text, max(s0, m.start() - 40), m.start())
                    or _in_inclusion(r, whole[0].start, m.start())):
                if whole:
                    r.emit(CHILD, KILLED if whole[0].kind == Kind.killed else INJURED,
                           quantity(1, "exact"), m.start(), m.end(), si)
            continue
        prior = st.last_person_before(m.start())
        if is_child and prior is not None and prior.family == CHILD:
            continue  # described right after a stated count of children
        before = text[max(s0, m.start() - 40):m.start()]
        app = v.appositive.match(text, m.end(), s1)
        after_pos = app.end() if app else m.end()
        p = r.after_aux(after_pos, s1)
        right = verb_at(r, p, s1, PERSON)
        fam = CHILD if is_child else PERSON
        q = quantity(1, "exact")
        if right == KILLED and m.group(0).lower().startswith("another") and not st.in_figure(m.start()):
            continue  # "Another person died in hospital": a death added to a toll
        if right and (v.has_aux.match(text, after_pos, s1) or v.died_after.match(text, after_pos, s1)
                      or r.clause_start(s0, m.start())):
            end = m.end() if fam == CHILD else verb_end(r, after_pos, s1)
            r.emit(fam, right, q, m.start(), end, si)
            continue
        left = left_adjacent(r, m.start(), s0, PERSON)
        if left and not v.inclusion_before.search(before):
            r.emit(fam, left, q, left_cue_start(r, m.start(), s0), m.end(), si)
            continue
        if is_child and (v.inclusion_before.search(before) or
                         v.inclusion_after.match(text, m.end(), s1) or
                         v.among_the.search(text, max(s0, m.start() - WINDOW), m.start()) or
                         _listed_victim(r, m.start())):
            verb = governing_casualty(r, si, s0, m.start())
            if verb:
                r.emit(CHILD, verb, q, m.start(), m.end(), si)


def _in_inclusion(r: Reader, start: int, pos: int) -> bool:
    """A victim inside a toll's apposition after 'including' or 'among them', however
    many others are listed first: "two people, including a mother and her baby, ..."."""
    gap = r.text[start:pos]
    return bool(r.v.inclusion_word.search(gap)) and not r.v.finite.search(gap)


def _listed_victim(r: Reader, pos: int) -> bool:
    """A victim listed right after the casualty figure that counts them:
    "killed two people, a woman and her 2-year-old daughter"."""
    prior = r.state.last_person_ending_by(pos)
    if prior is None or pos - prior.end >= 80:
        return False
    gap = r.text[prior.end:pos]
    return len(gap) < 80 and any(ch in _LIST_MARKS for ch in gap) and not r.v.finite.search(gap)
