"""`strikeledger follow`: real follower processes against a local feed server process.

Feeds and pages are invented (feedkit.py) and change between polls; the tests wait for
what the follower prints or the server logs, with generous deadlines.
"""
from __future__ import annotations

import datetime as dt
import re
import signal
import sys
import threading
from pathlib import Path

import pytest

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

import feedkit  # noqa: E402
from feedkit import FeedServer, body, item, rss  # noqa: E402
from procs import Proc  # noqa: E402
from strikeledger.ingest import follow as follow_module
from strikeledger.ingest.feeds import html_text, item_date
from strikeledger.ingest.follow import Follower, backoff_delay
from strikeledger.store import open_store


@pytest.fixture
def server(tmp_path):
    s = FeedServer(tmp_path).start()
    yield s
    s.stop()


def reports(db) -> list[dict]:
    with open_store(db) as store:
        return store.reports(limit=None)


def texts(db) -> dict[str, str]:
    with open_store(db) as store:
        return {r["url"]: store.get_report(r["uid"])["text"] for r in store.reports(limit=None)}


def once(*args) -> Proc:
    p = Proc("follow", *args, "--once", "--timeout", "10")
    p.p.wait(300)
    p.stop()
    return p


def test_backoff_is_exponential_capped_and_jittered():
    assert backoff_delay(1, 10, 3600, 0.0) == 10          # never sooner than the interval
    assert backoff_delay(1, 10, 3600, 0.999) == pytest.approx(19.99)
    assert backoff_delay(3, 10, 3600, 0.5) == 60          # 80: half fixed, half jittered
    assert backoff_delay(12, 10, 3600, 0.0) == 1800
    assert backoff_delay(12, 10, 3600, 0.999) <= 3600     # capped
    assert backoff_delay(10**6, 10, 3600, 0.3) <= 3600    # no overflow
    assert backoff_delay(1, 10, 5, 0.0) == 5              # a cap below the interval wins


def test_item_text_of_a_fragment_and_item_dates():
    assert html_text("<p>One  drone.</p><p>Two <b>missiles</b>.</p><script>x()</script>") == \
        "One drone.\n\nTwo missiles."
    assert item_date({"published": "Tue, 01 Jul 2025 23:30:00 +0300"}) == dt.date(2025, 7, 1)
    assert item_date({"updated": "2025-07-02T01:10:00+03:00"}) == dt.date(2025, 7, 2)
    assert item_date({}) is None


@pytest.mark.slow
def test_follow_once_reads_items_pages_and_never_an_item_twice(server, tmp_path):
    db = tmp_path / "s.duckdb"
    day = dt.date(2025, 7, 1)
    items = [item(1, content=f"<p>{body(1)}</p>", base=server.base, day=day),
             item(2, base=server.base, day=day), item(3, base=server.base, day=day)]
    for n in (2, 3):
        server.page(n)
    server.put("wire.rss", rss(items))
    first = once(server.url("wire.rss"), "--db", db)
    assert first.p.returncode == 0, first.stderr
    assert "3 new item(s), 3 report(s) read: 3 added, 0 already stored; 0 error(s)" in first.stdout
    got = texts(db)
    assert got[items[0]["link"]] == body(1)                       # the feed's full content
    assert body(2) in got[items[1]["link"]]                       # the linked page's text
    assert "Short note" not in got[items[1]["link"]] and "Copyright" not in got[items[1]["link"]]
    assert server.requests("news/1.html") == []                   # content: no page fetched
    rows = reports(db)
    assert {r["publisher"] for r in rows} == {"Invented Wire"}
    assert {r["published"] for r in rows} == {day}

    # nothing changed: a conditional request answered 304
    second = once(server.url("wire.rss"), "--db", db)
    assert "not modified" in second.stdout and second.p.returncode == 0
    feed_requests = server.requests("wire.rss")
    assert feed_requests[-1]["status"] == 304 and feed_requests[-1]["inm"]

    # the feed changes: seen guids, links and texts are not read again
    server.page(2, "An entirely new text under an old guid.")
    server.page(4)
    changed = items + [
        dict(item(2, base=server.base), summary="Changed summary."),       # same guid
        item(5, link=items[2]["link"]),                                    # same link
        item(6, content=f"<p>{body(1)}</p>", base=server.base),            # same text
        item(4, base=server.base),                                         # new
    ]
    server.put("wire.rss", rss(changed))
    third = once(server.url("wire.rss"), "--db", db)
    assert "2 new item(s), 1 report(s) read: 1 added, 0 already stored" in third.stdout, third.stdout
    assert len(server.requests("news/2.html")) == 1               # never fetched again
    assert len(reports(db)) == 4
    assert body(4) in texts(db)[server.base + "/news/4.html"]


