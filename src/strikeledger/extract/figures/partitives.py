"""Amounts with no noun of their own: partitives ("43 of the missiles", "14 of them"),
parts of a toll ("Four of the dead were children", "three of them children"), totals
("one of the eight missiles"), breakdowns ("Of the 34, nine were Kalibr cruise missiles")
and bare amounts that take what they count from the words or figures before them ("111
Shaheds were launched; 63 were shot down", "the death toll rose to 7")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Kind
from .casualties import governing_casualty
from .noun_phrases import WINDOW, antecedent_family, antecedent_weapon, noun_phrase, weapon_at
from .state import CHILD, DOWNED, DRONE, INJURED, KILLED, LAUNCHED, MISSILE, PERSON, family_of_weapon
from .verbs import casualty_word_after, left_adjacent, nearest_left, toll_kind

if TYPE_CHECKING:
    from ..quantities import QuantityMention
    from .reader import Reader


_NEXT = re.compile(r"\s*")


@dataclass(slots=True)
class Reading:
    """What an amount counts, once read."""
    family: str | None
    weapon: str | None
    np_end: int
    right_kinds: list[str]
    part: str | bool = False      # "pronoun" ("14 of them"), "np" ("43 of the missiles")
    stated: bool = False          # the verb is stated with the count ("the number of drones launched")


def _toll_of(cand) -> list[str]:
    return [KILLED if cand.kind == Kind.killed else INJURED]


def read_bare(r: Reader, si: int, s0: int, s1: int, m: QuantityMention, mentions: list, i: int,
              before: str, reading: Reading) -> Reading | None:
    """What an amount with no noun of its own counts; None when it counts nothing (or was
    emitted here, as a part of a toll)."""
    text, v, st = r.text, r.v, r.state
    q = m.quantity
    weapon, right_kinds = reading.weapon, reading.right_kinds
    nxt = _NEXT.match(text, m.end, s1)
    if nxt.end() < s1 and text[nxt.end()].isdigit() and not v.total_before.search(before):
        return None  # "5 5 5": another amount follows; only "one of 16" could count here
    of_cas = v.of_the_casualties.match(text, m.end, s1)
    if of_cas:
        verb = KILLED if v.killed.match(of_cas.group("what")) else INJURED
        r.emit(CHILD if of_cas.group("kids") else PERSON, verb, q, m.start, of_cas.end(), si)
        return None
    kids = v.of_them_children.match(text, m.end, s1)
    if kids:
        verb = governing_casualty(r, si, s0, m.start)
        if verb:
            r.emit(CHILD, verb, q, m.start, kids.end(), si)
        return None
    pp = v.partitive_pronoun.match(text, m.end, s1)
    pn = v.partitive_np.match(text, m.end, s1)
    if pp and v.preposition_before.search(before):
        return None  # "debris from one of them crashed"
    if pp:
        lc, ld, head = st.last_casualty, st.last_dm, st.last_head_dm
        if st.last_combined_pos > -1 and si - st.last_combined_sentence <= 8 and (
                head is None or head.start < st.last_combined_pos) and (
                ld is None or ld.sentence != si):
            return None  # "37 of them" where "them" is a combined total
        if lc is not None and si - lc.sentence <= 1 and (ld is None or lc.start > ld.start):
            fam = PERSON
        elif ld is not None and si - ld.sentence <= 1:
            fam, weapon = ld.family, ld.weapon
        else:
            # "the drones were Shahed-136s ... air defences shot down around 20 of them"
            fam, weapon = antecedent_family(r, m.start, s0, si)
            if fam is None:
                return None
        named = weapon_at(r, pp.end(), s1)
        if named is not None and family_of_weapon(named.category) == fam:
            weapon = named.canonical  # "about 156 of them Shaheds": the part's own type
        return Reading(fam, weapon, reading.np_end, right_kinds, part="pronoun")
    if pn and not casualty_word_after(r, m.end, s1):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        inner = nxt.end if nxt is not None and nxt.start == pn.end() else pn.end()
        inner_fam, inner_weapons, inner_end = noun_phrase(r, inner, s1)
        if inner_fam is None and not inner_weapons:
            if not v.bare_end.match(text, inner_end, s1):
                return None  # "three of its thermal power plants"
            inner_fam, weapon = antecedent_family(r, m.start, s0, si)
        elif len(inner_weapons) == 1:
            weapon = inner_weapons[0].canonical
        fam = inner_fam
        if fam not in (DRONE, MISSILE, PERSON, CHILD):
            return None
        if weapon is None and fam in (DRONE, MISSILE):
            weapon = antecedent_weapon(r, fam, si, q.value)  # "40 of the 52 were shot down"
        return Reading(fam, weapon, reading.np_end, right_kinds, part="np")
    if v.of_which_before.search(before) and st.last_combined_sentence == si and (
            st.last_dm is None or st.last_dm.start < st.last_combined_pos):
        return None  # "210 means of air attack, of which 144 were neutralised"
    if casualty_word_after(r, m.end, s1):
        return Reading(PERSON, weapon, reading.np_end, right_kinds)
    if v.total_before.search(before):
        if not v.one_of_before.search(before):
            return None  # "five of the 12": the total is counted where it is stated
        # "a Kh-101, one of 16 that Russia launched": the total, of the family named before
        fam, weapon = antecedent_family(r, m.start, s0, si)
        if fam not in (DRONE, MISSILE):
            return None
        return Reading(fam, weapon, reading.np_end, [LAUNCHED])
    were = v.were_np.match(text, m.end, s1)
    if were and noun_phrase(r, were.end(), s1)[0] in (DRONE, MISSILE):
        # a breakdown: "Of the 34, nine were Kalibr cruise missiles"
        fam, weapons2, np_end = noun_phrase(r, were.end(), s1)
        weapon = weapons2[0].canonical if len(weapons2) == 1 else None
        return Reading(fam, weapon, np_end, [nearest_left(r, m.start, s0, fam) or LAUNCHED])
    if not v.bare_end.match(text, m.end, s1):
        return None  # "destroying 18 apartments": the amount counts another noun
    return _bare(r, si, s0, s1, m, before, reading)


def _bare(r: Reader, si: int, s0: int, s1: int, m: QuantityMention, before: str,
          reading: Reading) -> Reading | None:
    """A bare amount ("63 were shot down", "the toll stands at seven")."""
    text, v, st = r.text, r.v, r.state
    weapon, right_kinds = reading.weapon, reading.right_kinds
    left_dm = left_adjacent(r, m.start, s0, DRONE)
    if right_kinds or left_dm or (v.sentence_among.match(text[max(s0, m.start - 12):m.start])
                                  or v.including_or_comma_before.search(before)) \
            and v.at_place.match(text, m.end, s1) and st.last_dm is not None \
            and st.last_dm.sentence == si:
        fam, weapon = antecedent_family(r, m.start, s0, si)
        if fam is None:
            return None
        if not right_kinds and not left_dm and st.last_dm is not None:
            right_kinds = [LAUNCHED if st.last_dm.kind in (Kind.drones_launched, Kind.missiles_launched)
                           else DOWNED]
        return Reading(fam, weapon, reading.np_end, right_kinds)
    lc = st.last_casualty
    if v.including_before.search(before) and v.at_place.match(text, m.end, s1) \
            and lc is not None and lc.sentence == si:
        # "the toll at 28, including 23 in the single apartment block"
        return Reading(PERSON, weapon, reading.np_end, _toll_of(lc))
    if toll_kind(r, m.start, s0):
        return Reading(PERSON, weapon, reading.np_end, right_kinds)
    lo = max(s0, m.start - WINDOW)
    if v.number_of.search(text, lo, m.start) is None and v.the_number.search(text, lo, m.start) \
            and lc is not None and si - lc.sentence <= 2:
        # "the number had reached 7": the toll of the last casualty figure
        return Reading(PERSON, weapon, reading.np_end, _toll_of(lc))
    if lc is not None and lc.sentence == si and v.up_from.search(before):
        return Reading(PERSON, weapon, reading.np_end, _toll_of(lc))
    if left_adjacent(r, m.start, s0, PERSON) and v.person_follows.match(text, m.end, s1):
        return Reading(PERSON, weapon, reading.np_end, right_kinds)
    if lc is not None and lc.sentence == si and lc.end <= m.start and v.elliptical_place.match(text, m.end, s1) \
            and v.elliptical_gap.match(text, lc.end, m.start) and not v.finite.search(text, lc.end, m.start):
        # "four were killed in the apartment building and six in the warehouse"
        return Reading(PERSON, weapon, reading.np_end, _toll_of(lc))
    nof = v.number_of.search(text, lo, m.start)
    if nof is None:
        return None
    fam = DRONE if v.drone_words.fullmatch(nof.group("n")) else MISSILE
    verb = (nof.group("v") or "").lower()
    return Reading(fam, weapon, reading.np_end, [DOWNED if verb and v.downed.match(verb) else LAUNCHED],
                   stated=True)
