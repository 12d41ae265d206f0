"""Read, extract and (optionally) store many reports, streaming.

One bad file, line or report never stops a batch: its error is handed to `on_error`
and counted, and the rest goes on. Nothing here holds the whole corpus in memory.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..extract.pipeline import extract_many
from ..model import Record, Report
from .readers import read_reports

ErrorHandler = Callable[[InputError], None]


@dataclass
class RunResult:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def safe_extract(report: Report) -> Record | InputError:
    """Extract one report; a crash or a spent time budget becomes an error naming the input."""
    errors: list[InputError] = []
    for _, record in extract_many([report], errors.append):
        return record
    return errors[0]


def extracted(paths: Iterable[str | Path], on_error: ErrorHandler,
              result: RunResult | None = None) -> Iterator[tuple[Report, Record]]:
    """(report, record) pairs of every readable report under `paths`."""
    def failed(error: InputError) -> None:
        if result is not None:
            result.errors.append(str(error))
        on_error(error)

    for report, record in extract_many(read_reports(paths), failed):
        if result is not None:
            result.read += 1
        yield report, record


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
