"""The write queue in the store (``store/jobs.py``), on DuckDB and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest

from strikeledger.errors import QueueFullError, StoreDamagedError
from strikeledger.model import Report
from strikeledger.store import jobs, open_store, uid_of

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
LATER = NOW + dt.timedelta(minutes=1)


def _reports(*names: str) -> list[Report]:
    return [Report(report_id=n, text=f"Drones hit {n} overnight.", url=f"https://e.x/{n}")
            for n in names]


def test_queue_runs_oldest_first_and_keeps_what_it_was_given(store):
    first = jobs.enqueue(store, _reports("a", "b"), "POST /reports", NOW, limit=10)
    second = jobs.enqueue(store, _reports("c"), "POST /reports", NOW, limit=10)
    assert first != second and jobs.pending(store) == 2
    job = jobs.claim(store, LATER)
    assert job.job_id == first and job.reports() == _reports("a", "b")
    assert jobs.get(store, first)["state"] == jobs.RUNNING
    jobs.finish(store, first, {"added": 2, "skipped": 0}, LATER)
    row = jobs.get(store, first)
    assert row["state"] == jobs.DONE and row["result"] == {"added": 2, "skipped": 0}
    assert row["reports"] == [{"report_id": r.report_id, "uid": uid_of(r.content_hash),
                               "characters": len(r.text)} for r in _reports("a", "b")]
    assert jobs.claim(store, LATER).job_id == second
    jobs.fail(store, second, "took too long", LATER)
    assert jobs.get(store, second)["state"] == jobs.FAILED
    assert jobs.get(store, second)["error"] == "took too long"
    assert jobs.claim(store, LATER) is None and jobs.pending(store) == 0
    assert jobs.get(store, "no-such-job") is None


def test_a_full_queue_refuses_and_stores_nothing(store):
    for name in ("a", "b"):
        jobs.enqueue(store, _reports(name), "POST /reports", NOW, limit=2)
    with pytest.raises(QueueFullError, match="full"):
        jobs.enqueue(store, _reports("c"), "POST /reports", NOW, limit=2)
    assert jobs.pending(store) == 2
    jobs.claim(store, NOW)            # a running job still counts
    with pytest.raises(QueueFullError):
        jobs.enqueue(store, _reports("c"), "POST /reports", NOW, limit=2)


def test_jobs_left_running_are_resumed_after_a_restart(new_target):
    target = new_target()
    with open_store(target) as store:
        job_id = jobs.enqueue(store, _reports("a"), "POST /reports", NOW, limit=10)
        assert jobs.claim(store, NOW).job_id == job_id
    with open_store(target) as store:          # the server stopped while it ran
        assert jobs.claim(store, LATER) is None
        assert jobs.resume(store, LATER) == 1
        assert jobs.claim(store, LATER).job_id == job_id
        jobs.requeue(store, job_id, LATER)
        assert jobs.get(store, job_id)["state"] == jobs.QUEUED


def test_a_damaged_store_queues_nothing(store):
    store.damage = "a checksum did not match"
    with pytest.raises(StoreDamagedError):
        jobs.enqueue(store, _reports("a"), "POST /reports", NOW, limit=10)
    with pytest.raises(StoreDamagedError):
        jobs.claim(store, NOW)
    assert jobs.resume(store, NOW) == 0
