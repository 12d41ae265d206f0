"""Scope: what part of the attack a figure counts (CONTRACT.md v1.1).

``national`` (the whole attack across Ukraine), ``oblast``, ``settlement`` (a city, town,
village, or a district of one) or ``site`` (one building, facility or vehicle). It follows
from the figure's clause, its place and its speaker, in this order:

* a national cue in the clause ("nationwide", "across the country") makes it national;
* a site the clause puts the figure at ("fired at the plant", "killed in an attack on a
  residential building", "three workers at one energy facility") makes it a site count;
* otherwise the figure's place decides: an oblast gives ``oblast``, a city, town, village,
  raion or city district ``settlement``, a named facility ``site``;
* without a place, a local cue ("over the region", "in the city") or a local official's
  jurisdiction make it local; anything else counts the whole attack: ``national``.

The words are data: data/scope_cues.json. The incidents build a night's national headline
from national figures only, so a local count read as national would become the night's
total: every local cue here errs towards local.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load
from ..data.gazetteer import lookup
from ..data.schemas import ScopeCues
from ..model import Scope
from .attribution import jurisdiction
from .document import Document, annotator

_LEVEL_SCOPE = {"oblast": Scope.oblast, "region": Scope.oblast, "raion": Scope.settlement,
                "city": Scope.settlement, "town": Scope.settlement, "village": Scope.settlement,
                "district": Scope.settlement, "feature": Scope.site}
# a clause ends at these marks; "when", "where", "after" go on about the same event
_CLAUSE_END = re.compile(r"[;]|\s[—–]\s|:\s|\.\s")
_WINDOW = 220  # characters either side of a figure that its clause may reach


def _alt(words) -> str:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


@dataclass(frozen=True)
class _Cues:
    site: re.Pattern          # a determined, singular site noun phrase after a link word
    not_site: re.Pattern      # "taken to the hospital": where victims went, not where they were
    staff: re.Pattern         # "three workers at one energy facility", "two of its employees"
    national: re.Pattern
    local: dict               # scope -> pattern
    national_speakers: frozenset


@lru_cache(maxsize=None)
def cues(lang: str = "en") -> _Cues:
    data = load(f"{lang}/scope_cues.json", ScopeCues)
    f = re.IGNORECASE
    det = r"(?:a|an|the|one|its|this|that|their|his|her)"
    mods = r"(?:[\w’'-]+\s+){0,4}?"
    noun = _alt(data.site_nouns)
    site = re.compile(rf"\b(?P<link>{_alt(data.site_links)})\s+{det}\s+{mods}(?P<noun>{noun})(?![\w-])(?!['’]s)", f)
    not_site = re.compile(rf"\b(?:{_alt(data.not_site_after)})\s*$", f)
    staff = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?(?:{_alt(data.staff_nouns)})\b"
                       rf"(?:\s+(?:at|of|in)\s+{det}\s+{mods}(?:{noun})(?![\w-])|\s+there\b)"
                       rf"|^\s+of\s+(?:its|their|the\s+(?:plant|facility|company|enterprise)['’]s)\s+"
                       rf"(?:{_alt(data.staff_nouns)})\b", f)
    national = re.compile(rf"\b(?:{_alt(data.national_cues)})\b", f)
    local_re = {Scope.settlement: re.compile(rf"\b(?:{_alt(data.local_cues.settlement)})\b", f),
                Scope.oblast: re.compile(rf"\b(?:{_alt(data.local_cues.oblast)})\b", f)}
    return _Cues(site, not_site, staff, national, local_re,
                 frozenset(s.casefold() for s in data.national_speakers))


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence around a figure up to the nearest clause-ending marks."""
    s0, s1 = sentence
    lo, hi = max(s0, start - _WINDOW), min(s1, end + _WINDOW)
    before = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    after = _CLAUSE_END.search(text, end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


_FRONTED = re.compile(r"\W*(?:\d{1,2}[:.]\d{2}\W*)?(?:(?P<prep>(?i:in|at|over|across|near))\s+(?P<the>(?i:the)\s+)?"
                      r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})(?:\s+(?:region|oblast|district|raion|area))?\s*,"
                      r"|(?P<head>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*:\s)")
