"""The extraction pipeline: one Report in, one contract Record out.

``ANNOTATORS`` lists the annotators in the order they run over one Document; each says
what it reads and what it assigns (``document.py``), and reads only what an earlier one
assigned. This module only runs the list and turns the finished Document into a Record;
what each annotator does is in its own module.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator

from ..errors import InputError, TimeBudgetExceeded
from ..model import Attack, Record, Report, Source
from .attribution import attribute
from .damage import find_damage
from .dates import read_dates, read_header
from .document import Annotator, Document
from .language import read_language
from .event_scope import scope
from .figures import read_figures
from .furniture import read_furniture
from .scope import read_figure_scopes
from .places import find_places
from .quantities import find_amounts
from .speakers import find_speakers
from .text import segment
from .weapons import find_weapons

__all__ = ["ANNOTATORS", "DEFAULT_BUDGET", "annotate", "extract_many", "extract_record",
           "extract_records", "to_record"]

log = logging.getLogger(__name__)

ANNOTATORS: list[Annotator] = [
    read_language,  # language.py      en, uk or ru; the vocabulary folder the others read
    segment,        # text.py          lines, paragraphs, sentences
    read_furniture,  # furniture.py    menus, bylines, captions, teasers: not the article
    read_header,    # dates.py         the publication date a report states, where its body starts
    read_dates,     # dates.py         every date named; the attack date
    scope,          # event_scope.py   stretches about other events, Russian claims, other days
    find_weapons,   # weapons.py       weapons named; the types used in the attack
    find_amounts,   # quantities.py    the amounts of each sentence
    read_figures,   # figures.py       what each amount counts
    find_places,    # places.py        places named, and whether each was hit
    find_speakers,  # speakers.py      bodies and officials named; who is quoted
    attribute,      # attribution.py   each figure's speaker and place (figure_places.py)
    read_figure_scopes,  # scope.py    each figure's scope: national, oblast, settlement or site
    find_damage,    # damage.py        damaged objects by category
]

# Seconds one report may take before it is given up with a clear error (None: no limit).
# Extraction is linear in the text: a 5 MB report takes a few seconds.
DEFAULT_BUDGET = 60.0


def annotate(doc: Document | str, until: str | None = None) -> Document:
    """Run the annotators over ``doc`` (a Document, or a text), up to and including the one
    named ``until`` (all of them by default)."""
    if isinstance(doc, str):
        doc = Document(text=doc)
    for a in ANNOTATORS:
        doc.check_time(a.name)
        a(doc)
        if a.name == until:
            break
    return doc


def to_record(doc: Document) -> Record:
    """The contract record of a fully annotated Document."""
    return Record(
        report_id=doc.report_id,
        language=doc.language,
        source=Source(url=doc.url, publisher=doc.publisher, published=doc.published),
        attack=Attack(date=doc.attack_date, date_precision=doc.date_precision),
        figures=doc.figures, places=doc.places, damage=doc.damage, speakers=doc.speakers,
        weapons=doc.weapons,
    )


def extract_record(report: Report, *, reference: dt.date | None = None,
                   budget: float | None = DEFAULT_BUDGET) -> Record:
    """Read one report into its contract record.

    ``reference``: the day relative dates ("overnight", "on Tuesday") are read against
    when the report has no publication date (never the clock). ``budget``: seconds before
    the report is given up with TimeBudgetExceeded (None: no limit).
    """
    return to_record(annotate(Document.of(report, reference=reference, budget=budget)))


def extract_records(reports: Iterable[Report], **options) -> Iterator[Record]:
    for r in reports:
        yield extract_record(r, **options)


def _ignore(error: InputError) -> None:
    pass


def extract_many(items: Iterable[Report | InputError], on_error: Callable[[InputError], None] = _ignore,
                 *, reference: dt.date | None = None,
                 budget: float | None = DEFAULT_BUDGET) -> Iterator[tuple[Report, Record]]:
    """Extract a stream of reports (as ``read_reports`` yields them) and yield each report
    with its record, in order.

    A read error in the stream, a report over its time budget and a report an extractor
    fails on each go to ``on_error`` as one InputError naming the input (FILE or
    FILE:LINE, else the report id); the stream goes on.
    """
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        where = item.origin or item.report_id
        try:
            record = extract_record(item, reference=reference, budget=budget)
        except TimeBudgetExceeded as e:
            log.warning("%s: %s", where, e)
            on_error(InputError(str(e), path=where))
            continue
        except Exception as e:  # one broken report must not stop the batch
            log.exception("extraction failed for %s", where)
            on_error(InputError(f"extraction failed: {type(e).__name__}: {e}", path=where))
            continue
        yield item, record
