"""The write queue: reports accepted by the API wait in the store until extracted.

``POST /reports`` validates its reports and ``enqueue``s them as one job (all or
nothing, as before); a worker ``claim``s the oldest queued job, extracts its reports
and stores them (``Store.add_many``), then marks the job ``done`` with the answer a
client would have had, or ``failed`` with why (nothing of a failed job is stored, and
its reports' texts stay in the job). Because the queue is a table of the store, a
server that stops, or is killed, loses nothing it accepted: a job left ``running``
goes back to ``queued`` at the next start (``resume``), and storing its reports again
is a no-op for those already stored.

States: ``queued`` -> ``running`` -> ``done`` | ``failed``. A job's ``reports`` column
holds its reports as JSON (``Report`` fields), ``summary`` their ids, uids and lengths
(what ``get`` shows, without reading the texts), ``result`` the answer of a done job.
Times are passed in (``now``): no clock here.
"""
from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strikeledger.errors import QueueFullError
from strikeledger.model import Report
from strikeledger.store import integrity

if TYPE_CHECKING:
    from strikeledger.store.base import Store

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = (QUEUED, RUNNING, DONE, FAILED)
_SUMMARY = "job_id, state, origin, created_at, updated_at, result, error, summary"


@dataclass(frozen=True)
class Job:
    """A claimed job: its id and its reports as stored (``reports()`` reads them)."""

    job_id: str
    payload: str | list

    def reports(self) -> list[Report]:
        return [Report.model_validate(r) for r in _json(self.payload)]


def _json(value) -> object:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _writable(store: "Store") -> None:
    if store.damage is not None:
        raise integrity.damaged(store.target, store.damage)


def pending(store: "Store") -> int:
    """Jobs not yet finished (queued or running)."""
    rows = store._read("counting queued jobs",
                       "SELECT count(*) AS n FROM jobs WHERE state IN ($1, $2)",
                       [QUEUED, RUNNING])
    return int(rows[0]["n"])


def enqueue(store: "Store", reports: list[Report], origin: str, now: dt.datetime,
            limit: int) -> str:
    """Queue ``reports`` as one job and return its id; QueueFullError when ``limit``
    jobs are pending already."""
    from strikeledger.store.base import uid_of
    _writable(store)
    job_id = secrets.token_hex(8)
    payload = json.dumps([r.model_dump(mode="json") for r in reports])
    summary = json.dumps([{"report_id": r.report_id, "uid": uid_of(r.content_hash),
                           "characters": len(r.text)} for r in reports])
    with store._mapped("queueing reports"), store._writing():
        n = store._fetch("SELECT count(*) AS n FROM jobs WHERE state IN ($1, $2)",
                         [QUEUED, RUNNING])[0]["n"]
        if n >= limit:
            raise QueueFullError(f"the write queue is full ({n} jobs waiting)")
        ts = store._ts(now)
        store._execute("INSERT INTO jobs (job_id, state, origin, reports, summary, "
                       "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       [job_id, QUEUED, origin, payload, summary, ts, ts])
    return job_id


def claim(store: "Store", now: dt.datetime) -> Job | None:
    """The oldest queued job, now ``running``; None when none is queued."""
    _writable(store)
    with store._mapped("claiming a job"), store._writing():
        rows = store._fetch("SELECT job_id, reports FROM jobs WHERE state = $1 "
                            "ORDER BY seq LIMIT 1", [QUEUED])
        if not rows:
            return None
        job_id = rows[0]["job_id"]
        store._execute("UPDATE jobs SET state = $1, updated_at = $2 WHERE job_id = $3",
                       [RUNNING, store._ts(now), job_id])
    return Job(job_id, rows[0]["reports"])


def _set(store: "Store", job_id: str, state: str, now: dt.datetime,
         result: dict | None = None, error: str | None = None) -> None:
    with store._mapped("updating a job"), store._writing():
        store._execute("UPDATE jobs SET state = $1, updated_at = $2, result = $3, "
                       "error = $4 WHERE job_id = $5",
                       [state, store._ts(now), None if result is None else json.dumps(result),
                        error, job_id])


def finish(store: "Store", job_id: str, result: dict, now: dt.datetime) -> None:
    """Mark a job done with its answer (what ``POST /reports`` would have said)."""
    _set(store, job_id, DONE, now, result=result)


def fail(store: "Store", job_id: str, error: str, now: dt.datetime) -> None:
    """Mark a job failed: nothing of it was stored; its reports stay in the job."""
    _set(store, job_id, FAILED, now, error=error)


def requeue(store: "Store", job_id: str, now: dt.datetime) -> None:
    """Put a running job back in the queue (its worker was stopped before it finished)."""
    _set(store, job_id, QUEUED, now)


def resume(store: "Store", now: dt.datetime) -> int:
    """Put every job left running (by a server that stopped) back in the queue; how many."""
    if store.damage is not None:
        return 0
    with store._mapped("resuming jobs"), store._writing():
        n = store._fetch("SELECT count(*) AS n FROM jobs WHERE state = $1",
                         [RUNNING])[0]["n"]
        if n:
            store._execute("UPDATE jobs SET state = $1, updated_at = $2 WHERE state = $3",
                           [QUEUED, store._ts(now), RUNNING])
    return int(n)


def get(store: "Store", job_id: str) -> dict | None:
    """A job's state, times, answer or error, and its reports' ids and uids (no text)."""
    rows = store._read("reading a job", f"SELECT {_SUMMARY} FROM jobs WHERE job_id = $1",
                       [job_id])
    if not rows:
        return None
    row = rows[0]
    row["result"] = _json(row["result"]) if row["result"] is not None else None
    row["reports"] = _json(row.pop("summary"))
    return row
