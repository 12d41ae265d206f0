"""Who said each figure: the ``attribution`` annotator, which makes the contract figures.

A sentence that credits a speaker ("X said", "according to X", "X says", "X: ...", "...,
reports X", "he added") gives its figures that speaker; a quote that goes on over
sentences keeps its speaker; a sentence in the report's own voice has no speaker, unless
the report is an official's or body's own post (its byline), whose own-voice figures are
the author's. The place of each figure is ``figure_places``'s business.

A figure stated twice (same kind, amount, place and speaker) is kept once, in the
statement that names the weapon; the record's speakers gain whoever a figure is credited
to and the speakers annotator had not listed.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data.weapons import family_of
from ..model import Evidence, Figure, Speaker
from .document import Document, annotator
from .figure_places import PlaceResolver, jurisdiction, place_for, places_by_sentence
from .figures import Candidate
from .places import sentence_of
from .reporting import reporting_alternation
from .speakers import SOURCE_NOTE

__all__ = ["Attributed", "attribute", "sentence_speakers", "speaker_for", "speaker_of"]

# How far after a name its reporting verb or colon is looked for.
_AFTER_CHARS = 300
# a source closing its line: "... energy facility hit — governor Oleh Hryhorov", "(Air Force)"
_LINE_END = re.compile(r"\s*\)?\s*[.;:*]*\s*$")
_QUOTE_CHARS = re.compile(r"[\"“”]")
_REPORTED_BY = re.compile(r"\W*(?:this|that|it|these)\s+(?:was|were|has\s+been)\s+(?:reported|announced|stated|"
                          r"said|confirmed|posted)\s+by\b", re.IGNORECASE)
_TURN = re.compile(r"([A-Z][A-Z'’-]{2,})(?:\s*\([^)]*\))?:\s")
_LIST_LINE = re.compile(r"[ \t]*[^\w\s\"“'(]")
_ENTRY = re.compile(r"\s*\[?(?:\d{1,2}[:.]\d{2}|UPD|Update)\b")
_LOWER = re.compile(r"[a-z\n]")
_CAPS3 = re.compile(r"[A-Z]{3}|\n")


@dataclass(frozen=True)
class _Patterns:
    after_verb: re.Pattern
    before_verb: re.Pattern
    pronoun: re.Pattern


@lru_cache(maxsize=None)
def _patterns(lang: str = "en") -> _Patterns:
    verbs = reporting_alternation(lang)
    return _Patterns(
        after_verb=re.compile(
            rf"^(?:,[^,;\"“”]{{1,90}},|\s*,)?\s*(?:also\s+|later\s+|earlier\s+|then\s+|on\s+\w+\s+)?"
            rf"(?:had\s+|has\s+|have\s+)?(?:initially\s+|first\s+|previously\s+|earlier\s+|also\s+|later\s+)?"
            rf"(?:{verbs})\b"
            r"|^(?:'s)?\s*(?:[\w’']+\s+){0,4}?[\w’']*\s*:(?!\d)",
            re.IGNORECASE),
        before_verb=re.compile(rf"(?:according\s+to|{verbs}|by|from|per|citing|\bsources?\s*:)\s+(?:the\s+)?"
                               r"(?:[\w'’-]+,?\s+){0,4}$"
                               r"|(?:\s[—–-]|\()\s*(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE),
        pronoun=re.compile(
            rf"\b(?P<p>he|she|it|they)\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+|further\s+)?"
            rf"(?:{verbs})\b", re.IGNORECASE),
    )


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


class _CapsLines:
    """Whether a line, up to a point, is an all-capitals heading ("SUMY REGION"): no
    lower-case letter from the line's start to that point (or to the line's end, if
    sooner), and three capitals in a row there. Each line is read once, however many
    sentences it holds."""

    def __init__(self, doc: Document):
        self.text = doc.text
        self.facts: dict[int, tuple[int, int, int]] = {}  # line start -> (newline, first lower, caps end)

    def heading(self, line_start: int, end: int) -> bool:
        facts = self.facts.get(line_start)
        if facts is None:
            text = self.text
            nl = text.find("\n", line_start)
            nl = len(text) if nl < 0 else nl
            low = _LOWER.search(text, line_start)
            caps = _CAPS3.search(text, line_start)
            facts = self.facts[line_start] = (
                nl, low.start() if low else len(text),
                caps.end() if caps is not None and caps.group() != "\n" else -1)
        nl, stop, caps_end = facts
        e = min(nl, end)
        return caps_end != -1 and caps_end <= e and stop >= e


def sentence_speakers(doc: Document) -> list[list[tuple[int, Attributed]]]:
    """For each sentence, the (position, speaker) pairs credited in it."""
    text, sentences, mentions, byline = doc.text, doc.sentences, doc.speaker_mentions, doc.byline
    pats = _patterns()
    caps = _CapsLines(doc)
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
            after = text[m.end:min(s1, m.end + _AFTER_CHARS)]
            before = text[max(s0, m.start - 60):m.start]
            trailing = _LINE_END.match(text, m.end, s1) is not None
            if pats.after_verb.match(after) or (pats.before_verb.search(before) and (
                    trailing or not re.search(r"(?:\s[—–-]|\()\s*(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", before))):
                here.append((m.start, sp))
            if sp.kind == "body":
                last_body = sp
            else:
                last_person = sp
            last_any = sp
        for p in pats.pronoun.finditer(text, s0, s1):
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
        para = doc.line_start(s0)
        if not here and carry is not None and carry[0] == para:
            here.append((s0, carry[1]))
        elif here and (_ENTRY.match(text, para) or re.search(r":\s", text[s0:s1])):
            carry = (para, here[0][1])  # a live-blog entry or "X: ..." speaks for its paragraph
        if not here and colon_speaker is not None:
            here.append((s0, colon_speaker))  # 'Zelenskyy wrote:' / '"Over 70 missiles ..."'
        if here and sent.rstrip().endswith(":"):
            colon_speaker = here[0][1]
        elif not (_LIST_LINE.match(text, para)
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
        if caps.heading(para, s1):
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
    """The speaker credited nearest the figure in its sentence (the first one on a tie)."""
    if not credited:
        return None
    return min(credited, key=lambda pa: abs(pa[0] - c.start))[1]


class _Nearest:
    """The credited speaker nearest a position in one sentence, found by bisection: a
    sentence crediting many speakers and stating many figures costs no scan per figure."""

    def __init__(self, credited: list[tuple[int, Attributed]]):
        best: dict[int, tuple[int, Attributed]] = {}
        for k, (pos, sp) in enumerate(credited):
            best.setdefault(pos, (k, sp))  # the first credited at a position wins a tie
        self.positions = sorted(best)
        self.entries = [best[p] for p in self.positions]

    def at(self, pos: int) -> Attributed | None:
        if not self.positions:
            return None
        i = bisect.bisect_left(self.positions, pos)
        options = []
        if i < len(self.positions):
            options.append((self.positions[i] - pos, self.entries[i][0], self.entries[i][1]))
        if i > 0:
            options.append((pos - self.positions[i - 1], self.entries[i - 1][0], self.entries[i - 1][1]))
        return min(options, key=lambda o: (o[0], o[1]))[2]


@annotator("attribution",
           reads=("text", "folded", "sentences", "sentence_starts", "paragraphs", "paragraph_starts", "line_starts",
                  "candidates", "weapon_mentions", "place_mentions", "places", "speaker_mentions", "byline",
                  "speakers", "spelled"),
           assigns=("credited", "figures", "speakers"))
def attribute(doc: Document) -> None:
    """The contract figures: each candidate with its speaker, place, sentence and weapon
    families; a figure stated twice kept once."""
    text = doc.text
    doc.credited = credited = sentence_speakers(doc)
    nearest: dict[int, _Nearest] = {}
    byline_place = jurisdiction(speaker_of(doc.byline)) if doc.byline is not None else None
    usable = places_by_sentence(doc)
    resolver = PlaceResolver(doc, byline_place)
    spelled = doc.spelled
    weapon_starts = [w.start for w in doc.weapon_mentions]
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    for n, c in enumerate(doc.candidates):
        if n % 256 == 0:
            doc.check_time("attribution")
        span = doc.sentences[c.sentence]
        if c.sentence not in nearest:
            nearest[c.sentence] = _Nearest(credited[c.sentence])
        sp = nearest[c.sentence].at(c.start)
        place = place_for(doc, c, span, usable[c.sentence]) or resolver.resolve(c, span, sp, usable[c.sentence])
        resolver.remember(c, place)
        q = c.quantity
        fig = Figure(kind=c.kind, value=q.value, qualifier=q.qualifier, low=q.low, high=q.high,
                     weapon=c.weapon, place=place, speaker=spelled.get(sp.name, sp.name) if sp else None,
                     evidence=Evidence.of(text, c.start, c.end),
                     sentence=sentence_of(doc, c.start, c.end),
                     families=_families(doc, weapon_starts, c))
        key = fig.key()
        if key in seen:
            if fig.weapon and not figures[seen[key]].weapon:
                figures[seen[key]] = fig  # the statement that names the weapon is the fuller one
            continue
        seen[key] = len(figures)
        figures.append(fig)
    doc.figures = figures
    doc.speakers = _with_figure_speakers(doc.speakers, figures, credited, spelled)


def _families(doc: Document, weapon_starts: list[int], c: Candidate) -> tuple[str, ...]:
    """The weapon families a figure counts: its weapon's, else those its phrase names
    ("96 Kh-101 and Kalibr missiles": two), sorted."""
    if c.weapon:
        return (family_of(c.weapon),)
    lo = bisect.bisect_left(weapon_starts, c.start)
    hi = bisect.bisect_left(weapon_starts, c.end)
    return tuple(sorted({w.family for w in doc.weapon_mentions[lo:hi] if w.end <= c.end}))


def _with_figure_speakers(speakers: list[Speaker], figures: list[Figure],
                          credited: list[list[tuple[int, Attributed]]],
                          spelled: dict[str, str]) -> list[Speaker]:
    """The record's speakers and, after them, whoever a figure is credited to that is not
    among them (by name, or by the first letters of the surname)."""
    speakers = list(speakers)
    names = {s.name for s in speakers}
    surnames = {n.split()[-1][:5].lower() for n in names}
    roles: dict[str, str | None] = {}
    for row in credited:
        for _, a in row:
            roles.setdefault(spelled.get(a.name, a.name), a.role)
    for f in figures:
        if f.speaker and f.speaker not in names and f.speaker.split()[-1][:5].lower() not in surnames:
            speakers.append(Speaker(name=f.speaker, role=roles.get(f.speaker)))
            names.add(f.speaker)
    return speakers
