"""Tables and lists: counts set after a weapon's name ("Shahed/Gerbera ...... 120 / downed
98", "downed (Kh-101: 18, Kinzhal: 1)"), a bulletin's list under a header ("Destroyed:
- 23 Shahed-136/131"), and one weapon ending a counted list ("2 Kinzhals and a Kh-31P")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Kind
from ..quantities import quantity
from .noun_phrases import weapons_in
from .state import DOWNED, LAUNCHED, MISSILE, family_of_weapon

if TYPE_CHECKING:
    from .reader import Reader

# how far back an unclosed bracket is looked for: "downed (Kh-101: 18, Kinzhal: 1, ..."
_BRACKET_CHARS = 600
# what may stand before a weapon's name heading its table row
_ROW_LEAD = " \t•*–—-/,&+"


def _heads_its_line(r: Reader, line_start: int, pos: int) -> bool:
    """Only other weapons' names and list marks stand between the line's start and ``pos``."""
    end = pos
    for w in reversed(weapons_in(r, line_start, pos)):
        if r.text[w.end:end].strip(_ROW_LEAD):
            return False
        end = w.start
    return not r.text[line_start:end].strip(_ROW_LEAD)


def table_cells(r: Reader, si: int, s0: int, s1: int) -> None:
    """Counts set after a weapon's name, as tables and summaries give them:
    "Shahed/Gerbera ...... 120 / downed 98" at the start of a line (launched, then
    downed), and "downed (Kh-101: 18, Kinzhal: 1)" (the kind of the word before)."""
    text, v, st = r.text, r.v, r.state
    for w in weapons_in(r, s0, s1):
        fam = family_of_weapon(w.category)
        cell = v.cell.match(text, w.end, s1)
        if fam is None or cell is None:
            continue
        line_head = _heads_its_line(r, r.doc.line_start(w.start), w.start)  # "Shahed/Gerbera ..... 120"
        paren = text.rfind("(", max(s0, w.start - _BRACKET_CHARS), w.start)
        verb = None
        if line_head:
            verb = LAUNCHED
        elif paren >= 0 and ")" not in text[paren:w.start]:
            before = text[max(s0, paren - 30):paren]
            down = [m.end() for m in v.downed.finditer(before)]
            launch = [m.end() for m in v.launched.finditer(before)]
            if down or launch:  # the nearer word: "31 launched / 26 downed (Kh-101: 18, ...)"
                verb = DOWNED if max(down, default=-1) > max(launch, default=-1) else LAUNCHED
        num = cell.start("n")
        covering = st.covering(num)
        if verb is None or any(x.start != num for x in covering):
            continue
        for x in covering:  # "Kh-101: 8, Iskander-M: 3": 8 counts Kh-101s, not Iskanders
            st.drop(x)
        r.emit(fam, verb, quantity(int(cell.group("n")), "exact"), w.start, cell.end("n"), si,
               weapon=w.canonical)
        if line_head and cell.group("d") is not None:
            r.emit(fam, DOWNED, quantity(int(cell.group("d")), "exact"), cell.start("dw"),
                   cell.end("d"), si, weapon=w.canonical)


def single_weapons(r: Reader, si: int, s0: int, s1: int) -> None:
    """'..., 2 Kinzhals and a Kh-31P': one weapon at the end of a counted list."""
    text, v, st = r.text, r.v, r.state
    for w in weapons_in(r, s0, s1):
        art = v.single_weapon.search(text, max(s0, w.start - 24), w.start)
        if art is None or art.end() != w.start:
            continue
        if v.apposed_single.match(text, w.end, s1) or v.generic_before.search(
                text, max(s0, art.start() - 20), art.start() + 1):
            continue  # "two were ballistic missiles, a Kinzhal and an Iskander-M": naming them
        prev = st.last_read_ending_between(art.start() - 39, art.start())
        fam = family_of_weapon(w.category)
        if prev is not None and fam:
            verb = LAUNCHED if prev.kind in (Kind.drones_launched, Kind.missiles_launched) else DOWNED
            astart = art.start() + v.single_article.search(art.group(0)).start()
            r.emit(fam, verb, quantity(1, "exact"), astart, w.end, si, weapon=w.canonical)


def fired_singles(r: Reader, si: int, s0: int, s1: int) -> None:
    """One missile named after a launch verb: 'fired a Kh-22 missile at ...', 'launched
    three S-300 missiles, as well as a Kh-31 anti-radar missile', 'used cruise missiles
    and one Kinzhal'. Only missiles: a lone drone is seldom the attack's count."""
    text, v, st = r.text, r.v, r.state
    for w in weapons_in(r, s0, s1):
        if family_of_weapon(w.category) != MISSILE or st.in_figure(w.start):
            continue
        lo = max(s0, w.start - 160)
        if not r.may("fired_single", lo, w.start):
            continue
        m = v.fired_single.search(text, lo, w.start)
        if m is None or m.end() != w.start:
            continue
        art = v.single_article.search(text, max(m.start(), w.start - 40), w.start)
        start = art.start() if art else w.start
        r.emit(MISSILE, LAUNCHED, quantity(1, "exact"), start, w.end, si, weapon=w.canonical)


def list_header(r: Reader, s0: int, s1: int) -> None:
    """A line that ends in a colon and says "destroyed" (or "launched") heads a list whose
    items count downed (or launched) weapons; any other sentence ends the list."""
    head = r.text[s0:s1].rstrip()
    if head.endswith(":"):
        down, launch = r.v.downed.search(head), r.v.launched.search(head)
        if down and not launch:
            r.state.list_mode = DOWNED
        elif launch and not down:
            r.state.list_mode = LAUNCHED
