"""Amounts as Ukrainian and Russian state them: "понад 40", "п'ятьма десятками", "сотнею".

The grammar of amounts in the two languages is one: numerals add up ("двісті п'ятдесят
три"), counting nouns multiply ("п'ять тисяч", "п'ятьма десятками" = 50) or stand alone
("сотнею" = 100, "тисячу" = 1000), halves count halves of the noun after them ("півтори
сотні" = 150), and every word takes a case ending. What differs is vocabulary: it lives in
``data/uk/quantities.json`` and ``data/ru/quantities.json`` as dictionary forms, and every
inflected form is generated at build time into ``forms.json`` beside them (see
scripts/build_morphology.py), so reading a word is one dictionary look-up. The two
vocabularies are read as one: no form means different amounts in the two languages
(checked on load), and a report may quote the other language.

What a number counts is the figure reader's business. Left out here, as in the English
reader: numbers before a unit, a month or a sign of one ("40 км", "28 вересня", "5%"),
numbers glued to a hyphenated word ("6-річний", "21-го"), clock times and decimals, and
numbers after "№". Decisions the contract leaves open:

- A plural counting noun on its own is vague ("десятки" 20+, "сотні" 200+, "тисячі"
  2000+); after a qualifier a form that is also singular reads as one ("близько сотні"
  is about 100, not "about hundreds").
- "два-три", "від 10 до 15", "10-15", "два чи три": a range (low < high required).
- "до 40" is at most 40, unless it closes a range ("від 10 до 40").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import bad_entries, load
from ..data.schemas import CyrillicQuantities, Forms
from ..model import Qualifier, Quantity

__all__ = ["CYRILLIC", "find_cyrillic_quantities", "mostly_cyrillic"]

LANGS = ("uk", "ru")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_BOUNDED = ("at_least", "more_than", "at_most", "less_than", "nearly", "approx")
_MAX_DIGITS = 12

# digits with optional thousands groups ("1 200", "1 200 000") or a decimal comma ("1,5");
# a digit run glued to a letter, a point, a colon or a sign is no count (Х-101, 09:00, 1.5)
_DIGITS = r"(?<![\w.,:/+−$€£₴#№])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\w]|[.,:/]\d)|(?<![\w.,:/+−$€£₴#№])\d+(?:,\d+)?(?!\w|[.,:/]\d)"
_SUFFIX = re.compile(r"[^\W\d_]{1,3}(?![^\W\d_])")  # "-мя" in "142-мя", not "-річний"
_DESIGNATION = re.compile(r"[^\W\d_][-–]$")   # Х-101, С-300: a letter and a hyphen before digits
_TOKEN = re.compile(
    rf"(?P<d>{_DIGITS})|(?P<w>[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*\.?)|(?P<p>[-–—%№°])")


def fold(word: str) -> str:
    """The look-up key of a word: lower case, apostrophes as "'", ё as е."""
    return (word.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")
            .replace("ё", "е"))


@dataclass(frozen=True)
class CyrillicVocabulary:
    starters: frozenset[str]                 # words an amount or its qualifier can begin with
    numerals: dict[str, int]                 # form -> value
    nouns: dict[str, tuple[int, bool, bool]]  # form -> (value, singular reading, plural reading)
    halves: dict[str, int]                   # form -> count of halves
    fixed: dict[str, int]                    # form -> value
    before: dict[tuple[str, ...], str]       # qualifier words before -> qualifier
    after: dict[tuple[str, ...], str]        # qualifier words after -> qualifier
    vague: tuple[tuple[tuple[frozenset[str], ...], int], ...]   # form sets per word, low
    stop_after: frozenset[str]               # units, months, their signs
    between: frozenset[str]
    join: frozenset[str]
    either: frozenset[str]
    signs: frozenset[str]
    coordinators: frozenset[str]             # "і", "та", "и": a list of amounts
    change: frozenset[str]                   # "зросла" ("зросла до 21": 21, not at most 21)
    endings: frozenset[str]                  # last letters of numeral forms ("142-мя", "5-ти")
    max_before: int


def _forms(table: dict, lemma: str, which: str = "all") -> set[str]:
    entry = table.get(lemma)
    if entry is None:
        return {fold(lemma)}
    if which == "all":
        return {fold(f) for f in entry.sg + entry.pl} | {fold(lemma)}
    return {fold(f) for f in getattr(entry, which)}


@functools.cache
def load_cyrillic_vocabulary() -> CyrillicVocabulary:
    """data/uk and data/ru quantities.json with their generated forms, as one vocabulary."""
    numerals: dict[str, int] = {}
    nouns: dict[str, tuple[int, bool, bool]] = {}
    halves: dict[str, int] = {}
    fixed: dict[str, int] = {}
    before: dict[tuple[str, ...], str] = {}
    after: dict[tuple[str, ...], str] = {}
    vague: list = []
    stop: set[str] = set()
    between, join, either, signs, change, coord = set(), set(), set(), set(), set(), set()
    bad: list[str] = []

    def put(table: dict, key, value, where: str) -> None:
        if key in table and table[key] != value:
            bad.append(f"{where}: {key!r} means {table[key]!r} elsewhere, {value!r} here")
        table[key] = value

    for lang in LANGS:
        where = f"strikeledger/data/{lang}/quantities.json"
        vocab = load(f"{lang}/quantities.json", CyrillicQuantities)
        forms = load(f"{lang}/forms.json", Forms).forms
        for lemma, value in vocab.numbers.items():
            for f in _forms(forms, lemma):
                put(numerals, f, value, where)
        for lemma, value in vocab.counting_nouns.items():
            sg, pl = _forms(forms, lemma, "sg"), _forms(forms, lemma, "pl")
            for f in sg | pl:
                put(nouns, f, (value, f in sg, f in pl), where)
        for abbr, value in vocab.abbreviations.items():
            put(nouns, fold(abbr), (value, True, True), where)
        for word, count in vocab.halves.items():
            for f in _forms(forms, word):
                put(halves, f, count, where)
        for word, value in vocab.fixed.items():
            for f in _forms(forms, word):
                put(fixed, f, value, where)
        for qual, sides in vocab.qualifiers.items():
            for side, table in ((sides.before, before), (sides.after, after)):
                for phrase in side:
                    put(table, tuple(fold(w) for w in phrase.split()), qual, where)
        for i, entry in enumerate(vocab.vague):
            sets = []
            for k, lemma in enumerate(entry.lemmas):
                last = k == len(entry.lemmas) - 1
                which = "pl" if (entry.plural or (last and len(entry.lemmas) > 1)) else "all"
                s = _forms(forms, lemma, which)
                if not s:
                    bad.append(f"{where}: vague.{i}: no {which} forms of {lemma!r}")
                sets.append(frozenset(s))
            vague.append((tuple(sets), entry.low))
        for lemma in vocab.units + vocab.months:
            stop |= _forms(forms, lemma)
        stop |= {fold(m) for m in vocab.unit_marks}
        between |= {fold(w) for w in vocab.range_words.between}
        join |= {fold(w) for w in vocab.range_words.join}
        either |= {fold(w) for w in vocab.range_words.or_}
        signs |= {fold(w) for w in vocab.number_signs}
        coord |= {fold(w) for w in vocab.coordinators}
        for lemma in vocab.change_verbs:
            change |= _forms(forms, lemma)
    if bad:
        raise bad_entries("strikeledger/data/{uk,ru}/quantities.json", bad)
    vague.sort(key=lambda v: -len(v[0]))
    starters = (set(numerals) | set(nouns) | set(halves) | set(fixed)
                | {w for sets, _ in vague for w in sets[0]})
    return CyrillicVocabulary(
        starters=frozenset(starters), numerals=numerals, nouns=nouns, halves=halves, fixed=fixed, before=before, after=after,
        vague=tuple(vague), stop_after=frozenset(stop), between=frozenset(between),
        join=frozenset(join), either=frozenset(either), signs=frozenset(signs),
        change=frozenset(change), coordinators=frozenset(coord),
        # a number with a case ending ("142-мя", "5-ти", "двох" -> "2-х") keeps counting
        endings=frozenset(f[-k:] for f in numerals for k in (1, 2, 3) if len(f) > k),
        max_before=max(len(k) for k in before))


def mostly_cyrillic(text: str) -> bool:
    """True when most letters of a report (its first 2,000 characters) are Cyrillic: the
    report is then read with the Ukrainian and Russian vocabulary. Decided once per report
    (cached), not per sentence."""
    return _mostly_cyrillic(text[:2000])


@functools.lru_cache(maxsize=64)
def _mostly_cyrillic(sample: str) -> bool:
    cyr = sum(m.end() - m.start() for m in _CYRILLIC_RUN.finditer(sample))
    return cyr > 0 and 2 * cyr >= sum(m.end() - m.start() for m in _LETTER_RUN.finditer(sample))


_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    kind: str    # "d" digits, "w" word, "p" sign
    key: str     # folded word, or the digits


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup
        word = m.group()
        if kind == "w" and word.endswith("."):
            # keep the point only where it makes an abbreviation ("тис.", "р."): "трьох." ends
            # a sentence, and the point is no part of the number
            key = fold(word)
            if key in _ABBREVIATIONS():
                out.append(_Tok(m.start(), m.end(), "w", key))
            else:
                out.append(_Tok(m.start(), m.end() - 1, "w", key[:-1]))
            continue
        out.append(_Tok(m.start(), m.end(), kind, fold(word) if kind == "w" else word))
    return out


def _ABBREVIATIONS() -> frozenset[str]:
    v = load_cyrillic_vocabulary()
    return frozenset(k for k in (*v.nouns, *v.stop_after) if k.endswith("."))


class _Reader:
    def __init__(self, text: str, toks: list[_Tok], v: CyrillicVocabulary):
        self.text, self.toks, self.v = text, toks, v

    def key(self, i: int) -> str:
        """A word's key without an abbreviation point ("сотні." at a sentence end)."""
        k = self.toks[i].key
        return k[:-1] if k.endswith(".") and k not in self.v.nouns and k not in self.v.stop_after else k

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j are neighbours with only spaces between them."""
        return (0 <= i < j < len(self.toks)
                and not self.text[self.toks[i].end:self.toks[j].start].strip())

    def digits(self, i: int) -> int | float | None:
        raw = re.sub(r"[ \u00a0\u202f]", "", self.toks[i].key)
        if sum(ch.isdigit() for ch in raw) > _MAX_DIGITS:
            return None
        return float(raw.replace(",", ".")) if "," in raw else int(raw)

    def number(self, i: int, after_qualifier: bool) -> tuple[int, int] | None:
        """The value of the number phrase starting at token i, and the token after it."""
        v, toks = self.v, self.toks
        total, cur, last, halves, j = 0, None, None, None, i
        while j < len(toks) and (j == i or self.adjacent(j - 1, j)):
            t, k = toks[j], self.key(j)
            if t.kind == "d":
                if j != i:
                    break
                cur = self.digits(j)
                if cur is None:
                    return None
            elif k in v.fixed and j == i:
                return v.fixed[k], j + 1
            elif k in v.numerals and halves is None:
                n = v.numerals[k]
                if isinstance(cur, float) or (last is not None and n >= last):
                    break
                cur, last = (cur or 0) + n, n
            elif k in v.halves and cur is None and halves is None:
                halves = v.halves[k]
            elif k in v.nouns:
                mul, sg, pl = v.nouns[k]
                if halves is not None:
                    total += halves * mul // 2
                    halves = None
                elif cur is None:
                    if j != i or not (sg or after_qualifier):
                        break
                    total += mul          # "сотнею", "тисячу": one hundred, one thousand
                else:
                    value = cur * mul
                    if value != int(value):
                        return None
                    total += int(value)
                cur, last = None, mul
            else:
                break
            j += 1
        if halves is not None:
            return None
        if isinstance(cur, float):
            return None                   # a decimal without a scale counts nothing
        value = total + (cur or 0)
        if j == i:
            return None
        return value, j

    def vague_at(self, i: int, after_qualifier: bool) -> tuple[int, int] | None:
        for sets, low in self.v.vague:
            n = len(sets)
            if i + n > len(self.toks):
                continue
            if all(self.key(i + k) in s for k, s in enumerate(sets)) and all(
                    self.adjacent(i + k - 1, i + k) for k in range(1, n)):
                if n == 1 and after_qualifier and self.key(i) in self.v.nouns and self.v.nouns[self.key(i)][1]:
                    return None           # "близько сотні": about a hundred
                return low, i + n
        return None

    def qualifier_before(self, i: int) -> tuple[str, int] | None:
        """The qualifier phrase just before token i: (qualifier, its first token)."""
        for n in range(min(self.v.max_before, i), 0, -1):
            words = tuple(self.key(k) for k in range(i - n, i))
            if words in self.v.before and all(self.adjacent(k, k + 1) for k in range(i - n, i)):
                if words[-1] in self.v.join and i - n > 0 and self.key(i - n - 1) in self.v.change:
                    return None   # "кількість постраждалих зросла до 21": the toll is 21
                return self.v.before[words], i - n
        return None

    def qualifier_after(self, j: int) -> tuple[str, int] | None:
        for words, qual in self.v.after.items():
            n = len(words)
            if j + n <= len(self.toks) and self.adjacent(j - 1, j) and all(
                    self.key(j + k) == w for k, w in enumerate(words)) and all(
                    self.adjacent(j + k - 1, j + k) for k in range(1, n)):
                return qual, j + n
        return None

    def dropped(self, i: int, j: int) -> bool:
        """The number at tokens i..j-1 counts nothing: a unit, a month, a sign, a compound."""
        text, toks = self.text, self.toks
        end = toks[j - 1].end
        if text[end:end + 1] in "-–" and _LETTER.match(text, end + 1):
            suffix = _SUFFIX.match(text, end + 1)
            if toks[j - 1].kind != "d" or suffix is None or fold(suffix.group()) not in self.v.endings:
                return True               # "6-річний", "Х-101": a compound, not a count
        if j < len(toks) and self.adjacent(j - 1, j) or (j < len(toks) and toks[j].key in ("%", "°")
                                                         and toks[j].start == end):
            k = toks[j].key
            if k in self.v.stop_after or k.rstrip(".") in self.v.stop_after:
                return True
        if i > 0 and (toks[i - 1].key in self.v.signs and self.adjacent(i - 1, i)):
            return True
        return False


def find_cyrillic_quantities(text: str, start: int = 0, end: int | None = None):
    """Every amount in text[start:end] in Ukrainian or Russian, in order (QuantityMentions)."""
    from .quantities import QuantityMention  # the one mention type of both readers

    end = len(text) if end is None else min(end, len(text))
    v = load_cyrillic_vocabulary()
    toks = _tokens(text, start, end)
    r = _Reader(text, toks, v)
    out: list[QuantityMention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "d" and _DESIGNATION.search(text, max(0, t.start - 2), t.start):
            i += 1
            continue
        if t.kind == "p" or (t.kind == "w" and r.key(i) not in v.starters):
            i += 1            # only digits and number words begin an amount
            continue
        qual = r.qualifier_before(i)
        after_q = qual is not None
        vague = r.vague_at(i, after_q)
        if vague is not None:
            low, j = vague
            # a qualifier before a vague word stays out of the span, as in English
            out.append(QuantityMention(t.start, toks[j - 1].end, t.start, toks[j - 1].end,
                                       Quantity.make(None, Qualifier.vague, low), False))
            i = j
            continue
        num = r.number(i, after_q)
        if num is None:
            i += 1
            continue
        value, j = num
        opener = qual is None and i > 0 and r.key(i - 1) in v.between and r.adjacent(i - 1, i)
        # a range: "10-15", "два-три", "від 10 до 15", "два чи три"
        second = None
        if j < len(toks):
            sep = toks[j]
            gap_ok = r.adjacent(j - 1, j) or (sep.kind == "p" and sep.start == toks[j - 1].end)
            if sep.kind == "p" and sep.key in "-–—" and j + 1 < len(toks) and gap_ok:
                second = r.number(j + 1, False)
            elif sep.kind == "w" and gap_ok and (r.key(j) in v.either or (opener and r.key(j) in v.join)):
                if j + 1 < len(toks) and r.adjacent(j, j + 1):
                    second = r.number(j + 1, False)
            if second is not None and not (second[0] > value and not r.dropped(j + 1, second[1])):
                second = None
        if second is not None:
            high, k = second
            s = toks[i - 1].start if opener else t.start
            out.append(QuantityMention(s, toks[k - 1].end, t.start, toks[k - 1].end,
                                       Quantity.make(None, Qualifier.range, value, high), False))
            i = k
            continue
        if r.dropped(i, j):
            i = j
            continue
        after = r.qualifier_after(j) if qual is None else None
        if qual is not None:
            name, first = qual
            s, e, qname = toks[first].start, toks[j - 1].end, name
        elif after is not None:
            qname, k = after
            s, e = t.start, toks[k - 1].end
            j = k
        else:
            qname, s, e = "exact", t.start, toks[j - 1].end
        suffix = _SUFFIX.match(text, e + 1) if text[e:e + 1] in "-–" else None
        if suffix and toks[j - 1].kind == "d" and fold(suffix.group()) in v.endings:
            e = suffix.end()      # "142-мя": the case ending belongs to the number
            while j < len(toks) and toks[j].start < e:
                j += 1
        if qname == "exact" and out and out[-1].quantity.qualifier in _BOUNDED and value != 1 \
                and _coordinated(r, out[-1].end, t.start, v):
            # "близько 120 ракет і 90 дронів": the qualifier governs the list
            qname = out[-1].quantity.qualifier
        out.append(QuantityMention(s, e, t.start, toks[num[1] - 1].end, Quantity.make(value, qname),
                                   qname == "exact"))
        i = j
    return out


def _coordinated(r: "_Reader", prev_end: int, start: int, v: CyrillicVocabulary) -> bool:
    """Only a noun or two and a plain 'і'/'та'/'и' between two amounts."""
    gap = r.text[prev_end:start]
    words = gap.split()
    return (0 < len(words) <= 3 and fold(words[-1]) in v.coordinators
            and not any(ch in gap for ch in ".;:!?()–—,"))
