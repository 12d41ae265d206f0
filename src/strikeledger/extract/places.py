"""Ukrainian places in a report: where they are named, and whether they were hit.

``find_place_mentions`` finds every mention of a place in the gazetteer with its exact
span. Matching is case-sensitive on capitalised names, longest name first, and reads the
forms reports use: "Kyiv region", "the Kharkov Oblast", "Lviv regional governor",
coordinated "the Lviv and Volyn regions", "Zolochiv district" (a raion),
"Holosiivskyi district" (a city district), all-caps datelines ("KYIV, Jan 8 -"), and
"the capital" for Kyiv (``alias=True``). A name inside another name ("the Dnipro River",
"Kyiv-based", "Zaporizhzhia nuclear plant"), in a street name, or used as a surname is
not a mention; names of places outside Ukraine are consumed and dropped.

``extract_places`` gives one contract ``Place`` per distinct place. A place is ``hit``
when a clause that mentions it reports a strike, casualties or damage in the attack at
hand; launch areas, interceptions over a place, datelines, where someone spoke, earlier
attacks and Russian claims leave it ``mentioned``. The cue patterns are data:
``data/<lang>/place_cues.json``; the places themselves are the gazetteer
(``strikeledger.data.gazetteer``). The ``places`` annotator does both once per report.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.data import load
from strikeledger.data.schemas import PlaceCues
from strikeledger.extract.reporting import reporting_alternation
from strikeledger.data.gazetteer import GazEntry, Gazetteer, load_gazetteer, normalise
from strikeledger.extract.casefold import FoldedPattern
from strikeledger.extract.document import Document, Span, annotator
from strikeledger.model import Evidence, Place, TextSpan

__all__ = ["PlaceMention", "find_places", "find_place_mentions", "gives_bearing", "extract_places",
           "sentence_of"]

# a capitalised word, in Latin or in Cyrillic letters ("Kharkiv", "Харкові", "Кам'янець")
_WORD = (r"(?:[A-Z][A-Za-z]*(?:['’](?!s\b)[A-Za-z]+)*"
         r"|[А-ЯЁІЇЄҐ][а-яёіїєґА-ЯЁІЇЄҐ]*(?:['’ʼ][а-яёіїєґ]+)*)")
# a lower-case last word of a Cyrillic name ("Київської області"): the gazetteer's tails
_TAIL = re.compile(r" ([а-яёіїєґ]+)\b")
# "у Львівській, Волинській та Рівненській областях": a plural oblast word after a list of
# Cyrillic oblast adjectives (the adjectives are the gazetteer's cyrillic_stems)
_CYR_OBLAST_SUFFIX = re.compile(
    r"\s+(?P<w>(?P<pl>областях|областей|областям|областями)|області|областю|область|области|областью)\b")
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:(?: |-){_WORD})*")
_TOKEN = re.compile(_WORD)
_OBLAST_SUFFIX = re.compile(
    r"(?:\s+|-)(?P<w>regions?|Regions?|oblasts?|Oblasts?|provinces?|Provinces?|regional|Regional)\b")
_RAION_SUFFIX = re.compile(
    r"\s+(?P<w>districts?|Districts?|raions?|Raions?|rayons?|Rayons?)\b")
_COORD_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|і\s+|й\s+|та\s+|и\s+)?|\s+(?:and|or|&|і|й|та|и|або|или)\s+)$")
_COORD_WORD = re.compile(r"\b(?:and|or|і|й|та|и|або|или)\b")
_CAPITAL = re.compile(
    r"\b(?:(?:the\s+)(?:Ukrainian\s+)?|Ukraine['’]s\s+)(?P<c>capital)\b(?!\s+of\s+(?!Ukraine))")
_NOT_UKRAINE_CAPITAL = re.compile(r"(?:Russian|Russia['’]s|Belarusian|Moldovan|Polish)\s+$")
_DATELINE = re.compile(r"\s*(?:,\s*Ukraine)?\s*(?:,|\(|—|–|-)")
_CLAUSE = re.compile(
    r";|\s[—–]\s|,\s+(?=(?:while|but|whereas|although|though|after|following|a\s+day\s+after|"
    r"days\s+after|hours\s+after|weeks\s+after)\b)")
_LEAD_OTHER = re.compile(
    r"^\s*(?:(?:A|One|Two|Three|Several|Four|Five)\s+(?:days?|weeks?|months?)|Days|Weeks|Months)"
    r"\s+(?:after|before)\b[^,]*,")
_LOOKBACK = 60
_SEGMENT = re.compile(r",(?!\d{3})|[()]")
_HEADING_REST = re.compile(r"[\s.:–—-]*")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    name: str
    admin1: str
    lat: float
    lon: float
    level: str
    alias: bool = False


@dataclass(frozen=True)
class _Cues:
    hit: FoldedPattern
    neutral: FoldedPattern
    other_event: FoldedPattern
    claim: FoldedPattern
    block_before: FoldedPattern
    bearing_before: FoldedPattern  # "east of Kyiv", "80 km from Sumy": a reference point only
    block_before_interception: FoldedPattern
    block_after: FoldedPattern
    interception: FoldedPattern
    name_blockers_after: re.Pattern
    name_blockers_phrase: re.Pattern
    negation: FoldedPattern
    street_words: frozenset[str]
    given_names: frozenset[str]
    speech_after: re.Pattern


_PATTERN_KEYS = ("hit", "neutral", "other_event", "claim", "block_before", "bearing_before",
                 "block_before_interception", "block_after", "interception", "negation")


# the languages with a place_cues.json of their own (the others are read with the English)
_CUE_LANGUAGES = ("en", "uk", "ru")


def _lang(doc: Document) -> str:
    code = doc.language.value if doc.language is not None else "en"
    return code if code in _CUE_LANGUAGES else "en"


@lru_cache(maxsize=None)
def _cues(lang: str = "en") -> _Cues:
    raw = load(f"{lang}/place_cues.json", PlaceCues)

    def alternation(items: list[str], folded: bool = True) -> re.Pattern | FoldedPattern:
        source = "|".join(f"(?:{p})" for p in items)
        return FoldedPattern(source) if folded else re.compile(source)

    compiled = {k: alternation(getattr(raw, k)) for k in _PATTERN_KEYS}
    compiled["name_blockers_after"] = alternation(raw.name_blockers_after, folded=False)
    compiled["name_blockers_phrase"] = alternation(raw.name_blockers_phrase, folded=False)
    # a small place's name right before a reporting verb is a surname: "Bondar said"
    speech = re.compile(rf"\s+(?:{reporting_alternation()})\b")
    return _Cues(**compiled, street_words=frozenset(raw.street_words),
                 given_names=frozenset(raw.given_names), speech_after=speech)


@dataclass
class _Raw:
    """A matched name before its reading is settled."""
    start: int
    end: int
    phrase: str
    candidates: tuple[GazEntry, ...]
    foreign: bool = False
    suffixed: bool = False       # "<stem> region(s)" / "<stem> district(s)"
    plural: bool = False
    coordinable: str = ""        # "oblast" / "raion" when a plural suffix may reach back
    alias: bool = False
    dateline: bool = False


def _suffix(text: str, end: int, pattern: re.Pattern) -> re.Match | None:
    return pattern.match(text, end)


def _match_phrase(gaz: Gazetteer, doc: Document, phrase: str, start: int, end: int) -> _Raw | None:
    text = doc.text
    key = normalise(phrase)
    if key in gaz.foreign:
        return _Raw(start, end, key, (), foreign=True)
    if key.isupper() and key in gaz.upper:
        key = gaz.upper[key]
        dateline = _opens_line(doc, start) and _DATELINE.match(text, end) is not None
        return _Raw(start, end, key, gaz.bare[key], dateline=dateline)
    m = _CYR_OBLAST_SUFFIX.match(text, end) if not key.isascii() else None
    if m and key in gaz.oblast_stems:
        return _Raw(start, m.end(), key, (gaz.oblast_stems[key],), suffixed=True,
                    plural=m.group("pl") is not None, coordinable="oblast")
    m = _suffix(text, end, _OBLAST_SUFFIX)
    if m and key in gaz.oblast_stems:
        word = m.group("w").lower()
        return _Raw(start, m.end(), key, (gaz.oblast_stems[key],), suffixed=True,
                    plural=word.endswith("s"), coordinable="oblast")
    m = _suffix(text, end, _RAION_SUFFIX)
    if m and (key in gaz.raion_stems or key in gaz.district_stems):
        cands = gaz.raion_stems.get(key) or gaz.district_stems[key]
        return _Raw(start, m.end(), key, cands, suffixed=True,
                    plural=m.group("w").lower().endswith("s"), coordinable="raion")
    if key in gaz.bare:
        return _Raw(start, end, key, gaz.bare[key])
    if key in gaz.oblast_stems or key in gaz.raion_stems:
        return _Raw(start, end, key, (), coordinable="stem")   # only as part of a list
    return None


def _opens_line(doc: Document, pos: int) -> bool:
    """Only white space stands between the start of its line and ``pos``."""
    start = doc.line_start(pos)
    first = _NON_SPACE.search(doc.text, start, pos + 1)
    return first is None or first.start() >= pos


_NON_SPACE = re.compile(r"\S")


def _blocked_name(cues: _Cues, text: str, raw: _Raw, street_in_rest: bool, rest_empty: bool,
                  prev_word: str) -> bool:
    """``street_in_rest``: a street word follows in the name's run of capitalised words;
    ``rest_empty``: the name ends its run."""
    if raw.suffixed or raw.foreign:
        return False
    if cues.name_blockers_after.match(text, raw.end):
        return True
    for m in cues.name_blockers_phrase.finditer(text, max(0, raw.start - 12), raw.end + 60):
        if m.start() <= raw.start and m.end() >= raw.end:
            return True
    if street_in_rest:
        return True
    after = re.match(r"\s+(street|avenue|embankment|boulevard|square|lane|highway)\b", text[raw.end:raw.end + 20])
    if after and rest_empty:
        return True
    small = raw.candidates and raw.candidates[0].level in ("town", "village", "feature")
    if small and raw.phrase in cues.given_names:
        return True
    if small and prev_word in cues.given_names:
        return True
    if small and _prev_is_name(text, raw.start):
        return True  # "Mayor Hennadiy Trukhanov": a surname after a first name
    if small and cues.speech_after.match(text, raw.end):
        return True
    return False


_FUNCTION_WORDS = frozenset("In At On Near From The To Of And Or By For Over Outside Inside Into "
                            "Across Around Towards Toward Via Both".split())


def _prev_is_name(text: str, start: int) -> bool:
    """A capitalised word right before, itself not sentence-initial: "Hennadiy Trukhanov"."""
    window = text[max(0, start - 40):start]
    m = re.search(r"([.!?:;\n\"“(]\s*|^|[a-z,]\s+)([A-Z][a-z]+) $", window)
    if not m or m.group(2) in _FUNCTION_WORDS:
        return False
    lead = m.group(1)
    if not lead.strip() or lead.strip()[-1] in ".!?:;\n\"“(":
        return False  # sentence-initial: "Bucha was hit", "Near Irpin ..."
    gaz = load_gazetteer()
    return m.group(2) not in gaz.bare and m.group(2) not in gaz.oblast_stems


_PREV_WORD = re.compile(r"([A-Z][A-Za-z]+)\s+$")


def _raw_mentions(doc: Document) -> list[_Raw]:
    text = doc.text
    gaz, cues = load_gazetteer(), _cues(_lang(doc))
    out: list[_Raw] = []
    for run in _RUN.finditer(text):
        toks = [(m.start() + run.start(), m.end() + run.start()) for m in _TOKEN.finditer(run.group())]
        tail = _TAIL.match(text, run.end()) if not run.group().isascii() else None
        if tail and tail.group(1) in gaz.tails:
            toks.append((tail.start(1), tail.end(1)))
        words = [text[s:e] for s, e in toks]
        # street_after[i]: a street word stands after word i in the run ("Kyiv Street")
        street_after = [False] * len(words)
        for i in range(len(words) - 2, -1, -1):
            street_after[i] = street_after[i + 1] or words[i + 1] in cues.street_words
        i = 0
        while i < len(toks):
            found = None
            for j in range(min(len(toks), i + gaz.max_words) - 1, i - 1, -1):
                s, e = toks[i][0], toks[j][1]
                raw = _match_phrase(gaz, doc, text[s:e], s, e)
                if raw is not None:
                    found = (raw, j)
                    break
            if found is None:
                i += 1
                continue
            raw, j = found
            if i:
                prev_word = words[i - 1]
            else:
                prev = _PREV_WORD.search(text, max(0, run.start() - 30), run.start())
                prev_word = prev.group(1) if prev else ""
            if not _blocked_name(cues, text, raw, street_after[j], j + 1 == len(words), prev_word):
                out.append(raw)
            i = j + 1
    out.extend(_capital_aliases(text, gaz))
    out.sort(key=lambda r: r.start)
    _coordinate(text, out)
    return out


def _capital_aliases(text: str, gaz: Gazetteer) -> list[_Raw]:
    if "Ukrain" not in text and "Kyiv" not in text and "Kiev" not in text:
        return []
    kyiv = gaz.by_name.get("Kyiv")
    out = []
    for m in _CAPITAL.finditer(text):
        if _NOT_UKRAINE_CAPITAL.search(text, max(0, m.start() - 20), m.start()):
            continue
        if kyiv:
            out.append(_Raw(m.start("c"), m.end("c"), "capital", kyiv[:1], alias=True))
    return out


def _coordinate(text: str, raws: list[_Raw]) -> None:
    """Carry a plural "regions"/"districts" back over a list: "the Lviv and Volyn regions"."""
    gaz = load_gazetteer()
    for k, r in enumerate(raws):
        if not (r.suffixed and r.coordinable):
            continue
        kind = r.coordinable
        anchor = r.start
        for p in reversed(raws[:k]):
            gap = text[p.end:anchor]
            if p.foreign or p.alias or p.suffixed or not _COORD_GAP.fullmatch(gap):
                break
            if not r.plural and not _COORD_WORD.search(gap):
                break
            if kind == "oblast" and p.phrase in gaz.oblast_stems:
                p.candidates = (gaz.oblast_stems[p.phrase],)
            elif kind == "raion" and p.phrase in gaz.raion_stems:
                p.candidates = gaz.raion_stems[p.phrase]
            elif kind == "raion" and p.phrase in gaz.district_stems:
                p.candidates = gaz.district_stems[p.phrase]
            else:
                break
            p.suffixed = True
            anchor = p.start
    # a foreign region list ("the Kursk and Belgorod regions") is dropped entirely
    for k, r in enumerate(raws):
        if r.foreign:
            continue
        if r.candidates == () and not r.suffixed:
            r.foreign = True   # a bare stem that no list claimed


def _resolve(raws: list[_Raw], doc: Document) -> list[tuple[_Raw, GazEntry]]:
    """Pick one reading per mention, preferring units and cities named nearby."""
    settled: list[tuple[int, GazEntry]] = []
    for r in raws:
        if not r.foreign and r.candidates and len({(c.admin1, c.city) for c in r.candidates}) == 1:
            settled.append((r.start, r.candidates[0]))
    positions = [pos for pos, _ in settled]
    # _pick takes the first entry of its context lists that fits: an entry met again
    # later in a list changes nothing, so each list holds every entry once
    everywhere = list(_distinct(e for _, e in settled))
    recent: dict[int, GazEntry] = {}   # entries settled so far, the latest last
    near_of: dict[int, list[GazEntry]] = {}
    k = 0
    out = []
    for r in raws:
        if r.foreign or not r.candidates:
            continue
        best = r.candidates[0]
        if len(r.candidates) > 1:
            while k < len(settled) and settled[k][0] < r.start:
                e = settled[k][1]
                recent.pop(id(e), None)
                recent[id(e)] = e
                k += 1
            i = doc.sentence_index(r.start)
            if i is None:
                near = []
            elif i in near_of:
                near = near_of[i]
            else:
                sent = doc.sentences[i]
                lo, hi = bisect.bisect_left(positions, sent.start), bisect.bisect_left(positions, sent.end)
                near = near_of[i] = list(_distinct(e for _, e in settled[lo:hi]))
            best = _pick(r.candidates, near, list(reversed(recent.values())) + everywhere)
        out.append((r, best))
    return out


def _distinct(entries) -> dict[int, GazEntry].values:
    seen: dict[int, GazEntry] = {}
    for e in entries:
        seen.setdefault(id(e), e)
    return seen.values()


def _pick(cands: tuple[GazEntry, ...], near: list[GazEntry], context: list[GazEntry]) -> GazEntry:
    top = cands[0]
    districts = [c for c in cands if c.level == "district"]
    if districts:
        # "Tsentralno-Miskyi": the district of a city the report names
        for ctx in near + context:
            for c in districts:
                if c.city == ctx.name or c.admin1 == ctx.admin1 and ctx.level == "city":
                    return c
        for ctx in near + context:  # else a district in an oblast the report names
            for c in districts:
                if c.admin1 == ctx.admin1 and ctx.level == "oblast":
                    return c
        if top.level == "district":
            return top
    limit_near, limit_far = 100_000, 20_000
    for pool, limit in ((near, limit_near), (context, limit_far)):
        if top.population >= limit:
            continue
        units = [e.admin1 for e in pool if e.level in ("oblast", "raion", "city", "district", "region")]
        for a1 in units:
            for c in cands:
                if c.admin1 == a1 and c.level not in ("oblast", "raion", "district"):
                    return c
    return top


@annotator("places", reads=("text", "folded", "language", "line_starts", "sentences", "sentence_starts",
                           "furniture"),
           assigns=("place_mentions", "foreign", "places"))
def find_places(doc: Document) -> None:
    """Every place named, in order, and one contract Place per place, hit or mentioned."""
    raws = _raw_mentions(doc)
    if doc.furniture is not None:  # a teaser's or a menu's places are no places of this story
        raws = [r for r in raws if not doc.furniture.excludes(r.start)]
    doc.check_time("places")
    resolved = _resolve(raws, doc)
    # foreign names take part in lists ("launched from Primorsko-Akhtarsk and Cape Chauda")
    chain = sorted([(r, None) for r in raws if r.foreign] + resolved, key=lambda x: x[0].start)
    roles = _roles(doc, chain)
    doc.place_mentions = [PlaceMention(r.start, r.end, e.name, e.admin1, e.lat, e.lon, e.level, r.alias)
                          for r, e in chain if e is not None]
    doc.foreign = [(r.start, r.end) for r, e in chain if e is None]
    doc.places = _places(doc, chain, roles)


def find_place_mentions(text: str) -> list[PlaceMention]:
    """Every mention of a Ukrainian place in ``text``, in order, with exact spans."""
    from .pipeline import annotate

    return annotate(text, until="places").place_mentions


def extract_places(text: str) -> list[Place]:
    """One contract ``Place`` per distinct place of ``text``, ``hit`` if any mention reports a hit."""
    from .pipeline import annotate

    return annotate(text, until="places").places


def gives_bearing(folded: str, lo: int, start: int) -> bool:
    """The place at ``start`` is a reference point only ("the Brovary district east of
    Kyiv", "80 km from Sumy"); ``lo`` bounds the look back (``folded``: the folded text)."""
    return _cues().bearing_before.search(folded, max(lo, start - _LOOKBACK), start) is not None


def sentence_of(doc: Document, start: int, end: int) -> TextSpan | None:
    """The sentence that holds ``start``, stretched to ``end``: what the store keeps beside
    an evidence span."""
    i = doc.sentence_index(start)
    if i is None:
        return None
    span = doc.sentences[i]
    return TextSpan(start=span.start, end=max(span.end, min(end, len(doc.text))))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start]
    lead = _LEAD_OTHER.match(text, start, end)
    if lead:
        cuts.append(lead.end())
    cuts.extend(m.start() for m in _CLAUSE.finditer(text, start, end))
    cuts = sorted(set(cuts)) + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


