"""Amounts as English states them: "at least four", "some 500", "10-15", "dozens of".

(Ukrainian and Russian amounts are read by quantities_cyrillic; `find_quantities`,
`parse_quantity` and the annotator hand Cyrillic text to it.)

`parse_quantity` reads one phrase; `find_quantities` scans running text and returns every
amount with its exact span, leaving out numbers that count nothing (weapon designations,
clock times, dates, years, percentages, decimals, ordinals, house numbers, ages, floors,
units of distance, time, power and money). Which amount counts what is the figure
extractor's business, not this module's.

Decisions the contract leaves open (vocabulary in data/quantities.json):
- "two or three", "10 or 15": a range (low < high required).
- "a couple (of)", "a pair of": exactly 2; "a dozen" 12, "half a dozen" 6, "two dozen" 24.
- "tens of" is vague with low 20 ("tens of thousands" 20000); "thousands" 2000,
  "several thousand" 3000, "a few hundred" 200, "a handful" 2.
- "few" without "a", "many", "numerous", "a number of", "multiple": no amount (None).
- "N+", "N-plus", "N or more": at_least; "N-odd", "N or so": approx.
- "rose from 4 to 7" is two amounts (a change), not a range.
- A qualifier before a vague word ("at least several") is left out of the span.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from text_to_num import text2num

from ..data import check, load
from ..data.schemas import Quantities
from ..errors import VocabularyError
from ..model import Language, Qualifier, Quantity
from .casefold import FoldedPattern, fold
from .document import Document, annotator
from .quantities_cyrillic import CYRILLIC, find_cyrillic_quantities, mostly_cyrillic

__all__ = ["QuantityMention", "Vocabulary", "carry_qualifier", "find_quantities",
           "load_vocabulary", "parse_quantity"]

_BOUNDED = ("at_least", "more_than", "at_most", "less_than", "nearly", "approx")
_WORD_LISTS = ("range_openers", "change_verbs", "units", "months", "months_capitalised_only",
               "label_nouns", "street_words", "age_words", "person_nouns",
               "designation_prefixes", "year_before", "year_after", "carry_stop_words",
               "one_before", "one_after")


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """One amount in running text.

    `start:end` is the whole phrase with its qualifier ("at least four", "dozens of");
    `num_start:num_end` is the number or vague word itself. `bare` is True when the
    amount is written as a number alone, with no qualifier. `carried` is True when
    `carry_qualifier` gave it the qualifier of the item before it in a list.
    """

    start: int
    end: int
    num_start: int
    num_end: int
    quantity: Quantity
    bare: bool
    carried: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """quantities.json, checked: how English writes numbers and qualifies them."""

    cardinals: dict[str, int]
    scales: dict[str, int]
    multiplier_scales: dict[str, int]
    numbers: dict[str, int]
    before: dict[str, str]              # qualifier phrase before a number -> qualifier
    after: dict[str, str]               # qualifier phrase after a number -> qualifier
    vague: dict[str, tuple[int, bool]]  # phrase -> (low, may take "of")
    words: dict[str, tuple[str, ...]]   # the plain word lists (_WORD_LISTS)
    # read in a phrase on its own only (parse_quantity), never in running text:
    phrase_after: dict[str, str] = None  # type: ignore[assignment]  # "and more" -> at_least
    suffixes: dict[str, int] = None      # type: ignore[assignment]  # "10k", "2mil", "10 bln"
    suffix_spaced: tuple[str, ...] = ()  # the suffixes that may follow a space ("2.33 k")
    not_a_count: dict[str, tuple[str, ...]] = None  # type: ignore[assignment]  # minus, thirds, fifth


@functools.lru_cache(maxsize=8192)
def quantity(value: int | None, qualifier: Qualifier | str, low: int | None = None,
             high: int | None = None) -> Quantity:
    """``Quantity.make``, made once per distinct amount (a report states the same few
    amounts many times; nothing changes a Quantity once made)."""
    return Quantity.make(value, qualifier, low, high)


# More digits than any count of drones or people can have (and than a BIGINT holds).
_MAX_DIGITS = 15


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def load_vocabulary(path: str | Path | None = None, lang: str = "en") -> Vocabulary:
    """Read and check quantities.json (the packaged one of ``lang`` by default).

    Raises VocabularyError listing every bad entry at once.
    """
    if path is None:
        data = load(f"{lang}/quantities.json", Quantities)
    else:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise VocabularyError(f"{path}: cannot read: {exc}") from exc
        data = check(raw, Quantities, str(path))
    before, after = {}, {}
    for qual, forms in data.qualifiers.items():
        before.update({_norm(p): qual for p in forms.before})
        after.update({_norm(p): qual for p in forms.after})
    return Vocabulary(
        cardinals=dict(data.cardinals), scales=dict(data.scales),
        multiplier_scales=dict(data.multiplier_scales),
        numbers={_norm(k): v for k, v in data.numbers.items()},
        before=before, after=after,
        vague={_norm(e.phrase): (e.low, e.of) for e in data.vague},
        words={k: tuple(getattr(data, k)) for k in _WORD_LISTS},
        phrase_after={_norm(p): q for q, forms in data.phrase_qualifiers_after.items()
                      if q in _BOUNDED for p in forms},
        suffixes={k.lower(): v for k, v in data.suffix_scales.items()},
        suffix_spaced=tuple(data.suffix_spaced),
        not_a_count={k: tuple(v) for k, v in data.not_a_count.items() if not k.startswith("_")})


# --- patterns, built once from the vocabulary -------------------------------------

def _alt(phrases) -> str:
    """Alternation of phrases, longest first; a space matches any whitespace run."""
    out = []
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        out.append(r"\s+".join(re.escape(w) for w in p.split()))
    return "|".join(out)


def _trie(phrases, lower: bool = True) -> str:
    """One regex for many phrases, shaped as a character trie.

    A long flat alternation is tried branch by branch at every word of the text; a trie
    rejects a word after a character or two, which is what keeps scanning fast.
    Longer phrases are preferred (optional tails are greedy).
    """
    root: dict = {}
    for p in phrases:
        node = root
        for ch in " ".join((p.lower() if lower else p).split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict) -> str:
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def _words(phrases, then: str = r"(?!\w)") -> str:
    """Trie of phrases; `then` must follow those that end in a letter or digit."""
    alnum = [p for p in phrases if p[-1].isalnum()]
    other = [p for p in phrases if not p[-1].isalnum()]
    parts = ([_trie(alnum) + then] if alnum else []) + ([_trie(other)] if other else [])
    return "(?:" + "|".join(parts) + ")"


def _cased(words, capitalised_only=()) -> set[str]:
    """Capitalised, lower and UPPER forms of each word, for case-sensitive matching
    (only Capitalised/UPPER for words that are common English otherwise: "may")."""
    forms = set()
    for w in words:
        forms.update({w.capitalize(), w.upper()})
        if w not in capitalised_only:
            forms.add(w.lower())
    return forms


class _Patterns:
    def __init__(self, v: Vocabulary) -> None:
        self.v = v
        w = v.words
        card = v.cardinals
        tens = [k for k, n in card.items() if n >= 20]
        units = [k for k, n in card.items() if 1 <= n <= 9]
        small = rf"(?:{_trie(tens)}(?:[\s-]+{_trie(units)}(?!\w))?|{_trie(card)})(?!\w)"
        scale = rf"{_trie(v.scales)}(?!\w)"
        half = rf"(?:\s+and\s+a\s+half(?=\s+{scale}))?"      # "one and a half thousand"
        word_num = (rf"(?:{small}|an?(?=[\s-]+{scale})){half}"
                    rf"(?:[\s-]+{scale}(?:(?:[\s-]+and)?[\s-]+{small})?)*")
        extras = rf"{_trie(v.numbers)}(?!\w)"
        digits = (rf"(?:\d+\.\d+(?=[\s-]*{scale})|\d{{1,3}}(?:,\d{{3}})+(?!\d)"
                  r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?!\w|[.,:/]\d)" + half)
        # digits glued to a word, a decimal point, a time, a sign or a hyphen are not a count
        # (Kh-101, 3M22, 06:40, 1.5, -5); only the second end of "10-15" follows a hyphen
        digits_first = r"(?=\d)(?<![\w.,:/+\-–−$€£₴#№])" + digits
        digits_second = r"(?=\d)(?<![\w.,:/+−$€£₴#№])" + digits
        mult = rf"(?:[\s-]+{_trie(v.multiplier_scales)}(?!\w))?"
        # a number followed by "-storey", "-year-old": a compound modifier, not a count
        hyphen_post = [p[1:] for p in v.after if p.startswith("-")] or ["\x00"]
        no_compound = rf"(?!-(?!{_trie(hyphen_post)}(?!\w))[^\W\d_])"
        num = rf"(?:{extras}|{digits_first}|(?<![\w-]){word_num}){mult}{no_compound}"
        num2 = rf"(?:{extras}|{digits_second}|{word_num}){mult}{no_compound}"

        pre_w = [p for p in v.before if p[-1].isalnum()]
        pre_s = [p for p in v.before if not p[-1].isalnum()]
        pre = rf"(?:{_trie(pre_w)}(?=\s)|{_trie(pre_s)})\s*"
        post_w = [p for p in v.after if p[0].isalnum()]
        post_s = [p for p in v.after if not p[0].isalnum()]
        post_words = _words(post_w, r"(?![\w-])")
        post = rf"(?:\s+{post_words}|\s*{_words(post_s)})(?!\s*\d)"
        openers = _trie(w["range_openers"])
        range_sep = (r"\s+(?:to|and|or|through|thru)\s+|\s?–\s?|—|(?<=\d)\s*-\s*(?=\d)"
                     r"|(?<=\d)\s*~\s*(?=\d)")

        single = rf"(?P<pre>{pre})?(?P<num>{num})(?![-–]\d)(?P<post>{post})?"
        flags = re.IGNORECASE
        # one pass over the text: [qualifier] [between|from] number, then either the
        # second end of a range or a qualifier after the number; or a vague amount
        # (matched on the folded text, like every case-insensitive scan: see casefold)
        self.master = FoldedPattern(
            rf"(?<![\w-])(?:(?P<pre>{pre})?(?:(?P<ro>{openers})\s+)?(?P<num>{num})"
            rf"(?:(?P<rs>{range_sep})(?P<r2>{num2})(?![-–.:/,]?\d)|(?![-–]\d)(?P<post>{post})?)"
            rf"|(?P<vague>{_trie(v.vague)})(?!\w)(?P<of>\s+of(?!\w))?)")
        self.single = FoldedPattern(single)

        self.and_half = re.compile(
            rf"(?P<base>.+?)\s+and\s+a\s+half\s+(?P<scale>{_alt(v.scales)})", flags)
        self.separators = re.compile(r"[,\s\u00a0\u202f]")

        self.months = _cased(w["months"], set(w["months_capitalised_only"]))
        months = _trie(self.months, lower=False)
        dash = r"(?:-|–|—|and|or|to|&)"
        self.right_unit = re.compile(rf"\s*{_words(w['units'])}", flags)        # 40 km, 88%
        self.right_month = re.compile(                                          # 10 October
            rf"[\s,]*(?:{dash}\s*\d{{1,2}}(?:st|nd|rd|th)?\s*)?,?\s*(?:of\s+)?{months}(?!\w)")
        self.right_street = re.compile(                                         # 40 Peremohy Ave
            rf"\s+(?:[A-Z][\w'’.-]*\s+){{1,3}}(?i:{_words(w['street_words'])})")
        self.person_right = re.compile(r"\s*[,)]")
        self.year_right = re.compile(
            rf"\s*(?:$|[^\w\s]|[A-Z0-9]|{_words(w['year_after'])})")
        self.one_right = re.compile(
            rf"[\s-]+{_words(w['one_after'])}"
            r"|\s+of\s+(?:the|its|their|our|his|her|this|that)\s+(?:most|least|\w{3,}est)(?!\w)",
            flags)
        self.day_number = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
        low = lambda key: frozenset(x.lower() for x in w[key])  # noqa: E731
        self.label_nouns, self.street_words = low("label_nouns"), low("street_words")
        self.age_words, self.person_nouns = low("age_words"), low("person_nouns")
        self.year_before, self.one_before = low("year_before"), low("one_before")
        self.change_verbs, self.stop_words = low("change_verbs"), low("carry_stop_words")
        self.designations = frozenset(w["designation_prefixes"])
        self.gap_break = re.compile(r"[.!?;:()\[\]\"“”\n]")
        self.word_token = re.compile(r"[^\W\d_][\w'’/-]*")
        self.scale_tail = re.compile(rf"[\s-]+({_alt(v.multiplier_scales)})$", flags)
        glued, spaced = list(v.suffixes or ()), list(v.suffix_spaced)
        end = r"(?!\w|-(?!\d))"  # "5k-20k": a range's hyphen may follow
        self.suffix = re.compile(
            rf"(?<![\w.,])(?P<n>\d+(?:\.\d+)?)(?:\s(?=(?:{_alt(spaced)}){end})|(?=(?:{_alt(glued)}){end}))"
            rf"(?P<s>{_alt(glued)}){end}", flags) if glued and spaced else None
        nac = v.not_a_count or {}
        words = [w for k in ("signs", "fractions", "ordinals") for w in nac.get(k, ())]
        self.not_a_count = re.compile(rf"\b(?:{_alt(words)})\b|\d(?:st|nd|rd|th)\b|\d\s*/\s*\d",
                                      flags) if words else re.compile(r"(?!)")
        numberish = rf"(?:\d|\b{_trie(card)}(?!\w))"
        self.slash = re.compile(rf"{numberish}\s*/\s*{numberish}", flags)  # "1/4", "142 / eleven"
        self.negative_sign = re.compile(r"(?:^|[\s(<=])[-−–]\s*$")
        self.decimal = re.compile(r"\d[.]\d")
        self.phrase_after = re.compile(rf"\s*({_alt(v.phrase_after)})(?!\w)", flags) \
            if v.phrase_after else None
        self.point_scale = re.compile(rf"\b([a-z]+)\s+point\s+([a-z]+)\s+({_alt(v.multiplier_scales)})\b", flags)
        self.plural_scale = re.compile(rf"\b({_alt(s for s in v.scales if not s.endswith('s'))})s\b")

    @functools.lru_cache(maxsize=4096)
    def value(self, phrase: str) -> int | None:
        """The integer a matched number phrase states, or None if it states none."""
        t = _norm(phrase)
        if t in self.v.numbers:
            return self.v.numbers[t]
        m = self.and_half.fullmatch(t)
        if m:
            base = self.value(m.group("base"))
            return None if base is None else (2 * base + 1) * self.v.scales[m.group("scale")] // 2
        if t[0].isdigit():
            if sum(ch.isdigit() for ch in t) > _MAX_DIGITS:
                return None  # "9999...9 drones" counts nothing a report can mean
            tail = self.scale_tail.search(t)
            if tail:
                head, mul = t[:tail.start()], self.v.multiplier_scales[tail.group(1)]
                head = self.separators.sub("", head)
                try:
                    number = float(head) * mul if "." in head else int(head) * mul
                    return int(number) if number == int(number) else None
                except (ValueError, OverflowError):
                    return None
            digits = self.separators.sub("", t)
            return int(digits) if digits.isdigit() else None  # "3.5" with no scale: no count
        words = self.plural_scale.sub(r"\1", t.replace("-", " "))  # "three billions"
        if words.startswith(("a ", "an ")):
            words = "one " + words.split(" ", 1)[1]
        try:
            return _words_value(words)
        except ValueError:
            pass
        tail = self.scale_tail.search(t)   # "two dozen", "a couple of hundred"
        if tail:
            head = self.value(t[:tail.start()])
            if head is not None:
                return head * self.v.multiplier_scales[tail.group(1)]
        return None


def _words_value(words: str) -> int:
    """The number that number words state; text2num stops at billions, so a trillion
    is read as the number before it times 10**12 plus the rest ("twenty-one trillion three
    hundred"). Raises ValueError when the words state no number."""
    head, sep, rest = words.partition(" trillion")
    if not sep:
        return text2num(words, "en")
    rest = rest.strip()
    if rest.startswith("and "):
        rest = rest[4:]
    return text2num(head or "one", "en") * 10 ** 12 + (text2num(rest, "en") if rest else 0)


@functools.cache
def _patterns() -> _Patterns:
    return _Patterns(load_vocabulary())


# --- scanning -----------------------------------------------------------------------

_NUMBER_SIGNS = frozenset({"No", "No.", "NO", "NO.", "no.", "Nos.", "nos.", "Nr", "Nr.", "#", "№"})
_CURRENCIES = frozenset({"UAH", "USD", "EUR", "$", "€", "£", "₴"})
_DASHES = frozenset({"-", "–", "—", "and", "or", "to", "&"})


def _left_tokens(text: str, s: int, n: int = 4) -> list[str]:
    """Up to n whitespace-separated tokens before offset s, nearest last."""
    lo = max(0, s - 12 * n)
    toks = text[lo:s].split()
    if lo > 0 and toks and not text[lo - 1].isspace() and not text[lo].isspace():
        toks = toks[1:]  # cut mid-word
    return toks[-n:]


def _is_month(P: _Patterns, tok: str) -> bool:
    return tok.rstrip(".") in P.months


def _dropped(text: str, s: int, e: int, P: _Patterns) -> bool:
    """True when the amount at text[s:e] counts nothing: a unit, a date, a label, an age."""
    if P.right_unit.match(text, e) or P.right_month.match(text, e) or P.right_street.match(text, e):
        return True
    toks = _left_tokens(text, s)
    if not toks:
        return False
    t1 = toks[-1]
    glued = s > 0 and not text[s - 1].isspace()
    if not glued:
        low1 = t1.lower()
        if (t1 in _NUMBER_SIGNS or t1 in _CURRENCIES or low1 in P.label_nouns
                or low1.rstrip(",") in P.street_words
                or (_is_month(P, t1) and not _ends_sentence(t1))
                or low1 in P.age_words or t1.rstrip("-") in P.designations):
            return True                       # No. 40, building 5, October 10, aged 42, Kh 101
        if len(toks) >= 2 and " ".join(toks[-2:]).lower() in P.age_words:
            return True                       # age of 42
        if len(toks) >= 3 and t1 in _DASHES:
            if P.day_number.fullmatch(toks[-2]) and _is_month(P, toks[-3]):
                return True                   # July 6 and 7
            if ((toks[-2].isdigit() or toks[-2].lower() in P.v.cardinals)
                    and toks[-3].lower() in P.age_words):
                return True                   # aged eight and 14
    who = t1.rstrip(",(")
    if who != t1 or t1 == "(":
        if not who and len(toks) >= 2:
            who = toks[-2]
        if P.person_right.match(text, e) and (
                who.lower() in P.person_nouns
                or (t1.endswith(",") and who[:1].isupper() and who.isalpha()
                    and _small(text[s:e]) and text[e:e + 1] == ",")):
            return True                       # a woman, 67, ... / Olena, 62, ... / a man (45)
    return False


def _ends_sentence(token: str) -> bool:
    """"October." ends a sentence; "Jan." is an abbreviation that a day follows."""
    return token[-1:] in "!?;:" or (token.endswith(".") and len(token.rstrip(".")) > 4)


def _small(number: str) -> bool:
    """Digits that could be an age."""
    return number.isdigit() and int(number) <= 120


def _is_year(text: str, sm: re.Match, phrase: bool, P: _Patterns) -> bool:
    n = sm.group("num")
    if len(n) != 4 or not n.isdigit() or not 1800 <= int(n) <= 2100:
        return False
    toks = _left_tokens(text, sm.start("num"), 1)
    if toks and toks[-1].lower() in P.year_before:
        return True
    return not phrase and bool(P.year_right.match(text, sm.end("num")))


def _is_pronoun_one(text: str, sm: re.Match, P: _Patterns) -> bool:
    if sm.group("num").lower() != "one":
        return False
    toks = _left_tokens(text, sm.start("num"), 1)
    return bool((toks and toks[-1].lower() in P.one_before) or P.one_right.match(text, sm.end()))


def _after_change_verb(text: str, s: int, P: _Patterns) -> bool:
    """"rose from 4 to 7": a change verb in the few words before "from"."""
    return any(t.lower().strip(",") in P.change_verbs for t in _left_tokens(text, s, 4))


def _single(text: str, sm: re.Match, phrase: bool, P: _Patterns) -> QuantityMention | None:
    value = P.value(sm.group("num"))
    if value is None or _dropped(text, sm.start(), sm.end(), P):
        return None
    pre, post = sm.group("pre"), sm.group("post")
    bare = pre is None and post is None
    if bare and (_is_year(text, sm, phrase, P) or _is_pronoun_one(text, sm, P)):
        return None
    if pre is not None:
        qual = P.v.before[_norm(pre)]
    elif post is not None:
        qual = P.v.after[_norm(post)]
    else:
        qual = "exact"
    return QuantityMention(sm.start(), sm.end(), sm.start("num"), sm.end("num"),
                           quantity(value, qual), bare)


def _range_bounds(m: re.Match, P: _Patterns) -> tuple[int, int] | None:
    t1, t2 = m.group("num"), m.group("r2")
    v1, v2 = P.value(t1), P.value(t2)
    if v1 is None or v2 is None:
        return None
    tail2 = P.scale_tail.search(_norm(t2))
    if tail2 and not P.scale_tail.search(_norm(t1)):
        # "two to three thousand": the scale word governs both ends
        mul = P.v.multiplier_scales[tail2.group(1).lower()]
        if v1 < v2 // mul:
            v1 *= mul
    return (v1, v2) if v1 < v2 else None


def _is_year_range(m: re.Match) -> bool:
    return all(len(g) == 4 and g.isdigit() and 1900 <= int(g) <= 2100
               for g in (m.group("num"), m.group("r2")))


def _scan(text: str, start: int, end: int, phrase: bool, folded: str | None = None) -> list[QuantityMention]:
    if folded is None:
        folded = fold(text)
    P = _patterns()
    out: list[QuantityMention] = []

    def single_at(pos: int) -> None:
        sm = P.single.match(folded, pos, end)
        mention = _single(text, sm, phrase, P) if sm else None
        if mention:
            out.append(mention)

    pos = start
    while pos < end:
        m = P.master.search(folded, pos, end)
        if m is None:
            break
        pos = m.end()
        if m.group("vague") is not None:
            low, takes_of = P.v.vague[_norm(m.group("vague"))]
            e = m.end() if takes_of else m.end("vague")
            pos = e
            if not _dropped(text, m.start(), e, P):
                out.append(QuantityMention(m.start(), e, m.start("vague"), m.end("vague"),
                                           quantity(None, Qualifier.vague, low), False))
        elif m.group("r2") is not None:
            sep = m.group("rs").strip().lower()
            opener = (m.group("ro") or "").lower()
            bounds = _range_bounds(m, P)
            if bounds and _is_year_range(m):
                continue  # "between 2014 and 2022": years
            valid = (bounds is not None and not (sep == "and" and opener != "between")
                     and not (sep == "or" and opener))
            if valid and opener == "from" and _after_change_verb(text, m.start(), P):
                valid = False  # "rose from 4 to 7": two tolls, not a range
            if valid:
                if not _dropped(text, m.start(), m.end(), P):
                    out.append(QuantityMention(
                        m.start(), m.end(), m.start("num"), m.end("r2"),
                        quantity(None, Qualifier.range, bounds[0], bounds[1]), False))
                continue
            # not a range: the first number on its own, then go on from the second
            single_at(m.start("num") if opener else m.start())
            pos = m.start("r2")
        elif m.group("ro") is not None:
            single_at(m.start("num"))  # "from 40 drones": "from" is no qualifier
        else:
            mention = _single(text, m, phrase, P)
            if mention:
                out.append(mention)
    return out


def find_quantities(text: str, start: int = 0, end: int | None = None,
                    folded: str | None = None) -> list[QuantityMention]:
    """Every amount stated in text[start:end], in order, with offsets into `text`
    (``folded``: the text folded, if the caller has it).


    A text written mostly in Cyrillic is read by the Ukrainian and Russian reader
    (quantities_cyrillic), any other by the English one.
    """
    end = len(text) if end is None else min(end, len(text))
    if mostly_cyrillic(text[start:min(end, start + 2000)]):
        return find_cyrillic_quantities(text, start, end)
    return _scan(text, start, end, phrase=False, folded=folded)


@annotator("quantities", reads=("text", "folded", "language", "sentences", "skipped"),
           assigns=("quantities",))
def find_amounts(doc: Document) -> None:
    """The amounts of every sentence the figure reader reads (none for skipped ones): a
    Ukrainian or Russian report's by the Cyrillic reader, any other's by the English one."""
    text, folded = doc.text, doc.folded
    if doc.language in (Language.uk, Language.ru):
        doc.quantities = [[] if i in doc.skipped else find_cyrillic_quantities(text, s.start, s.end)
                          for i, s in enumerate(doc.sentences)]
        return
    doc.quantities = [[] if i in doc.skipped else _scan(text, s.start, s.end, False, folded)
                      for i, s in enumerate(doc.sentences)]


def parse_quantity(text: str) -> Quantity | None:
    """Read one quantity phrase ("over thirty", "10-15", "dozens of"); None if it has none.

    The first amount in the text wins. A bare four-digit number reads as a count here
    ("2000"), unless a word like "in" or "since" makes it a year. A phrase with Cyrillic
    words is read as Ukrainian or Russian ("понад 40", "близько сотні").
    """
    if CYRILLIC.search(text):
        found = find_cyrillic_quantities(text)
        return found[0].quantity if found else None
    P = _patterns()
    text = _phrase_form(text, P)
    found = _scan(text, 0, len(text), phrase=True)
    if not found or _not_a_count(text, found[0], P):
        return None
    first = found[0]
    if len(found) > 1:
        joined = _joined_bounds(text, first, found[1])
        if joined is not None:
            return joined
    return _qualified_after(text, first, P) or first.quantity


# --- a phrase on its own ----------------------------------------------------------------
# What parse_quantity reads and find_quantities does not: running text never says "10k",
# "hundred fifteen" or "greater than 100 and smaller than 300" about a count, and reading
# them there would misread "50m from the building" or "5 and more were injured".

_LOWER = frozenset({"at_least", "more_than"})
_UPPER = frozenset({"at_most", "less_than"})
_TENS = "twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_RUN_TOGETHER = re.compile(rf"\b({_TENS})({_UNITS})\b", re.IGNORECASE)
_SCALE_FIRST = re.compile(r"^(\s*)(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_DIGITS_AND_SCALES = re.compile(r"\d\s+(?:hundred|thousand|million|billion)\s+(?:and\s+)?\d", re.IGNORECASE)
_SMALL_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,])")
_NEAR = 20  # characters either side of a phrase's number that can make it no count
_JOIN = re.compile(r"\s*(?:,\s*(?:and|but)?|and|but|yet)\s*$", re.IGNORECASE)


