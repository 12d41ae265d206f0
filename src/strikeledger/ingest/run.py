"""Read, extract and (optionally) store many reports, streaming.

One bad file, line or report never stops a batch: its error is handed to `on_error`
and counted, and the rest goes on. Nothing here holds the whole corpus in memory.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..extract.pipeline import extract_record
from ..model import Record, Report
from .readers import read_reports

log = logging.getLogger(__name__)
ErrorHandler = Callable[[InputError], None]


@dataclass
class RunResult:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def safe_extract(report: Report) -> Record | InputError:
    """Extract one report; a crash in an extractor becomes an error naming the input."""
    try:
        return extract_record(report)
    except Exception as e:  # one broken report must not stop the batch
        log.exception("extraction failed for %s", report.origin or report.report_id)
        return InputError(f"extraction failed: {type(e).__name__}: {e}",
                          path=report.origin or report.report_id)


def extracted(paths: Iterable[str | Path], on_error: ErrorHandler,
              result: RunResult | None = None) -> Iterator[tuple[Report, Record]]:
    """(report, record) pairs of every readable report under `paths`."""
    for item in read_reports(paths):
        if isinstance(item, InputError):
            if result is not None:
                result.errors.append(str(item))
            on_error(item)
            continue
        rec = safe_extract(item)
        if isinstance(rec, InputError):
            if result is not None:
                result.errors.append(str(rec))
            on_error(rec)
            continue
        if result is not None:
            result.read += 1
        yield item, rec


def ingest_paths(paths: Iterable[str | Path], store, on_error: ErrorHandler = lambda e: None,
                 batch_size: int = 500, progress: Callable[[int], None] | None = None) -> RunResult:
    """Extract every report under `paths` and add it to `store` (idempotent)."""
    result = RunResult()

    def pairs():
        for pair in extracted(paths, on_error, result):
            if progress is not None:
                progress(1)
            yield pair

    added = store.add_many(pairs(), batch_size=batch_size)
    result.added, result.skipped = added.added, added.skipped
    return result
