"""Who said each figure, and which place it is about.

Speaker: a sentence that credits a speaker ("X said", "according to X", "X says",
"X: ...", "..., reports X", "he added") gives its figures that speaker; a quote that
goes on over sentences keeps its speaker; a sentence in the report's own voice has no
speaker, unless the report is an official's or body's own post (its byline), whose
own-voice figures are the author's.

Place: the place named next to the figure in its sentence; for casualties without
one, the city of a mayor's own post, the place a paragraph is headed with, or the one
place a local report is about.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .casefold import FoldedPattern, original
from .figures import Candidate
from ..data.gazetteer import load_gazetteer, normalise
from .places import gives_bearing
from .speakers import SOURCE_NOTE
from .text import Span

_REPORTING = (r"(?:said|says|say|told|tells|publishes|published|reported|reports|report|added|adds|noted|notes|"
              r"wrote|writes|posted|confirmed|confirms|announced|announces|stated|states|"
              r"claimed|claims|warned|explained|explains|estimated|counted|informed|"
              r"clarified|specified|updated|put|puts|gave|gives|cited|quoted|tallied|"
              r"listed|recorded|counted|has\s+said|had\s+said|later\s+said|also\s+said)")
_AFTER_VERB = re.compile(
    rf"^(?:,[^,;\"“”]{{1,90}},|\s*,)?\s*(?:also\s+|later\s+|earlier\s+|then\s+|on\s+\w+\s+)?"
    rf"(?:had\s+|has\s+|have\s+)?(?:initially\s+|first\s+|previously\s+|earlier\s+|also\s+|later\s+)?"
    rf"(?:{_REPORTING})\b"
    r"|^(?:'s)?\s*(?:[\w’']+\s+){0,4}?[\w’']*\s*:(?!\d)",
    re.IGNORECASE)
_BEFORE_VERB = re.compile(rf"(?:according\s+to|{_REPORTING}|by|from|per|citing|\bsources?\s*:)\s+(?:the\s+)?"
                          r"(?:[\w'’-]+,?\s+){0,4}$"
                          r"|(?:\s[—–-]|\()\s*(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
# a source closing its line: "... energy facility hit — governor Oleh Hryhorov", "(Air Force)"
_LINE_END = re.compile(r"\s*\)?\s*[.;:*]*\s*$")
_PRONOUN = re.compile(
    rf"\b(?P<p>he|she|it|they)\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+|further\s+)?"
    rf"(?:{_REPORTING})\b", re.IGNORECASE)
_QUOTE_CHARS = re.compile(r"[\"“”]")
_MAYOR = re.compile(r"^Mayor of (?P<p>.+)$|^Head of (?P<c>.+?) City Military Administration$|"
                    r"^Head of (?P<o>.+?) Regional Military Administration$", re.IGNORECASE)
_NATIONAL = re.compile(r"\b(?:nationwide|across\s+(?:the\s+)?(?:Ukraine|country)|"
                       r"in\s+all|national\s+toll|across\s+Ukraine|in\s+total\s+across)\b",
                       re.IGNORECASE)
_HEADING = re.compile(r"\s*\[?(?:UPD[^.]*\.\s*|Update[^:]*:\s*|\d{1,2}:\d{2}\]?\s*[—–|-]?\s*)?"
                      r"(?P<place>[A-Z][\w'’ -]{2,40}?)(?:\s+(?:again|region|oblast))?\s*[.:]\s")


# an all-capitals line heads a new section ("SUMY REGION")
_CAPS_HEADING = re.compile(r"[^a-z\n]*[A-Z]{3}[^a-z\n]*$", re.MULTILINE)
_REPORTED_BY = re.compile(r"\W*(?:this|that|it|these)\s+(?:was|were|has\s+been)\s+(?:reported|announced|stated|"
                          r"said|confirmed|posted)\s+by\b", re.IGNORECASE)
_TURN = re.compile(r"([A-Z][A-Z'’-]{2,})(?:\s*\([^)]*\))?:\s")
_LIST_LINE = re.compile(r"[ \t]*[^\w\s\"“'(]")
_ENTRY = re.compile(r"\s*\[?(?:\d{1,2}[:.]\d{2}|UPD|Update)\b")


def _para_start(text: str, pos: int) -> int:
    """Start of the paragraph (blank-line or line separated) that holds pos."""
    return text.rfind("\n", 0, pos) + 1


@dataclass(slots=True)
class Attributed:
    name: str
    role: str | None
    kind: str  # person | body


def speaker_of(m, text: str | None = None) -> Attributed:
    """The speaker of a mention, the surname spelt as the report spells it ("Zelensky")."""
    name = m.name
    if text is not None and getattr(m, "kind", "person") == "person":
        words = re.findall(r"[A-Z][\w’'-]+", text[m.start:m.end])
        last = words[-1].removesuffix("'s").removesuffix("’s") if words else None
        parts = name.split()
        if last and len(parts) > 1 and last != parts[-1] and last[:4].lower() == parts[-1][:4].lower():
            name = " ".join(parts[:-1] + [last])
    return Attributed(name, m.role, getattr(m, "kind", "person"))


@dataclass(frozen=True, slots=True)
class BodyMention:
    """An official body named generically ("the regional military administration")."""
    start: int
    end: int
    name: str
    role: str | None
    kind: str = "body"


_GENERIC_BODY = FoldedPattern(
    r"\b(?:the\s+)?(?:(?P<place>[A-Z][\w’'-]+)\s+)?(?P<what>(?:regional|city|oblast|district)\s+"
    r"(?:military\s+|state\s+)?administration|regional\s+prosecutor(?:'s|’s)\s+office|"
    r"(?:regional|city)\s+council|(?:regional|city|oblast)\s+police)\b"
    r"|\b(?P<ministry>Ministry\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+the\s+|of\s+|and\s+)?[A-Z][\w'’-]*){0,5})"
    r"|\b(?P<ocha>OCHA|UN\s+Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs)\b")


def generic_bodies(text: str, known: list) -> list[BodyMention]:
    """Bodies a report names by kind rather than by a listed name; a known mention wins."""
    out = []
    for m in _GENERIC_BODY.finditer(text):
        if any(k.start <= m.start() < k.end or m.start() <= k.start < m.end() for k in known):
            continue
        if re.search(r"\b(?:head|chief|spokesperson|spokesman|spokeswoman|secretary|deputy)\s+of\s+(?:the\s+)?$",
                     text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
            continue  # "the Head of the Oblast Military Administration, Oleksandr Starukh": a title
        ministry = original(text, m, "ministry")
        if ministry:
            out.append(BodyMention(m.start(), m.end(), ministry, ministry))
            continue
        if m.group("ocha"):
            out.append(BodyMention(m.start(), m.end(), "OCHA",
                                   "UN Office for the Coordination of Humanitarian Affairs"))
            continue
        what = " ".join(w.capitalize() if w.lower() != "of" else w
                        for w in re.split(r"\s+", m.group("what").replace("’", "'")))
        place = original(text, m, "place")
        place = place if place and place.lower() != "the" else None
        name = f"{place} {what}" if place else what
        out.append(BodyMention(m.start(), m.end(), name, name))
    return out


def generic_byline(text: str, bodies: list[BodyMention]):
    """A release headed by a body the vocabulary does not list ("Kyiv Oblast Police | Press
    service", "DNIPROPETROVSK REGIONAL PROSECUTOR'S OFFICE"): the first lines, verbless."""
    pos, seen = (re.match(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*", text) or re.match("", text)).end(), 0
    while pos < len(text) and seen < 2:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            seen += 1
            lead = len(line) - len(line.lstrip())
            for b in bodies:
                if b.start == pos + lead and b.end <= end and len(line.strip()) <= 100 \
                        and not re.search(r"[.!?]\s*$|\b(?:said|says|condemns|launched|killed|was|were)\b",
                                          line, re.IGNORECASE):
                    return b
        pos = end + 1
    return None


def sentence_speakers(text: str, sentences: list[Span], mentions: list,
                      byline=None) -> list[list[tuple[int, Attributed]]]:
    """For each sentence, the (position, speaker) pairs credited in it."""
    out: list[list[tuple[int, Attributed]]] = []
    last_person: Attributed | None = None
    last_body: Attributed | None = None
    last_any: Attributed | None = None
    quote_speaker: Attributed | None = None
    in_quote = False
    byline_sp = speaker_of(byline) if byline is not None else None
    carry = None
    prev_credit = None
    explicit_prev = False
    colon_speaker: Attributed | None = None
    source_note: Attributed | None = None
    ms = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ms]
    # a transcript's turns: "IHNAT: Good morning. ..." is the person named Ihnat speaking
    by_label = {speaker_of(m, text).name.split()[-1].upper(): speaker_of(m, text)
                for m in ms if getattr(m, "kind", "person") == "person"}
    for span in sentences:
        s0, s1 = span.start, span.end
        here: list[tuple[int, Attributed]] = []
        inside = ms[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]
        label = _TURN.match(text, s0, s1)
        if label and label.group(1).upper() in by_label:
            here.append((s0, by_label[label.group(1).upper()]))
        for m in inside:
            sp = speaker_of(m, text)
            after = text[m.end:s1]
            before = text[max(s0, m.start - 60):m.start]
            trailing = _LINE_END.match(text, m.end, s1) is not None
            if _AFTER_VERB.match(after) or (_BEFORE_VERB.search(before) and (
                    trailing or not re.search(r"(?:\s[—–-]|\()\s*(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", before))):
                here.append((m.start, sp))
            if sp.kind == "body":
                last_body = sp
            else:
                last_person = sp
            last_any = sp
        for p in _PRONOUN.finditer(text, s0, s1):
            pro = p.group("p").lower()
            who = (last_person if pro in ("he", "she") else last_body or last_any) or last_any
            if who is not None:  # a pronoun refers back to someone named before it
                here.append((p.start(), who))
        sent = text[s0:s1]
        quotes = len(_QUOTE_CHARS.findall(sent))
        starts_in_quote = in_quote
        if not here and starts_in_quote and quote_speaker is not None:
            here.append((s0, quote_speaker))
        if quotes % 2 == 1:
            in_quote = not in_quote
        if here:
            quote_speaker = here[0][1]
        elif not starts_in_quote:
            quote_speaker = None
        para = _para_start(text, s0)
        if not here and carry is not None and carry[0] == para:
            here.append((s0, carry[1]))
        elif here and (_ENTRY.match(text, para) or re.search(r":\s", text[s0:s1])):
            carry = (para, here[0][1])  # a live-blog entry or "X: ..." speaks for its paragraph
        if not here and colon_speaker is not None:
            here.append((s0, colon_speaker))  # 'Zelenskyy wrote:' / '"Over 70 missiles ..."'
        if here and sent.rstrip().endswith(":"):
            colon_speaker = here[0][1]
        elif not (_LIST_LINE.match(text, text.rfind("\n", 0, s0) + 1)
                  and here and here[0][1] is colon_speaker):
            colon_speaker = None  # a header's speaker goes on through its list items only
        if para != (carry[0] if carry else None):
            carry = None
        if not here and prev_credit is not None and prev_credit[0] == para:
            here.append((s0, prev_credit[1]))  # a paragraph goes on in its source's words
        prev_credit = (para, here[0][1]) if here else prev_credit
        if here and out and _REPORTED_BY.match(text, s0, s1) and not explicit_prev:
            out[-1] = [(sentences[len(out) - 1].start, here[0][1])]  # "This was reported by X."
        explicit_prev = bool(here)
        if _CAPS_HEADING.match(text, text.rfind("\n", 0, s0) + 1, s1):
            source_note = None  # a section heading ends the table a source note credits
        if here and SOURCE_NOTE.match(text, s0, s1):
            source_note = here[0][1]
        elif not here and source_note is not None:
            here.append((s0, source_note))
        if not here and byline_sp is not None:
            here.append((s0, byline_sp))
        out.append(here)
    return out


def speaker_for(c: Candidate, credited: list[tuple[int, Attributed]]) -> Attributed | None:
    if not credited:
        return None
    return min(credited, key=lambda pa: abs(pa[0] - c.start))[1]


def jurisdiction(sp: Attributed | None) -> str | None:
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


def _figure_place_name(pm) -> str:
    """A city district counts as its city for a figure's place ("Holosiivskyi District" -> Kyiv)."""
    if getattr(pm, "level", None) == "district":
        # several cities have a "Shevchenkivskyi District": the one of the mention's oblast
        gaz = load_gazetteer()
        for entry in gaz.by_name.get(normalise(pm.name), []):
            if entry.city and entry.admin1 == pm.admin1:
                return entry.city
    return pm.name


def is_title_place(text: str, pm) -> bool:
    """"Dnipropetrovsk regional governor", "Kyiv Mayor": a jurisdiction, not where it happened
    (unless a preposition places it: "in the Zhytomyr region officials said ...")."""
    if _PLACED.search(text, max(0, pm.start - 12), pm.start):
        return False
    return bool(_TITLE_AFTER.match(text, pm.end))


@dataclass(slots=True)
class SentencePlaces:
    """The places of one sentence that can be a figure's place, with their offsets."""
    places: list
    starts: list[int]
    ends: list[int]


def places_by_sentence(text: str, sentences: list[Span], places: list) -> list[SentencePlaces]:
    """For each sentence, the places in it that can be a figure's place: not a title's
    jurisdiction ("Kyiv Mayor"), not a launch area ("launched from ...")."""
    starts = [s.start for s in sentences]
    out: list[list] = [[] for _ in sentences]
    for p in places:
        i = bisect.bisect_right(starts, p.start) - 1
        if i < 0 or p.start >= sentences[i].end:
            continue
        lo = sentences[i].start
        if not is_title_place(text, p) and not _FROM_BEFORE.search(text, max(lo, p.start - 30), p.start) \
                and not gives_bearing(text, lo, p.start):
            out[i].append(p)
    return [SentencePlaces(ps, [p.start for p in ps], [p.end for p in ps]) for ps in out]


def place_for(c: Candidate, text: str, span: Span, usable: SentencePlaces) -> str | None:
    """The place named with the figure in its own sentence (`usable`: its usable places)."""
    inside = usable.places
    if not inside:
        return None
    k = bisect.bisect_left(usable.starts, c.end)
    nxt = inside[k] if k < len(inside) else None
    if nxt is not None and not _CLAUSE_MARK.search(text, c.end, nxt.start):
        return _figure_place_name(nxt)
    j = bisect.bisect_right(usable.ends, c.start)
    before = inside[max(0, j - 8):j]  # the nearest few are enough
    if c.family in ("drone", "missile"):
        # only a place that heads the sentence: "In the Kyiv region, ... drones were shot down"
        if j and _HEAD_IN.match(text[span.start:inside[0].start]):
            return _figure_place_name(inside[0])
        return None
    if before:
        last = before[-1]
        if last.level not in _SPECIFIC:
            inner = [p for p in before if p.level in _SPECIFIC and p.admin1 == last.admin1]
            if inner:
                return _figure_place_name(inner[-1])
            if nxt is not None and nxt.level in _SPECIFIC and nxt.admin1 == last.admin1 \
                    and ";" not in text[c.end:nxt.start]:
                return _figure_place_name(nxt)  # "In the Lviv region, three were injured when debris fell in Lviv"
        return _figure_place_name(last)
    if nxt is not None and ";" not in text[c.end:nxt.start]:
        return _figure_place_name(nxt)
    return None


def anaphor_level(text: str, c: Candidate, span: Span) -> str | None:
    """'city' or 'region' when the figure's clause says "in the city" / "over the region"."""
    for m in _ANAPHOR.finditer(text, span.start, span.end):
        if m.start() >= c.start - 80:
            w = m.group("w").lower()
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

    def __init__(self, text: str, sentences: list[Span], paragraphs: list[Span], mentions: list,
                 places: list, byline_place: str | None):
        self.text, self.sents, self.paras = text, sentences, paragraphs
        self.mentions = [m for m in mentions if not is_title_place(text, m)]
        self.titles = [m for m in mentions if is_title_place(text, m)]
        self.hit = {p.name for p in places if p.role == "hit"}
        self.byline_place = byline_place
        self.last_cas: dict[int, str] = {}
        admin1 = {p.admin1 for p in places if p.role == "hit" and p.admin1}
        cities = [p.name for p in places if p.role == "hit" and p.name in self.hit
                  and not p.name.endswith(("Oblast", "Raion", "District"))]
        self.local = None
        self.local_admin1 = next(iter(admin1)) if len(admin1) == 1 else None
        if len(admin1) == 1:
            hits = [p.name for p in places if p.role == "hit"]
            self.local = cities[0] if len(cities) == 1 else (hits[0] if len(hits) == 1 else None)

    def _para(self, pos: int) -> int:
        for i, p in enumerate(self.paras):
            if p.start <= pos < p.end:
                return i
        return -1

    def _heading(self, pi: int) -> str | None:
        return paragraph_heading_place(self.text, self.paras[pi], self.mentions) if pi >= 0 else None

    def _earlier_in_paragraph(self, pos: int, pi: int, level: str, back: int = 0) -> str | None:
        """The last place hit named before pos: in this paragraph, or `back` paragraphs up."""
        first = max(0, pi - back) if pi >= 0 else -1
        start = self.paras[first].start if first >= 0 else max(0, pos - 400)
        for m in reversed(self.mentions):
            if start <= m.start < pos and (m.name in self.hit or _figure_place_name(m) in self.hit):
                if level == "city" and (m.level in _SPECIFIC or m.level == "raion"):
                    return _figure_place_name(m)
                if level == "region" and m.level == "oblast":
                    return m.name
        return None

    def _title_region(self, span: Span) -> str | None:
        for t in self.titles:
            if span.start <= t.start < span.end:
                return t.name if t.level == "oblast" else f"{t.admin1}" if t.admin1.endswith("Oblast") else t.name
        return None

    def resolve(self, c: Candidate, span: Span, speaker: Attributed | None) -> str | None:
        casualty = c.family in ("person", "child")
        if casualty and is_national(self.text, span):
            return None
        pi = self._para(c.start)
        level = anaphor_level(self.text, c, span)
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
            self.last_cas[self._para(c.start)] = place


def paragraph_heading_place(text: str, para: Span, places: list) -> str | None:
    """A paragraph that opens with a place ("Kryvyi Rih. ...", "Kharkiv: ...")."""
    m = _HEADING.match(text, para.start, para.end)  # (no ^: match() anchors at pos)
    if not m:
        return None
    for p in places:
        if para.start <= p.start < para.start + m.end() - m.start():
            return _figure_place_name(p)
    return None


def is_national(text: str, span: Span) -> bool:
    return bool(_NATIONAL.search(text, span.start, span.end))
