"""Writes off the request path: the write queue's workers.

``POST /reports`` validates its reports, queues them as one job in the store
(``store.jobs``) and waits a short while (``wait``) for the job: done in time, it
answers 201 (or 200) as a synchronous write would; otherwise 202 with the job's id, and
``GET /jobs/{id}`` tells how it went. No request ever runs extraction.

``Writes`` runs ``workers`` threads, each with its own extraction process
(``ingest.isolated.IsolatedExtractor``): a thread claims the oldest queued job, extracts
its reports one at a time in its process with a hard ``budget`` per report (a report
over it is killed and the job fails with that error; nothing of it is stored and its
text stays in the job), stores the records (``Store.add_many``) and marks the job done.
The threads touch the store only briefly (claim, store, mark), through the Service's
lock, so reads never wait behind an extraction.

Back-pressure: when ``max_jobs`` jobs are pending, a POST gets 429 with ``Retry-After``.
Shutdown (``stop``) lets running extractions finish for ``grace`` seconds, then kills
them and puts their jobs back in the queue; queued jobs stay queued. The next start
resumes them (``jobs.resume``).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading

from strikeledger.errors import InputError, StoreBusyError, StrikeledgerError, TimeBudgetExceeded
from strikeledger.ingest import isolated
from strikeledger.ingest.isolated import IsolatedExtractor
from strikeledger.model import Record, text_hash
from strikeledger.store import jobs, uid_of
from strikeledger.store.jobs import Job

from strikeledger.serving import BUDGET, GRACE, MAX_JOBS, WORKERS

from .service import Service

log = logging.getLogger(__name__)

_IDLE = 60.0             # seconds an idle worker sleeps unless a POST wakes it (a DuckDB
                         # file is opened to look at the queue: not every second)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Writes:
    """The write queue's workers over ``service``'s store."""

    def __init__(self, service: Service, workers: int = WORKERS, budget: float = BUDGET,
                 max_jobs: int = MAX_JOBS):
        if workers < 1 or budget <= 0 or max_jobs < 1:
            raise InputError("writes: need workers >= 1, budget > 0 and max_jobs >= 1")
        self.service = service
        self.workers = workers
        self.budget = budget
        self.max_jobs = max_jobs
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._submitted = 0           # jobs submitted: a worker that found none waits for more
        self._threads: list[threading.Thread] = []
        self._extractors: list[IsolatedExtractor] = []
        self._waiters: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Future]]] = {}
        self._waiters_lock = threading.Lock()

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        """Resume jobs a stopped server left running, then start the workers (none on a
        damaged store: it takes no writes)."""
        with self.service.use() as store:
            if store.damage is not None:
                log.warning("writes: the store is damaged; queued jobs wait for a repair")
                return
            resumed = jobs.resume(store, _now())
        if resumed:
            log.info("writes: %d job(s) left running by the last server queued again", resumed)
        self._stop.clear()
        threading.Thread(target=isolated.prepare, daemon=True,
                         name="strikeledger-forkserver").start()
        for i in range(self.workers):
            extractor = IsolatedExtractor()
            thread = threading.Thread(target=self._run, args=(extractor,), daemon=True,
                                      name=f"strikeledger-write-{i}")
            self._extractors.append(extractor)
            self._threads.append(thread)
            thread.start()

    def stop(self, grace: float = GRACE) -> None:
        """Stop within about ``grace`` seconds: running extractions that do not finish
        by then are killed and their jobs queued again for the next start."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for thread in self._threads:
            thread.join(grace)
        for extractor in self._extractors:
            extractor.kill()
        for thread in self._threads:
            thread.join(grace)
            if thread.is_alive():
                log.warning("writes: %s did not stop", thread.name)
        self._threads, self._extractors = [], []

    # --- requests --------------------------------------------------------------------

    def submit(self, reports: list, origin: str) -> str:
        """Queue ``reports`` as one job (QueueFullError when the queue is full)."""
        with self.service.use() as store:
            job_id = jobs.enqueue(store, reports, origin, _now(), self.max_jobs)
        with self._wake:
            self._submitted += 1
            self._wake.notify()
        return job_id

    def job(self, job_id: str) -> dict | None:
        with self.service.use() as store:
            return jobs.get(store, job_id)

    async def wait(self, job_id: str, timeout: float) -> dict | None:
        """The job once it is done or failed, or None if it is not within ``timeout``."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        with self._waiters_lock:
            self._waiters.setdefault(job_id, []).append((loop, future))
        try:
            if timeout > 0:
                try:
                    await asyncio.wait_for(asyncio.shield(future), timeout)
                except asyncio.TimeoutError:
                    pass
            row = await asyncio.to_thread(self.job, job_id)
        finally:
            with self._waiters_lock:
                waiting = self._waiters.get(job_id, [])
                if (loop, future) in waiting:
                    waiting.remove((loop, future))
                if not waiting:
                    self._waiters.pop(job_id, None)
        return row if row is not None and row["state"] in (jobs.DONE, jobs.FAILED) else None

    def _finished(self, job_id: str) -> None:
        with self._waiters_lock:
            waiting = self._waiters.pop(job_id, [])
        for loop, future in waiting:
            loop.call_soon_threadsafe(lambda f=future: f.done() or f.set_result(None))

    # --- workers ---------------------------------------------------------------------

    def _run(self, extractor: IsolatedExtractor) -> None:
        try:
            extractor.start()      # ready before the first POST, not during it
        except Exception:
            log.exception("writes: the extraction process did not start (retried per job)")
        while not self._stop.is_set():
            with self._wake:
                seen = self._submitted
            try:
                with self.service.use() as store:
                    job = jobs.claim(store, _now())
            except StoreBusyError as exc:
                log.info("writes: %s", exc)
                job = None
            except Exception:
                log.exception("writes: cannot read the queue")
                job = None
            if job is None:
                with self._wake:
                    if not self._stop.is_set() and self._submitted == seen:
                        self._wake.wait(_IDLE)
                continue
            try:
                self._do(job, extractor)
            except Exception:         # the worker goes on; the job says why
                log.exception("writes: job %s", job.job_id)
                self._mark(job.job_id, jobs.fail, "internal error while storing the "
                                                  "reports; see the server log")
        extractor.close()

    def _do(self, job: Job, extractor: IsolatedExtractor) -> None:
        pairs, problems = [], []
        for report in job.reports():
            try:
                outcome = extractor.extract(report, self.budget)
            except TimeBudgetExceeded as exc:
                outcome = exc
            if self._stop.is_set() and not isinstance(outcome, Record):
                # stop() killed its process: the next start does this job again
                self._mark(job.job_id, jobs.requeue)
                return
            if isinstance(outcome, TimeBudgetExceeded):
                problems.append(str(outcome))
                break
            if isinstance(outcome, InputError):
                problems.append(f"report {report.report_id!r}: {outcome.message}")
            else:
                pairs.append((report, outcome))
        if problems:
            self._mark(job.job_id, jobs.fail, "nothing stored: " + "; ".join(problems[:20]))
            return
        try:
            with self.service.use() as store:
                result = store.add_many(pairs)
                body = {"added": result.added, "skipped": result.skipped,
                        "incidents": list(result.incidents),
                        "reports": [{"report_id": r.report_id,
                                     "uid": uid_of(text_hash(r.text))} for r, _ in pairs]}
                jobs.finish(store, job.job_id, body, _now())
        except StoreBusyError:
            self._mark(job.job_id, jobs.requeue)
            return
        except StrikeledgerError as exc:
            self._mark(job.job_id, jobs.fail, f"nothing stored: {exc}")
            return
        self._finished(job.job_id)

    def _mark(self, job_id: str, action, *args) -> None:
        try:
            with self.service.use() as store:
                action(store, job_id, *args, _now())
        except StrikeledgerError as exc:
            log.warning("writes: job %s: %s", job_id, exc)
        if action is not jobs.requeue:
            self._finished(job_id)