# a locative after the figure's number: "four were killed in the apartment building",
# "killed in the missile attack on the children's hospital"; a cause clause ("after a
# strike on ...", "when a missile hit ...") or a second figure ("and six in ...") ends it
_LOCATIVE = re.compile(r"\b(?:in|at|inside|on|near|from)\s+(?:(?P<det>a|an|the|one|its|this|that)\s+)?"
                       r"(?P<word>[\w’'-]+)", re.IGNORECASE)
_LOCATIVE_STOP = re.compile(r"\b(?:after|when|as|following|because|while|where|and|but|which|who|said|says|"
                            r"according)\b|[,;:()]", re.IGNORECASE)
_ATTACK_ON = re.compile(r"(?:\w+\s+){0,2}?(?:attack|strike|shelling|bombing|hit)s?\s+(?:on|of)\s+", re.IGNORECASE)
_PLACE_WORDS = {"city", "town", "village", "capital", "region", "oblast", "district", "province", "area",
                "community", "raion", "suburb", "outskirts", "centre", "center"}


_PARTICIPLE = re.compile(r"(?:\s+in\s+[A-Z][\w’'-]*)?\s*,?\s*(?:and\s+)?(?:killing|injuring|wounding|leaving)\b"
                         r"[^;:.]*$", re.IGNORECASE)


def _locus(text: str, sentence: tuple[int, int], clause: tuple[int, int], start: int, end: int,
           c: _Cues) -> str | None:
    """Where the clause puts the figure itself: "site", "place" or None.

    "four were killed in the apartment building", "two workers were injured at the plant",
    "At Okhmatdyt, two adults were killed" put the count at a site; "In Kyiv, four people
    were killed ... after debris hit a 16-storey building" and "three were killed in Dnipro
    when a missile hit a block" put it in a place, whatever the cause names.
    """
    c0, c1 = clause
    stop = _LOCATIVE_STOP.search(text, end, min(c1, end + 80))
    limit = stop.start() if stop else min(c1, end + 80)
    for m in _LOCATIVE.finditer(text, start, limit):
        if c.not_site.search(text, max(start, m.start() - 20), m.end(0) - len(m.group("word")) - (
                len(m.group("det")) + 1 if m.group("det") else 0)):
            continue  # "died in the hospital", "taken to a hospital": where victims went
        if m.group("det") and c.site.match(f"at {text[m.start('det'):c1]}"):
            return "site"
        if m.group("word")[:1].isupper():
            return "place"
        word = m.group("word").lower()
        if m.group("det") and word in _PLACE_WORDS:
            return "place"
        on = _ATTACK_ON.match(text, m.end("word") - len(m.group("word")), c1) if m.group("det") else None
        if on and c.site.match(f"at {text[on.end():c1]}"):
            return "site"  # "killed in the attack on the hospital"
    f = _FRONTED.match(text, c0, start) or _FRONTED.match(text, sentence[0], start)
    if f:
        name = f.group("name") or f.group("head")
        if f.group("prep") and f.group("prep").lower() == "at" and lookup(name) is None:
            return "site"  # "At Okhmatdyt, ..."
        return "place"
    return None


def _word_end(text: str, start: int, end: int) -> int:
    """The end of the figure's number: staff nouns may follow it inside the evidence."""
    m = re.match(r"\S+", text[start:end])
    return start + (m.end() if m else 0)


