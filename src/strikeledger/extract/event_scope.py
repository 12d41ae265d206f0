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
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from strikeledger.data import load
from strikeledger.data.schemas import ContextCues
from strikeledger.extract.casefold import FoldedPattern
from strikeledger.extract.text import Span, sentences

__all__ = ["SentenceContext", "ReportScope", "report_scope", "sentence_contexts", "clauses"]

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
                 _compile(raw.russian_claim), _compile(raw.russian_claim_continuation))


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence of the report and what in it is not about the reported attack."""

    start: int
    end: int
    russian_claim: bool
    other_event: tuple[tuple[int, int], ...]  # character ranges about other events

    def about_other_event(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.other_event)

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


def _other_event_ranges(text: str, span: Span, cues: _Cues) -> tuple[tuple[int, int], ...]:
    hits = list(cues.other_event.finditer(text, span.start, span.end))
    if not hits:
        return ()
    head_limit = span.end
    words = list(_WORD.finditer(text, span.start, span.end))
    if len(words) > _HEAD_WORDS:
        head_limit = words[_HEAD_WORDS].start()
    if any(m.start() < head_limit for m in hits):
        return ((span.start, span.end),)
    parts = clauses(text, span)
    # marked: the clause is about another event; seeded: later clauses that hang on it are
    # (a comparison "the largest attack since 2022" is about this attack, but
    # ", when a strike killed 21" after it is not).
    marked = [False] * len(parts)
    seeded = [False] * len(parts)
    for m in hits:
        for i, (s, e) in enumerate(parts):
            if s <= m.start() < e or (i == len(parts) - 1 and m.start() >= s):
                seeded[i] = True
                if not cues.comparison.search(text, s, m.start()):
                    marked[i] = True
                break
    for i in range(1, len(parts)):
        hangs_on = cues.inherit_clause.match(text[parts[i][0]:parts[i][1]])
        if seeded[i - 1] and not seeded[i] and hangs_on:
            marked[i] = seeded[i] = True
    return tuple((s, e) for (s, e), m in zip(parts, marked) if m)


def sentence_contexts(text: str) -> list[SentenceContext]:
    """Every sentence of ``text`` with its Russian-claim flag and other-event ranges."""
    # The pipeline and ReportScope both ask for the same text: compute it once.
    # Contexts are frozen; each caller gets its own list.
    return list(_sentence_contexts(text))


@lru_cache(maxsize=4)
def _sentence_contexts(text: str) -> tuple[SentenceContext, ...]:
    cues = _cues()
    out: list[SentenceContext] = []
    prev_claim = False
    prev_end = 0
    for span in sentences(text):
        same_paragraph = "\n\n" not in text[prev_end:span.start]
        claim = bool(cues.russian_claim.search(text, span.start, span.end)) or (
            prev_claim and same_paragraph
            and bool(cues.continuation.search(text[span.start:span.end])))
        out.append(SentenceContext(span.start, span.end, claim,
                                   _other_event_ranges(text, span, cues)))
        prev_claim, prev_end = claim, span.end
    return tuple(out)


class ReportScope:
    """The sentence contexts of one report, looked up by character offset."""

    def __init__(self, text: str):
        self.sentences = sentence_contexts(text)
        self._starts = [c.start for c in self.sentences]

    def at(self, pos: int) -> SentenceContext | None:
        """The sentence that contains offset ``pos`` (None between sentences)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def excludes(self, pos: int) -> bool:
        """True when a mention at ``pos`` is outside the reported attack (or any sentence)."""
        ctx = self.at(pos)
        return ctx is None or ctx.excludes(pos)


@lru_cache(maxsize=4)
def report_scope(text: str) -> ReportScope:
    """The ``ReportScope`` of ``text``, cached: several extractors read the same report."""
    return ReportScope(text)
