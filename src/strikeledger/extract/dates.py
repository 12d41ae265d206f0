"""Publication and attack dates of a report.

The attack date is the local (Kyiv) calendar date of the attack; an attack that runs
overnight is dated by the morning it ends in (CONTRACT.md). Reports state it as explicit
dates ("early on Saturday, March 2", "on the night of 5 to 6 July", "28.11.2024"), as
weekdays ("Tuesday's strike") or relative to the time of writing ("overnight", "this
morning"), which are resolved against the publication date, or else against the reference date the
caller passes in (dateparser's RELATIVE_BASE): never against the clock, so that the
output does not depend on the day extraction runs.

Every date expression in the report is a candidate; each is scored by how tightly its
context ties it to the attack (a night/early/possessive construction, an attack verb in
its sentence, its place in the lede) and dropped where the context says it belongs to
something else ("since Dec. 29", "officials said on Wednesday", "after strikes on Jan. 1").
The vocabulary for all of this is data: ``data/<lang>/dates.json`` (a Ukrainian or Russian
report is read with its language's words beside the English ones: "у ніч на 28 вересня",
"в ночь на 28 сентября", "минулої доби"). Two annotators:
``header`` (the publication date a report states) and ``dates`` (every date mention,
and the attack date).
"""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.data import load, schemas
from strikeledger.data.forms import expand, expand_table
from strikeledger.extract.casefold import FoldedPattern, fold
from strikeledger.extract.document import Document, Header, annotator
from strikeledger.extract.furniture import BYLINE, CAPTION, NO_DATE, OTHER_STORY
from strikeledger.extract.language import detect_language
from strikeledger.extract.reporting import reporting_alternation
from strikeledger.extract.wordtrie import literal_atoms, trie_regex

__all__ = ["DateMention", "find_published", "header_date", "extract_attack_date",
           "read_header", "read_dates", "day_mentions"]

_CLOCK = r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"  # a 24-hour clock time: 05:30, 8:00

# The first year of the full-scale war: a weekday fixes a year-less date only in a year
# from here on that the report names.
_FIRST_YEAR = 2022
_WEEKDAY_YEARS = 7  # the years from _FIRST_YEAR in which a weekday may fix a year-less date
_HEADER_CHARS = 300
_HEADER_LINES = 3
# Candidates outside the lede (first paragraphs of the body) count only when their own
# context ties them to the attack: later paragraphs are full of earlier attacks.
_LEDE_PARAGRAPHS = 2
# Bylines and datelines state their date bare; "on 12 March 2023" in a line is prose.
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|of|since|by|from|until|after|before|to)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]  # day numbers in words: "the fourteenth of March"
    holidays: dict[str, tuple[int, int]]
    relative: dict[str, int]
    attack_word: FoldedPattern
    attack_noun: str
    strong_before: FoldedPattern
    reject_before: FoldedPattern
    reject_after: FoldedPattern
    reporting_before: FoldedPattern
    # compiled expression patterns
    header: re.Pattern
    stamp: FoldedPattern
    full_date: FoldedPattern
    explicit: FoldedPattern
    night_range: FoldedPattern
    day_pair: FoldedPattern
    night_weekday: FoldedPattern
    weekday: FoldedPattern
    relative_re: FoldedPattern
    holiday_re: FoldedPattern
    month_year: FoldedPattern
    year_words: dict[str, int]
    year_words_re: FoldedPattern
    numeric: re.Pattern
    iso: re.Pattern
    year_re: re.Pattern
    time_words: FoldedPattern | None = None
    now_words: FoldedPattern | None = None


def _words(items: list[str]) -> str:
    """Phrases as one trie regex (longest first): a scan then costs a step or two per word."""
    return trie_regex(literal_atoms(w) for w in sorted(set(items)))


# The language whose date words the report being read is read with (besides the English):
# set by the annotators and find_published for the length of their call, so that the
# helpers below need not pass it along; an English report never compiles the others' words.
_LANG: ContextVar[str] = ContextVar("dates_language", default="en")
# the languages with a dates.json of their own
_DATE_LANGUAGES = ("en", "uk", "ru")


@contextmanager
def _reading(lang: str):
    token = _LANG.set(lang if lang in _DATE_LANGUAGES else "en")
    try:
        yield
    finally:
        _LANG.reset(token)


