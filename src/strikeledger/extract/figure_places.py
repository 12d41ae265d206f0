"""Which place each figure is about.

The place named next to the figure in its sentence; for casualties without one, the city
of a mayor's own post, the place a paragraph is headed with, the place of the paragraph's
last casualty figure, or the one place a local report is about. A city district counts as
its city ("Holosiivskyi District" -> Kyiv). Read by the attribution annotator.

Every look-up bisects lists made once per report (places by position, hit places by
level, paragraph headings), so that a long report with many places and figures costs no
scan of all places per figure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..data.gazetteer import load_gazetteer, normalise
from .document import Document, Span
from .figures import Candidate
from .places import PlaceMention, gives_bearing

__all__ = ["PlaceResolver", "SentencePlaces", "figure_place_name", "is_title_place", "jurisdiction",
           "place_for", "places_by_sentence"]

_MAYOR = re.compile(r"^Mayor of (?P<p>.+)$|^Head of (?P<c>.+?) City Military Administration$|"
                    r"^Head of (?P<o>.+?) Regional Military Administration$", re.IGNORECASE)
_NATIONAL = re.compile(r"\b(?:nationwide|across\s+(?:the\s+)?(?:Ukraine|country)|"
                       r"in\s+all|national\s+toll|across\s+Ukraine|in\s+total\s+across)\b",
                       re.IGNORECASE)
# "aimed at the city of Lutsk, close to the border, where about 50 drones were launched"
_WHERE = re.compile(r"[^.;:!?]{0,60}?,\s*where\s+(?:[^.;:!?,]{0,50}?\band\s+)?(?:(?:at\s+least|more\s+than|over|about|some|up\s+to|nearly|almost)\s+)?",
                    re.IGNORECASE)
_OF_THEM = re.compile(r"\bof\s+(?:them|these|those)\b", re.IGNORECASE)
_HEADING = re.compile(r"\s*\[?(?:UPD[^.]*\.\s*|Update[^:]*:\s*|\d{1,2}:\d{2}\]?\s*[—–|-]?\s*)?"
                      r"(?P<place>[A-Z][\w'’ -]{2,40}?)(?:\s+(?:again|region|oblast))?\s*[.:]\s")
_TITLE_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:regional\s+|region's\s+|oblast\s+|city\s+|district\s+|military\s+)*"
    r"(?:governor|mayor|head|chief|administration|council|police|prosecutor|authorities|officials|"
    r"emergency|military\s+administration|region\s+governor)\b", re.IGNORECASE)
_PLACED = re.compile(r"\b(?:in|at|over|near|across)\s+(?:the\s+)?$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?:from|off)\s+(?:the\s+)?(?:area\s+of\s+|direction\s+of\s+)?$", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;:—–()]|\b(?:when|after|while|as|but|where|which)\b")
_HEAD_IN = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\W*)?(?:in|over|across|around)\s+(?:the\s+)?$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:in|over|at|on|across|around|near|attacked|struck|targeted|hit)\s+(?:the|this|our|its)\s+"
                      r"(?P<w>city|town|village|capital|region|oblast|area|district)\b", re.IGNORECASE)
_SPECIFIC = {"city", "town", "village", "district", "feature"}


def jurisdiction(sp) -> str | None:
    """The place a local official speaks for ("Mayor of Kyiv" -> Kyiv)."""
    if sp is None or not sp.role:
        return None
    m = _MAYOR.match(sp.role.strip())
    if not m:
        return None
    if m.group("p"):
        return m.group("p").strip()
    if m.group("c"):
        return m.group("c").strip()
    return f"{m.group('o').strip()} Oblast"


def figure_place_name(pm: PlaceMention) -> str:
    """A city district counts as its city for a figure's place ("Holosiivskyi District" -> Kyiv)."""
    if getattr(pm, "level", None) == "district":
        # several cities have a "Shevchenkivskyi District": the one of the mention's oblast
        gaz = load_gazetteer()
        for entry in gaz.by_name.get(normalise(pm.name), []):
            if entry.city and entry.admin1 == pm.admin1:
                return entry.city
    return pm.name


