"""The figure reader: sentence by sentence, every amount the quantities annotator found is
read by the rules of this package, in order, and becomes zero, one or two candidates."""
from __future__ import annotations

import re
from dataclasses import replace

from ..document import Document
from ..quantities import QuantityMention, carry_qualifier, quantity
from ..weapons import WeaponMention
from .casualties import child, person, singles
from .noun_phrases import antecedent_weapon, noun_phrase
from .partitives import Reading, read_bare
from .state import CHILD, COMBINED, DRONE, MISSILE, PERSON, SKIP, Candidate, FigureState
from .tables import fired_singles, list_header, single_weapons, table_cells
from .verbs import casualty_word_after, hit_after, right_cue, weapons_figure
from .vocabulary import CYRILLIC_LANGUAGES, Vocabulary, vocabulary

_ALNUM = re.compile(r"[^\W_]")


class Reader:
    """Reads the figures of one report, sentence by sentence."""

    def __init__(self, doc: Document, v: Vocabulary):
        self.doc, self.text, self.v = doc, doc.text, v
        self.quantities = doc.quantities
        self.weapons: list[WeaponMention] = sorted(doc.weapon_mentions, key=lambda w: w.start)
        self.weapon_starts = [w.start for w in self.weapons]
        self.state = FigureState(len(doc.text))
        self._first_word: dict[int, int] = {}  # sentence start -> its first letter or digit
        self._after_aux: dict[tuple[int, int], int] = {}  # (pos, limit) -> end of the auxiliaries there

    # -- shared by the rules --------------------------------------------------------------
    def after_aux(self, pos: int, limit: int) -> int:
        """Where the auxiliaries and adverbs after ``pos`` end ("were later", ", it said, were"):
        the rules ask at the same places again and again, so each is matched once."""
        key = (pos, limit)
        end = self._after_aux.get(key)
        if end is None:
            end = self._after_aux[key] = self.v.aux_adv.match(self.text, pos, limit).end()
        return end

    def emit(self, fam, verb, q, start, end, si, weapon=None) -> Candidate | None:
        return self.state.emit(fam, verb, q, start, end, si, weapon=weapon,
                               in_list_item=fam in (DRONE, MISSILE) and self.in_list_item(start))

    def may(self, pattern: str, lo: int, hi: int) -> bool:
        """Whether ``pattern`` can match in text[lo:hi]: one of the words it requires is
        there (a long run of amounts must not cost a scan of the window per amount)."""
        words = self.v.requires.get(pattern)
        folded = self.doc.folded
        return words is None or any(folded.find(w, lo, hi) != -1 for w in words)

    def in_list_item(self, pos: int) -> bool:
        return bool(self.v.list_item.match(self.text, self.doc.line_start(pos)))

    def clause_start(self, s0: int, pos: int) -> bool:
        """A telegraphic clause start: "Lysak: a 58-year-old woman killed in Dnipro"."""
        text = self.text
        j = pos
        while j > s0 and text[j - 1].isspace():
            j -= 1
        if j == s0 or text[j - 1] in ":;—–":
            return True
        if s0 not in self._first_word:
            m = _ALNUM.search(text, s0, self.doc.sentences[self.state.sentence].end)
            self._first_word[s0] = m.start() if m else len(text)
        return self._first_word[s0] >= j  # no letter or digit before it in the sentence

    # -- one sentence ---------------------------------------------------------------------
    def sentence(self, si: int, s0: int, s1: int) -> None:
        text, v, st = self.text, self.v, self.state
        st.new_sentence(si)
        self._after_aux.clear()
        line_start = self.doc.line_start(s0)
        is_list_item = bool(v.list_item.match(text, line_start)) and line_start >= s0 - 3
        if not is_list_item and not text[s0:s1].rstrip().endswith(":"):
            st.end_list()
        mentions = _carry(self, self.quantities[si])
        parsed = []
        for i, m in enumerate(mentions):
            fam, weapons, np_end = noun_phrase(self, m.end, s1)
            if fam is None and not weapons:
                pp = v.partitive_pronoun.match(text, m.end, s1)
                pn = v.partitive_np.match(text, m.end, s1)
                if pp:
                    np_end = pp.end()
                elif pn:
                    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                    inner = nxt.end if nxt is not None and nxt.start == pn.end() else pn.end()
                    np_end = noun_phrase(self, inner, s1)[2]
            parsed.append((fam, weapons, np_end))
        # verbs of coordinated amounts: "39 drones and 18 missiles were shot down"
        rights: dict[int, list[str]] = {}
        hits: dict[int, bool] = {}
        for i in range(len(mentions) - 1, -1, -1):
            fam, _, np_end = parsed[i]
            ffam = PERSON if fam in (PERSON, CHILD) else (fam if fam in (DRONE, MISSILE) else DRONE)
            if fam is None and casualty_word_after(self, np_end, s1):
                ffam = PERSON
            kinds, _ = right_cue(self, np_end, s1, ffam)
            hit = hit_after(self, np_end, s1)
            gap = v.coordination_gap.fullmatch(text, np_end, mentions[i + 1].start) \
                if i + 1 < len(mentions) and np_end <= mentions[i + 1].start else None
            if not kinds and not hit and gap and hits.get(i + 1):
                hit = True
            hits[i] = hit
            if not kinds and gap:
                nfam = parsed[i + 1][0]
                if nfam == fam or {nfam, fam} <= {DRONE, MISSILE}:
                    kinds = rights.get(i + 1, [])
            rights[i] = kinds
        for i, m in enumerate(mentions):
            if hits[i] and parsed[i][0] in (DRONE, MISSILE):
                continue  # "15 missiles and 26 drones hit 19 locations"
            self.mention(si, s0, s1, m, parsed[i], rights[i], mentions, i)
        singles(self, si, s0, s1)
        single_weapons(self, si, s0, s1)
        fired_singles(self, si, s0, s1)
        table_cells(self, si, s0, s1)
        list_header(self, s0, s1)

    def mention(self, si: int, s0: int, s1: int, m: QuantityMention, parsed, right_kinds: list[str],
                mentions: list[QuantityMention], i: int) -> None:
        text, v, st = self.text, self.v, self.state
        fam, weapons, np_end = parsed
        q = m.quantity
        before = text[max(s0, m.start - 40):m.start]
        if fam == SKIP:
            return
        if self.may("not_before", max(s0, m.start - 40), m.start) and v.not_before.search(before):
            return
        lo = max(s0, m.start - 150)
        if self.may("hits_by", lo, m.start) and v.hits_by.search(text, lo, m.start):
            return
        if v.rate.match(text, np_end, s1):
            return
        if v.subset_by_status.match(text, m.end, s1):
            return  # "eight of whom were hospitalised": part of a toll, by condition
        # "one of four killed", "one of the eight": the member, counted by what follows
        if q.value == 1 and q.qualifier == "exact" and v.member_of.match(text, m.end, s1) \
                and not v.partitive_pronoun.match(text, m.end, s1):
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and (casualty_word_after(self, nxt.end, s1) or
                                    noun_phrase(self, nxt.end, s1)[0] in (PERSON, CHILD) or
                                    v.of_number.match(text, m.end, nxt.start + 1)):
                return  # "one of four killed", "a Kh-101, one of 16 launched": the member
        weapon = weapons[0].canonical if len(weapons) == 1 else None
        if weapon is None and fam in (DRONE, MISSILE) and (
                v.of_the.match(text, m.end, s1) or v.all_before.search(before)):
            weapon = antecedent_weapon(self, fam, si, q.value)  # "25 of the missiles", "all five"
        reading = Reading(fam, weapon, np_end, right_kinds)
        if fam is None and not weapons:
            reading = read_bare(self, si, s0, s1, m, mentions, i, before, reading)
            if reading is None:
                return
        fam, weapon, np_end, right_kinds = reading.family, reading.weapon, reading.np_end, reading.right_kinds
        if fam == COMBINED:
            st.last_combined_sentence, st.last_combined_pos = si, m.start
            return
        if fam is None or fam == SKIP:
            return
        if fam == CHILD:
            child(self, si, s0, s1, m, np_end, right_kinds, before)
        elif fam == PERSON:
            person(self, si, s0, s1, m, np_end, right_kinds, reading.part)
        else:
            weapons_figure(self, si, s0, s1, m, fam, weapon, np_end, right_kinds, reading.part, before,
                           reading.stated)


