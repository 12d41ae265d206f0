"""The store's tables, in the two SQL dialects it speaks.

Kept as Python strings (not .sql files) so they ship with the package without
package-data rules. Every statement is idempotent: opening a store creates what is
missing and leaves what exists.

Identity: ``reports.uid`` is the first 16 hex digits of the SHA-256 of the report text
(``content_hash``). ``report_id`` is not unique: two sources may both call a report
"kyiv-2025-09-28", and both are kept. Child tables refer to ``reports.uid``. ``seq``
orders reports by ingestion.
"""
from __future__ import annotations

SCHEMA_VERSION = 1

_CHILDREN = """
CREATE TABLE IF NOT EXISTS figures (
    uid TEXT NOT NULL REFERENCES reports (uid),
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
    attack_date DATE,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS places (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    admin1 TEXT,
    lat {float},
    lon {float},
    role TEXT NOT NULL,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS damage (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    place TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    ev_text TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS speakers (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    PRIMARY KEY (uid, seq)
);
CREATE TABLE IF NOT EXISTS weapons (
    uid TEXT NOT NULL REFERENCES reports (uid),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (uid, seq)
);
CREATE INDEX IF NOT EXISTS figures_kind_date ON figures (kind, attack_date);
CREATE INDEX IF NOT EXISTS figures_date ON figures (attack_date);
"""

_META = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_REPORT_COLUMNS = """
    uid TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
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
    + _REPORT_COLUMNS.format(timestamp="TIMESTAMP", json="JSON")
    + ");\n"
    + "CREATE INDEX IF NOT EXISTS reports_report_id ON reports (report_id);\n"
    + "CREATE INDEX IF NOT EXISTS reports_attack_date ON reports (attack_date);\n"
    + _CHILDREN.format(float="DOUBLE")
)

POSTGRES = (
    _META
    + "CREATE TABLE IF NOT EXISTS reports (\n"
    + "    seq BIGINT GENERATED ALWAYS AS IDENTITY,"
    + _REPORT_COLUMNS.format(timestamp="TIMESTAMPTZ", json="JSONB")
    + ");\n"
    + "CREATE INDEX IF NOT EXISTS reports_report_id ON reports (report_id);\n"
    + "CREATE INDEX IF NOT EXISTS reports_attack_date ON reports (attack_date);\n"
    + "CREATE INDEX IF NOT EXISTS reports_seq ON reports (seq);\n"
    + "CREATE INDEX IF NOT EXISTS reports_fts ON reports"
    + " USING GIN (to_tsvector('english', text));\n"
    + _CHILDREN.format(float="DOUBLE PRECISION")
)


def statements(script: str) -> list[str]:
    """Split a schema script into statements (none of ours contains a ';' in a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
