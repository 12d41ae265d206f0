"""The one call the live inputs (``watch``, ``follow``) make to store what they read.

Both hand over reports as readers yield them (a Report, or an InputError that is
reported and counted) and get a RunResult back. Keeping this in one function keeps the
switch to the store's own "ingest these reports and update their incidents" entry point
a one-line change.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..model import Record, Report
from .run import ErrorHandler, RunResult, safe_extract


def ingest_reports(store, items: Iterable[Report | InputError], on_error: ErrorHandler,
                   batch_size: int = 500) -> RunResult:
    """Extract the reports among ``items`` and add them to ``store`` (idempotent on the
    text's hash); input errors go to ``on_error`` and the rest goes on."""
    result = RunResult()

    def pairs() -> Iterator[tuple[Report, Record]]:
        for item in items:
            record = item if isinstance(item, InputError) else safe_extract(item)
            if isinstance(record, InputError):
                result.errors.append(str(record))
                on_error(record)
                continue
            result.read += 1
            yield item, record

    added = store.add_many(pairs(), batch_size=batch_size)
    result.added, result.skipped = added.added, added.skipped
    return result