def _doc_lang(doc: Document) -> str:
    return doc.language.value if doc.language is not None else "en"


def _vocab() -> _Vocab:
    return _vocab_of(_LANG.get())


def _merged(lang: str) -> dict:
    """en/dates.json, with ``lang``'s date words beside the English ones ("~" expanded)."""
    raw = load("en/dates.json", schemas.Dates).model_dump(mode="json")
    if lang == "en":
        return raw
    own = load(f"{lang}/dates.json", schemas.Dates).model_dump(mode="json")
    for key, value in own.items():
        if key == "doc":
            continue
        if isinstance(value, dict):
            raw[key] = {**raw[key], **expand_table(lang, value)}
        else:
            raw[key] = list(raw[key]) + expand(lang, value)
    return raw


@lru_cache(maxsize=None)
def _vocab_of(lang: str) -> _Vocab:
    raw = _merged(lang)

    months = {k.lower(): v for k, v in raw["months"].items()}
    weekdays = {k.lower(): v for k, v in raw["weekdays"].items()}
    mon = rf"(?:{_words(list(months))})\.?"
    wd = rf"(?:{_words(list(weekdays))})\.?"
    ordinals = {k.lower(): v for k, v in raw["day_ordinals"].items()}
    digits = r"[0-3]?\d(?:st|nd|rd|th)?"
    ordinal = _words(list(ordinals))
    # a day in words only where "of" ties it to a month: "the fourteenth of March"
    day = rf"(?:{digits}|(?:{ordinal})(?=\s+of\s))"
    year = r"(?:19|20)\d\d"
    m_ = lambda g: rf"(?P<{g}>{mon})"  # noqa: E731
    d_ = lambda g: rf"(?P<{g}>{day})"  # noqa: E731
    dmy = rf"{d_('d1')}\s+(?:of\s+)?{m_('m1')}(?:,?\s+(?P<y1>{year}))?"
    mdy = rf"{m_('m2')}\s+(?P<d2>{digits})(?!\d)(?:,?\s+(?P<y2>{year}))?"
    full_dmy = rf"{d_('d1')}\s+{m_('m1')},?\s+(?P<y1>{year})"
    full_mdy = rf"{m_('m2')}\s+(?P<d2>{digits}),?\s+(?P<y2>{year})"
    numeric = r"(?<![\d.])(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)(?![\d])"
    iso = r"(?<![\d-])(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d])"
    flags = re.IGNORECASE
    fp = FoldedPattern
    return _Vocab(
        months=months,
        weekdays=weekdays,
        ordinals=ordinals,
        holidays={k.lower(): (v[0], v[1]) for k, v in raw["holidays"].items()},
        relative={k.lower(): v for k, v in raw["relative_days"].items()},
        attack_word=fp(rf"\b(?:{_words(raw['attack_words'])})\b", flags),
        attack_noun=_words(raw["attack_nouns"]),
        strong_before=fp(rf"\b(?:{_words(raw['strong_before'])})\s+(?:on\s+)?(?:the\s+)?$", flags),
        reject_before=fp(rf"\b(?:{_words(raw['reject_before'])})\b", flags),
        reject_after=fp(rf"^\W*(?:\w+\W+){{0,6}}?(?:{_words(raw['reject_after'])})\b", flags),
        reporting_before=fp(
            rf"\b(?:{reporting_alternation()}|{_words(raw['event_verbs'])})\s+(?:(?:late|early|later)\s+)?(?:on\s+)?$",
            flags),
        header=re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*\n?"),
        stamp=fp(rf"\b(?:Updated|Published|Posted|Last updated)(?:\s+on)?:?\s+(?:{wd},?\s+)?"
                         rf"(?:{full_dmy}|{full_mdy}|{numeric})", flags),
        full_date=fp(rf"(?:(?P<wd>{wd}),?\s+)?(?:{full_dmy}|{full_mdy})|{numeric}|{iso}", flags),
        explicit=fp(rf"\b(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?:{dmy}|{mdy})\b", flags),
        night_range=fp(
            rf"\bnight\s+(?:of|from)\s+(?:the\s+)?(?:(?:{wd}),?\s+)?(?:(?P<a1>{digits}|{ordinal})(?:\s+(?:of\s+)?{m_('am1')})?|{m_('am2')}\s+(?P<a2>{digits}))"
            rf"\s*(?:to|into|-|–|/|and)\s*(?:the\s+)?(?:(?:{wd}),?\s+)?(?:(?P<b1>{day})\s+(?:of\s+)?{m_('bm1')}|{m_('bm2')}\s+(?P<b2>{digits})|(?P<b3>{digits}))"
            rf"(?:,?\s+(?P<ny>{year}))?", flags),
        # "Feb 2-3", "6-7 March": a night written as two consecutive days
        day_pair=fp(
            rf"\b(?:{m_('pm1')}\s+{d_('p1')}\s*[-–/]\s*{d_('p2')}|{d_('p3')}\s*[-–/]\s*{d_('p4')}\s+{m_('pm2')})"
            rf"(?![\w-])(?:,?\s+(?P<py>{year}))?", flags),
        night_weekday=fp(
            rf"\b(?:overnight|night)\s+(?:of\s+(?:{wd})\s+)?(?:into|to|until)\s+(?P<wd>{wd})", flags),
        weekday=fp(rf"\b(?P<wd>{wd})(?![\w.])", flags),
        relative_re=fp(rf"\b(?P<rel>{_words(list(raw['relative_days']))})\b", flags),
        holiday_re=fp(rf"\b(?P<hol>{_words(list(raw['holidays']))})\b", flags),
        month_year=fp(rf"\b(?:in|during|of)\s+(?:early\s+|late\s+|mid-?)?(?P<m>{mon})\s+(?P<y>{year})\b", flags),
        year_words={" ".join(k.split()): v for k, v in raw["year_words"].items()},
        year_words_re=fp(rf"\b(?:{_words(list(raw['year_words']))})\b", flags),
        numeric=re.compile(numeric),
        iso=re.compile(iso),
        year_re=re.compile(r"\b(20[12]\d)\b"),
        # a clock time ("At about 05:30, the occupiers struck"; "Update, 08:00") says when
        # as plainly as "this morning" does, in any language
        time_words=fp(rf"\b(?:{_words(raw['time_words'])}|{_CLOCK})(?!\w)", flags) if raw["time_words"] else None,
        now_words=fp(rf"\b(?:{_words(raw['now_words'])})(?!\w)", flags) if raw["now_words"] else None,
    )