def _phrase_form(text: str, P: _Patterns) -> str:
    """A phrase with its shorthand spelt out: "10k" -> "10000", "2.33 k" -> "2330",
    "twentyone" -> "twenty one", "hundred fifteen" -> "one hundred fifteen"."""
    if P.suffix is not None:
        text = P.suffix.sub(lambda m: _suffixed(m, P), text)
    text = _RUN_TOGETHER.sub(r"\1 \2", text)
    if _DIGITS_AND_SCALES.search(text):  # "3 hundred and 21", "4 thousand 3 hundred"
        text = _SMALL_DIGITS.sub(lambda m: _spelt(int(m.group(0))), text)
    text = P.point_scale.sub(lambda m: _point(m, P), text)  # "two point two million"
    return _SCALE_FIRST.sub(r"\1one \2", text)


def _spelt(n: int) -> str:
    """0 <= n < 1000 in words, for text2num to read with the scale words around it."""
    ones = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen").split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    words = []
    if n >= 100:
        words += [ones[n // 100], "hundred"]
        n %= 100
        if not n:
            return " ".join(words)
    words.append(ones[n] if n < 20 else tens[n // 10] + ("" if n % 10 == 0 else " " + ones[n % 10]))
    return " ".join(words)


def _point(m: re.Match, P: _Patterns) -> str:
    whole, tenth = P.v.cardinals.get(m.group(1).lower()), P.v.cardinals.get(m.group(2).lower())
    if whole is None or tenth is None or tenth > 9:
        return m.group(0)
    return f"{whole}.{tenth} {m.group(3)}"


def _suffixed(m: re.Match, P: _Patterns) -> str:
    number = float(m.group("n")) * P.v.suffixes[m.group("s").lower()]
    return str(int(number)) if number == int(number) else m.group(0)


def _not_a_count(text: str, first: QuantityMention, P: _Patterns) -> bool:
    """A negative number, a fraction or decimal, or an ordinal: the phrase counts nothing
    ("minus fifteen", "two thirds", "1 point 1", "one over three", "two hundredth")."""
    # next to the number only: "killed 40 people on the second day" still counts 40
    near = text[max(0, first.start - _NEAR):first.start] + " " + text[first.end:first.end + _NEAR]
    return bool(P.not_a_count.search(near) or P.negative_sign.search(text[:first.num_start])
                or P.decimal.search(near) or P.slash.search(text, max(0, first.start - _NEAR),
                                                             first.end + _NEAR))


def _qualified_after(text: str, first: QuantityMention, P: _Patterns) -> Quantity | None:
    """ "five hundred and more", "less than 5000 or equal": a qualifier after the number."""
    m = P.phrase_after.match(text, first.end) if P.phrase_after is not None else None
    if m is None:
        return None
    said, q = first.quantity.qualifier, P.v.phrase_after[_norm(m.group(1))]
    if "equal" in m.group(1).lower():
        q = {"more_than": "at_least", "less_than": "at_most"}.get(said)
        if q is None:
            return None
    elif said != "exact":
        return None
    return quantity(first.quantity.value, q)


def _joined_bounds(text: str, a: QuantityMention, b: QuantityMention) -> Quantity | None:
    """ "greater than 100 and smaller than 300", "at most 100 and at least 20": a range."""
    qa, qb = a.quantity, b.quantity
    if not _JOIN.match(text[a.end:b.start]):
        return None
    if qa.qualifier in _LOWER and qb.qualifier in _UPPER:
        low, high = qa.low, qb.high
    elif qa.qualifier in _UPPER and qb.qualifier in _LOWER:
        low, high = qb.low, qa.high
    else:
        return None
    if low is None or high is None or low >= high:
        return None
    return quantity(None, Qualifier.range, low, high)


def carry_qualifier(text: str, mentions: list[QuantityMention]) -> list[QuantityMention]:
    """Let a qualifier govern a plain list: "some 500 drones and 40 missiles" -> both approx.

    A bare amount takes the bounded qualifier (approx, nearly, at least, ...) of the amount
    before it when only a few noun-like words and one plain coordination (" and ", ", ",
    ", and ") lie between them: never across a sentence, a clause mark or a verb
    ("at least 4 killed and 12 injured" keeps 12 exact). A single item (1) never
    takes a qualifier over. The chain continues along a list.
    """
    P = _patterns()
    out: list[QuantityMention] = []
    prev: QuantityMention | None = None
    for m in mentions:
        if (prev is not None and m.bare and m.quantity.value not in (None, 1)
                and prev.quantity.qualifier in _BOUNDED and prev.end <= m.start
                and _coordinated(text[prev.end:m.start], P)):
            m = replace(m, quantity=quantity(m.quantity.value, prev.quantity.qualifier),
                        carried=True)
        out.append(m)
        prev = m
    return out


def _coordinated(gap: str, P: _Patterns) -> bool:
    if len(gap) > 80 or P.gap_break.search(gap):
        return False
    words = gap.split()
    if words and words[-1].lower() in ("and", "&"):
        words.pop()
        if words and words[-1].endswith(","):
            words[-1] = words[-1][:-1]
    elif words and words[-1].endswith(","):
        words[-1] = words[-1][:-1]
    else:
        return False
    if len(words) > 4 or any("," in w for w in words):
        return False
    stop = P.stop_words
    for w in words:
        if not P.word_token.fullmatch(w):
            return False
        low = w.lower()
        if low in stop:
            return False
        if w.islower() and len(w) > 4 and low.endswith(("ed", "ing")):
            return False  # a verb or participle: "killed", "including"
    return True
