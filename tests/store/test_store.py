"""The store, on DuckDB and on a real PostgreSQL: writes, reads, concurrency, errors."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from strikeledger.errors import InputError, StoreBusyError, StoreError
from strikeledger.model import (
    Attack, Damage, Evidence, Figure, Place, Quantity, Record, Report, Source, Speaker,
    text_hash)
from strikeledger.store import AddResult, open_store, uid_of
from strikeledger.store.schema import SCHEMA_VERSION

D = dt.date


def ev(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def pair(report_id: str, text: str, date: D | None = None,
         figures: list[tuple] = (), places: list[tuple] = ()) -> tuple[Report, Record]:
    """A report and its record; figures as (kind, value, phrase, place), places as
    (name, admin1, role)."""
    report = Report(report_id=report_id, text=text, published=date, origin=f"{report_id}.txt")
    record = Record(
        report_id=report_id,
        source=Source(published=date),
        attack=Attack(date=date, date_precision="day" if date else None),
        figures=[Figure(kind=kind, **Quantity.make(value, "exact").model_dump(),
                        place=place, evidence=ev(text, phrase))
                 for kind, value, phrase, place in figures],
        places=[Place(name=name, admin1=admin1, lat=None, lon=None, role=role,
                      evidence=ev(text, name)) for name, admin1, role in places],
    )
    return report, record


def numbered(n: int, prefix: str = "r") -> list[tuple[Report, Record]]:
    return [pair(f"{prefix}{i}", f"Report {prefix} number {i}: two people were killed.",
                 D(2025, 1, 1) + dt.timedelta(days=i),
                 figures=[("killed", 2, "two people were killed", None)])
            for i in range(n)]


# --- add ---------------------------------------------------------------------------

def test_add_then_readd_is_a_no_op(store):
    report, record = pair("kyiv-1", "Drones hit Kyiv; three people were injured.",
                          D(2025, 9, 28), figures=[("injured", 3, "three people", "Kyiv")],
                          places=[("Kyiv", "Kyiv City", "hit")])
    assert store.add(report, record) is True
    assert store.add(report, record) is False
    # Same text under another id is the same report: content identity, not id identity.
    again = report.model_copy(update={"report_id": "other-id"})
    assert store.add(again, record.model_copy(update={"report_id": "other-id"})) is False
    assert store.count_reports() == 1
    assert len(store.figures()) == 1


def test_same_report_id_with_different_texts_keeps_both(store):
    first = pair("daily", "First source: a drone hit Odesa.", D(2025, 3, 1))
    second = pair("daily", "Second source: a missile hit Lviv.", D(2025, 3, 2))
    assert store.add(*first) and store.add(*second)
    assert store.count_reports() == 2
    uids = {uid_of(text_hash(first[0].text)), uid_of(text_hash(second[0].text))}
    assert {r["uid"] for r in store.reports()} == uids
    # By report_id: the first ingested; by uid: exactly that one.
    assert store.get_report("daily")["text"] == first[0].text
    second_uid = uid_of(text_hash(second[0].text))
    got = store.get_report(second_uid)
    assert got["text"] == second[0].text and got["uid"] == second_uid
    assert got["record"]["report_id"] == "daily"
    assert store.get_report(text_hash(second[0].text))["uid"] == second_uid
    assert store.get_report("no-such-report") is None


def test_add_many_counts_added_and_skipped_across_batches(store):
    pairs = numbered(23)
    assert store.add_many(pairs[:2]) == AddResult(2, 0)
    mixed = pairs + [pairs[5], pairs[20]]  # 2 stored before, 2 repeated within the input
    result = store.add_many(iter(mixed), batch_size=5)
    assert result == AddResult(added=21, skipped=4)
    assert store.count_reports() == 23
    assert len(store.figures(kind="killed")) == 23


def test_add_many_streams_and_commits_whole_batches(store):
    """The input is read batch by batch; a failure mid-way keeps the batches before it."""
    consumed = []

    def pairs():
        for i, p in enumerate(numbered(100)):
            if i == 12:
                raise RuntimeError("reader failed")
            consumed.append(i)
            yield p

    with pytest.raises(RuntimeError, match="reader failed"):
        store.add_many(pairs(), batch_size=5)
    assert len(consumed) == 12
    assert store.count_reports() == 10  # two whole batches, nothing of the third
    assert len(store.figures()) == 10


def test_add_rejects_a_record_of_another_report(store):
    report, _ = pair("a", "Text of report a.")
    _, record = pair("b", "Text of report b.")
    with pytest.raises(StoreError, match="'b'.*'a'"):
        store.add(report, record)
    assert store.count_reports() == 0


@pytest.mark.parametrize("bad, why", [("\x00", "NUL character at offset 5"),
                                      ("\ud800", "unpaired surrogate at offset 5")])
def test_add_rejects_text_no_backend_can_store(store, bad, why):
    report, record = pair("odd", f"Text {bad} here.")
    with pytest.raises(StoreError, match=f"'odd'.*{why}"):
        store.add(report, record)
    assert store.count_reports() == 0


def test_child_tables_are_filled(store):
    text = ("Russia struck Kharkiv with 40 drones. A hospital was damaged. "
            "Governor Oleh Syniehubov said two people were injured.")
    report, record = pair("kh", text, D(2025, 5, 5),
                          figures=[("drones_launched", 40, "40 drones", None),
                                   ("injured", 2, "two people were injured", "Kharkiv")],
                          places=[("Kharkiv", "Kharkiv Oblast", "hit")])
    record = record.model_copy(update={
        "damage": [Damage(category="medical", text="A hospital", place="Kharkiv",
                          evidence=ev(text, "A hospital"))],
        "speakers": [Speaker(name="Oleh Syniehubov", role="Governor")],
        "weapons": ["Shahed-136/131"]})
    store.add(report, record)
    counts = {t: store._fetch(f"SELECT count(*) AS n FROM {t}", [])[0]["n"]
              for t in ("figures", "places", "damage", "speakers", "weapons")}
    assert counts == {"figures": 2, "places": 1, "damage": 1, "speakers": 1, "weapons": 1}
    injured = store.figures(kind="injured")[0]
    assert injured["admin1"] == "Kharkiv Oblast"  # looked up from the record's places
    assert injured["ev_text"] == text[injured["ev_start"]:injured["ev_end"]]


# --- reads -------------------------------------------------------------------------

def _three_cities(store):
    store.add(*pair("kyiv", "Missiles hit Kyiv: four people were killed.", D(2025, 6, 1),
                    figures=[("killed", 4, "four people were killed", "Kyiv")],
                    places=[("Kyiv", "Kyiv City", "hit")]))
    store.add(*pair("bila", "Drones hit Bila Tserkva: one person was injured.",
                    D(2025, 6, 10), figures=[("injured", 1, "one person was injured", None)],
                    places=[("Bila Tserkva", "Kyiv Oblast", "hit")]))
    store.add(*pair("lviv", "Lviv was attacked; 12 people were injured, as in Kyiv last week.",
                    D(2025, 7, 1), figures=[("injured", 12, "12 people were injured", "Lviv")],
                    places=[("Lviv", "Lviv Oblast", "hit"), ("Kyiv", "Kyiv City",
                                                               "mentioned")]))


def test_figures_filter_by_date_kind_and_oblast(store):
    _three_cities(store)
    assert [f["report_id"] for f in store.figures()] == ["kyiv", "bila", "lviv"]
    assert [f["value"] for f in store.figures(kind="injured")] == [1, 12]
    assert [f["report_id"] for f in store.figures(date_from="2025-06-05")] == ["bila", "lviv"]
    assert [f["report_id"] for f in store.figures(date_from=D(2025, 6, 1),
                                                  date_to=D(2025, 6, 10))] == ["kyiv", "bila"]
    # "kyiv" is a substring of Kyiv City (own place) and Kyiv Oblast (the national-level
    # figure's report hit Bila Tserkva); Lviv's report only *mentions* Kyiv.
    assert [f["report_id"] for f in store.figures(oblast="KYIV")] == ["kyiv", "bila"]
    assert [f["report_id"] for f in store.figures(oblast="kyiv oblast")] == ["bila"]
    assert [f["report_id"] for f in store.figures(oblast="lviv", kind="injured")] == ["lviv"]
    assert store.figures(oblast="lviv", kind="killed") == []
    assert len(store.figures(limit=2)) == 2


def test_figures_rejects_unknown_kind_and_bad_dates(store):
    with pytest.raises(InputError, match="unknown figure kind 'deaths'"):
        store.figures(kind="deaths")
    with pytest.raises(InputError, match="date_from.*'yesterday'"):
        store.figures(date_from="yesterday")
    with pytest.raises(InputError, match="limit"):
        store.figures(limit=-1)


def test_reports_lists_newest_attack_first_with_paging_and_dates(store):
    _three_cities(store)
    store.add(*pair("undated", "Some report with no date."))
    assert [r["report_id"] for r in store.reports()] == ["lviv", "bila", "kyiv", "undated"]
    assert [r["report_id"] for r in store.reports(limit=2, offset=1)] == ["bila", "kyiv"]
    assert [r["report_id"] for r in store.reports(date_to="2025-06-30")] == ["bila", "kyiv"]
    row = store.reports(limit=1)[0]
    assert "text" not in row and "record" not in row
    assert row["attack_date"] == D(2025, 7, 1) and row["published"] == D(2025, 7, 1)
    assert row["origin"] == "lviv.txt"
    assert row["ingested_at"].tzinfo is not None
    assert abs(row["ingested_at"] - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_search_finds_words_and_returns_a_snippet(store):
    _three_cities(store)
    hits = store.search("injured Lviv")
    assert [h["report_id"] for h in hits] == ["lviv"]
    assert "Lviv" in hits[0]["snippet"]
    assert {h["report_id"] for h in store.search("injured")} == {"bila", "lviv"}
    assert store.search("injured", limit=1)[0]["report_id"] in {"bila", "lviv"}
    assert store.search("") == [] and store.search("  ...  ") == []


@pytest.mark.parametrize("q", [
    "'; DROP TABLE reports; --",
    "\" OR 1=1 --",
    "x' OR '1'='1",
    "%",
    "_",
    "Kyiv') UNION SELECT uid, text FROM reports --",
    "$9 ?? %q {}",
    "\\",
])
def test_search_with_sql_injection_strings_is_safe(store, q):
    _three_cities(store)
    assert store.search(q) == []
    assert store.count_reports() == 3


def test_duckdb_search_does_not_treat_like_wildcards_as_wildcards():
    with open_store(":memory:") as s:
        s.add(*pair("a", "Power was cut to the district."))
        assert s.search("cut_to") == []  # `_` would match the space under LIKE
        assert [h["report_id"] for h in s.search("CUT to")] == ["a"]


def test_records_streams_in_ingestion_order(store):
    pairs = numbered(7)
    store.add_many(pairs, batch_size=3)
    assert list(store.records(batch_size=2)) == pairs


def test_records_lets_the_caller_write_while_reading(store):
    store.add_many(numbered(4))
    extra = iter(numbered(4, prefix="x"))
    seen = 0
    for _report, _record in store.records(batch_size=1):
        store.add(*next(extra))
        seen += 1
    assert seen >= 4
    assert store.count_reports() == 8


def test_reopening_keeps_data_and_schema(new_target):
    target = new_target()
    with open_store(target) as s:
        s.add_many(numbered(3))
    with open_store(target) as s:
        assert s.count_reports() == 3
        assert s._fetch("SELECT key, value FROM meta", []) == [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)}]


def test_a_closed_store_says_so(store):
    store.close()
    store.close()  # closing twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.count_reports()


# --- DuckDB specifics --------------------------------------------------------------

def test_open_store_defaults_to_a_duckdb_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store() as s:
        assert s.backend == "duckdb"
        s.add(*pair("a", "Some text."))
    assert (tmp_path / "strikeledger.duckdb").is_file()
    with open_store(tmp_path / "strikeledger.duckdb") as s:
        assert s.count_reports() == 1


def test_open_store_in_memory():
    with open_store(":memory:") as s:
        assert s.add(*pair("a", "Some text.")) and s.count_reports() == 1


def test_open_store_in_a_missing_directory_names_it(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.duckdb")


def test_open_store_on_a_file_that_is_not_duckdb(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match=str(path)):
        open_store(path)


_HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_a_duckdb_file_held_by_another_process_raises_store_busy(tmp_path):
    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    holder = _hold(path, 60)
    try:
        with pytest.raises(StoreBusyError, match="busy.duckdb.*in use by another process") as info:
            open_store(path)
        assert info.value.__cause__ is not None  # mapped with `raise ... from`
    finally:
        holder.kill()
        holder.wait()


def test_busy_timeout_waits_for_the_other_process_to_let_go(tmp_path):
    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    holder = _hold(path, 1.0)
    try:
        started = time.monotonic()
        with open_store(path, busy_timeout=30) as s:
            assert s.count_reports() == 0
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()


_KILLED_INGEST = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from test_store import numbered
    from strikeledger.store import open_store

    def pairs():
        for i, p in enumerate(numbered(1000)):
            if i == 437:
                os.kill(os.getpid(), signal.SIGKILL)
            yield p

    store = open_store(sys.argv[1])
    store.add_many(pairs(), batch_size=50)
""")


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_batches(tmp_path):
    path = tmp_path / "crash.duckdb"
    proc = subprocess.run([sys.executable, "-c", _KILLED_INGEST, str(path),
                           str(Path(__file__).parent)], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    with open_store(path) as s:
        assert s.count_reports() == 400  # 8 whole batches of 50
        assert len(s.figures()) == 400
        assert list(s.records()) == numbered(400)


# --- PostgreSQL specifics ----------------------------------------------------------

@pytest.mark.postgres
def test_concurrent_postgres_writers_store_each_report_once(new_pg_url):
    url = new_pg_url()
    open_store(url).close()
    everything = numbered(300)
    # Overlapping and in opposite orders, to provoke lock-order deadlocks.
    work = [everything[:200], list(reversed(everything[100:]))]
    results: list[AddResult] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(work))

    def writer(pairs):
        try:
            with open_store(url) as s:
                start.wait()
                results.append(s.add_many(pairs, batch_size=20))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert sum(r.added for r in results) == 300
    assert sum(r.skipped for r in results) == 100
    with open_store(url) as s:
        assert s.count_reports() == 300
        assert len(s.figures()) == 300
        rows = s._fetch("SELECT count(DISTINCT content_hash) AS n FROM reports", [])
        assert rows[0]["n"] == 300


@pytest.mark.postgres
def test_postgres_stemmed_full_text_search(new_pg_url):
    with open_store(new_pg_url()) as s:
        s.add(*pair("a", "Drones attacked the city; two people were killed."))
        assert [h["report_id"] for h in s.search("attack kills")] == ["a"]


@pytest.mark.postgres
def test_postgres_url_schemes_and_connection_errors(new_pg_url):
    url = new_pg_url()
    with open_store(url.replace("postgresql://", "postgres://", 1)) as s:
        assert s.backend == "postgres"
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)


def test_postgres_tests_cannot_be_skipped_silently_in_ci():
    """Guard for CI: the server binaries must be there when CI is set."""
    import pgcluster
    if os.environ.get("CI"):
        assert pgcluster.find_bindir() is not None, "install Debian's postgresql package"
