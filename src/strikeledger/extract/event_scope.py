"""Which stretches of a report are about the attack it reports, and which are not.

Wire stories and official posts mix the night's attack with context: earlier attacks
("a day after a strike on an apartment block killed 13"), period totals ("since the start
of January"), history ("built in 1932") and Russian claims ("Russia's defence ministry
said ... 24 Ukrainian drones over Bryansk"). Extractors of weapons and damage keep a
mention only when it lies outside these stretches.

Scoping rules (the cues themselves are data: ``data/context_cues.json``):

* A Russian-claim cue marks its whole sentence; a sentence right after one that goes on
  reporting it ("it said", "the ministry added") is marked too.
* An other-event cue at the head of a sentence ("In March, ...", "Two weeks ago, ...")
  marks the whole sentence. Elsewhere it marks its own clause and the clauses that hang
  on it ("..., when a Russian strike on an apartment block killed 21"), so that the
  sentence's other clauses still count ("its plants were damaged, the latest of a dozen
  such attacks since March").
* A sentence whose figures belong to another day is skipped by the figure reader: one
  that names only days other than the attack's, its eve and the day of publication ("810
  drones on Sept. 7"), and one that says "yesterday" in a report of an attack that day.

The ``scope`` annotator marks every sentence once; weapons, figures and damage read the
marks from the Document.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from strikeledger.data import load
from strikeledger.data.schemas import ContextCues
from strikeledger.extract.casefold import FoldedPattern
from strikeledger.extract.dates import day_mentions
from strikeledger.extract.document import Document, Span, annotator

__all__ = ["SentenceContext", "scope", "clauses", "sentence_contexts"]

# A cue that starts within this many words of the sentence's start heads the sentence.
_HEAD_WORDS = 3
# Clause breaks: commas (not inside numbers), semicolons, colons, dashes, brackets.
_CLAUSE_BREAK = re.compile(r",(?!\d{3})|;|:(?!\d)|\s[—–-]\s|[—–()]")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Cues:
    other_event: FoldedPattern
    inherit_clause: FoldedPattern
    comparison: FoldedPattern
    russian_claim: FoldedPattern
    continuation: FoldedPattern
    recall_paragraph: FoldedPattern | None


def _compile(items: list[str]) -> FoldedPattern:
    # One shared leading \b lets the engine skip mid-word positions at once instead of
    # failing every alternative there.
    bounded = [i[2:] for i in items if i.startswith(r"\b")]
    others = [i for i in items if not i.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{i})" for i in bounded) + ")"] if bounded else []) + [
        f"(?:{i})" for i in others]
    return FoldedPattern("|".join(parts))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = load("en/context_cues.json", ContextCues)
    return _Cues(_compile(raw.other_event), _compile(raw.inherit_clause), _compile(raw.comparison),
                 _compile(raw.russian_claim), _compile(raw.russian_claim_continuation),
                 _compile(raw.recall_paragraph) if raw.recall_paragraph else None)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence of the report and what in it is not about the reported attack."""

    start: int
    end: int
    russian_claim: bool
    other_event: tuple[tuple[int, int], ...]  # character ranges about other events

    def about_other_event(self, pos: int) -> bool:
        ranges = self.other_event
        if not ranges:
            return False
        # the ranges are ordered and do not overlap
        i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
        return i >= 0 and ranges[i][0] <= pos < ranges[i][1]

    def excludes(self, pos: int) -> bool:
        """True when a mention at ``pos`` is not about the reported attack."""
        return self.russian_claim or self.about_other_event(pos)


def clauses(text: str, span: Span) -> list[tuple[int, int]]:
    """Clause ranges of one sentence, split at commas, semicolons, colons, dashes, brackets."""
    out, pos = [], span.start
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, span.end))
    return out


def _other_event_ranges(folded: str, span: Span, cues: _Cues) -> tuple[tuple[int, int], ...]:
    hits = list(cues.other_event.finditer(folded, span.start, span.end))
    if not hits:
        return ()
    head_limit = span.end
    words = list(islice(_WORD.finditer(folded, span.start, span.end), _HEAD_WORDS + 1))
    if len(words) > _HEAD_WORDS:
        head_limit = words[_HEAD_WORDS].start()
    if any(m.start() < head_limit for m in hits):
        return ((span.start, span.end),)
    parts = clauses(folded, span)
    starts = [s for s, _ in parts]
    # marked: the clause is about another event; seeded: later clauses that hang on it are
    # (a comparison "the largest attack since 2022" is about this attack, but
    # ", when a strike killed 21" after it is not).
    marked = [False] * len(parts)
    seeded = [False] * len(parts)
    for m in hits:
        i = max(0, bisect.bisect_right(starts, m.start()) - 1)
        s, e = parts[i]
        if s <= m.start() < e or (i == len(parts) - 1 and m.start() >= s):
            seeded[i] = True
            if not cues.comparison.search(folded, s, m.start()):
                marked[i] = True
    for i in range(1, len(parts)):
        hangs_on = cues.inherit_clause.match(folded[parts[i][0]:parts[i][1]])
        if seeded[i - 1] and not seeded[i] and hangs_on:
            marked[i] = seeded[i] = True
    return tuple((s, e) for (s, e), m in zip(parts, marked) if m)


