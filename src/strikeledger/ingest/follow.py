"""Following RSS/Atom feeds: poll at an interval, ingest each new item once.

Each poll of a feed is a conditional GET (the ETag and Last-Modified it last sent). A
new item's keys are its guid (per feed), its link and, once its text is known, the
text's content hash; an item seen under any of them is never ingested again. Its text
is read by ``feeds.item_text``; its date is the report's publication date, its link the
report's url, the feed's title its publisher; the report_id is the text's short hash, as
CONTRACT.md asks of reports without an id of their own.

An item is done once its report is stored, or once it is known not to give one: it has
no text, or its extraction failed (both are reported as errors and not retried, as they
would fail the same way again).

A poll that fails (network error, timeout, HTTP error, not a feed) backs the feed off:
the next try waits ``backoff_delay``, exponential in the failures in a row, capped at
``max_backoff`` and jittered; a success puts it back on its interval. An item whose
page fails for a transient reason is left for the next poll, and the feed's validators
are then not updated, so that the next poll gets the items again instead of a 304.

Everything the follower remembers (feed validators, backoff, seen items) is in the
store (``feed_state``), written as it goes, so that a follower killed with SIGKILL
resumes where it was. The store is opened for each round of polls and closed between
rounds, so that a DuckDB file is free for other processes while the follower sleeps.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import InputError, StoreBusyError
from ..model import Report, text_hash
from ..store import open_store
from .feed_state import FeedRecord, FeedState
from .feeds import FetchError, Http, item_text, parse_feed
from .live import ingest_reports
from .readers import short_hash
from .run import ErrorHandler

log = logging.getLogger(__name__)


def backoff_delay(failures: int, interval: float, cap: float, jitter: float) -> float:
    """Seconds to wait after ``failures`` failed polls in a row (>= 1): ``interval *
    2**failures`` capped at ``cap``, of which a random half is taken off ("equal jitter",
    ``jitter`` in [0, 1)), so a failing feed is never polled sooner than its interval
    and followers that failed together do not retry together."""
    full = min(cap, interval * 2 ** min(failures, 32))
    return max(min(interval, cap), full / 2 + full / 2 * jitter)


@dataclass
class PollResult:
    feed: str
    outcome: str                    # "new", "not modified", "failed", "waiting"
    items: int = 0                  # items in the feed not seen before
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None
    failures: int = 0
    retry_in: float | None = None


@dataclass
class FollowTotals:
    polls: int = 0
    added: int = 0
    failed: int = 0
    errors: int = 0


class Follower:
    """Polls ``feeds`` into the store at ``target`` until stopped (see the module doc)."""

    def __init__(self, target: str | None, feeds: list[str], *, interval: float = 300.0,
                 timeout: float = 20.0, max_backoff: float = 3600.0,
                 on_error: ErrorHandler = lambda e: None,
                 on_poll: Callable[[PollResult], None] = lambda r: None,
                 opener: Callable = open_store, http: Http | None = None,
                 clock: Callable[[], float] = time.time,
                 jitter: Callable[[], float] = random.random, busy_timeout: float = 60.0):
        self.target, self.feeds = target, list(dict.fromkeys(feeds))
        self.interval, self.max_backoff = interval, max_backoff
        self.on_error, self.on_poll = on_error, on_poll
        self.opener, self.clock, self.jitter = opener, clock, jitter
        self.busy_timeout = busy_timeout
        self.http = http or Http(timeout=timeout)
        self.next_poll: dict[str, float] = {}
        self.totals = FollowTotals()
        self._stop = threading.Event()

    def run(self, stop: threading.Event, once: bool = False) -> FollowTotals:
        """Poll until ``stop`` is set (``once``: one round, then return)."""
        try:
            while not stop.is_set():
                self.round(stop, once=once)
                if once:
                    break
                now = self.clock()
                wake = min(self.next_poll.get(f, now) for f in self.feeds)
                stop.wait(max(0.05, wake - now))
        finally:
            self.http.close()
        return self.totals

    def round(self, stop: threading.Event, once: bool = False) -> list[PollResult]:
        """Poll every feed that is due (``once``: every feed not backing off)."""
        self._stop = stop
        results = []
        try:
            with self.opener(self.target, busy_timeout=self.busy_timeout) as store:
                state = FeedState(store)
                for url in self.feeds:
                    if stop.is_set():
                        break
                    rec = state.feed(url)
                    now = self.clock()
                    due = rec.next_poll <= now or (once and rec.failures == 0)
                    if not due:
                        self.next_poll[url] = rec.next_poll
                        if once:
                            result = PollResult(url, "waiting", failures=rec.failures,
                                                retry_in=rec.next_poll - now,
                                                error=rec.last_error)
                            results.append(result)
                            self.on_poll(result)
                        continue
                    result = self.poll(store, state, rec)
                    self.next_poll[url] = rec.next_poll
                    results.append(result)
                    self._count(result)
                    self.on_poll(result)
        except StoreBusyError as e:
            log.warning("%s; the feeds are polled again in %g s", e, self.interval)
            for url in self.feeds:
                self.next_poll[url] = self.clock() + self.interval
        return results

    def _count(self, r: PollResult) -> None:
        self.totals.polls += 1
        self.totals.added += r.added
        self.totals.failed += r.outcome == "failed"
        self.totals.errors += len(r.errors)

    def _failed(self, state: FeedState, rec: FeedRecord, error: FetchError) -> PollResult:
        now = self.clock()
        rec.failures += 1
        delay = backoff_delay(rec.failures, self.interval, self.max_backoff, self.jitter())
        if error.retry_after is not None:
            delay = max(delay, min(error.retry_after, self.max_backoff))
        rec.next_poll, rec.polled_at, rec.last_error = now + delay, now, str(error)
        state.save(rec)
        return PollResult(rec.url, "failed", error=str(error), failures=rec.failures,
                          retry_in=delay)

    def poll(self, store, state: FeedState, rec: FeedRecord) -> PollResult:
        """One conditional GET of one feed, and its new items ingested."""
        try:
            response = self.http.get(rec.url, rec.etag, rec.last_modified)
            feed = parse_feed(response.body, rec.url) if response.status == 200 else None
        except FetchError as e:
            return self._failed(state, rec, e)
        result = PollResult(rec.url, "not modified" if feed is None else "new")
        keep_validators = False
        if feed is not None:
            keep_validators = self._ingest_items(store, state, rec.url, feed, result)
            if not keep_validators:
                rec.etag, rec.last_modified = response.etag, response.last_modified
        now = self.clock()
        rec.failures, rec.last_error, rec.polled_at = 0, None, now
        rec.next_poll = now + self.interval
        state.save(rec)
        return result

    def _ingest_items(self, store, state: FeedState, url: str, feed, result: PollResult) -> bool:
        """Ingest the feed's unseen items; True when one must be tried again later."""
        keyed = [(item, _item_keys(url, item)) for item in feed.items]
        known = state.lookup(k for _, keys in keyed for k in keys)
        pending = {h for _, (h, done) in known.items() if h and not done}
        stored_pending = state.stored(pending)
        retry = False
        fresh: list[tuple[list[str], str, Report]] = []
        done_now: list[tuple[list[str], str | None]] = []
        for item, keys in keyed:
            if self._stop.is_set():     # stopping: the rest waits for the next start
                retry = True
                break
            seen = [known[k] for k in keys if k in known]
            if any(done for _, done in seen):
                continue
            if any(h in stored_pending for h, _ in seen):     # stored before a kill
                done_now.append((keys, next(h for h, _ in seen if h in stored_pending)))
                continue
            result.items += 1
            try:
                text = item_text(item, self.http)
            except FetchError as e:
                retry = True
                self._error(result, f"{item.link}: {e}; tried again at the next poll", url)
                continue
            where = item.link or item.guid or url
            if text is None or "\x00" in text:
                self._error(result, f"{where}: the item has no text", url)
                done_now.append((keys, None))
                continue
            h = text_hash(text)
            report = Report(report_id=short_hash(text), text=text, published=item.published,
                            url=item.link, publisher=feed.title,
                            origin=f"{url} item {item.guid or item.link}")
            fresh.append(([*keys, f"hash {h}"], h, report))
        if fresh:
            hashes = state.lookup(keys[-1] for keys, _, _ in fresh)
            for keys, h, report in list(fresh):
                if hashes.get(keys[-1], (None, False))[1]:        # same text as a seen item
                    done_now.append((keys, h))
                    fresh.remove((keys, h, report))
        now = self.clock()
        state.mark(done_now, url, done=True, now=now)
        if fresh:
            state.mark([(keys, h) for keys, h, _ in fresh], url, done=False, now=now)
            run = ingest_reports(store, [r for _, _, r in fresh], self.on_error)
            result.read, result.added, result.skipped = run.read, run.added, run.skipped
            result.errors += run.errors
            state.mark([(keys, h) for keys, h, _ in fresh], url, done=True, now=self.clock())
        return retry

    def _error(self, result: PollResult, message: str, url: str) -> None:
        error = InputError(message, path=url)
        result.errors.append(str(error))
        self.on_error(error)


def _item_keys(feed: str, item) -> list[str]:
    keys = []
    if item.guid:
        keys.append(f"guid {feed} {item.guid}")
    if item.link:
        keys.append(f"url {item.link}")
    return keys


def follow(target: str | None, feeds: list[str], stop: threading.Event, *,
           once: bool = False, **options) -> FollowTotals:
    """Follow ``feeds`` into the store at ``target`` until ``stop`` is set (``once``: one
    round). ``options`` are Follower's."""
    return Follower(target, feeds, **options).run(stop, once=once)