def _month(name: str | None) -> int | None:
    if not name:
        return None
    return _vocab().months.get(name.lower().rstrip("."))


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(s: str) -> int:
    """A day of the month as digits ("14th") or in words ("fourteenth")."""
    if s[:1].isdigit():
        return int(re.match(r"\d+", s).group(0))
    return _vocab().ordinals.get(re.sub(r"[\s-]+", "-", s.lower()), 0)


def _date_from_match(m: re.Match) -> dt.date | None:
    """A full (year-bearing) date from a match of ``full_date`` or ``stamp``."""
    g = m.groupdict()
    if g.get("nd"):
        return _make(int(g["ny"]), int(g["nm"]), int(g["nd"]))
    if g.get("iy"):
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("d1"):
        return _make(int(g["y1"]), _month(g["m1"]), _day(g["d1"]))
    if g.get("d2"):
        return _make(int(g["y2"]), _month(g["m2"]), _day(g["d2"]))
    return None


# --- publication date -------------------------------------------------------------

def header_date(text: str) -> tuple[dt.date | None, int]:
    """The ``date YYYY-MM-DD`` header of a report and the offset where its body starts.

    Without a (valid) header the body starts at 0 and the date is None.
    """
    m = _vocab().header.match(text)
    if not m:
        return None, 0
    try:
        return dt.date.fromisoformat(m.group(1)), m.end()
    except ValueError:
        return None, 0


def _text_years(text: str, folded: str, furniture=None) -> list[int]:
    """The years a report names (in digits or words), most named first, then latest; the
    years of a teaser or an illustration (``furniture``) are another story's."""
    v = _vocab()
    ours = (lambda pos: True) if furniture is None else (lambda pos: furniture.at(pos) not in OTHER_STORY)
    years = [int(m.group(1)) for m in v.year_re.finditer(text) if ours(m.start())]
    years += [v.year_words[" ".join(m.group().split())] for m in v.year_words_re.finditer(folded)
              if ours(m.start())]
    counts: dict[int, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], -y))