@pytest.mark.slow
def test_atom_feed_summary_only_page_gone_uses_the_summary(server, tmp_path):
    db = tmp_path / "s.duckdb"
    entries = [dict(item(7, base=server.base), atom_date="2025-07-02T01:10:00+03:00"),
               dict(item(8, base=server.base, summary="Three drones were shot down over Odesa."),
                    atom_date="2025-07-02T02:00:00+03:00")]
    server.page(7)
    server.put("oblast.atom", feedkit.atom(entries))           # page 8 does not exist: 404
    p = once(server.url("oblast.atom"), "--db", db)
    assert "2 new item(s), 2 report(s) read: 2 added" in p.stdout, p.stdout + p.stderr
    got = texts(db)
    assert body(7) in got[entries[0]["link"]]
    assert got[entries[1]["link"]] == "Three drones were shot down over Odesa."
    assert {r["publisher"] for r in reports(db)} == {"Invented Oblast News"}
    assert {r["published"] for r in reports(db)} == {dt.date(2025, 7, 2)}


def _next_in(p: Proc) -> list[float]:
    return [float(m.group(1)) for line in p.out
            for m in [re.search(r"failed .* next in ([0-9.]+) s", line)] if m]


@pytest.mark.slow
def test_a_failing_feed_backs_off_and_recovers(server, tmp_path):
    db = tmp_path / "s.duckdb"
    feed = "wire.rss"
    server.page(1)
    server.put(feed, rss([item(1, base=server.base)]))
    server.side(feed, ".status", "503")
    interval, cap = 0.3, 1.6
    p = Proc("follow", server.url(feed), "--db", db, "--interval", interval,
             "--max-backoff", cap, "--timeout", "1")
    try:
        p.wait_for("try 3 in a row")
        # a body that is not a feed
        server.side(feed, ".status", None)
        server.put(feed, "<html><body>Maintenance</body></html>")
        p.wait_for("not an RSS or Atom feed")
        # unreachable: the server is down, connections are refused
        server.stop()
        p.wait_for("ConnectError")
        server.put(feed, rss([item(1, base=server.base)]))
        server.side(feed, ".delay", "3")                          # slower than --timeout
        server.start()
        p.wait_for("timed out")
        server.side(feed, ".delay", None)
        p.wait_for("1 new item(s), 1 report(s) read: 1 added")
        p.wait_for("not modified")                                # back on its interval
        assert p.stop() == 0
    finally:
        p.kill()
    waits = _next_in(p)
    assert len(waits) >= 6 and all(interval <= w <= cap for w in waits)
    fails = [int(m.group(1)) for line in p.out for m in [re.search(r"try (\d+) in a row", line)] if m]
    assert fails == list(range(1, len(fails) + 1))               # counted in a row, never reset
    # the waits were kept: each retry came no sooner than half its full delay
    times = [r["t"] for r in server.requests(feed)]
    for k, (a, b) in enumerate(zip(times[:2], times[1:3]), start=1):
        assert b - a >= min(cap, interval * 2 ** k) / 2 - 0.05
    assert "Traceback" not in p.stderr
    assert len(reports(db)) == 1


@pytest.mark.slow
def test_a_follower_killed_mid_run_resumes_without_loss_or_duplicates(server, tmp_path):
    db = tmp_path / "s.duckdb"
    first = [item(n, base=server.base) for n in range(1, 5)]
    for n in range(1, 13):
        server.page(n)
    server.put("wire.rss", rss(first))
    p = Proc("follow", server.url("wire.rss"), "--db", db, "--interval", "0.5")
    try:
        p.wait_for("4 new item(s), 4 report(s) read: 4 added")
        for n in range(5, 13):
            server.side(f"news/{n}.html", ".delay", "0.4")
        server.put("wire.rss", rss(first + [item(n, base=server.base) for n in range(5, 13)]))
        p.wait_for(lambda: sum(len(server.requests(f"news/{n}.html")) for n in range(5, 13)) >= 3)
        p.p.send_signal(signal.SIGKILL)
        p.p.wait(30)
    finally:
        p.kill()
    assert p.p.returncode == -signal.SIGKILL
    assert len(reports(db)) == 4                  # the killed poll stored nothing half-way
    again = once(server.url("wire.rss"), "--db", db)
    assert again.p.returncode == 0, again.stdout + again.stderr
    assert "8 new item(s), 8 report(s) read: 8 added" in again.stdout
    rows = reports(db)
    assert sorted(r["url"] for r in rows) == sorted(f"{server.base}/news/{n}.html" for n in range(1, 13))
    assert "not modified" in once(server.url("wire.rss"), "--db", db).stdout


