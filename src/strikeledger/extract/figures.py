"""Figures: which stated amounts count drones, missiles, the dead or the injured.

For every amount that quantities.find_quantities finds in a sentence, this module
reads the words around it to decide what it counts (the noun after it, a partitive
"of them", a casualty word, a toll phrase) and whether drones and missiles were
launched or downed (the verb group after the amount, the verb right before it, a
coordinated amount's verb, the nearest verb to the left, a bulletin's list header).
Single victims ("a 12-year-old girl", "a 67-year-old man was killed") are read here
too. Speaker and place are added later by attribution; sentences about other
events are skipped by the caller through `skip`.

The words are data: data/figure_cues.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import VocabularyError
from ..model import Kind, Quantity
from .quantities import QuantityMention, find_quantities
from .text import Span

DRONE, MISSILE, PERSON, CHILD, COMBINED = "drone", "missile", "person", "child", "combined"
LAUNCHED, DOWNED, KILLED, INJURED = "launched", "downed", "killed", "injured"

_KIND = {
    (DRONE, LAUNCHED): Kind.drones_launched, (DRONE, DOWNED): Kind.drones_downed,
    (MISSILE, LAUNCHED): Kind.missiles_launched, (MISSILE, DOWNED): Kind.missiles_downed,
    (PERSON, KILLED): Kind.killed, (PERSON, INJURED): Kind.injured,
    (CHILD, KILLED): Kind.children_killed, (CHILD, INJURED): Kind.children_injured,
}
_LISTS = ("drone_nouns", "missile_nouns", "combined_nouns", "person_nouns", "child_nouns",
          "np_modifiers", "launched_cues", "downed_cues", "killed_cues", "injured_cues",
          "toll_killed", "toll_injured", "toll_verbs", "negations")
_WORD_NUMBERS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty")


@dataclass(frozen=True, slots=True)
class WeaponSpan:
    """A weapon named in the text (what weapons.find_weapon_mentions gives)."""
    start: int
    end: int
    canonical: str
    category: str  # drone | missile | bomb | other


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
    extra: dict = field(default_factory=dict)


def _alt(words) -> str:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


class _Cues:
    """Compiled patterns built once from data/figure_cues.json."""

    def __init__(self, data: dict):
        bad = [k for k in _LISTS if not isinstance(data.get(k), list)
               or not all(isinstance(w, str) and w for w in data[k])]
        if bad:
            raise VocabularyError(f"figure_cues.json: missing or malformed lists: {', '.join(bad)}")
        self.data = data
        f = re.IGNORECASE
        self.launched = re.compile(rf"\b(?:{_alt(data['launched_cues'])})\b", f)
        self.downed = re.compile(rf"\b(?:{_alt(data['downed_cues'])})(?![\w-])", f)
        self.killed = re.compile(rf"\b(?:{_alt(data['killed_cues'])})\b", f)
        self.injured = re.compile(rf"\b(?:{_alt(data['injured_cues'])})\b", f)
        self.nouns = [(DRONE, set(data["drone_nouns"])), (MISSILE, set(data["missile_nouns"])),
                      (COMBINED, set(data["combined_nouns"])), (CHILD, set(data["child_nouns"])),
                      (PERSON, set(data["person_nouns"]))]
        self.noun_re = re.compile(
            r"(?:%s)(?![\w-])" % "|".join(
                f"(?P<{fam}>{_alt(words)})" for fam, words in self.nouns), f)
        self.modifier = re.compile(rf"(?:{_alt(data['np_modifiers'])}|\d+-strong)(?![\w-])", f)
        aux = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been|had|have|got|being)"
        adv = (r"(?:also|reportedly|all|successfully|later|then|subsequently|eventually|"
               r"lightly|slightly|seriously|severely|critically|badly|fatally|mortally|"
               r"already|so\s+far|in\s+total|overnight|in\s+all)")
        self.aux_adv = re.compile(rf"\s*(?:,\s*)?(?:{aux}\s+)?(?:{adv}\s+)*", f)
        self.has_aux = re.compile(rf"\s*{aux}\s", f)
        self.toll = re.compile(
            rf"\b(?P<t>{_alt(data['toll_injured'])}|{_alt(data['toll_killed'])})\b"
            rf"(?:[^.;:!?]{{0,90}}?)\b(?:{_alt(data['toll_verbs'])})\s*$", f)
        self.toll_injured = re.compile(rf"^(?:{_alt(data['toll_injured'])})$", f)
        self.negation = re.compile(rf"\b(?:{_alt(data['negations'])})\s+(?:\w+\s+)?$", f)


@lru_cache(maxsize=1)
def cues() -> _Cues:
    raw = resources.files("strikeledger.data").joinpath("figure_cues.json").read_text("utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise VocabularyError(f"figure_cues.json is not JSON: {e}") from None
    return _Cues(data)


# "a 12-year-old girl", "a newborn boy", "a boy aged one and a half", "a woman"
_AGE = rf"(?:\d{{1,3}}|{_WORD_NUMBERS}|one-and-a-half|one and a half)"
_SINGLE = re.compile(
    rf"\b(?:an?|one)\s+(?:(?P<age>{_AGE})[- ](?P<unit>year|month|week|day)s?[- ]old\s+)?"
    r"(?:(?:little|young|elderly|local|teenage|pregnant|newborn|baby|infant)\s+)?"
    r"(?P<noun>girl|boy|child|baby|infant|newborn|teenager|teen|toddler|schoolboy|schoolgirl|"
    r"kid|man|woman|person|resident|pensioner|civilian|student|doctor|rescuer|driver|"
    r"firefighter|police officer|employee|worker|passenger)\b"
    rf"(?:,?\s+aged\s+(?P<age2>{_AGE}))?"
    rf"|\b(?:an?|one)\s+(?P<age3>\d{{1,3}}|{_WORD_NUMBERS})[- ](?P<unit3>year|month)s?[- ]old\b",
    re.IGNORECASE)
_CHILD_NOUNS = {"girl", "boy", "child", "baby", "infant", "newborn", "teenager", "teen", "toddler",
                "schoolboy", "schoolgirl", "kid"}
_WORDNUM = {w: i + 1 for i, w in enumerate(_WORD_NUMBERS.split("|"))}

_PARTITIVE_PRONOUN = re.compile(r"\s+of\s+(?:them|which|those|these|it)\b", re.IGNORECASE)
_PARTITIVE_NP = re.compile(r"\s+of\s+(?:the|those|these|its|their)\s+", re.IGNORECASE)
_OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+)?\S", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"(?:\bof\s+the|\bof|\bout\s+of\s+the|\bout\s+of)\s*$", re.IGNORECASE)
_INCLUSION_BEFORE = re.compile(
    r"(?:\bincluding|\bamong\s+them(?:\s+(?:is|are|was|were))?|\bamong\s+whom(?:\s+(?:is|are|was|were))?"
    r"|\bof\s+whom|\bmost\s+of\s+them|[—–:-])\s*(?:at\s+least\s+|also\s+)?$", re.IGNORECASE)
_INCLUSION_AFTER = re.compile(
    r"^\s*(?:were|are|was|is)?\s*(?:also\s+)?among\s+(?:them|the\s+(?P<what>\w+)|those\s+(?P<what2>\w+))",
    re.IGNORECASE)
_OF_THEM_CHILDREN = re.compile(
    r"^\s+of\s+them(?:\s+(?:were|are))?\s+(?:children|child|kids|minors|teenagers|boys|girls)\b",
    re.IGNORECASE)
_SENTENCE_AMONG = re.compile(r"^\W*(?:among\s+(?:them|the\s+\w+|those)|they\s+include|including)\b",
                             re.IGNORECASE)
_ALL_BEFORE = re.compile(r"\ball\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[ \t]*[–—•*-]")
_CLAUSE_BREAK = re.compile(r"[;:—–]|\b(?:while|whereas|but)\b", re.IGNORECASE)


def _family_of_weapon(category: str) -> str | None:
    return {"drone": DRONE, "missile": MISSILE}.get(category)


def _verb_kind(text: str, fam: str, c: _Cues, anchored: bool) -> str | None:
    """The launched/downed or killed/injured cue at the start (anchored) of text."""
    pats = ((LAUNCHED, c.launched), (DOWNED, c.downed)) if fam in (DRONE, MISSILE) \
        else ((KILLED, c.killed), (INJURED, c.injured))
    best = None
    for name, pat in pats:
        m = pat.match(text) if anchored else None
        if m and (best is None or m.start() < best[1]):
            best = (name, m.start())
    return best[0] if best else None


class _Reader:
    """Reads the figures of one report, sentence by sentence."""

    def __init__(self, text: str, weapons: list[WeaponSpan]):
        self.text = text
        self.c = cues()
        self.weapons = sorted(weapons, key=lambda w: w.start)
        self.out: list[Candidate] = []
        # antecedents for "of them", "all 24 were destroyed", "among them"
        self.last_launch: Candidate | None = None
        self.last_launch_sentence = -10
        self.last_combined_sentence = -10
        self.last_casualty: Candidate | None = None
        self.last_casualty_sentence = -10
        self.list_mode: str | None = None

    # -- the noun phrase after an amount -------------------------------------------------
    def _weapon_at(self, pos: int, limit: int) -> WeaponSpan | None:
        for w in self.weapons:
            if w.start >= pos and w.start < limit:
                return w if self.text[pos:w.start].strip(" \t\"'“”") == "" else None
            if w.start > limit:
                break
        return None

    def noun_phrase(self, pos: int, limit: int):
        """(family, weapon, end) of the noun phrase starting at pos, or (None, None, pos)."""
        text, c = self.text, self.c
        weapons: list[WeaponSpan] = []
        end = pos
        steps = 0
        while pos < limit and steps < 8:
            steps += 1
            m = re.compile(r"\s*").match(text, pos)
            p = m.end()
            w = self._weapon_at(p, limit)
            if w is not None:
                weapons.append(w)
                pos = end = w.end
                continue
            n = c.noun_re.match(text, p, limit)
            if n is not None and n.lastgroup:
                fam = n.lastgroup
                if fam == PERSON and n.group(0).lower() == "more" and weapons:
                    break
                return fam, weapons, n.end()
            sep = re.compile(r"(?:,|and|or|/|\()\s*", re.IGNORECASE).match(text, p)
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
            fam = fams.pop() if len(fams) == 1 else None
            return fam, weapons, end
        return None, [], end

    # -- cues -----------------------------------------------------------------------------
    def right_cue(self, pos: int, limit: int, fam: str):
        """Verb group right after the noun phrase: ('were shot down' -> downed)."""
        text, c = self.text, self.c
        m = c.aux_adv.match(text, pos, limit)
        p = m.end()
        has_aux = bool(c.has_aux.match(text, pos, limit))
        seg = text[p:limit]
        kinds = []
        k = _verb_kind(seg, fam, c, anchored=True)
        if k:
            kinds.append(k)
            # "were fired and shot down": both
            rest = re.match(r"[\w/ -]*?\s+and\s+(?:(?:were|was)\s+)?(?:then\s+|later\s+)?", seg[:60])
            if rest:
                k2 = _verb_kind(seg[rest.end():], fam, c, anchored=True)
                if k2 and k2 != k:
                    kinds.append(k2)
        return kinds, has_aux

    def left_adjacent(self, start: int, sent_start: int, fam: str) -> str | None:
        before = self.text[max(sent_start, start - 40):start]
        before = re.sub(r"(?:\b(?:only|all|another|a\s+total\s+of|in\s+total|total\s+of|"
                        r"some|the|a)\s*)+$", "", before, flags=re.IGNORECASE).rstrip()
        pats = ((LAUNCHED, self.c.launched), (DOWNED, self.c.downed)) if fam in (DRONE, MISSILE) \
            else ((KILLED, self.c.killed), (INJURED, self.c.injured))
        for name, pat in pats:
            for m in pat.finditer(before):
                if m.end() == len(before):
                    if self.c.negation.search(before[:m.start()]):
                        return None
                    return name
        return None

    def nearest_left(self, start: int, sent_start: int, fam: str) -> str | None:
        before = self.text[sent_start:start]
        pats = ((LAUNCHED, self.c.launched), (DOWNED, self.c.downed)) if fam in (DRONE, MISSILE) \
            else ((KILLED, self.c.killed), (INJURED, self.c.injured))
        best = None
        for name, pat in pats:
            for m in pat.finditer(before):
                if self.c.negation.search(before[:m.start()]):
                    continue
                if best is None or m.end() > best[1]:
                    best = (name, m.end())
        return best[0] if best else None

    # -- emitting ---------------------------------------------------------------------------
    def emit(self, fam, verb, q, start, end, si, weapon=None, **extra) -> Candidate | None:
        kind = _KIND.get((fam, verb))
        if kind is None:
            return None
        cand = Candidate(kind=kind, quantity=q, start=start, end=end, sentence=si,
                         weapon=weapon, family=fam, extra=extra)
        self.out.append(cand)
        if fam in (DRONE, MISSILE) and verb == LAUNCHED and not extra.get("part"):
            self.last_launch, self.last_launch_sentence = cand, si
        if fam == PERSON:
            self.last_casualty, self.last_casualty_sentence = cand, si
        return cand

    def governing_casualty(self, si: int, sent_start: int) -> str | None:
        lc = self.last_casualty
        if lc is None:
            return None
        if lc.sentence == si:
            return KILLED if lc.kind in (Kind.killed, Kind.children_killed) else INJURED
        if lc.sentence == si - 1 and _SENTENCE_AMONG.match(self.text[sent_start:sent_start + 40]):
            return KILLED if lc.kind in (Kind.killed, Kind.children_killed) else INJURED
        return None

    # -- one sentence -------------------------------------------------------------------------
    def sentence(self, si: int, span: Span) -> None:
        text, c = self.text, self.c
        s0, s1 = span.start, span.end
        line_start = text.rfind("\n", 0, s0) + 1
        is_list_item = bool(_LIST_ITEM.match(text, line_start)) and line_start >= s0 - 3
        if not is_list_item and not text[s0:s1].rstrip().endswith(":"):
            self.list_mode = None
        mentions = find_quantities(text, s0, s1)
        used: set[int] = set()
        # right cues of coordinated amounts ("39 drones and 18 missiles were shot down")
        rights: dict[int, list[str]] = {}
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
        for i in range(len(mentions) - 1, -1, -1):
            m = mentions[i]
            fam, weapons, np_end = parsed[i]
            ffam = fam if fam in (DRONE, MISSILE) else (self._antecedent_family(si) or DRONE)
            if fam in (PERSON, CHILD) or (fam is None and self._casualty_word_after(np_end, s1)):
                ffam = PERSON
            kinds, _ = self.right_cue(np_end, s1, ffam)
            if not kinds and i + 1 < len(mentions):
                gap = text[np_end:mentions[i + 1].start]
                if re.fullmatch(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as|plus)\s+", gap, re.IGNORECASE) \
                        and parsed[i + 1][0] == fam:
                    kinds = rights.get(i + 1, [])
            rights[i] = kinds
        for i, m in enumerate(mentions):
            if i in used:
                continue
            self.mention(si, span, m, parsed[i], rights[i], mentions, i)
        self.singles(si, span)
        if text[s0:s1].rstrip().endswith(":"):
            head = text[s0:s1]
            down = c.downed.search(head)
            launch = c.launched.search(head)
            if down and not launch:
                self.list_mode = DOWNED
            elif launch and not down:
                self.list_mode = LAUNCHED

    def _antecedent_family(self, si: int) -> str | None:
        if self.last_launch is not None and si - self.last_launch_sentence <= 2:
            return self.last_launch.family
        return None

    def _casualty_word_after(self, pos: int, limit: int) -> bool:
        m = self.c.aux_adv.match(self.text, pos, limit)
        seg = self.text[m.end():limit]
        return bool(self.c.killed.match(seg) or self.c.injured.match(seg))

    def mention(self, si, span, m: QuantityMention, parsed, right_kinds, mentions, i) -> None:
        text, c = self.text, self.c
        s0, s1 = span.start, span.end
        fam, weapons, np_end = parsed
        q = m.quantity
        before = text[max(s0, m.start - 30):m.start]
        after = text[m.end:s1]
        # "one of four killed": the member, not a count
        if _OF_NUMBER.match(after) and re.match(r"\s+of\s+(?:the\s+)?(?:\d|[a-z]+\s+(?:killed|dead|injured|wounded))",
                                                  after, re.IGNORECASE) and m.quantity.value == 1:
            return
        weapon = weapons[0].canonical if len(weapons) == 1 else None
        part = False
        if fam is None and not weapons:
            # partitives and bare amounts take their family from an antecedent
            if _OF_THEM_CHILDREN.match(after):
                verb = self.governing_casualty(si, s0)
                if verb:
                    end = _OF_THEM_CHILDREN.match(after).end() + m.end
                    self.emit(CHILD, verb, q, m.start, end, si)
                return
            pp = _PARTITIVE_PRONOUN.match(after)
            pn = _PARTITIVE_NP.match(after)
            if pp:
                np_end = m.end + pp.end()
                part = True
                ante = self.last_launch if si - self.last_launch_sentence <= 1 else None
                if self.last_combined_sentence >= self.last_launch_sentence and \
                        si - self.last_combined_sentence <= 1:
                    return  # "37 of them" where "them" is a combined total
                if self.last_casualty is not None and (ante is None or
                                                       self.last_casualty.start > ante.start) and \
                        si - self.last_casualty_sentence <= 1:
                    fam = PERSON
                elif ante is not None:
                    fam, weapon = ante.family, ante.weapon
                else:
                    return
            elif pn:
                inner_fam, inner_weapons, inner_end = self.noun_phrase(m.end + pn.end(), s1)
                if inner_fam is None and not inner_weapons:
                    # "four of the eight Shahed drones": skip the inner amount
                    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                    if nxt is not None and nxt.start == m.end + pn.end():
                        inner_fam, inner_weapons, inner_end = self.noun_phrase(nxt.end, s1)
                fam = inner_fam
                if inner_weapons and len(inner_weapons) == 1:
                    weapon = inner_weapons[0].canonical
                np_end = inner_end
                part = True
                if fam is None:
                    return
            else:
                cas = self._casualty_word_after(m.end, s1)
                if cas:
                    fam = PERSON
                elif right_kinds:
                    fam = self._antecedent_family(si)
                    if fam is None:
                        return
                    if self.last_launch is not None:
                        weapon = self.last_launch.weapon
                else:
                    if re.match(r"\s*$", before) is None and self._toll_kind(m.start, s0):
                        fam = PERSON
                    elif self.left_adjacent(m.start, s0, PERSON) and self._person_context(after):
                        fam = PERSON
                    else:
                        return
        if fam == COMBINED:
            self.last_combined_sentence = si
            return
        if fam is None:
            return
        if fam == CHILD:
            verb = self._casualty_verb(m, np_end, s0, s1, right_kinds)
            if verb is None:
                inc = _INCLUSION_AFTER.match(text, np_end, s1)
                if inc:
                    what = (inc.group("what") or inc.group("what2") or "").lower()
                    if what:
                        verb = KILLED if c.killed.match(what) else INJURED if c.injured.match(what) else None
                    else:
                        verb = self.governing_casualty(si, s0)
                    np_end = inc.end()
                elif _INCLUSION_BEFORE.search(before):
                    verb = self.governing_casualty(si, s0)
            if verb:
                self.emit(CHILD, verb, q, m.start, np_end, si)
            return
        if fam == PERSON:
            verb = self._casualty_verb(m, np_end, s0, s1, right_kinds)
            if verb is None:
                return
            end = self._verb_end(np_end, s1, PERSON)
            start = m.start
            left = self.left_adjacent(m.start, s0, PERSON)
            if left and not right_kinds:
                start = self._left_cue_start(m.start, s0, PERSON)
            self.emit(PERSON, verb, q, start, max(end, np_end), si)
            return
        # drones and missiles
        if _TOTAL_BEFORE.search(before) and not right_kinds:
            verbs = [LAUNCHED]
        else:
            verbs = list(right_kinds)
            _, has_aux = self.right_cue(np_end, s1, fam)
            left = self.left_adjacent(m.start, s0, fam)
            if verbs and not has_aux and part:
                verbs = []  # "four of the eight drones launched": the verb is the inner NP's
            if left and verbs and left not in verbs and _ALL_BEFORE.search(text[s0:m.start]):
                verbs = [left] + verbs
            if not verbs:
                verbs = [left] if left else []
            if not verbs and self.list_mode and self._in_list_item(m.start):
                verbs = [self.list_mode]
            if not verbs:
                near = self.nearest_left(m.start, s0, fam)
                verbs = [near or LAUNCHED]
        end = np_end
        for verb in verbs:
            self.emit(fam, verb, q, m.start, end, si, weapon=weapon, part=part)

    def _in_list_item(self, pos: int) -> bool:
        line_start = self.text.rfind("\n", 0, pos) + 1
        return bool(_LIST_ITEM.match(self.text, line_start))

    def _person_context(self, after: str) -> bool:
        return bool(re.match(r"\s*(?:people|persons|civilians|residents|others|\W|$|and|in|on|at|across)",
                             after, re.IGNORECASE))

    def _toll_kind(self, start: int, sent_start: int) -> str | None:
        before = self.text[sent_start:start]
        m = self.c.toll.search(before)
        if not m:
            return None
        return INJURED if self.c.toll_injured.match(re.sub(r"\s+", " ", m.group("t"))) else KILLED

    def _casualty_verb(self, m, np_end, s0, s1, right_kinds) -> str | None:
        if right_kinds:
            return right_kinds[0]
        seg = self.text[np_end:s1]
        k = _verb_kind(seg.lstrip(" ,"), PERSON, self.c, anchored=True)
        if k:
            return k
        left = self.left_adjacent(m.start, s0, PERSON)
        if left:
            return left
        toll = self._toll_kind(m.start, s0)
        if toll:
            return toll
        return None

    def _verb_end(self, pos: int, limit: int, fam: str) -> int:
        m = self.c.aux_adv.match(self.text, pos, limit)
        seg_start = m.end()
        for pat in (self.c.killed, self.c.injured, self.c.launched, self.c.downed):
            v = pat.match(self.text, seg_start, limit)
            if v:
                return v.end()
        return pos

    def _left_cue_start(self, start: int, sent_start: int, fam: str) -> int:
        before = self.text[max(sent_start, start - 40):start]
        base = max(sent_start, start - 40)
        for pat in (self.c.killed, self.c.injured):
            for m in pat.finditer(before):
                if not before[m.end():].strip() or re.fullmatch(
                        r"\s*(?:only|all|another|at\s+least|the)?\s*", before[m.end():], re.IGNORECASE):
                    return base + m.start()
        return start

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
            child = noun in _CHILD_NOUNS or (age is not None and age < 18)
            if not noun and age is None:
                continue
            before = text[max(span.start, m.start() - 40):m.start()]
            after_pos = m.end()
            right = _verb_kind(text[c.aux_adv.match(text, after_pos, span.end).end():span.end],
                               PERSON, c, anchored=True)
            fam = CHILD if child else PERSON
            q = Quantity.make(1, "exact")
            if right:
                end = self._verb_end(after_pos, span.end, PERSON)
                self.emit(fam, right, q, m.start(), m.end() if fam == CHILD else end, si)
                continue
            left = self.left_adjacent(m.start(), span.start, PERSON)
            if left and not _INCLUSION_BEFORE.search(before):
                self.emit(fam, left, q, self._left_cue_start(m.start(), span.start, PERSON),
                          m.end(), si)
                continue
            if child and (_INCLUSION_BEFORE.search(before) or
                          _INCLUSION_AFTER.match(text, after_pos, span.end)):
                verb = self.governing_casualty(si, span.start)
                if verb:
                    self.emit(CHILD, verb, q, m.start(), m.end(), si)


def find_figure_candidates(text: str, sentences: list[Span], weapons: list[WeaponSpan],
                           skip: set[int] | None = None) -> list[Candidate]:
    """Figure candidates of a report; sentences whose index is in `skip` are not read."""
    reader = _Reader(text, weapons)
    skip = skip or set()
    for si, span in enumerate(sentences):
        if si in skip:
            reader.list_mode = None
            continue
        reader.sentence(si, span)
    reader.out.sort(key=lambda cnd: (cnd.start, cnd.end))
    return reader.out