class _ClauseFacts:
    """What a clause says, worked out once however many places it names (a sentence
    naming hundreds of places must not cost hundreds of scans)."""

    def __init__(self, cues: _Cues, folded: str, clause: tuple[int, int], claim: bool):
        a, b = clause
        self.claim = claim
        self.negated = cues.negation.search(folded, a, b) is not None
        cuts = [a] + [m.end() for m in _SEGMENT.finditer(folded, a, b)] + [b]
        self.segs = [(x, y) for x, y in zip(cuts, cuts[1:]) if y > x]
        self.seg_starts = [x for x, _ in self.segs]
        self.marked = [cues.other_event.search(folded, x, y) is not None for x, y in self.segs]
        # the clause with its other-event segments blanked: "the dam, built in 1932, took two hits"
        body = "".join(" " * (y - x) if m else folded[x:y] for (x, y), m in zip(self.segs, self.marked))
        self.interception = cues.interception.search(body) is not None
        self.hit = cues.hit.search(_strip(cues.neutral, body)) is not None

    def about_other_event(self, pos: int) -> bool:
        """An other-event cue in the first comma segment ("In March, ...") covers the whole
        clause; elsewhere it covers its own segment only."""
        if self.marked and self.marked[0]:
            return True
        i = bisect.bisect_right(self.seg_starts, pos) - 1
        return i >= 0 and self.marked[i] and pos < self.segs[i][1]