@annotator("header", reads=("text", "folded", "language", "given_published", "reference", "furniture"),
           assigns=("header", "published"))
def read_header(doc: Document) -> None:
    """The publication date a report states for itself, and where its body starts."""
    with _reading(_doc_lang(doc)):
        _read_header(doc)


def _read_header(doc: Document) -> None:
    _, body = header_date(doc.text)
    stated, spans = _published_spans(doc.text, doc.folded, _text_years(doc.text, doc.folded, doc.furniture),
                                     doc.reference)
    if stated is None and doc.furniture is not None:
        stated, spans = _byline_date(doc, spans)
    doc.header = Header(body=body, stated=stated, spans=tuple(spans))
    doc.published = doc.given_published or stated


def _published_spans(text: str, folded: str, text_years: list[int],
                     reference: dt.date | None = None) -> tuple[dt.date | None, list[tuple[int, int]]]:
    v = _vocab()
    hdr, body = header_date(text)
    spans: list[tuple[int, int]] = []
    if hdr is not None:
        spans.append((0, body))
    # An "Updated" stamp wins over any older date given in the header.
    stamps = [(when, m) for m in v.stamp.finditer(folded, body, min(len(text), body + 2 * _HEADER_CHARS))
              if (when := _date_from_match(m))]
    if stamps:
        when, _ = max(stamps, key=lambda wm: wm[0])
        return when, spans + [(m.start(), m.end()) for _, m in stamps]
    if hdr is not None:
        return hdr, spans
    # A byline or dateline: only in the first few lines, and only where the line is a
    # header (short) or the date opens the line / precedes a dateline dash.
    pos, seen = body, 0
    limit = min(len(text), body + _HEADER_CHARS)
    while pos < limit and seen < _HEADER_LINES:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip():
            seen += 1
            dash = re.search(r"\s[—–]\s|\s--\s|\(\w+\)\s*[—–-]", line)
            scope = len(line) if len(line) <= 160 else (dash.start() if dash else 60)
            for m in v.full_date.finditer(folded, pos, pos + scope):
                when = _date_from_match(m)
                if when and not _PREPOSITION_BEFORE.search(text, pos, m.start()):
                    return when, spans + [(m.start(), m.end())]
            if dash:
                # a wire dateline without a year, "KYIV, Jan 8 —": the year only when
                # the report fixes it (a weekday in the lede, a year it mentions)
                for m in v.explicit.finditer(folded, pos, pos + dash.start()):
                    when = _yearless_dateline(text, folded, m, text_years, reference)
                    if when:
                        return when, spans + [(m.start(), m.end())]
        if nl < 0:
            break
        pos = nl + 1
    return None, spans


def _caption_date(doc: Document, lede_end: int) -> tuple[float, int, DateMention] | None:
    """The date of a photo caption near the top, for a report that dates itself nowhere
    else (a caption's date never overrides a header, a byline or the text)."""
    for c in doc.date_mentions:
        if c.start < lede_end and c.precision == "day" and c.specificity >= 0.6 and \
                doc.furniture is not None and doc.furniture.at(c.start) == CAPTION:
            return 0.0, c.start, c
    return None


def _headline_end(text: str, body: int) -> int:
    """The end of the first line of the report's body: its headline."""
    while body < len(text) and text[body].isspace():
        body += 1
    nl = text.find("\n", body)
    return len(text) if nl < 0 else nl


def _says_when(doc: Document, start: int | None = None, end: int | None = None, now: bool = False) -> bool:
    """Whether the report's own text (not its header or page furniture), or its stretch
    [start, end), has a word that says when the attack was ("night", "this morning");
    ``now``: a word that puts it on the publication day ("overnight", "this morning")."""
    v = _vocab()
    words = v.now_words if now else v.time_words
    if words is None:
        return not now
    start = doc.header.body if start is None else start
    for m in words.finditer(doc.folded, start, len(doc.text) if end is None else end):
        if doc.furniture is None or doc.furniture.at(m.start()) not in NO_DATE:
            return True
    return False


_BYLINE_REACH = 2000  # a byline below the menus: the first characters of the page