def is_title_place(text: str, pm: PlaceMention) -> bool:
    """"Dnipropetrovsk regional governor", "Kyiv Mayor": a jurisdiction, not where it happened
    (unless a preposition places it: "in the Zhytomyr region officials said ...")."""
    if _PLACED.search(text, max(0, pm.start - 12), pm.start):
        return False
    return bool(_TITLE_AFTER.match(text, pm.end))


@dataclass(slots=True)
class SentencePlaces:
    """The places of one sentence that can be a figure's place, with their offsets, and
    what the sentence says that every figure of it asks about (worked out on first use)."""
    places: list
    starts: list[int]
    ends: list[int]
    marks: list[int] | None = None       # starts of clause marks (",", "when", ...)
    semicolons: list[int] | None = None
    head_in: bool | None = None          # "In the Kyiv region, ..." heads the sentence
    anaphors: list[tuple[int, str]] | None = None  # "in the city": (start, word)


def places_by_sentence(doc: Document) -> list[SentencePlaces]:
    """For each sentence, the places in it that can be a figure's place: not a title's
    jurisdiction ("Kyiv Mayor"), not a launch area ("launched from ..."), not a bearing."""
    text, folded, sentences = doc.text, doc.folded, doc.sentences
    out: list[list] = [[] for _ in sentences]
    for p in doc.place_mentions:
        i = doc.sentence_index(p.start)
        if i is None:
            continue
        lo = sentences[i].start
        if not is_title_place(text, p) and not _FROM_BEFORE.search(text, max(lo, p.start - 30), p.start) \
                and not gives_bearing(folded, lo, p.start):
            out[i].append(p)
    return [SentencePlaces(ps, [p.start for p in ps], [p.end for p in ps]) for ps in out]


def _between(positions: list[int], start: int, end: int) -> bool:
    """A position of the sorted list lies in [start, end)."""
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def place_for(doc: Document, c: Candidate, span: Span, usable: SentencePlaces) -> str | None:
    """The place named with the figure in its own sentence (`usable`: its usable places)."""
    inside = usable.places
    if not inside:
        return None
    text = doc.text
    if usable.marks is None:
        usable.marks = [m.start() for m in _CLAUSE_MARK.finditer(text, span.start, span.end)]
        usable.semicolons = [m.start() for m in re.finditer(";", text[span.start:span.end])]
        usable.semicolons = [span.start + p for p in usable.semicolons]
        usable.head_in = bool(_HEAD_IN.match(text[span.start:inside[0].start]))
    k = bisect.bisect_left(usable.starts, c.end)
    nxt = inside[k] if k < len(inside) else None
    if nxt is not None and not _clause_mark_between(text, usable, c.end, nxt.start):
        return figure_place_name(nxt)
    j = bisect.bisect_right(usable.ends, c.start)
    before = inside[max(0, j - 8):j]  # the nearest few are enough
    if c.family in ("drone", "missile"):
        # only a place that heads the sentence: "In the Kyiv region, ... drones were shot down"
        if j and usable.head_in:
            return figure_place_name(inside[0])
        # or a place the count is said to be at: "the city of Lutsk, ..., where about 50
        # drones were launched" ("attacked Kyiv with 120 drones" stays the night's: the Air
        # Force says so of whole attacks)
        if before and _WHERE.fullmatch(text, before[-1].end, c.start):
            return figure_place_name(before[-1])
        return None
    if before:
        last = before[-1]
        if last.level not in _SPECIFIC:
            inner = [p for p in before if p.level in _SPECIFIC and p.admin1 == last.admin1]
            if inner:
                return figure_place_name(inner[-1])
            if nxt is not None and nxt.level in _SPECIFIC and nxt.admin1 == last.admin1 \
                    and not _between(usable.semicolons, c.end, nxt.start):
                return figure_place_name(nxt)  # "In the Lviv region, three were injured when debris fell in Lviv"
        return figure_place_name(last)
    if nxt is not None and not _between(usable.semicolons, c.end, nxt.start):
        return figure_place_name(nxt)
    return None