def sentence_contexts(text: str, folded: str, sentences: list[Span]) -> list[SentenceContext]:
    """Every sentence with its Russian-claim flag and other-event ranges."""
    cues = _cues()
    out: list[SentenceContext] = []
    prev_claim = False
    prev_end = 0
    for span in sentences:
        same_paragraph = "\n\n" not in text[prev_end:span.start]
        claim = bool(cues.russian_claim.search(folded, span.start, span.end)) or (
            prev_claim and same_paragraph
            and bool(cues.continuation.search(folded[span.start:span.end])))
        out.append(SentenceContext(span.start, span.end, claim,
                                   _other_event_ranges(folded, span, cues)))
        prev_claim, prev_end = claim, span.end
    return out


# a day named before "night"/"evening" is the start of the attack's night: "Monday night"
_EVENING_AFTER = re.compile(r"\s*(?:night|evening|overnight|into|to|late)\b", re.IGNORECASE)
_LATE_BEFORE = re.compile(r"(?:\b(?:late|night\s+of|evening\s+of|from)|\d{1,2}[:.]\d{2})\s+(?:on\s+)?$",
                          re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at|updated|by)\s+(?:the\s+)?$", re.IGNORECASE)
_YESTERDAY = re.compile(r"\byesterday\b(?!\s+(?:evening|night))", re.IGNORECASE)


@annotator("scope", reads=("text", "folded", "sentences", "sentence_starts", "paragraphs", "date_mentions",
                           "attack_date", "published", "furniture"),
           assigns=("scopes", "skipped"))
def scope(doc: Document) -> None:
    """Mark what each sentence says about other events, and the sentences to skip."""
    contexts = sentence_contexts(doc.text, doc.folded, doc.sentences)
    recalled = _recalled(doc)
    for i in recalled:  # a recalled event: the whole sentence is about it
        c = contexts[i]
        contexts[i] = SentenceContext(c.start, c.end, c.russian_claim, ((c.start, c.end),))
    doc.scopes = contexts
    skipped = _other_days(doc, contexts) | recalled
    if doc.furniture is not None:  # menus, bylines, teasers, other stories: no figures
        skipped |= {i for i, s in enumerate(doc.sentences) if doc.furniture.excludes(s.start)}
    doc.skipped = frozenset(skipped)


def _recalled(doc: Document) -> set[int]:
    """The sentences of paragraphs that recall an earlier event as a whole ("As a
    reminder, on the night of June 24 drones attacked the Sumy region. ... three people
    were killed")."""
    pattern = _cues().recall_paragraph
    out: set[int] = set()
    if pattern is None:
        return out
    for para in doc.paragraphs:
        if pattern.match(doc.folded, para.start, para.end) is None:
            continue
        i = bisect.bisect_left(doc.sentence_starts, para.start)
        while i < len(doc.sentences) and doc.sentences[i].start < para.end:
            out.add(i)
            i += 1
    return out


def _other_days(doc: Document, contexts: list[SentenceContext]) -> set[int]:
    """Sentences whose figures are not the attack's: Russian claims and other days."""
    text, attack_date, published = doc.text, doc.attack_date, doc.published
    skip = {i for i, c in enumerate(contexts) if c.russian_claim}
    if attack_date is None:
        return skip
    if attack_date == published:
        # the attack was today, so "yesterday" is another event
        skip |= {i for i, c in enumerate(contexts) if _YESTERDAY.search(text, c.start, c.end)}
    # a sentence that names only other days is about another event: "810 drones on Sept. 7"
    eve = attack_date - dt.timedelta(days=1)
    ours = {attack_date, eve, published}
    named: dict[int, set] = {}
    for m in day_mentions(doc):
        i = doc.sentence_index(m.start)
        if i is None:
            continue
        if _AS_OF.search(text, max(0, m.start - 12), m.start):
            continue  # "as of July 11, 44 people were killed": when it was counted, not another event
        day = m.date
        if day == eve and day != published and not (
                _EVENING_AFTER.match(text, m.end) or _LATE_BEFORE.search(text, max(0, m.start - 20), m.start)):
            day = None  # "On Monday Russia had fired 84 missiles": the day before, not its night
        named.setdefault(i, set()).add(day)
    skip |= {i for i, days in named.items() if not days & ours}
    return skip