def _byline_date(doc: Document, spans: list[tuple[int, int]]) -> tuple[dt.date | None, list[tuple[int, int]]]:
    """The date of the first byline or time stamp that page furniture found near the top
    ("By Olena Marchenko / 14 February 2025, 08:35" under a menu): the publication date."""
    v = _vocab()
    for f in doc.furniture.spans:
        if f.start > _BYLINE_REACH:
            break
        if f.kind != BYLINE:
            continue
        for m in v.full_date.finditer(doc.folded, f.start, f.end):
            when = _date_from_match(m)
            if when:
                return when, spans + [(m.start(), m.end())]
    return None, spans


def _yearless_dateline(text: str, folded: str, m: re.Match, text_years: list[int],
                       reference: dt.date | None) -> dt.date | None:
    v = _vocab()
    g = m.groupdict()
    month, day = (_month(g["m1"]), g["d1"]) if g["d1"] else (_month(g["m2"]), g["d2"])
    if month is None or g.get("y1") or g.get("y2"):
        return None
    wd = v.weekday.search(folded, m.end(), min(len(text), m.end() + 400))
    if wd and text[wd.start("wd")].isupper():
        return _resolve_year(month, _day(day), None, v.weekdays[wd.group("wd").lower().rstrip(".")],
                             None, text_years, reference)
    return _make(text_years[0], month, _day(day)) if text_years else None


def find_published(text: str, reference: dt.date | None = None) -> dt.date | None:
    """The publication date a report states for itself (header, stamp, byline, dateline)."""
    folded = fold(text)
    language = detect_language(text)
    with _reading(language.value if language is not None else "en"):
        return _published_spans(text, folded, _text_years(text, folded), reference)[0]


# --- attack date --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text names, resolved: "on 6 August", "Tuesday's strike", "overnight"."""

    start: int
    end: int
    date: dt.date
    precision: str
    specificity: float  # explicit dates beat weekdays beat "overnight"
    strong: bool  # the expression itself ties it to the attack (night of, X's strike)


