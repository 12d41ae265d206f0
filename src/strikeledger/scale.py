"""Scale-out: extract reports on a Dask distributed cluster.

    from strikeledger.scale import extract_with_dask
    for line in extract_with_dask(["reports/"], address=None, partitions=None,
                                  on_error=print, result=RunResult()):
        ...

The driver reads the input (files, folders, JSONL, stdin) as a stream, cuts it into
partitions of a few hundred reports, and submits each partition as one task. At most
``partitions`` of them are in flight at once, so the driver holds a bounded window of the
corpus, never the whole of it; results come back in input order. The workers only run
``extract_many`` on the reports they are sent, so they need the strikeledger package but
not the input files.

Read errors are reported on the driver as they are met; extraction errors come back from
the workers with the report's origin (FILE or FILE:LINE) and go through the same
``on_error``. The JSON lines are exactly those of the single-process ``extract``.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .extras import require
from .ingest.readers import read_reports
from .extract.pipeline import extract_many
from .ingest.run import ErrorHandler, RunResult
from .model import Report

log = logging.getLogger(__name__)

__all__ = ["extract_with_dask", "extract_partition", "partition_reports"]

LOCAL_WORKERS = 2
THREADS_PER_WORKER = 1
PARTITIONS_PER_WORKER = 4
PARTITION_REPORTS = 50
PARTITION_CHARS = 2_000_000

# One extraction outcome as it crosses the wire: ("ok", json_line) or
# ("error", message, path, line). Plain tuples pickle cheaply and never depend on the
# exception class's constructor.
Outcome = tuple[Any, ...]


def extract_partition(reports: list[Report]) -> list[Outcome]:
    """Extract one partition on a worker: one outcome per report, in order."""
    out: list[Outcome] = []
    for _, rec in extract_many(reports, lambda e: out.append(("error", e.message, e.path, e.line))):
        out.append(("ok", rec.to_json()))
    return out


def partition_reports(items: Iterable[Report | InputError], on_error: ErrorHandler,
                      result: RunResult | None = None, max_reports: int = PARTITION_REPORTS,
                      max_chars: int = PARTITION_CHARS) -> Iterator[list[Report]]:
    """Group a stream of reports into lists of at most `max_reports` reports and about
    `max_chars` characters; read errors go to `on_error` as they are met."""
    batch: list[Report] = []
    chars = 0
    for item in items:
        if isinstance(item, InputError):
            if result is not None:
                result.errors.append(str(item))
            on_error(item)
            continue
        batch.append(item)
        chars += len(item.text)
        if len(batch) >= max_reports or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _deliver(outcomes: list[Outcome], on_error: ErrorHandler,
             result: RunResult | None) -> Iterator[str]:
    for outcome in outcomes:
        if outcome[0] == "ok":
            if result is not None:
                result.read += 1
            yield outcome[1]
        else:
            _, message, path, line = outcome
            error = InputError(message, path=path, line=line)
            if result is not None:
                result.errors.append(str(error))
            on_error(error)


def _n_workers(client) -> int:
    info = client.scheduler_info()
    threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
    return max(threads, 1)


def extract_with_dask(paths: Iterable[str | Path], address: str | None = None,
                      partitions: int | None = None, on_error: ErrorHandler = lambda e: None,
                      result: RunResult | None = None, *, n_workers: int = LOCAL_WORKERS,
                      threads_per_worker: int = THREADS_PER_WORKER,
                      partition_size: int = PARTITION_REPORTS) -> Iterator[str]:
    """Extract every report under `paths` on Dask and yield its record as a JSON line.

    `address` is a scheduler address (``tcp://host:8786``); ``None`` starts a LocalCluster
    of `n_workers` processes with `threads_per_worker` threads each, closed at the end.
    `partitions` is how many partitions of up to `partition_size` reports are in flight at
    once (default: 4 per worker thread); it bounds the driver's memory. Lines come in
    input order, so sorting is not even needed to compare with the single-process run.
    """
    distributed = require("distributed", "dask", "extraction on Dask")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster

    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        window = partitions or PARTITIONS_PER_WORKER * _n_workers(client)
        log.info("extracting on %s with %d partitions in flight", client, window)
        pending: deque = deque()
        for part in partition_reports(read_reports(paths), on_error, result,
                                      max_reports=partition_size):
            pending.append(client.submit(extract_partition, part, pure=False))
            while len(pending) >= window:
                yield from _deliver(pending.popleft().result(), on_error, result)
        while pending:
            yield from _deliver(pending.popleft().result(), on_error, result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
