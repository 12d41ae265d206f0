"""Page furniture: the parts of a pulled web page that are not the article.

A report read from a web page carries more than the story: "Skip to content" and menus,
a byline with its time stamp, "This audio is created with AI assistance", photo captions
(about other days, often), "Read also" links and blocks of related stories ("News Feed",
"Most read") about other attacks, sharing buttons and comment counts, and, when the page
was cut short, a last word broken off. None of it states a figure of the attack, a place
hit or the attack's date; a byline's date is the publication date and nothing else.

``find_furniture`` marks these stretches as character spans of the text, each with its
kind; ``Furniture.at`` answers, for a position, which kind covers it. The words are data:
data/furniture.json. Lines are read once, in order: linear in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load
from ..data.schemas import FurnitureLines
from .document import Document, annotator

MENU, NOTICE, BYLINE, CAPTION, ILLUSTRATION, TEASER, TRAILER, CUTOFF = (
    "menu", "notice", "byline", "caption", "illustration", "teaser", "trailer", "cutoff")
# kinds whose text never gives a figure, a place or an attack date; a photo caption of the
# attack may state its toll and places ("In Kyiv, debris killed one person. | Photographer/
# AFP"), but never dates it: a caption's date is the photo's, often another day's
NOT_ARTICLE = frozenset({MENU, NOTICE, BYLINE, ILLUSTRATION, TEASER, TRAILER})
NO_DATE = NOT_ARTICLE | {CAPTION}
# kinds about another story altogether: even their years say nothing about this one
OTHER_STORY = frozenset({ILLUSTRATION, TEASER, TRAILER})

_HEADER = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\b[ \t]*")
_BULLET = re.compile(r"^[\s•*·–—>|-]+")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
# a line of nothing but a date and a time: "14 February 2025, 08:35", "12:59 AM", "1 min read"
# Each piece is matched atomically ((?>...): no backtracking into it), so a long line of
# digits and dots costs linear time; hence longer alternatives come first ("sept" before
# "sep", "5 min read" before "5").
_STAMP = re.compile(
    rf"^(?>\d+\s+min(?:ute)?s?\s+read|(?:{_MONTHS}|{_DAYS})\.?|\d{{1,4}}(?:st|nd|rd|th)?|[ap]\.?m\.?|"
    rf"utc|gmt|eest|eet|cet|kyiv\s+time|local\s+time|at|on|[,/.|:–—-]|\s)+$",
    re.IGNORECASE)
_STAMP_KEY = re.compile(rf"\b(?:{_MONTHS}|{_DAYS})\b|\d{{1,2}}[:.]\d{{2}}|\bmin(?:ute)?s?\s+read\b", re.IGNORECASE)
# a credit in brackets glued to the next sentence: "...(Kostiantyn Liberov/Libkos/Getty Images)Hotel"
_GLUED_CREDIT = re.compile(r"\)(?=[A-Z])")
_CAPTION_MAX = 600  # characters: a longer line with a credit word is article text
_TITLE_MAX = 150  # characters: a longer first line with a photo credit is a caption
_BODY_BEFORE_TRAILER = 200   # characters of article a trailing block must follow


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Furniture:
    """The furniture spans of one text, in order, with a position look-up."""
    spans: tuple[Span, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, spans: list[Span]) -> "Furniture":
        spans = sorted(spans, key=lambda s: (s.start, s.end))
        return cls(tuple(spans), tuple(s.start for s in spans))

    def at(self, pos: int) -> str | None:
        """The kind of furniture that covers position ``pos``, or None (article text)."""
        i = bisect.bisect_right(self._starts, pos) - 1  # spans never overlap
        if i >= 0 and pos < self.spans[i].end:
            return self.spans[i].kind
        return None

    def excludes(self, pos: int) -> bool:
        """Whether ``pos`` lies in furniture that is never article text."""
        return self.at(pos) in NOT_ARTICLE


@dataclass(frozen=True)
class _Vocab:
    menu: frozenset
    notice: tuple
    byline: tuple
    credits: tuple
    teaser: tuple
    trailing: frozenset
    illustrative: tuple
    inline_teaser: re.Pattern | None = None  # a teaser that follows a sentence on its line


@lru_cache(maxsize=None)
def vocab(lang: str = "en") -> _Vocab:
    data = load(f"{lang}/furniture.json", FurnitureLines)
    fold = lambda words: tuple(w.casefold() for w in words)  # noqa: E731
    starts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(fold(data.teaser_starts), key=len, reverse=True)
                      if w.endswith(":") or w.endswith(("also", "more")))
    inline = re.compile(rf"[.!?”\"’]\s*((?:{starts})\s*:?\s*\S)", re.IGNORECASE) if starts else None
    return _Vocab(frozenset(fold(data.menu_lines)), fold(data.notice_lines), fold(data.byline_starts),
                  fold(data.caption_credits), fold(data.teaser_starts), frozenset(fold(data.trailing_headers)),
                  fold(data.illustrative_captions), inline)


def _lines(text: str):
    """(start, end) of each line, header excluded, with surrounding spaces trimmed."""
    pos = 0
    head = _HEADER.match(text)
    if head:
        pos = head.end()
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield a, b
        if nl < 0:
            break
        pos = nl + 1


def _is_byline(line: str, folded: str, v: _Vocab) -> bool:
    if _STAMP.match(line) and _STAMP_KEY.search(line):
        return True
    if len(line) > 120 or line.endswith("."):
        return False
    return folded.startswith(v.byline)


def _caption_end(text: str, a: int, b: int, folded: str, v: _Vocab) -> int | None:
    """The end of the photo caption that line text[a:b] is, or None when it is none."""
    hit = next((c for c in v.credits if c in folded), None)
    if hit is None or b - a > _CAPTION_MAX:
        return None
    if hit[0].isalpha() and " " in hit and b - a > 250 and not folded.startswith(hit):
        return None  # "for illustrative purposes" inside a long line of article text
    glued = _GLUED_CREDIT.search(text, a + folded.index(hit), b)
    return glued.end() if glued else b


def find_furniture(text: str, lang: str = "en") -> Furniture:
    """The furniture of a pulled page (see the module doc)."""
    v = vocab(lang)
    spans: list[Span] = []
    body_chars = 0       # characters of article-like lines so far (menus are short lines)
    title_seen = False   # the first line of content is the headline, never a caption
    for a, b in _lines(text):
        line = _BULLET.sub("", text[a:b])
        folded = line.casefold().rstrip(":").strip()
        if folded in v.trailing and body_chars >= _BODY_BEFORE_TRAILER:
            spans.append(Span(a, len(text), TRAILER))  # everything after is other stories
            break
        if folded.startswith("author:") and body_chars >= _BODY_BEFORE_TRAILER:
            spans.append(Span(a, len(text), TRAILER))  # the byline closing a story, then others
            break
        if folded in v.menu or (len(line) <= 40 and folded.rstrip(".!") in v.menu):
            spans.append(Span(a, b, MENU))
            continue
        if folded.startswith(v.notice):
            spans.append(Span(a, b, NOTICE))
            continue
        if _is_byline(line, folded, v):
            spans.append(Span(a, b, BYLINE))
            continue
        if folded.startswith(v.teaser):
            spans.append(Span(a, b, TEASER))
            continue
        # the first line of content is the headline, unless it is a long photo caption
        cap = _caption_end(text, a, b, folded, v) if title_seen or b - a > _TITLE_MAX else None
        title_seen = True
        if cap is not None:
            kind = ILLUSTRATION if any(w in folded for w in v.illustrative) else CAPTION
            spans.append(Span(a, cap, kind))
            continue
        inline = v.inline_teaser.search(text, a, b) if v.inline_teaser is not None else None
        if inline is not None:  # "... he wrote.Read also: One killed in Zaporizhzhia"
            spans.append(Span(inline.start(1), b, TEASER))
            b = inline.start(1)
        if b - a >= 60:
            body_chars += b - a
    spans = _alt_text_captions(text, spans)
    tail = text.rstrip()
    if tail and tail[-1].isalnum() and not (spans and spans[-1].end >= len(tail)):
        # cut off mid-word or mid-sentence: the last word may be broken ("Rus", "regio")
        i = len(tail)
        while i > 0 and not tail[i - 1].isspace():
            i -= 1
        spans.append(Span(i, len(tail), CUTOFF))
    return Furniture.of(spans)


@annotator("furniture", reads=("text", "lang"), assigns=("furniture",))
def read_furniture(doc: Document) -> None:
    """The page furniture of the report's text (see the module doc)."""
    doc.furniture = find_furniture(doc.text, doc.lang)


def _alt_text_captions(text: str, spans: list[Span]) -> list[Span]:
    """A line that repeats the start of the caption after it is that caption's text
    without its credit (alt text): the same kind."""
    out = list(spans)
    for s in spans:
        if s.kind not in (CAPTION, ILLUSTRATION):
            continue
        end = s.start
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if len(line) >= 20 and text.startswith(line, s.start) and not any(
                o.start <= start < o.end for o in out):
            out.append(Span(start, end, s.kind))
    return out


__all__ = ["Furniture", "Span", "find_furniture", "read_furniture", "NOT_ARTICLE", "NO_DATE", "OTHER_STORY",
           "MENU", "NOTICE", "BYLINE", "CAPTION", "ILLUSTRATION", "TEASER", "TRAILER", "CUTOFF"]