def _carry(r: Reader, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """A qualifier governs a coordinated list ("some 500 drones and 40 missiles"), not an
    apposition ("at least 51 people, six children among them")."""
    text, v = r.text, r.v
    carried = carry_qualifier(text, mentions)
    out: list[QuantityMention] = []
    for i, (orig, new) in enumerate(zip(mentions, carried)):
        gap = text[mentions[i - 1].end:orig.start] if i > 0 else ""
        if new is not orig and new.quantity != orig.quantity and (
                not v.coordination.search(gap) or v.not_counted.search(gap)):
            new = orig  # "shot down over 11 regions and four more": 'over' is a preposition
        if new is not orig and i > 0 and v.including_before.search(
                text, max(0, mentions[i - 1].start - 16), mentions[i - 1].start):
            new = orig  # "728 drones, including over 300 Shaheds, and 13 missiles": 'over' is the part's
        if new is not orig and i > 0 and v.own_verb_after.match(text, orig.end):
            new = orig  # "at least two died and 11 others were injured": a clause of its own
        prev = out[-1] if out else None
        if (new is orig and prev is not None and orig.bare and orig.quantity.value not in (None, 1)
                and prev.quantity.qualifier in ("at_least", "more_than", "approx", "nearly")
                and v.casualty_list.fullmatch(text, prev.end, orig.start)
                and not v.own_verb_after.match(text, orig.end)):
            # "at least 4 killed and 12 injured", "killing at least 12 and injuring 63"
            new = replace(orig, quantity=quantity(orig.quantity.value, prev.quantity.qualifier))
        out.append(new)
    return out


def read(doc: Document) -> list[Candidate]:
    """The figure candidates of a report, in text order (skipped sentences unread)."""
    lang = doc.language.value if doc.language is not None else "en"
    reader = Reader(doc, vocabulary(lang if lang in CYRILLIC_LANGUAGES else doc.lang))
    for si, span in enumerate(doc.sentences):
        if si in doc.skipped:
            reader.state.end_list()
            continue
        if si % 64 == 0:
            doc.check_time("figures")
        reader.sentence(si, span.start, span.end)
    out = reader.state.out
    out.sort(key=lambda cnd: (cnd.start, cnd.end))
    return out
