"""Schema versions: stores written by version 1 (DuckDB with and without keys, PostgreSQL)
are migrated on open; a newer store is refused; queries are never rewritten."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import psycopg
import pytest

from strikeledger.errors import StoreError
from strikeledger.model import Evidence, Figure, Place, Record, Report, text_hash
from strikeledger.store import open_store, uid_of
from strikeledger.store.schema import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"
TEXT = ("Russia launched 40 Shahed drones at Kharkiv overnight. "
        "Two people were killed in Kharkiv, the governor said.")


def _v1_pair() -> tuple[Report, Record]:
    def ev(phrase: str) -> Evidence:
        i = TEXT.index(phrase)
        return Evidence(start=i, end=i + len(phrase), text=phrase)
    record = Record(report_id="kh-1", figures=[
        Figure(kind="drones_launched", value=40, qualifier="exact", low=40, high=40,
               weapon="Shahed-136/131", evidence=ev("40 Shahed drones")),
        Figure(kind="killed", value=2, qualifier="exact", low=2, high=2, place="Kharkiv",
               evidence=ev("Two people were killed"))],
        places=[Place(name="Kharkiv", admin1="Kharkiv Oblast", lat=None, lon=None, role="hit",
                      evidence=ev("Kharkiv"))])
    return Report(report_id="kh-1", text=TEXT), record


def _v1_rows(report: Report, record: Record) -> dict[str, list[tuple]]:
    """The rows version 1 wrote for one report (its column lists, frozen here)."""
    h = text_hash(report.text)
    uid = uid_of(h)
    now = dt.datetime(2025, 1, 1, 12, 0)
    return {
        "reports (uid, report_id, content_hash, text, published, url, publisher, origin,"
        " ingested_at, attack_date, date_precision, record)": [
            (uid, report.report_id, h, report.text, None, None, None, None, now, None, None,
             json.dumps(record.model_dump(mode="json")))],
        "figures": [(uid, i, f.kind, f.value, f.qualifier, f.low, f.high, f.weapon, f.place,
                     None, f.speaker, f.evidence.start, f.evidence.end, f.evidence.text, None)
                    for i, f in enumerate(record.figures)],
        "places": [(uid, i, p.name, p.admin1, p.lat, p.lon, p.role, p.evidence.start,
                    p.evidence.end, p.evidence.text) for i, p in enumerate(record.places)],
    }


def _script(name: str) -> list[str]:
    text = "\n".join(line for line in (DATA / name).read_text().splitlines()
                     if not line.startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def _make_v1_duckdb(path: Path, script: str) -> None:
    con = duckdb.connect(str(path))
    for statement in _script(script):
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    for table, rows in _v1_rows(*_v1_pair()).items():
        marks = ", ".join(f"${i}" for i in range(1, len(rows[0]) + 1))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    con.close()


def _assert_migrated(store) -> None:
    assert store._fetch("SELECT value FROM meta WHERE key = 'schema_version'", []) == [
        {"value": str(SCHEMA_VERSION)}]
    versions = [r["version"] for r in
                store._fetch("SELECT version FROM schema_migrations ORDER BY version", [])]
    assert versions == list(range(2, SCHEMA_VERSION + 1))
    [(report, record)] = list(store.records())
    assert report.text == TEXT
    drones, killed = record.figures
    # filled for the stored report by the migration
    assert drones.families == ("shahed",)
    assert TEXT[drones.sentence.start:drones.sentence.end].startswith("Russia launched 40")
    assert TEXT[killed.sentence.start:killed.sentence.end] == (
        "Two people were killed in Kharkiv, the governor said.")
    assert record.places[0].sentence is not None
    # and the store goes on working
    assert store.count_reports() == 1
    assert [f["families"] for f in store.figures()] == [["shahed"], []]


@pytest.mark.parametrize("script", ["duckdb_schema_v1.sql", "duckdb_keyed_schema_v1.sql"])
def test_a_version_1_duckdb_store_is_migrated_on_open(tmp_path, script):
    path = tmp_path / "old.duckdb"
    _make_v1_duckdb(path, script)
    with open_store(path) as store:
        _assert_migrated(store)
    with open_store(path) as store:     # opening again runs nothing more
        _assert_migrated(store)


@pytest.mark.postgres
def test_a_version_1_postgres_store_is_migrated_on_open(new_pg_url):
    url = new_pg_url()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in _script("postgres_schema_v1.sql"):
            conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        for table, rows in _v1_rows(*_v1_pair()).items():
            marks = ", ".join(["%s"] * len(rows[0]))
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    with open_store(url) as store:
        _assert_migrated(store)
    with open_store(url) as store:
        _assert_migrated(store)


def test_a_store_newer_than_this_strikeledger_is_refused(new_target):
    target = new_target()
    with open_store(target) as store:
        store._execute("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                       [str(SCHEMA_VERSION + 1)])
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}.*upgrade"):
        open_store(target)


def test_a_literal_question_mark_or_percent_in_sql_is_left_alone(store):
    """Regression: the PostgreSQL store turned every '?' into '%s' with a string replace,
    which broke any query holding a literal '?'. Placeholders are now the driver's own."""
    report, record = _v1_pair()
    odd = report.model_copy(update={"text": "Is it over? 100% of them, " + TEXT})
    store.add(odd, record.model_copy(update={"figures": [], "places": []}))
    rows = store._fetch("SELECT '?' AS q, '%s' AS pct, count(*) AS n FROM reports"
                        " WHERE strpos(text, '?') > 0 AND strpos(text, '%') > 0"
                        " AND report_id = $1", ["kh-1"])
    assert rows == [{"q": "?", "pct": "%s", "n": 1}]
    assert store.get_report("kh-1")["text"].startswith("Is it over? 100%")
    assert store.search("Kharkiv?")[0]["report_id"] == "kh-1"
