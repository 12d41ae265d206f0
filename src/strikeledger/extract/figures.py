"""Figures: which stated amounts count drones, missiles, the dead or the injured.

For every amount that quantities.find_quantities finds in a sentence, this module
reads the words around it to decide what it counts and how:

* the noun phrase after the amount ("48 cruise missiles", "24 Shahed-136/131 attack
  UAVs", "five people"), a partitive ("43 of the missiles", "14 of them"), a casualty
  word ("four killed"), a toll phrase ("the death toll rose to 7");
* for drones and missiles, launched or downed: the verb group after the noun phrase
  ("were shot down"), the verb right before the amount ("destroyed 37"), the verb of a
  coordinated amount ("39 drones and 18 missiles were shot down"), the nearest verb to
  the left, or a bulletin's list header ("Destroyed: - 23 Shahed-136/131");
* for people, killed or injured from the same places, and children from a child noun,
  an age under 18, or an inclusion ("including a 12-year-old girl", "three of them
  children") under the casualty figure it belongs to.

Amounts that count something else are left alone: combined totals ("63 means of air
attack"), rates ("a few dozen missiles a month"), weapons that hit ("54 drones hit 19
locations"), reconnaissance drones. Speaker and place are added by attribution;
sentences about other events are skipped by the caller.

The words are data: data/figure_cues.json.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..data import load
from ..data.schemas import FigureCues
from ..model import Kind, Quantity
from .document import Document, Span, annotator
from .quantities import QuantityMention, carry_qualifier
from .weapons import WeaponMention

DRONE, MISSILE, PERSON, CHILD, COMBINED, SKIP = "drone", "missile", "person", "child", "combined", "skip"
LAUNCHED, DOWNED, KILLED, INJURED = "launched", "downed", "killed", "injured"

_KIND = {
    (DRONE, LAUNCHED): Kind.drones_launched, (DRONE, DOWNED): Kind.drones_downed,
    (MISSILE, LAUNCHED): Kind.missiles_launched, (MISSILE, DOWNED): Kind.missiles_downed,
    (PERSON, KILLED): Kind.killed, (PERSON, INJURED): Kind.injured,
    (CHILD, KILLED): Kind.children_killed, (CHILD, INJURED): Kind.children_injured,
}
_WORD_NUMBERS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_WORDNUM = {w: i + 1 for i, w in enumerate(_WORD_NUMBERS.split("|"))}


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


def _alt(words) -> str:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


class _Cues:
    """Compiled patterns built once from data/figure_cues.json."""

    def __init__(self, data: dict):
        f = re.IGNORECASE
        self.launched = re.compile(rf"\b(?:{_alt(data['launched_cues'])})\b", f)
        self.downed = re.compile(rf"\b(?:{_alt(data['downed_cues'])})(?![\w-])", f)
        self.killed = re.compile(rf"\b(?:{_alt(data['killed_cues'])})\b", f)
        self.injured = re.compile(rf"\b(?:{_alt(data['injured_cues'])})\b", f)
        self.hit = re.compile(rf"(?:{_alt(data['hit_verbs'])})\b", f)
        self.rate = re.compile(rf"\s*(?:{_alt(data['rate_phrases'])})\b", f)
        nouns = [(DRONE, data["drone_nouns"]), (MISSILE, data["missile_nouns"]),
                 (COMBINED, data["combined_nouns"]), (CHILD, data["child_nouns"]),
                 (PERSON, data["person_nouns"]), (SKIP, data["non_attack_modifiers"])]
        self.noun_re = re.compile(
            r"(?:%s)(?![\w-])" % "|".join(f"(?P<{fam}>{_alt(words)})" for fam, words in nouns), f)
        self.modifier = re.compile(rf"(?:{_alt(data['np_modifiers'])}|\d+-strong)(?![\w-])", f)
        aux = (r"(?:(?:are|were|is|was)\s+(?:known|reported|believed|confirmed|said|thought)\s+to\s+"
               r"have(?:\s+been)?|were\s+being|was\s+being|were|was|have\s+(?:now\s+)?been|"
               r"has\s+(?:now\s+)?been|had\s+(?:now\s+)?been|are|is|been|had|have|got|being)")
        adv = (r"(?:also|reportedly|all|successfully|later|then|subsequently|eventually|now|"
               r"lightly|slightly|seriously|severely|critically|badly|fatally|mortally|"
               r"already|so\s+far|in\s+total|overnight|in\s+all|confirmed|officially|likely|"
               r"probably|there|here|too)")
        aside = (r"(?:,\s*(?:it|he|she|they|the\s+\w+(?:\s+\w+)?|officials|police)\s+"
                 r"(?:said|says|added|adds|reports|reported|noted)\s*,"
                 r"|,\s*(?:including|incl\.?|among\s+them)\s[^,]{1,40},"
                 r"|,\s*(?:most|many|some|all|several|half|none)\s+of\s+(?:them|which)\s[^,]{1,40},"
                 r"|\s*\([^()\n]{1,60}\))?")  # "1 person (a man born in 1961) was killed"
        self.aux_adv = re.compile(rf"[\s\"“”']*(?:more\s+)?{aside}\s*(?:{aux}\s+)?(?:{adv}\s+)*[\"“']?", f)
        self.has_aux = re.compile(rf"[\s\"“”']*{aside}\s*{aux}\s", f)
        self.aux_cue_ahead = re.compile(rf"\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
                                        rf"(?:{adv}\s+)*(?=\S)", f)
        self.toll = re.compile(
            rf"\b(?P<t>{_alt(data['toll_injured'])}|{_alt(data['toll_killed'])})\b"
            rf"(?:[^.;:!?]{{0,90}}?)\b(?:{_alt(data['toll_verbs'])})\s*$", f)
        self.toll_injured = re.compile(rf"^(?:{_alt(data['toll_injured'])})$", f)
        dm = _alt(data["drone_nouns"] + data["missile_nouns"])
        self.number_of = re.compile(
            rf"\bnumber\s+of\s+(?:the\s+)?(?P<n>{dm})(?:\s+(?P<v>launched|fired|destroyed|shot\s+down|"
            rf"downed|intercepted|used))?[^.;:!?\d]{{0,50}}?\b(?:at|as|to|was|is|reached)\s*$", f)
        self.negation = re.compile(rf"\b(?:{_alt(data['negations'])})\s+(?:\w+\s+)?$", f)
        self.drone_words = re.compile(rf"\b(?:{_alt(data['drone_nouns'])})\b", f)
        self.missile_words = re.compile(rf"\b(?:{_alt(data['missile_nouns'])})\b", f)
        self.combined_words = re.compile(rf"\b(?:{_alt(data['combined_nouns'])})\b", f)


@lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues(load("en/figure_cues.json", FigureCues).model_dump(mode="json"))


# One victim on their own: "a 12-year-old girl", "her 8-year-old son", "another man, aged 43"
_AGE = rf"(?:\d{{1,3}}|{_WORD_NUMBERS}|one-and-a-half|one and a half)"
_FAMILY_NOUNS = ("son|daughter|wife|husband|mother|father|brother|sister|grandmother|grandfather|"
                 "grandson|granddaughter|neighbour|neighbor|colleague|friend")
_SINGLE = re.compile(
    rf"\b(?:an?|one|another|his|her|their)\s+(?:(?P<age>{_AGE})(?:[- ](?P<unit>year|month|week|day)s?[- ]old|-?\s?y\.\s?o\.|\s?yo\b)\s+)?"
    r"(?:(?:little|young|elderly|local|teenage|pregnant|newborn|baby|infant|older|younger|"
    r"municipal|male|female)\s+)?"
    r"(?P<noun>girl|boy|child|baby|infant|newborn|teenager|teen|toddler|schoolboy|schoolgirl|minor|"
    rf"kid|man|woman|person|resident|pensioner|civilian|student|doctor|rescuer|driver|"
    rf"firefighter|police officer|policeman|employee|worker|passenger|{_FAMILY_NOUNS})\b"
    rf"(?:,?\s+aged\s+(?P<age2>{_AGE}))?"
    rf"|\b(?:an?|one)\s+(?P<age3>\d{{1,3}}|{_WORD_NUMBERS})[- ](?P<unit3>year|month)s?[- ]old\b",
    re.IGNORECASE)
_CHILD_NOUNS = {"girl", "boy", "child", "baby", "infant", "newborn", "teenager", "teen", "toddler",
                "schoolboy", "schoolgirl", "kid", "minor"}
# words that may stand between a victim and the verb: ", aged 60,", "of the facility"
_APPOSITIVE = re.compile(
    r"(?:\s*,\s*(?:aged\s+\d{1,3}|\d{1,3}|born\s+in\s+\d{4}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*,"
    r"|\s+(?:born\s+in\s+\d{4}|aged\s+\d{1,3})\s*,?"
    r"|\s+(?:of|from)\s+(?:the\s+)?[\w-]+(?:\s+(?!(?:was|were|is|are|has|had|died)\b)[\w-]+)?)?"
    r"(?:\s*,(?=\s*(?:was|were|is|are|has|had|died)\b))?", re.IGNORECASE)

_PARTITIVE_PRONOUN = re.compile(r"\s+of\s+(?:them|which|those|these|it|whom)\b", re.IGNORECASE)
_PARTITIVE_NP = re.compile(r"\s+(?:out\s+)?of\s+(?:(?:the|those|these|its|their|our|his|her|your)\s+)?(?=[\w\"“])",
                           re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"(?:\bof\s+the|\bof|\bout\s+of\s+the|\bout\s+of|\bevery\s+one\s+of\s+the)\s*$",
                           re.IGNORECASE)
_INCLUSION_BEFORE = re.compile(
    r"(?:\bincluding|\bincl\.?|\bamong\s+them(?:\s+(?:is|are|was|were))?|\bamong\s+whom(?:\s+(?:is|are|was|were))?"
    r"|\bof\s+whom|\bmost\s+of\s+them|[—–:-])\s*(?:at\s+least\s+|also\s+)?$", re.IGNORECASE)
_INCLUSION_AFTER = re.compile(
    r"(?:\s*,\s*aged[^,]{1,25},)?\s*(?:were|are|was|is|may\s+be|might\s+be|could\s+be)?\s*(?:also\s+)?among\s+"
    r"(?:them|the\s+(?P<what>\w+)|those\s+(?P<what2>\w+))", re.IGNORECASE)
_AMONG_THE = re.compile(r"\bamong\s+(?:the|those)\s+(?P<what>\w+)", re.IGNORECASE)
_OF_THEM_CHILDREN = re.compile(
    r"\s+(?:of\s+(?:them|whom)\s+)?(?:(?:were|are|was|is)\s+)?(?:children|child|kids|minors|"
    r"teenagers|boys|girls)\b", re.IGNORECASE)
# "Four of the injured ...", "Four of the dead were children"
_OF_THE_CASUALTIES = re.compile(
    r"\s+of\s+the\s+(?P<what>dead|killed|injured|wounded|hurt)\b"
    r"(?P<kids>\s+(?:were|are|was|is)\s+(?:children|minors|kids|teenagers)\b)?", re.IGNORECASE)
# a part of a toll singled out by condition, not a count of its own
_SUBSET_BY_STATUS = re.compile(
    r"\s+of\s+(?:whom|them|those|the\s+(?:dead|killed|injured|wounded|hurt|victims|casualties))"
    r"\s+(?:\w+\s+)?(?:are|were|remain|remained|is|was|have\s+been|had\s+been|being)\s+(?:still\s+|now\s+)?"
    r"(?:in\s+(?:a\s+)?(?:hospitals?|serious|critical|grave|stable|intensive)|hospitali[sz]ed|being\s+treated|"
    r"receiving|treated|discharged|undergoing)", re.IGNORECASE)
_SENTENCE_AMONG = re.compile(r"\W*(?:among\s+(?:them|the\s+\w+|those)|they\s+include|including)\b",
                             re.IGNORECASE)
# drones or missiles whose fate the count describes as neither launched nor stopped
_ELSEWHERE = re.compile(r"[^.;:]{0,30}?\b(?:left\s+(?:the\s+)?(?:\w+['’]?s?\s+)?(?:airspace|country)|"
                        r"flew\s+(?:off|away|back)|returned\s+to|(?:were|was|are|is|remain|remained)\s+still\s+"
                        r"(?:in|over|airborne|flying)|still\s+(?:in|over)\s+(?:the\s+)?(?:\w+\s+)?(?:airspace|air))\b",
                        re.IGNORECASE)
_OF_THE = re.compile(r"\s+of\s+(?:the|these|those)\s", re.IGNORECASE)
_ALL_BEFORE = re.compile(r"\ball\s*$", re.IGNORECASE)
_UP_FROM = re.compile(r"(?:\bup\s+from|\bdown\s+from|\bcompared\s+with|\bfrom)\s*$", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|none\s+of|no)\s*$", re.IGNORECASE)
_HITS_BY = re.compile(r"\bhits?\s+(?:by|of|from)\b[^;,]*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[ \t]*(?:[–—•*-]|\d[\d,]*\s+[^\n]{0,80}[;.]?[ \t]*$)", re.MULTILINE)
# a table cell after a weapon's name: "(ballistic) ..... 4 / downed 2", ": 18"
_CELL = re.compile(r"(?:\s*\([^()\n]{1,30}\))?(?:\s*(?:\.{2,}|…+)\s*|\s*:\s*|[ \t]*\|[ \t]*|\t+|[ ]{2,})"
                   r"(?P<n>\d{1,5})(?![\d.,:]\d)(?:\s*/\s*(?P<dw>(?:downed|destroyed|shot\s+down|intercepted)\s+"
                   r"(?P<d>\d{1,5})))?(?![\w%])", re.IGNORECASE)
_SPACE_QUOTE = re.compile(r"[\s\"“”'×]*")  # "2 × Kh-47M2 Kinzhal" in tables
_SEP = re.compile(r"(?:,|and|or|/|\()\s*", re.IGNORECASE)
_COORD_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as|plus)\s+(?:(?:all|another|the|a\s+further)\s+)?",
                        re.IGNORECASE)
_AT_PLACE = re.compile(r"\s+(?:in|over|around|near|above)\s+(?:the\s+)?[A-Z]", re.IGNORECASE)
_OTHER_NOUN = re.compile(r"\s+(?:and|or|&|/)\s+(?:(?:attack|strike|combat|cruise|ballistic|kamikaze)\s+)?(\w+)",
                         re.IGNORECASE)
_BARE_END = re.compile(
    r"\s*(?:[,.;:)!?—–\"”'-]|$|(?:and|or|of|in|over|by|on|at|were|was|had|have|has|are|is|out|more|"
    r"from|during|across|since|to|with|before|after|overnight|that|which|who|while|but|as|"
    r"according|so|this|last|earlier|later|killed|dead|injured|wounded|hurt|destroyed|shot|downed|"
    r"intercepted|launched|fired|lost|neutralised|neutralized|suppressed|locationally|vanished)\b)",
    re.IGNORECASE)
# How far back (characters) left-context cues are looked for: keeps long sentences linear.
_WINDOW = 300


def _clause_start(text: str, start: int, pos: int) -> bool:
    """A telegraphic clause start: "Lysak: a 58-year-old woman killed in Dnipro"."""
    j = pos
    while j > start and text[j - 1].isspace():
        j -= 1
    return j == start or text[j - 1] in ":;—–" or not any(ch.isalnum() for ch in text[start:j])
_PLURAL_WEAPON = re.compile(r"(?<=[a-z0-9])s$")
_FINITE = re.compile(r"\b(?:were|was|is|are|said|says|has|have|had|reported|added|while|but)\b",
                     re.IGNORECASE)
_THE_NUMBER = re.compile(r"\bthe\s+(?:number|toll|figure|count|tally)\b[^.;:]{0,40}?\b(?:reached|rose\s+to|"
                         r"risen\s+to|stands\s+at|stood\s+at|is\s+now|to|at|as)\s*$", re.IGNORECASE)
_GENERIC_BEFORE = re.compile(r"\b(?:missiles|drones|UAVs|weapons),\s*$", re.IGNORECASE)
_APPOSED_SINGLE = re.compile(r"\s+and\s+an?\s+[A-Z]")
_OF_WHICH_BEFORE = re.compile(r"\bof\s+(?:which|them|these)\s*$", re.IGNORECASE)
_RELATIVE = re.compile(r",\s*(?:\w+\s+){0,3}of\s+which\b[^,;]*[,;](?!\s*(?:including|among\s+them)\b)",
                       re.IGNORECASE)
_SINGLE_WEAPON = re.compile(r"(?:,|\band)\s+(?:a|an|one)\s+(?:single\s+|lone\s+)?"
                            r"(?:(?!dozen|hundred|thousand|few|couple|pair|score)[a-z-]+\s+)?$",
                            re.IGNORECASE)


_NOT_COUNTED = re.compile(r"\b(?:regions?|oblasts?|locations?|settlements?|cities|towns?|villages?|districts?|"
                          r"areas?|hours?|times|buildings?|homes?|kilometres?|km|sites?)\b", re.IGNORECASE)
_WERE_NP = re.compile(r"\s+(?:were|was)\s+(?=[\w-])", re.IGNORECASE)
_CASUALTY_LIST = re.compile(
    r"\s+(?:people\s+|persons\s+|civilians\s+)?(?:(?:were|have\s+been)\s+)?(?:killed|dead)\s+and\s+",
    re.IGNORECASE)


def _carry(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """A qualifier governs a coordinated list ("some 500 drones and 40 missiles"), not an
    apposition ("at least 51 people, six children among them")."""
    carried = carry_qualifier(text, mentions)
    out = []
    for i, (orig, new) in enumerate(zip(mentions, carried)):
        gap = text[mentions[i - 1].end:orig.start] if i > 0 else ""
        if new is not orig and new.quantity != orig.quantity and (
                not re.search(r"\b(?:and|or|plus)\b", gap) or _NOT_COUNTED.search(gap)):
            new = orig  # "shot down over 11 regions and four more": 'over' is a preposition
        prev = out[-1] if out else None
        if (new is orig and prev is not None and orig.bare and orig.quantity.value not in (None, 1)
                and prev.quantity.qualifier in ("at_least", "more_than", "approx", "nearly")
                and _CASUALTY_LIST.fullmatch(text, prev.end, orig.start)):
            # "at least 4 killed and 12 injured", "killing at least 12 and injuring 63"
            new = replace(orig, quantity=Quantity.make(orig.quantity.value, prev.quantity.qualifier))
        out.append(new)
    return out


def _family_of_weapon(category: str) -> str | None:
    return {"drone": DRONE, "missile": MISSILE}.get(category)


class _Reader:
    """Reads the figures of one report, sentence by sentence."""

    def __init__(self, text: str, weapons: list[WeaponMention],
                 quantities: list[list[QuantityMention]]):
        self.text = text
        self.quantities = quantities
        self.c = cues()
        self.weapons = sorted(weapons, key=lambda w: w.start)
        self.weapon_starts = [w.start for w in self.weapons]
        self.out: list[Candidate] = []
        self.last_dm: Candidate | None = None        # any drone/missile figure
        self.last_combined_sentence = -10
        self.last_combined_pos = -1
        self.last_head_dm: Candidate | None = None   # not inside a bulletin's list
        self.last_casualty: Candidate | None = None  # "including a child"
        self.list_mode: str | None = None            # a bulletin's "Destroyed:" list

    # -- words ------------------------------------------------------------------------------
    def _pats(self, fam: str):
        if fam in (DRONE, MISSILE):
            return ((LAUNCHED, self.c.launched), (DOWNED, self.c.downed))
        return ((KILLED, self.c.killed), (INJURED, self.c.injured))

    def _verb_at(self, pos: int, limit: int, fam: str) -> str | None:
        best = None
        for name, pat in self._pats(fam):
            m = pat.match(self.text, pos, limit)
            if m and (best is None or m.end() > best[1]):
                best = (name, m.end())
        return best[0] if best else None

    def _weapon_at(self, pos: int, limit: int) -> WeaponMention | None:
        i = bisect.bisect_left(self.weapon_starts, pos)
        if i < len(self.weapons) and self.weapons[i].start < limit:
            w = self.weapons[i]
            return w if self.text[pos:w.start].strip(" \t\"'“”") == "" else None
        return None

    def noun_phrase(self, pos: int, limit: int):
        """(family, weapons, end) of the noun phrase at pos; family None if none is read."""
        text, c = self.text, self.c
        weapons: list[WeaponMention] = []
        end = pos
        for _ in range(8):
            if pos >= limit:
                break
            p = _SPACE_QUOTE.match(text, pos).end()
            w = self._weapon_at(p, limit)
            if w is not None:
                weapons.append(w)
                pos = end = w.end
                if _PLURAL_WEAPON.search(text, w.start, w.end) and not weapons[0:-1]:
                    break  # "3 Kinzhals, Kh-22 cruise missiles": a plural name is the head noun
                continue
            n = c.noun_re.match(text, p, limit)
            if n is not None and n.lastgroup:
                if n.lastgroup in (DRONE, MISSILE) and not weapons:
                    other = c.missile_words if n.lastgroup == DRONE else c.drone_words
                    both = _OTHER_NOUN.match(text, n.end(), limit)
                    if both and other.fullmatch(both.group(1)):
                        return COMBINED, weapons, both.end()  # "80 missiles and drones"
                return n.lastgroup, weapons, n.end()
            sep = _SEP.match(text, p)
            if sep and self._weapon_at(sep.end(), limit):
                pos = sep.end()
                continue
            mod = c.modifier.match(text, p, limit)
            if mod is not None and mod.end() > p:
                pos = mod.end()
                continue
            break
        if weapons:
            fams = {_family_of_weapon(w.category) for w in weapons}
            return (fams.pop() if len(fams) == 1 else None), weapons, end
        return None, [], end

    def right_cue(self, pos: int, limit: int, fam: str) -> tuple[list[str], bool]:
        """The verb group after a noun phrase ("were fired and shot down") and whether it
        has an auxiliary ("were") rather than a bare participle ("drones launched")."""
        text, c = self.text, self.c
        p = c.aux_adv.match(text, pos, limit).end()
        has_aux = bool(c.has_aux.match(text, pos, limit))
        kinds = []
        k = self._verb_at(p, limit, fam)
        if k:
            kinds.append(k)
            rest = re.compile(r"[\w/ -]*?\s+and\s+(?:(?:were|was)\s+)?(?:then\s+|later\s+|all\s+)?")
            r = rest.match(text, p, min(limit, p + 60))
            if r:
                k2 = self._verb_at(r.end(), limit, fam)
                if k2 and k2 != k:
                    kinds.append(k2)
        return kinds, has_aux

    def hit_after(self, pos: int, limit: int) -> bool:
        p = self.c.aux_adv.match(self.text, pos, limit).end()
        return bool(self.c.hit.match(self.text, p, limit))

    def left_adjacent(self, start: int, sent_start: int, fam: str) -> str | None:
        base = max(sent_start, start - 50)
        before = self.text[base:start]
        before = re.sub(r"(?:\b(?:only|all|another|a\s+total\s+of|in\s+total|total\s+of|"
                        r"some|the|a)\s*)+$", "", before, flags=re.IGNORECASE).rstrip()
        for name, pat in self._pats(fam):
            for m in pat.finditer(before):
                if m.end() == len(before):
                    return None if self.c.negation.search(before[:m.start()]) else name
        return None

    def left_cue_start(self, start: int, sent_start: int) -> int:
        """Where a casualty verb right before an amount starts ("killing at least four")."""
        base = max(sent_start, start - 40)
        before = self.text[base:start]
        for pat in (self.c.killed, self.c.injured):
            for m in pat.finditer(before):
                if re.fullmatch(r"\s*(?:only|all|another|at\s+least|the)?\s*", before[m.end():],
                                re.IGNORECASE):
                    return base + m.start()
        return start

    def nearest_left(self, start: int, sent_start: int, fam: str) -> str | None:
        before = _RELATIVE.sub(",", self.text[max(sent_start, start - _WINDOW):start])
        best = None
        for name, pat in self._pats(fam):
            for m in pat.finditer(before):
                if self.c.negation.search(before[:m.start()]):
                    continue
                if best is None or m.end() > best[1]:
                    best = (name, m.end())
        return best[0] if best else None

    def aux_cue_ahead(self, pos: int, limit: int, fam: str) -> str | None:
        """A main verb later in the clause: '41 of the 51 missiles the enemy fired ... were
        shot down'."""
        stop = re.compile(r"[;,]").search(self.text, pos, limit)
        limit = stop.start() if stop else limit
        for m in self.c.aux_cue_ahead.finditer(self.text, pos, limit):
            k = self._verb_at(m.end(), limit, fam)
            if k:
                return k
        return None

    def antecedent_family(self, pos: int, sent_start: int, si: int) -> tuple[str | None, str | None]:
        """Family (and weapon) of a bare amount: the last drone/missile word in the sentence,
        else the last drone/missile figure of this or the two sentences before."""
        lo = max(sent_start, pos - _WINDOW)
        before = self.text[lo:pos]
        d = [m.end() for m in self.c.drone_words.finditer(before)]
        mi = [m.end() for m in self.c.missile_words.finditer(before)]
        i, j = bisect.bisect_left(self.weapon_starts, lo), bisect.bisect_left(self.weapon_starts, pos)
        ws = [(w.end - lo, _family_of_weapon(w.category), w.canonical) for w in self.weapons[i:j]]
        best = max([(e, DRONE, None) for e in d[-1:]] + [(e, MISSILE, None) for e in mi[-1:]]
                   + ws[-1:], default=None, key=lambda x: x[0])
        combined = [m.end() for m in self.c.combined_words.finditer(before)]
        if combined and (best is None or combined[-1] > best[0]):
            return None, None  # "Total air targets .... 135 / downed 109": drones and missiles
        if best is not None and best[1] is not None:
            weapon = best[2]
            if weapon is None:  # "The Shahed drones were launched ...; all three were lost"
                weapon = next((w for e, f, w in reversed(ws) if f == best[1] and best[0] - e <= 12), None)
            ld = self.last_dm
            if weapon is None and ld is not None and ld.family == best[1] and si - ld.sentence <= 1:
                weapon = ld.weapon  # "111 Shaheds were launched; 63 were shot down"
            return best[1], weapon
        if self.last_dm is not None and si - self.last_dm.sentence <= 2:
            return self.last_dm.family, self.last_dm.weapon
        return None, None

    # -- emitting ---------------------------------------------------------------------------
    def emit(self, fam, verb, q, start, end, si, weapon=None) -> Candidate | None:
        kind = _KIND.get((fam, verb))
        if kind is None or q.value == 0:
            return None  # "no casualties" is not a figure
        cand = Candidate(kind=kind, quantity=q, start=start, end=end, sentence=si,
                         weapon=weapon, family=fam)
        self.out.append(cand)
        if fam in (DRONE, MISSILE):
            self.last_dm = cand
            if not self._in_list_item(start):
                self.last_head_dm = cand
        if fam == PERSON:
            self.last_casualty = cand
        return cand

    def governing_casualty(self, si: int, sent_start: int, pos: int) -> str | None:
        among = None
        for m in _AMONG_THE.finditer(self.text, max(sent_start, pos - _WINDOW), pos):
            among = m.group("what").lower()
        if among:
            if self.c.killed.match(among):
                return KILLED
            if self.c.injured.match(among):
                return INJURED
        prior = [x for x in self.out if x.family == PERSON and x.start < pos and x.sentence >= si - 1]
        lc = max(prior, key=lambda x: x.start) if prior else None
        if lc is None:
            return None
        if lc.sentence == si or (lc.sentence == si - 1 and
                                 _SENTENCE_AMONG.match(self.text, sent_start, sent_start + 40)):
            return KILLED if lc.kind in (Kind.killed, Kind.children_killed) else INJURED
        return None

    # -- one sentence -----------------------------------------------------------------------
    def sentence(self, si: int, span: Span) -> None:
        text, c = self.text, self.c
        s0, s1 = span.start, span.end
        line_start = text.rfind("\n", 0, s0) + 1
        is_list_item = bool(_LIST_ITEM.match(text, line_start)) and line_start >= s0 - 3
        if not is_list_item and not text[s0:s1].rstrip().endswith(":"):
            self.list_mode = None
        mentions = _carry(text, self.quantities[si])
        parsed = []
        for i, m in enumerate(mentions):
            fam, weapons, np_end = self.noun_phrase(m.end, s1)
            if fam is None and not weapons:
                pp = _PARTITIVE_PRONOUN.match(text, m.end, s1)
                pn = _PARTITIVE_NP.match(text, m.end, s1)
                if pp:
                    np_end = pp.end()
                elif pn:
                    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                    inner = nxt.end if nxt is not None and nxt.start == pn.end() else pn.end()
                    np_end = self.noun_phrase(inner, s1)[2]
            parsed.append((fam, weapons, np_end))
        # verbs of coordinated amounts: "39 drones and 18 missiles were shot down"
        rights: dict[int, list[str]] = {}
        hits: dict[int, bool] = {}
        for i in range(len(mentions) - 1, -1, -1):
            fam, _, np_end = parsed[i]
            ffam = PERSON if fam in (PERSON, CHILD) else (fam if fam in (DRONE, MISSILE) else DRONE)
            if fam is None and self._casualty_word_after(np_end, s1):
                ffam = PERSON
            kinds, _ = self.right_cue(np_end, s1, ffam)
            hit = self.hit_after(np_end, s1)
            if not kinds and not hit and i + 1 < len(mentions):
                gap = _COORD_GAP.fullmatch(text, np_end, mentions[i + 1].start)
                if gap and i + 1 in hits and hits[i + 1]:
                    hit = True
            hits[i] = hit
            if not kinds and i + 1 < len(mentions):
                gap = _COORD_GAP.fullmatch(text, np_end, mentions[i + 1].start)
                nfam = parsed[i + 1][0]
                if gap and (nfam == fam or {nfam, fam} <= {DRONE, MISSILE}):
                    kinds = rights.get(i + 1, [])
            rights[i] = kinds
        for i, m in enumerate(mentions):
            if hits[i] and parsed[i][0] in (DRONE, MISSILE):
                continue  # "15 missiles and 26 drones hit 19 locations"
            self.mention(si, span, m, parsed[i], rights[i], mentions, i)
        self.singles(si, span)
        self.table_cells(si, span)
        head = text[s0:s1].rstrip()
        if head.endswith(":"):
            down, launch = c.downed.search(head), c.launched.search(head)
            if down and not launch:
                self.list_mode = DOWNED
            elif launch and not down:
                self.list_mode = LAUNCHED

    def _casualty_word_after(self, pos: int, limit: int) -> bool:
        p = self.c.aux_adv.match(self.text, pos, limit).end()
        return bool(self.c.killed.match(self.text, p, limit) or self.c.injured.match(self.text, p, limit))

    def _in_list_item(self, pos: int) -> bool:
        return bool(_LIST_ITEM.match(self.text, self.text.rfind("\n", 0, pos) + 1))

    def _toll_kind(self, start: int, sent_start: int) -> str | None:
        m = self.c.toll.search(self.text, max(sent_start, start - _WINDOW), start)
        if not m or m.end() != start and self.text[m.end():start].strip():
            return None
        return INJURED if self.c.toll_injured.match(re.sub(r"\s+", " ", m.group("t"))) else KILLED

    def _casualty_verb(self, m, np_end, s0, s1, right_kinds) -> str | None:
        if right_kinds:
            return right_kinds[0]
        k = self._verb_at(self.c.aux_adv.match(self.text, np_end, s1).end(), s1, PERSON)
        return k or self.left_adjacent(m.start, s0, PERSON) or self._toll_kind(m.start, s0)

    def _verb_end(self, pos: int, limit: int) -> int:
        p = self.c.aux_adv.match(self.text, pos, limit).end()
        for pat in (self.c.killed, self.c.injured, self.c.launched, self.c.downed):
            v = pat.match(self.text, p, limit)
            if v:
                return v.end()
        return pos

    def mention(self, si, span, m: QuantityMention, parsed, right_kinds, mentions, i) -> None:
        text, c = self.text, self.c
        s0, s1 = span.start, span.end
        fam, weapons, np_end = parsed
        q = m.quantity
        before = text[max(s0, m.start - 40):m.start]
        if fam == SKIP or _NOT_BEFORE.search(before) or _HITS_BY.search(text, max(s0, m.start - 150), m.start):
            return
        if c.rate.match(text, np_end, s1):
            return
        if _SUBSET_BY_STATUS.match(text, m.end, s1):
            return  # "eight of whom were hospitalised": part of a toll, by condition
        # "one of four killed", "one of the eight": the member, counted by what follows
        if q.value == 1 and q.qualifier == "exact" and re.match(
                r"\s+of\s+(?:the\s+)?(?:\d|[a-z]+\b)(?!\s+(?:them|which|whom))", text[m.end:s1]) \
                and not _PARTITIVE_PRONOUN.match(text, m.end, s1):
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and (self._casualty_word_after(nxt.end, s1) or
                                    self.noun_phrase(nxt.end, s1)[0] in (PERSON, CHILD) or
                                    re.match(r"\s+of\s+\d", text[m.end:nxt.start + 1])):
                return  # "one of four killed", "a Kh-101, one of 16 launched": the member
        weapon = weapons[0].canonical if len(weapons) == 1 else None
        if weapon is None and fam in (DRONE, MISSILE) and (
                _OF_THE.match(text, m.end, s1) or _ALL_BEFORE.search(before)):
            weapon = self._antecedent_weapon(fam, si, q.value)  # "25 of the missiles", "all five"
        part = stated = False
        if fam is None and not weapons:
            of_cas = _OF_THE_CASUALTIES.match(text, m.end, s1)
            if of_cas:
                verb = KILLED if self.c.killed.match(of_cas.group("what")) else INJURED
                self.emit(CHILD if of_cas.group("kids") else PERSON, verb, q, m.start, of_cas.end(), si)
                return
            kids = _OF_THEM_CHILDREN.match(text, m.end, s1)
            if kids:
                verb = self.governing_casualty(si, s0, m.start)
                if verb:
                    self.emit(CHILD, verb, q, m.start, kids.end(), si)
                return
            pp = _PARTITIVE_PRONOUN.match(text, m.end, s1)
            pn = _PARTITIVE_NP.match(text, m.end, s1)
            if pp and re.search(r"\b(?:from|by|with|on|at|into|onto|for|to)\s*$", before):
                return  # "debris from one of them crashed"
            if pp:
                part = "pronoun"
                lc, ld = self.last_casualty, self.last_dm
                head = self.last_head_dm
                if self.last_combined_pos > -1 and si - self.last_combined_sentence <= 8 and (
                        head is None or head.start < self.last_combined_pos) and (
                        ld is None or ld.sentence != si):
                    return  # "37 of them" where "them" is a combined total
                if lc is not None and si - lc.sentence <= 1 and (ld is None or lc.start > ld.start):
                    fam = PERSON
                elif ld is not None and si - ld.sentence <= 1:
                    fam, weapon = ld.family, ld.weapon
                else:
                    # "the drones were Shahed-136s ... air defences shot down around 20 of them"
                    fam, weapon = self.antecedent_family(m.start, s0, si)
                    if fam is None:
                        return
                named = self._weapon_at(pp.end(), s1)
                if named is not None and _family_of_weapon(named.category) == fam:
                    weapon = named.canonical  # "about 156 of them Shaheds": the part's own type
            elif pn and not self._casualty_word_after(m.end, s1):
                nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                inner = nxt.end if nxt is not None and nxt.start == pn.end() else pn.end()
                inner_fam, inner_weapons, inner_end = self.noun_phrase(inner, s1)
                if inner_fam is None and not inner_weapons:
                    if not _BARE_END.match(text, inner_end, s1):
                        return  # "three of its thermal power plants"
                    inner_fam, weapon = self.antecedent_family(m.start, s0, si)
                elif len(inner_weapons) == 1:
                    weapon = inner_weapons[0].canonical
                fam, part = inner_fam, "np"
                if fam not in (DRONE, MISSILE, PERSON, CHILD):
                    return
                if weapon is None and fam in (DRONE, MISSILE):
                    weapon = self._antecedent_weapon(fam, si, q.value)  # "40 of the 52 were shot down"
            elif _OF_WHICH_BEFORE.search(before) and self.last_combined_sentence == si and (
                    self.last_dm is None or self.last_dm.start < self.last_combined_pos):
                return  # "210 means of air attack, of which 144 were neutralised"
            elif self._casualty_word_after(m.end, s1):
                fam = PERSON
            elif _TOTAL_BEFORE.search(before):
                if not re.search(r"\bone\s+of\s*$", before):
                    return  # "five of the 12": the total is counted where it is stated
                # "a Kh-101, one of 16 that Russia launched": the total, of the family named before
                fam, weapon = self.antecedent_family(m.start, s0, si)
                if fam not in (DRONE, MISSILE):
                    return
                right_kinds = [LAUNCHED]
            elif _WERE_NP.match(text, m.end, s1) and self.noun_phrase(
                    _WERE_NP.match(text, m.end, s1).end(), s1)[0] in (DRONE, MISSILE):
                # a breakdown: "Of the 34, nine were Kalibr cruise missiles"
                fam, weapons2, np_end = self.noun_phrase(_WERE_NP.match(text, m.end, s1).end(), s1)
                weapon = weapons2[0].canonical if len(weapons2) == 1 else None
                right_kinds = [self.nearest_left(m.start, s0, fam) or LAUNCHED]
            elif not _BARE_END.match(text, m.end, s1):
                return  # "destroying 18 apartments": the amount counts another noun
            else:
                left_dm = self.left_adjacent(m.start, s0, DRONE)
                if right_kinds or left_dm or (_SENTENCE_AMONG.match(text[max(s0, m.start - 12):m.start])
                                               or re.search(r"(?:including|,)\s*$", before)) \
                        and _AT_PLACE.match(text, m.end, s1) and self.last_dm is not None \
                        and self.last_dm.sentence == si:
                    fam, weapon = self.antecedent_family(m.start, s0, si)
                    if fam is None:
                        return
                    if not right_kinds and not left_dm and self.last_dm is not None:
                        right_kinds = [LAUNCHED if self.last_dm.kind in (Kind.drones_launched,
                                                                        Kind.missiles_launched)
                                       else DOWNED]
                elif re.search(r"(?:including|incl\.?)\s*$", before) and _AT_PLACE.match(text, m.end, s1) \
                        and self.last_casualty is not None and self.last_casualty.sentence == si:
                    fam = PERSON  # "the toll at 28, including 23 in the single apartment block"
                    right_kinds = [KILLED if self.last_casualty.kind == Kind.killed else INJURED]
                elif self._toll_kind(m.start, s0):
                    fam = PERSON
                elif c.number_of.search(text, max(s0, m.start - _WINDOW), m.start) is None and \
                        _THE_NUMBER.search(text, max(s0, m.start - _WINDOW), m.start) \
                        and self.last_casualty is not None \
                        and si - self.last_casualty.sentence <= 2:
                    fam = PERSON  # "the number had reached 7": the toll of the last casualty figure
                    right_kinds = [KILLED if self.last_casualty.kind == Kind.killed else INJURED]
                elif self.last_casualty is not None and self.last_casualty.sentence == si and \
                        _UP_FROM.search(before):
                    fam = PERSON
                    right_kinds = [KILLED if self.last_casualty.kind == Kind.killed else INJURED]
                elif self.left_adjacent(m.start, s0, PERSON) and re.match(
                        r"\s*(?:people|persons|civilians|residents|others|\W|$|and|in|on|at|across)",
                        text[m.end:s1], re.IGNORECASE):
                    fam = PERSON
                else:
                    nof = c.number_of.search(text, max(s0, m.start - _WINDOW), m.start)
                    if nof is None:
                        return
                    fam = DRONE if c.drone_words.fullmatch(nof.group("n")) else MISSILE
                    v = (nof.group("v") or "").lower()
                    right_kinds = [DOWNED if v and c.downed.match(v) else LAUNCHED]
                    stated = True
        if fam == COMBINED:
            self.last_combined_sentence, self.last_combined_pos = si, m.start
            return
        if fam is None or fam == SKIP:
            return
        if fam == CHILD:
            self._child(si, span, m, q, np_end, right_kinds, before)
            return
        if fam == PERSON:
            verb = self._casualty_verb(m, np_end, s0, s1, right_kinds)
            if verb is None and text[np_end - 6:np_end].lower() == "bodies":
                verb = KILLED  # "7 bodies have been recovered"
            if verb is None and (part or text[np_end:np_end + 1] == ","):
                verb = self.aux_cue_ahead(np_end, s1, PERSON)
            if verb is None:
                return
            start = m.start
            if not right_kinds and self.left_adjacent(m.start, s0, PERSON):
                start = self.left_cue_start(m.start, s0)
            self.emit(PERSON, verb, q, start, max(self._verb_end(np_end, s1), np_end), si)
            return
        self._weapons_figure(si, span, m, q, fam, weapon, np_end, right_kinds, part, before, stated)

    def _weapons_figure(self, si, span, m, q, fam, weapon, np_end, right_kinds, part, before,
                        stated=False):
        text, s0, s1 = self.text, span.start, span.end
        if self.hit_after(np_end, s1):
            return  # "54 drones hit 19 locations"
        if not right_kinds and _ELSEWHERE.match(text, np_end, s1):
            return  # "five more UAVs left the airspace", "several Shaheds were still in the air"
        _, has_aux = self.right_cue(np_end, s1, fam)
        verbs = list(right_kinds)
        if _TOTAL_BEFORE.search(before):
            verbs = [LAUNCHED]  # "one of the eight missiles was intercepted": 8 is the total
        else:
            left = self.left_adjacent(m.start, s0, fam)
            if verbs and not has_aux and not stated:
                # a bare participle ("drones launched overnight") gives way to a main verb
                # later, except after "all": "All 45 drones launched ... were brought down"
                ahead = self.aux_cue_ahead(self._verb_end(np_end, s1), s1, fam)
                if ahead and ahead not in verbs:
                    verbs = verbs + [ahead] if _ALL_BEFORE.search(text[s0:m.start]) else [ahead]
                elif part == "np" and verbs != [DOWNED]:
                    verbs = []  # "four of the eight drones launched": the verb is the inner NP's
            if part and not verbs:
                ahead = self.aux_cue_ahead(np_end, s1, fam)
                verbs = [ahead] if ahead else []
            if left and verbs and left not in verbs and _ALL_BEFORE.search(text[s0:m.start]):
                verbs = [left] + verbs
            if not verbs:
                verbs = [left] if left else []
            if not verbs and self.list_mode and self._in_list_item(m.start):
                verbs = [self.list_mode]
            if not verbs:
                verbs = [self.nearest_left(m.start, s0, fam) or LAUNCHED]
        for verb in verbs:
            self.emit(fam, verb, q, m.start, np_end, si, weapon=weapon)

    def _child(self, si, span, m, q, np_end, right_kinds, before) -> None:
        text, s0, s1 = self.text, span.start, span.end
        verb = self._casualty_verb(m, np_end, s0, s1, right_kinds)
        if verb is None:
            inc = _INCLUSION_AFTER.match(text, np_end, s1)
            if inc:
                what = (inc.group("what") or inc.group("what2") or "").lower()
                if what:
                    verb = KILLED if self.c.killed.match(what) else INJURED if self.c.injured.match(what) else None
                else:
                    verb = self.governing_casualty(si, s0, m.start)
                np_end = inc.end()
            elif _INCLUSION_BEFORE.search(before) or _AMONG_THE.search(text, max(s0, m.start - _WINDOW), m.start):
                verb = self.governing_casualty(si, s0, m.start)
        if verb:
            self.emit(CHILD, verb, q, m.start, np_end, si)

    def singles(self, si: int, span: Span) -> None:
        """One victim named on their own: 'a 12-year-old girl', 'a man was killed'."""
        text, c = self.text, self.c
        for m in _SINGLE.finditer(text, span.start, span.end):
            noun = (m.group("noun") or "").lower()
            age_txt = m.group("age") or m.group("age2") or m.group("age3")
            unit = (m.group("unit") or m.group("unit3") or "year").lower()
            age = None
            if age_txt:
                a = age_txt.lower()
                age = int(a) if a.isdigit() else _WORDNUM.get(a, 1)
                if unit != "year":
                    age = 0
            if noun in ("son", "daughter") and age is None:
                continue  # an adult child is not counted as a child without an age
            child = noun in _CHILD_NOUNS or (age is not None and age < 18)
            if not noun and age is None:
                continue
            if any(x.start <= m.start() < x.end for x in self.out if x.sentence == si):
                continue  # inside a figure already read ("one man was injured")
            prior = [x for x in self.out if x.sentence == si and x.start < m.start()
                     and x.family in (PERSON, CHILD)]
            if child and prior and max(prior, key=lambda x: x.start).family == CHILD:
                continue  # described right after a stated count of children
            before = text[max(span.start, m.start() - 40):m.start()]
            app = _APPOSITIVE.match(text, m.end(), span.end)
            after_pos = app.end() if app else m.end()
            p = c.aux_adv.match(text, after_pos, span.end).end()
            right = self._verb_at(p, span.end, PERSON)
            fam = CHILD if child else PERSON
            q = Quantity.make(1, "exact")
            if right and (c.has_aux.match(text, after_pos, span.end) or
                          re.match(r"\s+(?:died|dies|perished|sustained|suffered|received)\b",
                                   text[after_pos:span.end]) or
                          _clause_start(text, span.start, m.start())):
                end = m.end() if fam == CHILD else self._verb_end(after_pos, span.end)
                self.emit(fam, right, q, m.start(), end, si)
                continue
            left = self.left_adjacent(m.start(), span.start, PERSON)
            if left and not _INCLUSION_BEFORE.search(before):
                self.emit(fam, left, q, self.left_cue_start(m.start(), span.start), m.end(), si)
                continue
            if child and (_INCLUSION_BEFORE.search(before) or
                          _INCLUSION_AFTER.match(text, m.end(), span.end) or
                          _AMONG_THE.search(text, max(span.start, m.start() - _WINDOW), m.start()) or
                          self._listed_victim(si, m.start())):
                verb = self.governing_casualty(si, span.start, m.start())
                if verb:
                    self.emit(CHILD, verb, q, m.start(), m.end(), si)
        self._single_weapons(si, span)

    def _listed_victim(self, si: int, pos: int) -> bool:
        """A victim listed right after the casualty figure that counts them:
        "killed two people, a woman and her 2-year-old daughter"."""
        prior = [x for x in self.out if x.family == PERSON and x.sentence == si and x.end <= pos]
        if not prior:
            return False
        gap = self.text[max(prior, key=lambda x: x.end).end:pos]
        return len(gap) < 80 and bool(re.search(r"[:,—–]", gap)) and not _FINITE.search(gap)

    def _antecedent_weapon(self, fam: str, si: int, part: int | None) -> str | None:
        """The weapon of the count a part refers back to ("26 Kh-101 missiles ... 25 of
        the missiles"): the last count of the family in this or the previous sentence."""
        for x in reversed(self.out):
            if x.sentence < si - 1:
                break
            if x.family == fam:
                whole = x.quantity.value
                return x.weapon if whole is None or part is None or part <= whole else None
        return None

    def _weapons_in(self, span: Span) -> list[WeaponMention]:
        lo = bisect.bisect_left(self.weapon_starts, span.start)
        return self.weapons[lo:bisect.bisect_left(self.weapon_starts, span.end)]

    def table_cells(self, si: int, span: Span) -> None:
        """Counts set after a weapon's name, as tables and summaries give them:
        "Shahed/Gerbera ...... 120 / downed 98" at the start of a line (launched, then
        downed), and "downed (Kh-101: 18, Kinzhal: 1)" (the kind of the word before)."""
        text = self.text
        for w in self._weapons_in(span):
            fam = _family_of_weapon(w.category)
            cell = _CELL.match(text, w.end, span.end)
            if fam is None or cell is None:
                continue
            line_start = text.rfind("\n", 0, w.start) + 1
            earlier = self._weapons_in(Span(line_start, w.start))
            prefix = "".join(text[a:b] for a, b in _gaps([(x.start, x.end) for x in earlier], line_start, w.start))
            line_head = not prefix.strip(" \t•*–—-/,&+")  # "Shahed/Gerbera ..... 120"
            paren = text.rfind("(", span.start, w.start)
            verb = None
            if line_head:
                verb = LAUNCHED
            elif paren >= 0 and ")" not in text[paren:w.start]:
                before = text[max(span.start, paren - 30):paren]
                down = [m.end() for m in self.c.downed.finditer(before)]
                launch = [m.end() for m in self.c.launched.finditer(before)]
                if down or launch:  # the nearer word: "31 launched / 26 downed (Kh-101: 18, ...)"
                    verb = DOWNED if max(down, default=-1) > max(launch, default=-1) else LAUNCHED
            num = cell.start("n")
            covering = [x for x in self.out if x.start <= num < x.end]
            if verb is None or any(x.start != num for x in covering):
                continue
            for x in covering:  # "Kh-101: 8, Iskander-M: 3": 8 counts Kh-101s, not Iskanders
                self.out.remove(x)
            self.emit(fam, verb, Quantity.make(int(cell.group("n")), "exact"), w.start, cell.end("n"), si,
                      weapon=w.canonical)
            if line_head and cell.group("d") is not None:
                self.emit(fam, DOWNED, Quantity.make(int(cell.group("d")), "exact"), cell.start("dw"),
                          cell.end("d"), si, weapon=w.canonical)

    def _single_weapons(self, si: int, span: Span) -> None:
        """'..., 2 Kinzhals and a Kh-31P': one weapon at the end of a counted list."""
        for w in self._weapons_in(span):
            art = _SINGLE_WEAPON.search(self.text, max(span.start, w.start - 24), w.start)
            if art is None or art.end() != w.start:
                continue
            if _APPOSED_SINGLE.match(self.text, w.end, span.end) or _GENERIC_BEFORE.search(
                    self.text, max(span.start, art.start() - 20), art.start() + 1):
                continue  # "two were ballistic missiles, a Kinzhal and an Iskander-M": naming them
            prev = [x for x in self.out if x.sentence == si and x.family in (DRONE, MISSILE)
                    and x.end <= art.start() and art.start() - x.end < 40]
            fam = _family_of_weapon(w.category)
            if prev and fam:
                verb = LAUNCHED if prev[-1].kind in (Kind.drones_launched, Kind.missiles_launched) else DOWNED
                astart = art.start() + re.search(r"(?:a|an|one)\s+(?:single\s+|lone\s+)?(?:[a-z-]+\s+)?$",
                                                 art.group(0), re.IGNORECASE).start()
                self.emit(fam, verb, Quantity.make(1, "exact"), astart, w.end, si, weapon=w.canonical)


def _gaps(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of [start, end) outside the given ordered spans."""
    out, pos = [], start
    for a, b in spans:
        out.append((pos, a))
        pos = max(pos, b)
    out.append((pos, end))
    return out


@annotator("figures", reads=("text", "sentences", "skipped", "scopes", "quantities", "weapon_mentions"),
           assigns=("candidates",))
def read_figures(doc: Document) -> None:
    """What each amount counts: figure candidates, before speaker and place are known.

    Skipped sentences (other days, Russian claims) are not read; a figure in a stretch
    about another event is left out.
    """
    reader = _Reader(doc.text, doc.weapon_mentions, doc.quantities)
    for si, span in enumerate(doc.sentences):
        if si in doc.skipped:
            reader.list_mode = None
            continue
        if si % 64 == 0:
            doc.check_time("figures")
        reader.sentence(si, span)
    reader.out.sort(key=lambda cnd: (cnd.start, cnd.end))
    doc.candidates = [c for c in reader.out if not doc.scopes[c.sentence].excludes(c.start)]
