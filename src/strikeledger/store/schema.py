"""The store's tables, in the two SQL dialects it speaks.

Kept as Python strings (not .sql files) so they ship with the package without
package-data rules. Every statement is idempotent: opening a store creates what is
missing and leaves what exists.

Identity: ``reports.uid`` is the first 16 hex digits of the SHA-256 of the report text
(``content_hash``). ``report_id`` is not unique: two sources may both call a report
"kyiv-2025-09-28", and both are kept. Child tables refer to ``reports.uid``. ``seq``
orders reports by ingestion.

PostgreSQL enforces that identity with keys (``uid`` primary key, ``content_hash``
unique, child tables' foreign keys and ``(uid, seq)`` primary keys) and has indexes for
the read queries. DuckDB gets the same tables without any of them: every DuckDB key or
index is an ART held whole in memory (it is never evicted, and ``memory_limit`` does not
bound it), so an ingest's memory would grow with the store, ~1 KB per report, and a
checkpoint under a memory limit fails once the ART outgrows it. DuckDB's scans need no
indexes; its writer (one process per file) checks ``uid``/``content_hash`` itself
before inserting (``duckdb_store.DuckDBStore._write_batch``). Stores created before this
keep their keys (``duckdb_store.has_keys``).
"""
from __future__ import annotations

SCHEMA_VERSION = 1

_CHILDREN = """
CREATE TABLE IF NOT EXISTS figures (
    uid TEXT NOT NULL{ref},
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value BIGINT,
    qualifier TEXT NOT NULL,
    low BIGINT,
    high BIGINT,
    weapon TEXT,
    place TEXT,
    admin1 TEXT,
    speaker TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    attack_date DATE{pk}
);
CREATE TABLE IF NOT EXISTS places (
    uid TEXT NOT NULL{ref},
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    admin1 TEXT,
    lat {float},
    lon {float},
    role TEXT NOT NULL,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL{pk}
);
CREATE TABLE IF NOT EXISTS damage (
    uid TEXT NOT NULL{ref},
    seq INTEGER NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    place TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL{pk}
);
CREATE TABLE IF NOT EXISTS speakers (
    uid TEXT NOT NULL{ref},
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT{pk}
);
CREATE TABLE IF NOT EXISTS weapons (
    uid TEXT NOT NULL{ref},
    seq INTEGER NOT NULL,
    name TEXT NOT NULL{pk}
);
"""
_CHILD_INDEXES = """\
CREATE INDEX IF NOT EXISTS figures_kind_date ON figures (kind, attack_date);
CREATE INDEX IF NOT EXISTS figures_date ON figures (attack_date);
"""
_CHILD_KEYS = {"ref": " REFERENCES reports (uid)", "pk": ",\n    PRIMARY KEY (uid, seq)"}

_META = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_REPORT_COLUMNS = """
    uid TEXT {uid_key},
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL{hash_key},
    text TEXT NOT NULL,
    published DATE,
    url TEXT,
    publisher TEXT,
    origin TEXT,
    ingested_at {timestamp} NOT NULL,
    attack_date DATE,
    date_precision TEXT,
    record {json} NOT NULL
"""

DUCKDB = (
    _META
    + "CREATE SEQUENCE IF NOT EXISTS report_seq;\n"
    + "CREATE TABLE IF NOT EXISTS reports (\n"
    + "    seq BIGINT NOT NULL DEFAULT nextval('report_seq'),"
    # ingested_at is naive UTC in DuckDB: TIMESTAMPTZ would need the ICU extension.
    + _REPORT_COLUMNS.format(timestamp="TIMESTAMP", json="JSON", uid_key="NOT NULL",
                             hash_key="")
    + ");\n"
    + _CHILDREN.format(float="DOUBLE", ref="", pk="")
)

POSTGRES = (
    _META
    + "CREATE TABLE IF NOT EXISTS reports (\n"
    + "    seq BIGINT GENERATED ALWAYS AS IDENTITY,"
    + _REPORT_COLUMNS.format(timestamp="TIMESTAMPTZ", json="JSONB", uid_key="PRIMARY KEY",
                             hash_key=" UNIQUE")
    + ");\n"
    + "CREATE INDEX IF NOT EXISTS reports_report_id ON reports (report_id);\n"
    + "CREATE INDEX IF NOT EXISTS reports_attack_date ON reports (attack_date);\n"
    + "CREATE INDEX IF NOT EXISTS reports_seq ON reports (seq);\n"
    + "CREATE INDEX IF NOT EXISTS reports_fts ON reports"
    + " USING GIN (to_tsvector('english', text));\n"
    + _CHILDREN.format(float="DOUBLE PRECISION", **_CHILD_KEYS)
    + _CHILD_INDEXES
)


def statements(script: str) -> list[str]:
    """Split a schema script into statements (none of ours contains a ';' in a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