class _Killed(BaseException):
    pass


@pytest.mark.slow
def test_killed_after_storing_before_marking_done_the_item_is_not_added_again(
        server, tmp_path, monkeypatch):
    """The narrowest window: the report committed, its keys still pending. Meanwhile the
    linked page changed, so its text (and hash) would differ on a re-read."""
    db = str(tmp_path / "s.duckdb")
    server.page(1)
    server.put("wire.rss", rss([item(1, base=server.base)]))
    real = follow_module.ingest_reports

    def then_die(*args, **kwargs):
        real(*args, **kwargs)
        raise _Killed

    monkeypatch.setattr(follow_module, "ingest_reports", then_die)
    with pytest.raises(_Killed):
        Follower(db, [server.url("wire.rss")]).round(threading.Event(), once=True)
    monkeypatch.setattr(follow_module, "ingest_reports", real)
    assert len(reports(db)) == 1
    server.page(1, "The page was rewritten after the report was stored.")
    results = Follower(db, [server.url("wire.rss")]).round(threading.Event(), once=True)
    assert results[0].outcome == "new" and results[0].added == 0
    assert len(reports(db)) == 1
    page_reads = len(server.requests("news/1.html"))
    server.page(2)
    server.put("wire.rss", rss([item(1, base=server.base), item(2, base=server.base)]))
    results = Follower(db, [server.url("wire.rss")]).round(threading.Event(), once=True)
    assert (results[0].items, results[0].added) == (1, 1)
    assert len(server.requests("news/1.html")) == page_reads       # done: never read again


@pytest.mark.slow
@pytest.mark.postgres
def test_concurrent_followers_on_postgresql_add_every_item_once(server, pg_url):
    """Two followers of one feed at once, into one PostgreSQL store (the many-writers
    path): the feed tables are created once, and every item is stored once."""
    items = [item(n, base=server.base) for n in range(1, 11)]
    for n in range(1, 11):
        server.page(n)
        server.side(f"news/{n}.html", ".delay", "0.1")
    server.put("wire.rss", rss(items))
    procs = [Proc("follow", server.url("wire.rss"), "--db", pg_url, "--once") for _ in range(2)]
    for p in procs:
        assert p.p.wait(300) == 0
        p.stop()
    assert sum(int(re.search(r"(\d+) added", p.stdout).group(1)) for p in procs) == 10
    with open_store(pg_url) as store:
        rows = store.reports(limit=None)
        assert sorted(r["url"] for r in rows) == sorted(it["link"] for it in items)
        done = store._fetch("SELECT count(*) AS n FROM feed_items WHERE done", [])[0]["n"]
        assert done == 30                             # guid, url and hash of each item
    again = once(server.url("wire.rss"), "--db", pg_url)
    assert "not modified" in again.stdout


@pytest.mark.slow
def test_sigterm_during_slow_pages_stops_after_the_item_in_hand(server, tmp_path):
    db = tmp_path / "s.duckdb"
    items = [item(n, base=server.base) for n in range(1, 7)]
    for n in range(1, 7):
        server.page(n)
        server.side(f"news/{n}.html", ".delay", "1")
    server.put("wire.rss", rss(items))
    p = Proc("follow", server.url("wire.rss"), "--db", db, "--interval", "60")
    try:
        p.wait_for(lambda: len(server.requests()) >= 3)       # the feed and two pages
        assert p.stop(signal.SIGTERM) == 0
    finally:
        p.kill()
    assert "stopped: 1 poll(s)" in p.stdout and "Traceback" not in p.stderr
    fetched = sum(len(server.requests(f"news/{n}.html")) for n in range(1, 7))
    assert fetched < 6 and len(reports(db)) == fetched       # what was read is stored
    again = once(server.url("wire.rss"), "--db", db)          # the feed is read again, not 304
    assert f"{6 - fetched} new item(s)" in again.stdout, again.stdout
    assert sorted(r["url"] for r in reports(db)) == sorted(it["link"] for it in items)