def _weekday_on_or_before(ref: dt.date, weekday: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _resolve_year(month: int, day: int, year: int | None, weekday: int | None,
                  ref: dt.date | None, text_years: list[int],
                  reference: dt.date | None = None) -> dt.date | None:
    """A year-less date: the year of the publication date ``ref`` (the year before, for a
    date more than a day after it); without one, the year a weekday fixes, the latest
    from 2022 on, not after the year of the ``reference`` date, preferring a year the
    report names; else the year the report names most."""
    if year:
        return _make(year, month, day)
    if ref is not None:
        when = _make(ref.year, month, day)
        if when and when > ref + dt.timedelta(days=1):
            # "Dec. 29" in a report from January: the previous year
            when = _make(ref.year - 1, month, day)
        return when
    if weekday is not None:
        # without a reference date, only a year the report names can be the latest
        last = reference.year + 1 if reference is not None else max(text_years, default=0)
        years = [y for y in range(_FIRST_YEAR, last + 1)
                 if (d := _make(y, month, day)) and d.weekday() == weekday]
        for y in text_years:
            if y in years:
                return _make(y, month, day)
        past = [y for y in years if reference is not None and y <= reference.year]
        if past:
            return _make(past[-1], month, day)
        if reference is None and not text_years:
            # nothing names a year: "Sunday, November 17" fixes one in the war's first
            # years when only one of them has that weekday on that day (never the clock)
            fits = [y for y in range(_FIRST_YEAR, _FIRST_YEAR + _WEEKDAY_YEARS)
                    if (d := _make(y, month, day)) and d.weekday() == weekday]
            if len(fits) == 1:
                return _make(fits[0], month, day)
        return None
    if text_years:
        return _make(text_years[0], month, day)
    return None


def _candidates(text: str, folded: str, body: int, ref: dt.date | None,
                skip: tuple[tuple[int, int], ...], text_years: list[int],
                reference: dt.date | None = None) -> list[DateMention]:
    """Every date expression of the text; an expression inside one found before (a more
    specific pattern runs first) or inside the stated publication date is left out.

    ``ref`` is the publication date; relative expressions ("overnight", "on Tuesday") are
    read against it, else against the ``reference`` date."""
    v = _vocab()
    out: list[DateMention] = []
    # the characters already taken, one flag each: a look-up costs the length of a match
    taken = bytearray(len(text) + 1)
    for a, b in skip:
        taken[a:b] = b"\x01" * (b - a)

    def add(m: re.Match | tuple[int, int], when: dt.date | None, precision: str, spec: float,
            strong: bool = False) -> None:
        s, e = (m.start(), m.end()) if isinstance(m, re.Match) else m
        if when is None or any(taken[s:e]):
            return
        taken[s:e] = b"\x01" * (e - s)
        out.append(DateMention(s, e, when, precision, spec, strong))

    for m in v.night_range.finditer(folded, body):
        g = m.groupdict()
        month = _month(g["bm1"] or g["bm2"] or g["am1"] or g["am2"])
        day = g["b1"] or g["b2"] or g["b3"]
        if month is None:
            continue
        # "night of 31 December to 1 January": the second date, its own month
        when = _resolve_year(month, _day(day), int(g["ny"]) if g["ny"] else None, None, ref, text_years, reference)
        add(m, when, "day", 0.6, strong=True)
    for m in v.day_pair.finditer(folded, body):
        g = m.groupdict()
        first, second = (_day(g["p1"]), _day(g["p2"])) if g["p1"] else (_day(g["p3"]), _day(g["p4"]))
        month = _month(g["pm1"] or g["pm2"])
        if month is None or second != first + 1:
            continue  # "22-28 August" is a period, not a night
        when = _resolve_year(month, second, int(g["py"]) if g["py"] else None, None, ref, text_years, reference)
        add(m, when, "day", 0.6, strong=True)
    for pat in (v.numeric, v.iso):
        for m in pat.finditer(text, body):
            g = m.groupdict()
            when = (_make(int(g["ny"]), int(g["nm"]), int(g["nd"])) if "nd" in g
                    else _make(int(g["iy"]), int(g["im"]), int(g["id"])))
            add(m, when, "day", 0.6)
    for m in v.explicit.finditer(folded, body):
        g = m.groupdict()
        if g["d1"]:
            month, day, year = _month(g["m1"]), _day(g["d1"]), g["y1"]
        else:
            month, day, year = _month(g["m2"]), _day(g["d2"]), g["y2"]
        if month is None or not 1 <= day <= 31:
            continue
        wd = v.weekdays.get(g["wd"].lower().rstrip(".")) if g["wd"] else None
        when = _resolve_year(month, day, int(year) if year else None, wd, ref, text_years, reference)
        add(m, when, "day", 0.6 if year else 0.5)
    for m in v.holiday_re.finditer(folded, body):
        month, day = v.holidays[re.sub(r"\s+", " ", m.group("hol").lower())]
        add(m, _resolve_year(month, day, None, None, ref, text_years, reference), "day", 0.5, strong=True)
    base = ref or reference
    if base is not None:
        for m in v.night_weekday.finditer(folded, body):
            wd = v.weekdays[m.group("wd").lower().rstrip(".")]
            add(m, _weekday_on_or_before(base, wd), "day", 0.3, strong=True)
        for m in v.weekday.finditer(folded, body):
            if text[m.start("wd")].islower():
                continue  # "sat", "sun", "wed" as ordinary words
            wd = v.weekdays[m.group("wd").lower().rstrip(".")]
            when = _weekday_on_or_before(base, wd)
            if _NIGHT_AFTER.match(folded, m.end()) and when < base and not _EVENING_CLOCK.search(
                    folded, m.end(), m.end() + 300):
                when += dt.timedelta(days=1)  # "on Saturday night": the night ends on Sunday
            add(m, when, "day", 0.3)
        for m in v.relative_re.finditer(folded, body):
            off = v.relative[re.sub(r"\s+", " ", m.group("rel").lower())]
            add(m, base + dt.timedelta(days=off), "day", 0.0)
    for m in v.month_year.finditer(folded, body):
        when = _make(int(m.group("y")), _month(m.group("m")), 1)
        add(m, when, "month", -1.0)
    return out


_WINDOW_END = re.compile(r"\b(?:until|till|to|and)\s+(?:the\s+)?(?:(?:early\s+)?morning\s+(?:of|on)\s+|"
                         r"(?:dawn|daybreak|sunrise)\s+(?:on|of)\s+|\d{1,2}[:.]\d{2}\s+(?:on\s+)?)$",
                         re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|is\s+due\s+to|are\s+due\s+to|plans?\s+to)\b[^.;]{0,40}$", re.IGNORECASE)
_BY_THEN = re.compile(r"(?:^|[.;:]\s+|\n\s*)(?:By|As\s+of)\s+$")
_WINDOW_FROM = re.compile(r"\b(?:from|since|between|began|started|starting)\b", re.IGNORECASE)
_WINDOW_TO = re.compile(r"[^.;]{0,40}?\b(?:until|till|to|and)\s+(?:the\s+|this\s+)?(?:(?:early\s+)?morning|"
                        r"dawn|daybreak|sunrise|\d{1,2}[:.]\d{2})", re.IGNORECASE)


_NIGHT_AFTER = re.compile(r"\s+night\b(?!\s+(?:of|to|into|before)\b)")
# "shortly before 10 p.m. on Tuesday": that night's strike was still on Tuesday
_EVENING_CLOCK = re.compile(r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*p\.?m\b|(?:1[89]|2[0-3])[:.][0-5]\d\b)")
_HEADLINE_BONUS = 0.5  # the headline dates the story; later paragraphs recall other days


# what may stand before a date that heads its sentence: "On the morning of April 18, ..."
_HEADS = re.compile(r"\W*(?:(?:on|in|late)\s+)?(?:the\s+)?(?:(?:morning|night|evening|afternoon)\s+of\s+)?",
                    re.IGNORECASE)


def _score(text: str, folded: str, c: DateMention, sent: tuple[int, int], in_lede: bool,
           attack_sentence: bool) -> float | None:
    """How surely a candidate dates the report's attack; None when it dates something else.
    ``attack_sentence``: its sentence has an attack word."""
    v = _vocab()
    before = text[max(sent[0], c.start - 45):c.start]
    fbefore = folded[max(sent[0], c.start - 45):c.start]
    near = text[max(sent[0], c.start - 25):c.start]
    after = text[c.end:min(sent[1], c.end + 60)]
    # an overnight window "from 19:00 on 27 September until the morning of 28 September"
    # is dated by its end, the morning it ends in
    if _WINDOW_END.search(before):
        return 3.5 + c.specificity
    if _WINDOW_FROM.search(near) and _WINDOW_TO.match(after):
        return None
    if v.reject_before.search(fbefore) or v.reporting_before.search(fbefore):
        return None
    if _BY_THEN.search(before):
        return None  # "By Sunday morning the toll had risen": when it was reported
    if _FUTURE.search(before):
        return None  # "ministers will meet in Brussels on Monday"
    if v.reject_after.search(folded[c.end:min(sent[1], c.end + 60)]):
        return None
    strong = c.strong or bool(v.strong_before.search(fbefore)) or bool(
        re.match(rf"^(?:\s+(?:evening|morning|night|afternoon))?(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}?"
                 rf"(?:{v.attack_noun})\b", after, re.IGNORECASE)
        or re.match(rf"^\s+(?:{v.attack_noun})\b", after, re.IGNORECASE)  # "Russia's June 1 strike"
        or _CLOCK_BEFORE.search(before)  # "At 02:40 on Tuesday, June 17": the moment it struck
        or re.match(r"^,?\s+(?:morning|night|overnight|dawn|the early hours)\b", after, re.IGNORECASE)
        or re.match(r"^\s+(?:morning|night|overnight)\b", after, re.IGNORECASE))
    if not strong and re.search(r"\b(?:after|before)\b(?!\s+(?:about\s+|around\s+)?\d{1,2}[:.]\d{2})",
                                near, re.IGNORECASE):
        return None
    if strong:
        score = 3.0
    elif attack_sentence:
        score = 2.0
    else:
        score = 1.0
    if not in_lede:
        if not strong:
            return None
        score -= 1.0
    return score + c.specificity


@annotator("dates", reads=("text", "folded", "language", "header", "published", "reference", "paragraphs",
                           "sentences", "sentence_starts", "furniture"),
           assigns=("date_mentions", "attack_date", "date_precision"))
def read_dates(doc: Document) -> None:
    """Every date the text names, resolved, and the date of the attack it reports."""
    with _reading(_doc_lang(doc)):
        _read_dates(doc)


def _read_dates(doc: Document) -> None:
    text, folded, header = doc.text, doc.folded, doc.header
    doc.date_mentions = _candidates(text, folded, header.body, doc.published, header.spans,
                                    _text_years(text, folded, doc.furniture), doc.reference)
    doc.attack_date, doc.date_precision = _attack_date(doc, doc.published)


def _attack_date(doc: Document, ref: dt.date | None) -> tuple[dt.date | None, str | None]:
    text, folded, body = doc.text, doc.folded, doc.header.body
    cands = [c for c in doc.date_mentions
             if doc.furniture is None or doc.furniture.at(c.start) not in NO_DATE]
    if not cands:
        # the text never says when ("overnight", "during the night", "on Tuesday", a
        # date): the publication date alone does not date an attack days before it
        if ref is None and (caption := _caption_date(doc, len(text))):
            return caption[2].date, caption[2].precision
        return (ref, "day") if ref and _says_when(doc) else (None, None)
    # The lede: the headline/byline lines plus the first paragraphs of prose.
    lede_end, prose = len(text), 0
    for p in doc.paragraphs:
        if p.end <= body:
            continue
        if len(text[p.start:p.end]) > 120 or p.end - p.start > 0 and text[p.end - 1] in ".:":
            prose += 1
        if prose >= _LEDE_PARAGRAPHS + 1:
            lede_end = p.start
            break
    v = _vocab()
    headline_end = _headline_end(text, body)
    attack_sentence: dict[int, bool] = {}  # sentence index -> has an attack word
    best: tuple[float, int, DateMention] | None = None
    ref_named = False  # the publication day heads a sentence about an attack
    heading_days: set[dt.date] = set()
    for c in cands:  # a photo caption's date is the photo's; a teaser's another story's
        i = doc.sentence_index(c.start)
        if i is None:
            sent, has_attack = (c.start, c.end), bool(v.attack_word.search(folded, c.start, c.end))
        else:
            sent = (doc.sentences[i].start, doc.sentences[i].end)
            if i not in attack_sentence:
                attack_sentence[i] = bool(v.attack_word.search(folded, *sent))
            has_attack = attack_sentence[i]
        if c.precision == "day" and _HEADS.fullmatch(text, sent[0], c.start):
            heading_days.add(c.date)  # "On the night of April 15, ...": a chronology's entry
            ref_named = ref_named or (c.date == ref and has_attack)
        score = _score(text, folded, c, sent, c.start < lede_end, has_attack)
        if score is None:
            continue
        if c.start < headline_end:
            score += _HEADLINE_BONUS
        if best is None or score > best[0] or (score == best[0] and c.start < best[1]):
            best = (score, c.start, c)
    if best is None and ref is None:
        best = _caption_date(doc, lede_end)  # no header, byline or date in the text: a caption's
    if best is None:
        return (ref, "day") if ref else (None, None)
    chosen = best[2]
    if (chosen.start >= lede_end and ref_named and chosen.date != ref and len(heading_days) >= 3
            and max(heading_days) == ref):
        # below the lede a chronology names several days ("On the night of April 15 ...
        # On April 19 ..."): the story is about the one it was published on
        return ref, "day"
    if chosen.start >= lede_end and ref and _says_when(doc, body, lede_end, now=True):
        # the lede says when only in words ("overnight", "this morning") and the day named
        # further down is another strike recalled: the story is the publication day's
        return ref, "day"
    if chosen.precision == "month" and ref and (ref.year, ref.month) == (chosen.date.year, chosen.date.month):
        return ref, "day"
    return chosen.date, chosen.precision


def day_mentions(doc: Document) -> list[DateMention]:
    """Every explicit date or weekday the text names ("on 6 August", "Sept. 7", "on
    Thursday"), resolved; relative words ("today", "overnight") and month-only dates are
    left out."""
    return [c for c in doc.date_mentions if c.precision == "day" and c.specificity >= 0.3]


def extract_attack_date(text: str, published: dt.date | None,
                        reference: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """(date, precision) of the attack ``text`` reports; (None, None) when untold.

    ``published`` is the reference for relative expressions; when None, the date the
    report states for itself, else ``reference``.
    """
    from .pipeline import annotate

    doc = Document(text=text, given_published=published, reference=reference)
    annotate(doc, until="dates")
    return doc.attack_date, doc.date_precision
