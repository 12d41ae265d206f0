"""One report as extraction reads it: its text and what each annotator found in it.

A Document is made once per report. The annotators of ``pipeline.ANNOTATORS`` fill it in
order: each declares the fields it reads and the fields it assigns, and reads only what an
earlier annotator assigned (``tests/extract/test_pipeline.py`` holds them to it). Nothing
is computed twice and nothing is cached by text: a later annotator that needs the
sentences, the header or the places reads them here.

Every position is a character offset into ``text``; ``folded`` is the text in lower case
with the same offsets, for case-insensitive patterns (see ``casefold``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import TimeBudgetExceeded
from ..model import Language, Report

if TYPE_CHECKING:  # the annotators' own types, named here for the reader
    from ..model import Damage, Figure, Place, Speaker
    from .attribution import Attributed
    from .dates import DateMention
    from .event_scope import SentenceContext
    from .furniture import Furniture
    from .figures import Candidate
    from .places import PlaceMention
    from .quantities import QuantityMention
    from .speakers import SpeakerMention
    from .weapons import WeaponMention

__all__ = ["Document", "Header", "Span", "Annotator", "annotator"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: ``text[start:end]``."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of a report says about itself."""

    body: int                                 # where the text after a "date YYYY-MM-DD" line starts
    stated: dt.date | None                    # the publication date the report states
    spans: tuple[tuple[int, int], ...] = ()   # the stretches that stated it


@dataclass(eq=False)
class Document:
    """One report and its annotations (each ``None`` until its annotator has run)."""

    text: str
    report_id: str = ""
    url: str | None = None
    publisher: str | None = None
    given_published: dt.date | None = None   # the date the reader got with the report
    reference: dt.date | None = None         # the day relative dates are read against, if known
    deadline: float | None = None            # time.perf_counter() value the work must end by
    budget: float | None = None              # seconds, for the error message

    # language
    language: Language | None = None         # en, uk or ru as detected (None: no letters)
    lang: str = "en"                         # the vocabulary folder the annotators read
    # segment
    folded: str = ""
    line_starts: list[int] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    # furniture
    furniture: Furniture | None = None       # menus, bylines, captions, teasers: not the article
    # header
    header: Header | None = None
    published: dt.date | None = None         # given, else stated
    # dates
    date_mentions: list[DateMention] = field(default_factory=list)
    attack_date: dt.date | None = None
    date_precision: str | None = None
    # scope
    scopes: list[SentenceContext] = field(default_factory=list)
    skipped: frozenset[int] = frozenset()    # sentences whose figures are another event's
    # weapons
    weapon_mentions: list[WeaponMention] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    # quantities
    quantities: list[list[QuantityMention]] = field(default_factory=list)  # per sentence
    # figures
    candidates: list[Candidate] = field(default_factory=list)
    # places
    place_mentions: list[PlaceMention] = field(default_factory=list)
    foreign: list[tuple[int, int]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # speakers
    speaker_mentions: list[Any] = field(default_factory=list)
    byline: SpeakerMention | Any | None = None
    speakers: list[Speaker] = field(default_factory=list)
    spelled: dict[str, str] = field(default_factory=dict)
    # attribution
    credited: list[list[tuple[int, Attributed]]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # damage
    damage: list[Damage] = field(default_factory=list)

    @classmethod
    def of(cls, report: Report, *, reference: dt.date | None = None,
           budget: float | None = None) -> "Document":
        return cls(text=report.text, report_id=report.report_id, url=report.url,
                   publisher=report.publisher, given_published=report.published,
                   reference=reference, budget=budget,
                   deadline=None if budget is None else time.perf_counter() + budget)

    # -- looking things up by offset ------------------------------------------------------
    def sentence_index(self, pos: int) -> int | None:
        """The index of the sentence that holds ``pos`` (None between sentences)."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i
        return None

    def line_start(self, pos: int) -> int:
        """The offset where the line holding ``pos`` starts: ``text.rfind("\\n", 0, pos) + 1``
        without the scan back."""
        return self.line_starts[bisect.bisect_right(self.line_starts, pos) - 1]

    def paragraph_index(self, pos: int) -> int:
        """The index of the paragraph that holds ``pos`` (-1 between paragraphs)."""
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return i if i >= 0 and pos < self.paragraphs[i].end else -1

    # -- the time budget ------------------------------------------------------------------
    def check_time(self, where: str = "") -> None:
        """Raise TimeBudgetExceeded when the report's time budget is spent."""
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise TimeBudgetExceeded(
                f"extraction stopped after its time budget of {self.budget:g} s"
                + (f" (in {where})" if where else "") + f" on a text of {len(self.text):,} characters")


@dataclass(frozen=True, slots=True)
class Annotator:
    """One step of the pipeline: what it reads from the Document and what it assigns."""

    name: str
    reads: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Document], None]

    def __call__(self, doc: Document) -> None:
        self.run(doc)


def annotator(name: str, *, reads: tuple[str, ...] = (), assigns: tuple[str, ...]):
    """Declare a function ``(doc) -> None`` as an annotator (spaCy's component decorator)."""
    def wrap(fn: Callable[[Document], None]) -> Annotator:
        return Annotator(name, tuple(reads), tuple(assigns), fn)
    return wrap