def _clause_mark_between(text: str, usable: SentencePlaces, start: int, end: int) -> bool:
    """A clause mark between a figure and the next place: "..., when" / ";" / "(". The
    sentence's marks, found once, say whether to look (and where the look stops)."""
    return _between(usable.marks, start, end) and _CLAUSE_MARK.search(text, start, end) is not None


def anaphor_level(text: str, c: Candidate, span: Span, usable: SentencePlaces | None = None) -> str | None:
    """'city' or 'region' when the figure's clause says "in the city" / "over the region"."""
    if usable is not None:
        if usable.anaphors is None:
            usable.anaphors = [(m.start(), m.group("w").lower()) for m in _ANAPHOR.finditer(text, span.start, span.end)]
        found = usable.anaphors
    else:
        found = [(m.start(), m.group("w").lower()) for m in _ANAPHOR.finditer(text, span.start, span.end)]
    i = bisect.bisect_left(found, (c.start - 80, ""))
    if i < len(found):
        w = found[i][1]
        return "region" if w in ("region", "oblast", "area") else "city"
    return None


class PlaceResolver:
    """Where a figure with no place in its own sentence happened, from its context.

    In order: none for national totals; "in the city" / "over the region" resolved to
    the post's or paragraph's city or the speaker's region; the city of an official's
    own post; a place heading the paragraph ("Kryvyi Rih. ..."); the place of the last
    casualty figure in the paragraph; the last place hit named earlier in the paragraph;
    the speaker's own jurisdiction; the one place a local report is about.
    """

    def __init__(self, doc: Document, byline_place: str | None):
        text, mentions, places = doc.text, doc.place_mentions, doc.places
        self.doc = doc
        self.text, self.sents, self.paras = text, doc.sentences, doc.paragraphs
        titled = [is_title_place(text, m) for m in mentions]
        self.mentions = [m for m, t in zip(mentions, titled) if not t]
        self.mention_starts = [m.start for m in self.mentions]
        self.titles = [m for m, t in zip(mentions, titled) if t]
        self.title_starts = [m.start for m in self.titles]
        self.hit = {p.name for p in places if p.role == "hit"}
        # the places hit, by the level a figure's "in the city" / "over the region" asks for
        self.hit_city: list[tuple[int, str]] = []
        self.hit_region: list[tuple[int, str]] = []
        for m in self.mentions:
            if m.name in self.hit or figure_place_name(m) in self.hit:
                if m.level in _SPECIFIC or m.level == "raion":
                    self.hit_city.append((m.start, figure_place_name(m)))
                if m.level == "oblast":
                    self.hit_region.append((m.start, m.name))
        self.byline_place = byline_place
        self.last_cas: dict[int, str] = {}
        self.last_weapons: dict[tuple[int, str], tuple[int, str | None]] = {}  # (paragraph, family) -> (sentence, place)
        self.headings: dict[int, str | None] = {}
        self.national: dict[int, bool] = {}
        admin1 = {p.admin1 for p in places if p.role == "hit" and p.admin1}
        cities = [p.name for p in places if p.role == "hit" and p.name in self.hit
                  and not p.name.endswith(("Oblast", "Raion", "District"))]
        self.local = None
        self.local_admin1 = next(iter(admin1)) if len(admin1) == 1 else None
        if len(admin1) == 1:
            hits = [p.name for p in places if p.role == "hit"]
            self.local = cities[0] if len(cities) == 1 else (hits[0] if len(hits) == 1 else None)

    def _heading(self, pi: int) -> str | None:
        if pi < 0:
            return None
        if pi not in self.headings:
            self.headings[pi] = paragraph_heading_place(self.text, self.paras[pi], self.mentions,
                                                        self.mention_starts)
        return self.headings[pi]

    def _earlier_in_paragraph(self, pos: int, pi: int, level: str, back: int = 0) -> str | None:
        """The last place hit named before pos: in this paragraph, or `back` paragraphs up."""
        first = max(0, pi - back) if pi >= 0 else -1
        start = self.paras[first].start if first >= 0 else max(0, pos - 400)
        hits = self.hit_city if level == "city" else self.hit_region
        i = bisect.bisect_left(hits, (pos, "")) - 1
        if i >= 0 and hits[i][0] >= start:
            return hits[i][1]
        return None

    def _title_region(self, span: Span) -> str | None:
        i = bisect.bisect_left(self.title_starts, span.start)
        if i < len(self.titles) and self.titles[i].start < span.end:
            t = self.titles[i]
            return t.name if t.level == "oblast" else f"{t.admin1}" if t.admin1.endswith("Oblast") else t.name
        return None

    def _is_national(self, c: Candidate, span: Span) -> bool:
        if c.sentence not in self.national:
            self.national[c.sentence] = is_national(self.text, span)
        return self.national[c.sentence]

    def resolve(self, c: Candidate, span: Span, speaker, usable: SentencePlaces | None = None) -> str | None:
        casualty = c.family in ("person", "child")
        if casualty and self._is_national(c, span):
            return None
        pi = self.doc.paragraph_index(c.start)
        level = anaphor_level(self.text, c, span, usable)
        juris = jurisdiction(speaker)
        if level == "city":
            byline_city = self.byline_place if self.byline_place and not self.byline_place.endswith("Oblast") else None
            found = (self._heading(pi) or byline_city or self._earlier_in_paragraph(c.start, pi, "city")
                     or (juris if juris and not juris.endswith("Oblast") else None) or self.local)
        elif level == "region":
            found = ((juris if juris and juris.endswith("Oblast") else None) or self._title_region(span)
                     or self._earlier_in_paragraph(c.start, pi, "region"))
        else:
            found = None
        if not found and not casualty and _OF_THEM.search(self.text, c.start, c.end):
            # "launched 20 drones at the Kharkiv region ... destroyed 14 of them": the
            # part is where its whole was
            prior = self.last_weapons.get((pi, c.family))
            if prior is not None and prior[0] >= c.sentence - 1:
                found = prior[1]
        if found or not casualty:
            return found
        heading = self._heading(pi)
        specific = self._earlier_in_paragraph(c.start, pi, "city")
        if heading and specific and not heading.endswith("Oblast"):
            specific = None  # "Kryvyi Rih. ..." heads its paragraph
        # a mayor's or city administration's figure is about their city, whatever place
        # an earlier paragraph named ("the worst damage was in Sviatoshynskyi")
        city = juris if juris and not juris.endswith("Oblast") else None
        # a governor's toll in a report about one city of the oblast is that city's
        local = self.local if juris and juris == self.local_admin1 else None
        place = (specific or heading or self.last_cas.get(pi) or city
                 or self._earlier_in_paragraph(c.start, pi, "city", back=2)
                 or self.byline_place or local or juris or self.local)
        return place

    def remember(self, c: Candidate, place: str | None) -> None:
        if place and c.family in ("person", "child"):
            self.last_cas[self.doc.paragraph_index(c.start)] = place
        elif c.family in ("drone", "missile"):
            self.last_weapons[(self.doc.paragraph_index(c.start), c.family)] = (c.sentence, place)


def paragraph_heading_place(text: str, para: Span, places: list,
                            starts: list[int] | None = None) -> str | None:
    """A paragraph that opens with a place ("Kryvyi Rih. ...", "Kharkiv: ...")."""
    m = _HEADING.match(text, para.start, para.end)  # (no ^: match() anchors at pos)
    if not m:
        return None
    if starts is None:
        starts = [p.start for p in places]
    i = bisect.bisect_left(starts, para.start)
    if i < len(places) and places[i].start < para.start + m.end() - m.start():
        return figure_place_name(places[i])
    return None


def is_national(text: str, span: Span) -> bool:
    return bool(_NATIONAL.search(text, span.start, span.end))