def at_site(text: str, sentence: tuple[int, int], start: int, end: int,
            previous: tuple[int, int] | None = None, lang: str = "en") -> bool:
    """Whether the figure's clause places it at one building, facility or vehicle.

    ``previous`` is the sentence before, for "two people died there".
    """
    c = cues(lang)
    c0, c1 = _clause(text, sentence, start, end)
    if any(c.staff.match(text, i, c1) for i in (end, _word_end(text, start, end))):
        return True
    for m in c.site.finditer(text, max(c0, start - 160), start):
        # "a drone hit a residential building, killing two people and injuring six"
        if _PARTICIPLE.match(text, m.end(), end) and not c.not_site.search(
                text, max(c0, m.start() - 20), m.end("link")):
            return True
    locus = _locus(text, sentence, (c0, c1), start, end, c)
    if locus is not None:
        return locus == "site"
    if previous is not None and re.match(r"[^,;.]{0,30}?\b(?:there|here)\b", text[end:c1]) and \
            any(not c.not_site.search(text, max(previous[0], m.start() - 20), m.end("link"))
                for m in c.site.finditer(text, *previous)):
        return True  # "... hit the building. Two people died there."
    return False


def place_scope(place: str | None) -> Scope | None:
    """The scope a figure's place gives: oblast, settlement or site (None without a place)."""
    if not place:
        return None
    entry = lookup(place)
    if entry is None:
        return Scope.settlement
    return _LEVEL_SCOPE.get(entry.level, Scope.settlement)


def figure_scope(text: str, sentence: tuple[int, int], start: int, end: int, place: str | None,
                 speaker: str | None = None, jurisdiction: str | None = None,
                 previous: tuple[int, int] | None = None, lang: str = "en") -> Scope:
    """The scope of the figure stated at text[start:end] in the given sentence.

    ``place`` is the figure's place (a canonical name) or None; ``speaker`` its speaker's
    name; ``jurisdiction`` the place a local official speaking for it answers for;
    ``previous`` the sentence before (for "died there").
    """
    c = cues(lang)
    c0, c1 = _clause(text, sentence, start, end)
    national = c.national.search(text, c0, c1)
    if national and (not place or start <= national.start() <= end + 40):
        return Scope.national  # a place named for the figure wins over a cue further off
    if at_site(text, sentence, start, end, previous, lang):
        return Scope.site
    by_place = place_scope(place)
    if by_place is not None:
        return by_place
    for scope in (Scope.settlement, Scope.oblast):
        if c.local[scope].search(text, c0, c1):
            return scope
    if speaker and speaker.casefold() in c.national_speakers:
        return Scope.national
    if jurisdiction:
        return place_scope(jurisdiction) or Scope.settlement
    return Scope.national


_MANY_PLACES = 3  # a count over this many places named together is the whole attack's


def _over_many_places(doc: Document, clause: tuple[int, int], starts: list[int]) -> bool:
    """"80 drones were shot down in the Odesa, Sumy, Cherkasy ... oblasts": a count summed
    over a list of regions, not any one of them."""
    lo, hi = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
    return len({p.admin1 for p in doc.place_mentions[lo:hi]}) >= _MANY_PLACES


@annotator("figure_scope", reads=("text", "sentences", "sentence_starts", "figures", "credited", "spelled",
                                  "place_mentions", "lang"),
           assigns=("figures",))
def read_figure_scopes(doc: Document) -> None:
    """Each figure's scope, from its clause, its place and its speaker."""
    officials = {}
    for row in doc.credited:
        for _, a in row:
            officials.setdefault(doc.spelled.get(a.name, a.name), a)
    starts = [p.start for p in doc.place_mentions]
    out = []
    for f in doc.figures:
        i = doc.sentence_index(f.evidence.start)
        sent = (doc.sentences[i].start, doc.sentences[i].end) if i is not None else (f.evidence.start, f.evidence.end)
        prev = (doc.sentences[i - 1].start, doc.sentences[i - 1].end) if i else None
        if f.kind.startswith(("drones", "missiles")) and _over_many_places(
                doc, _clause(doc.text, sent, f.evidence.start, f.evidence.end), starts):
            out.append(f.model_copy(update={"scope": Scope.national.value, "place": None}))
            continue
        sp = officials.get(f.speaker) if f.speaker else None
        scope = figure_scope(doc.text, sent, f.evidence.start, f.evidence.end, f.place, f.speaker,
                             jurisdiction(sp), previous=prev, lang=doc.lang)
        out.append(f.model_copy(update={"scope": scope.value}))
    doc.figures = out


__all__ = ["figure_scope", "place_scope", "at_site", "read_figure_scopes"]
