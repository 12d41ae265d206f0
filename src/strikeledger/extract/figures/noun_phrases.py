"""Noun phrases: what an amount counts, read from the words after it ("48 cruise
missiles", "24 Shahed-136/131 attack UAVs", "five people"), and the family of a bare
amount from what came before it ("... 111 Shaheds were launched; 63 were shot down")."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .state import COMBINED, DRONE, MISSILE, SKIP, family_of_weapon

if TYPE_CHECKING:
    from ..weapons import WeaponMention
    from .reader import Reader

# How far back (characters) left-context cues are looked for: keeps long sentences linear.
WINDOW = 300
# what may stand between an amount and a weapon's name: "24 "Shahed" drones"
_QUOTES = re.compile(r"[ \t\"'“”]*")


def weapon_at(r: Reader, pos: int, limit: int) -> WeaponMention | None:
    """The weapon named at ``pos`` (after spaces and quotes), if it starts before ``limit``."""
    i = bisect.bisect_left(r.weapon_starts, pos)
    if i < len(r.weapons) and r.weapons[i].start < limit:
        w = r.weapons[i]
        return w if _QUOTES.match(r.text, pos, w.start).end() == w.start else None
    return None


def weapons_in(r: Reader, start: int, end: int) -> list[WeaponMention]:
    lo = bisect.bisect_left(r.weapon_starts, start)
    return r.weapons[lo:bisect.bisect_left(r.weapon_starts, end)]


def noun_phrase(r: Reader, pos: int, limit: int):
    """(family, weapons, end) of the noun phrase at pos; family None if none is read."""
    text, v = r.text, r.v
    weapons: list[WeaponMention] = []
    end = pos
    for _ in range(8):
        if pos >= limit:
            break
        p = v.space_quote.match(text, pos).end()
        w = weapon_at(r, p, limit)
        if w is not None:
            weapons.append(w)
            pos = end = w.end
            if v.plural_weapon.search(text, w.start, w.end) and not weapons[0:-1]:
                break  # "3 Kinzhals, Kh-22 cruise missiles": a plural name is the head noun
            continue
        n = v.noun.match(text, p, limit)
        if n is not None and n.lastgroup:
            if n.lastgroup in (DRONE, MISSILE) and v.strike_noun_after.match(text, n.end(), limit):
                return SKIP, weapons, n.end()  # "84 missile strikes": strikes, not missiles
            if n.lastgroup in (DRONE, MISSILE) and not weapons:
                other = v.missile_words if n.lastgroup == DRONE else v.drone_words
                both = v.other_noun.match(text, n.end(), limit)
                if both and other.fullmatch(both.group(1)):
                    return COMBINED, weapons, both.end()  # "80 missiles and drones"
            if n.lastgroup in (DRONE, MISSILE) and not weapons and v.type_after_noun is not None:
                named = _named_after(r, n.lastgroup, n.end(), limit)
                if named is not None:   # "38 крилатих ракет Х-101", "БпЛА типу «Шахед»"
                    return n.lastgroup, [named], named.end
            return n.lastgroup, weapons, n.end()
        sep = v.separator.match(text, p)
        if sep and weapon_at(r, sep.end(), limit):
            pos = sep.end()
            continue
        mod = v.modifier.match(text, p, limit)
        if mod is not None and mod.end() > p:
            if v.casualty_modifier.search(text, p, mod.end()) and \
                    noun_phrase(r, mod.end(), limit)[0] in (DRONE, MISSILE, COMBINED, SKIP):
                break  # "Seven killed in Russian drone attack": people, not drones
            pos = mod.end()
            more = v.modifier_list.match(text, pos, limit)  # "78 air, ground, and sea-launched missiles"
            if more and noun_phrase(r, more.end(), limit)[0] in (DRONE, MISSILE):
                pos = more.end()
            continue
        break
    if weapons:
        fams = {family_of_weapon(w.category) for w in weapons}
        return (fams.pop() if len(fams) == 1 else None), weapons, end
    return None, [], end


def _named_after(r: Reader, fam: str, pos: int, limit: int) -> WeaponMention | None:
    """The weapon of family ``fam`` named right after a head noun, in a language that names
    the type there (``type_after_noun``)."""
    at = r.v.type_after_noun.match(r.text, pos, limit).end()
    w = weapon_at(r, at, limit)
    return w if w is not None and family_of_weapon(w.category) == fam else None


def antecedent_family(r: Reader, pos: int, sent_start: int, si: int) -> tuple[str | None, str | None]:
    """Family (and weapon) of a bare amount: the last drone/missile word in the sentence,
    else the last drone/missile figure of this or the two sentences before."""
    v, st = r.v, r.state
    lo = max(sent_start, pos - WINDOW)
    before = r.text[lo:pos]
    d = [m.end() for m in v.drone_words.finditer(before)]
    mi = [m.end() for m in v.missile_words.finditer(before)]
    i, j = bisect.bisect_left(r.weapon_starts, lo), bisect.bisect_left(r.weapon_starts, pos)
    ws = [(w.end - lo, family_of_weapon(w.category), w.canonical) for w in r.weapons[i:j]]
    best = max([(e, DRONE, None) for e in d[-1:]] + [(e, MISSILE, None) for e in mi[-1:]]
               + ws[-1:], default=None, key=lambda x: x[0])
    combined = [m.end() for m in v.combined_words.finditer(before)]
    if combined and (best is None or combined[-1] > best[0]):
        return None, None  # "Total air targets .... 135 / downed 109": drones and missiles
    if best is not None and best[1] is not None:
        weapon = best[2]
        if weapon is None:  # "The Shahed drones were launched ...; all three were lost"
            weapon = next((w for e, f, w in reversed(ws) if f == best[1] and best[0] - e <= 12), None)
        ld = st.last_dm
        if weapon is None and ld is not None and ld.family == best[1] and si - ld.sentence <= 1:
            weapon = ld.weapon  # "111 Shaheds were launched; 63 were shot down"
        return best[1], weapon
    if st.last_dm is not None and si - st.last_dm.sentence <= 2:
        return st.last_dm.family, st.last_dm.weapon
    return None, None


def antecedent_weapon(r: Reader, fam: str, si: int, part: int | None) -> str | None:
    """The weapon of the count a part refers back to ("26 Kh-101 missiles ... 25 of
    the missiles"): the last count of the family in this or the previous sentence."""
    for x in reversed(r.state.recent):
        if x.sentence < si - 1:
            break
        if x.family == fam:
            whole = x.quantity.value
            return x.weapon if whole is None or part is None or part <= whole else None
    return None