class _Joined:
    """The facts of a stretch of several sentences: those of its first part, and whether
    any part is negated, tells of an interception or of a hit."""

    def __init__(self, first: _ClauseFacts, rest: "_ClauseFacts | _Joined | None", claim: bool):
        self.first, self.claim = first, claim
        self.negated = first.negated or (rest is not None and rest.negated)
        self.interception = first.interception or (rest is not None and rest.interception)
        self.hit = first.hit or (rest is not None and rest.hit)

    def about_other_event(self, pos: int) -> bool:
        return self.first.about_other_event(pos)


class _Headings:
    """The facts of the stretch a heading place heads, from its sentence to the end of its
    block, worked out sentence by sentence from the block's end: a text of a thousand
    one-word headings ("Kyiv. Kyiv. ...") costs a thousand sentences, not a million."""

    def __init__(self, doc: Document, cues: _Cues):
        self.doc, self.cues = doc, cues
        self.memo: dict[tuple[int, int], _Joined] = {}

    def facts(self, i: int, end: int, claim: bool) -> _Joined:
        if (i, end) in self.memo:
            return self.memo[(i, end)]
        doc = self.doc
        last = bisect.bisect_left(doc.sentence_starts, end) - 1  # the last sentence that starts before end
        k = i
        while k < last and (k + 1, end) not in self.memo:
            k += 1
        for j in range(k, i - 1, -1):
            stop = doc.sentences[j + 1].start if j < last else end
            piece = _ClauseFacts(self.cues, doc.folded, (doc.sentences[j].start, stop), claim)
            self.memo[(j, end)] = _Joined(piece, self.memo.get((j + 1, end)), claim)
        return self.memo[(i, end)]


def _strip(pattern: FoldedPattern, folded: str) -> str:
    """``folded`` with the pattern's matches blanked out."""
    return pattern.regex.sub(lambda m: " " * len(m.group()), folded)


def _is_hit(cues: _Cues, text: str, folded: str, r: _Raw, facts: _ClauseFacts,
            clause: tuple[int, int], chain_blocked: bool) -> bool:
    if r.dateline or chain_blocked or facts.claim or facts.negated:
        return False
    if facts.about_other_event(r.start):
        return False
    before = folded[max(clause[0], r.start - _LOOKBACK):r.start]
    if cues.block_before.search(before) or cues.bearing_before.search(before) \
            or cues.block_after.match(folded, r.end):
        return False
    if cues.block_before_interception.search(before) and facts.interception:
        return False
    return facts.hit


# where a place heading its own line stops heading: a blank line, or the last line if it is
# one word ("Kryvyi Rih." / ... / "Dnipro:")
_HEADING_END = re.compile(r"(?=\n\s*\n|\n(?=\S+[.:]\s*$))")


def _roles(doc: Document, resolved: list[tuple[_Raw, GazEntry | None]]) -> list[bool]:
    cues = _cues(_lang(doc))
    text, folded = doc.text, doc.folded
    roles: list[bool] = []
    blocked_until = -1
    clauses_of: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
    claim_of: dict[tuple[int, int], bool] = {}
    facts_of: dict[tuple[int, int], _ClauseFacts] = {}
    heading_ends: list[int] | None = None
    headings = _Headings(doc, cues)
    for k, (r, _) in enumerate(resolved):
        i = doc.sentence_index(r.start)
        s0, s1 = (doc.sentences[i].start, doc.sentences[i].end) if i is not None else (0, len(text))
        if (s0, s1) not in clauses_of:
            cl = _clauses(text, s0, s1)
            clauses_of[(s0, s1)] = (cl, [a for a, _ in cl])
            claim_of[(s0, s1)] = cues.claim.search(folded, s0, s1) is not None
        cl, cl_starts = clauses_of[(s0, s1)]
        j = bisect.bisect_right(cl_starts, r.start) - 1
        clause = cl[j] if 0 <= j < len(cl) and cl[j][0] <= r.start < cl[j][1] else (s0, s1)
        if i is not None and _HEADING_REST.fullmatch(text, s0, r.start) and _HEADING_REST.fullmatch(text, r.end, s1):
            # a place named on its own heads the lines that follow: "Kryvyi Rih. A direct hit ..."
            if heading_ends is None:
                heading_ends = [m.start() for m in _HEADING_END.finditer(text)]
            h = bisect.bisect_left(heading_ends, s1)
            clause = (s0, heading_ends[h] if h < len(heading_ends) else len(text))
            if clause not in facts_of:
                facts_of[clause] = headings.facts(i, clause[1], claim_of[(s0, s1)])
        if clause not in facts_of:
            facts_of[clause] = _ClauseFacts(cues, folded, clause, claim_of[(s0, s1)])
        own_block = bool(cues.block_before.search(folded[max(clause[0], r.start - _LOOKBACK):r.start]))
        # a list continues the block of its head: "launched from X and Y in Z"
        chain = False
        if k and blocked_until >= 0:
            gap = text[blocked_until:r.start]
            chain = re.fullmatch(r"\s*(?:\([^)]*\)\s*)?(?:,\s*|\s+)(?:and\s+|or\s+)?(?:in\s+)?(?:the\s+)?", gap) is not None
        roles.append(_is_hit(cues, text, folded, r, facts_of[clause], clause, chain))
        blocked_until = r.end if (own_block or chain) else -1
    return roles


def _places(doc: Document, chain: list[tuple[_Raw, GazEntry | None]], roles: list[bool]) -> list[Place]:
    """One contract ``Place`` per distinct place, ``hit`` if any mention reports a hit."""
    text = doc.text
    order: list[tuple[str, str]] = []
    best: dict[tuple[str, str], tuple[GazEntry, list[tuple[_Raw, bool]]]] = {}
    for (r, e), hit in zip(chain, roles):
        if e is None:
            continue
        key = (e.name, e.admin1)
        if key not in best:
            order.append(key)
            best[key] = (e, [])
        best[key][1].append((r, hit))
    out = []
    for key in order:
        e, ms = best[key]
        hits = [r for r, h in ms if h]
        pool = hits or [r for r, _ in ms]
        ev = next((r for r in pool if not r.alias), pool[0])
        out.append(Place(name=e.name, admin1=e.admin1, lat=e.lat, lon=e.lon,
                         role="hit" if hits else "mentioned",
                         evidence=Evidence.of(text, ev.start, ev.end),
                         sentence=sentence_of(doc, ev.start, ev.end)))
    return out
