"""The store's tables, declared once: DDL for both dialects, column lists, Arrow types.

Each table is a ``Table`` of ``Column``s with a logical type; ``ddl(dialect)`` writes its
CREATE statements, ``names`` its column list and ``arrow_schema()`` the Arrow schema the
DuckDB writer loads batches with. A column or table records the schema version that
added it (``since``), so that ``migrations.py`` can bring an older store up to date from
the same declarations.

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

from dataclasses import dataclass, field

SCHEMA_VERSION = 4

DUCKDB = "duckdb"
POSTGRES = "postgres"

# logical type -> (DuckDB, PostgreSQL)
_SQL_TYPES = {
    "text": ("TEXT", "TEXT"),
    "int": ("INTEGER", "INTEGER"),
    "bigint": ("BIGINT", "BIGINT"),
    "double": ("DOUBLE", "DOUBLE PRECISION"),
    "date": ("DATE", "DATE"),
    # DuckDB keeps naive UTC wall time: TIMESTAMPTZ would need the ICU extension.
    "timestamp": ("TIMESTAMP", "TIMESTAMPTZ"),
    "json": ("JSON", "JSONB"),
    "bool": ("BOOLEAN", "BOOLEAN"),
    "blob": ("BLOB", "BYTEA"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    null: bool = True
    since: int = 1

    def sql(self, dialect: str) -> str:
        duck, pg = _SQL_TYPES[self.type]
        return f"{self.name} {duck if dialect == DUCKDB else pg}" + ("" if self.null else " NOT NULL")

    def arrow_type(self):
        import pyarrow as pa
        return {"text": pa.string(), "int": pa.int32(), "bigint": pa.int64(),
                "double": pa.float64(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
                "json": pa.string(), "bool": pa.bool_(), "blob": pa.binary()}[self.type]


@dataclass(frozen=True)
class Table:
    """One table. ``key``, ``unique``, ``refs`` and ``indexes`` are made on PostgreSQL
    only (see the module doc for why DuckDB has none)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    refs: dict[str, str] = field(default_factory=dict)
    indexes: tuple[tuple[str, str], ...] = ()     # (index name, "columns" or "USING ...")
    since: int = 1
    serial: str | None = None                     # a column numbered by the database
    sequence: str | None = None                   # DuckDB: the sequence that numbers it

    @property
    def names(self) -> tuple[str, ...]:
        """The columns a writer supplies (the serial one is the database's)."""
        return tuple(c.name for c in self.columns if c.name != self.serial)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def ddl(self, dialect: str) -> list[str]:
        lines = []
        if self.serial:
            lines.append(f"{self.serial} BIGINT NOT NULL DEFAULT nextval('{self.sequence}')"
                         if dialect == DUCKDB else
                         f"{self.serial} BIGINT GENERATED ALWAYS AS IDENTITY")
        for c in self.columns:
            if c.name == self.serial:
                continue
            line = c.sql(dialect)
            if dialect == POSTGRES:
                if self.key == (c.name,):
                    line = line.replace(" NOT NULL", "") + " PRIMARY KEY"
                if c.name in self.unique:
                    line += " UNIQUE"
                if c.name in self.refs:
                    line += f" REFERENCES {self.refs[c.name]}"
            lines.append(line)
        if dialect == POSTGRES and len(self.key) > 1:
            lines.append(f"PRIMARY KEY ({', '.join(self.key)})")
        out = []
        if self.serial and dialect == DUCKDB:
            out.append(f"CREATE SEQUENCE IF NOT EXISTS {self.sequence}")
        out.append(f"CREATE TABLE IF NOT EXISTS {self.name} (\n    "
                   + ",\n    ".join(lines) + "\n)")
        if dialect == POSTGRES:
            for index, spec in self.indexes:
                target = spec if spec.startswith(("USING", "(")) else f"({spec})"
                out.append(f"CREATE INDEX IF NOT EXISTS {index} ON {self.name} {target}")
        return out

    def arrow_schema(self):
        import pyarrow as pa
        return pa.schema([(c.name, c.arrow_type()) for c in self.columns
                          if c.name != self.serial])


def _evidence(since: int = 1) -> tuple[Column, ...]:
    return (Column("ev_start", "int", False, since), Column("ev_end", "int", False, since),
            Column("ev_text", "text", False, since))


def _sentence(since: int) -> tuple[Column, ...]:
    # The sentence a figure, place or damage item was read from (offsets in the text).
    return (Column("sentence_start", "int", since=since),
            Column("sentence_end", "int", since=since))


_CHILD = dict(key=("uid", "seq"), refs={"uid": "reports (uid)"})

META = Table("meta", (Column("key", "text", False), Column("value", "text", False)),
             key=("key",))
MIGRATIONS = Table("schema_migrations", (
    Column("version", "int", False), Column("applied_at", "timestamp", False),
    Column("description", "text", False)), key=("version",), since=2)
REPORTS = Table("reports", (
    Column("seq", "bigint", False),
    Column("uid", "text", False), Column("report_id", "text", False),
    Column("content_hash", "text", False), Column("text", "text", False),
    Column("published", "date"), Column("url", "text"), Column("publisher", "text"),
    Column("origin", "text"), Column("ingested_at", "timestamp", False),
    Column("attack_date", "date"), Column("date_precision", "text"),
    Column("record", "json", False),
), key=("uid",), unique=("content_hash",), serial="seq", sequence="report_seq", indexes=(
    ("reports_report_id", "report_id"), ("reports_attack_date", "attack_date"),
    ("reports_seq", "seq"), ("reports_fts", "USING GIN (to_tsvector('english', text))")))
FIGURES = Table("figures", (
    Column("uid", "text", False), Column("seq", "int", False), Column("kind", "text", False),
    Column("value", "bigint"), Column("qualifier", "text", False), Column("low", "bigint"),
    Column("high", "bigint"), Column("weapon", "text"), Column("place", "text"),
    Column("admin1", "text"), Column("speaker", "text"), *_evidence(),
    Column("attack_date", "date"),
    Column("scope", "text", since=2), *_sentence(2),
    # the weapon families the figure counts, as a JSON list of strings
    Column("families", "text", since=2),
), indexes=(("figures_kind_date", "kind, attack_date"), ("figures_date", "attack_date")),
    **_CHILD)
PLACES = Table("places", (
    Column("uid", "text", False), Column("seq", "int", False), Column("name", "text", False),
    Column("admin1", "text"), Column("lat", "double"), Column("lon", "double"),
    Column("role", "text", False), *_evidence(), *_sentence(2)), **_CHILD)
DAMAGE = Table("damage", (
    Column("uid", "text", False), Column("seq", "int", False),
    Column("category", "text", False), Column("text", "text", False),
    Column("place", "text"), *_evidence(), *_sentence(2)), **_CHILD)
SPEAKERS = Table("speakers", (
    Column("uid", "text", False), Column("seq", "int", False), Column("name", "text", False),
    Column("role", "text")), **_CHILD)
WEAPONS = Table("weapons", (
    Column("uid", "text", False), Column("seq", "int", False),
    Column("name", "text", False)), **_CHILD)

CHILDREN: tuple[Table, ...] = (FIGURES, PLACES, DAMAGE, SPEAKERS, WEAPONS)

# --- incidents, kept up to date as reports arrive (version 3) -------------------------
#
# Derived from the reports (``incidents_sync.py`` writes them, ``rebuild`` recomputes
# them). The tables that hold incidents are versioned: a row is current while
# ``valid_to`` is null; a change closes the row (``valid_to``) and inserts its successor
# (``valid_from``), so the dataset as it stood at any time is the rows valid then.
# ``row_hash`` identifies a row's content for that comparison.

_EXPORT_TYPES = {"str": "text", "int": "bigint", "float": "double", "bool": "bool",
                 "date": "date"}


def _versioned(name: str, columns: dict[str, str], key: str = "incident_id") -> Table:
    cols = [Column(c, _EXPORT_TYPES[t], since=3) for c, t in columns.items()]
    cols += [Column("row_hash", "text", False, 3), Column("valid_from", "timestamp", False, 3),
             Column("valid_to", "timestamp", since=3)]
    return Table(name, tuple(cols), since=3, indexes=(
        (f"{name}_current", f"({key}) WHERE valid_to IS NULL"),
        (f"{name}_history", f"{key}, valid_from")))


def _derived() -> tuple[Table, ...]:
    from strikeledger.export.tables import DERIVED_SCHEMAS
    return tuple(_versioned(name, cols) for name, cols in DERIVED_SCHEMAS.items())


REPORT_INCIDENTS = Table("report_incidents", (
    Column("uid", "text", False, 3), Column("seq", "bigint", False, 3),
    Column("grp", "text", False, 3),              # the uid of its duplicate group's first report
    Column("attack_date", "date", since=3), Column("date_precision", "text", since=3),
    Column("published", "date", since=3), Column("report_id", "text", False, 3),
    Column("incident_id", "text", False, 3),
), key=("uid",), since=3, indexes=(("report_incidents_grp", "grp"),
                                   ("report_incidents_incident", "incident_id"),
                                   ("report_incidents_report_id", "report_id")))
MINHASHES = Table("minhashes", (Column("uid", "text", False, 3),
                                Column("signature", "blob", False, 3)), key=("uid",), since=3)
# LSH band keys of the signatures; reports with an attack day apart from those without,
# so that a dated report's candidates are read from its own day (and the undated few).
LSH_BANDS = Table("lsh_bands", (
    Column("day", "date", False, 3), Column("band_key", "bigint", False, 3),
    Column("uid", "text", False, 3), Column("seq", "bigint", False, 3)),
    since=3, indexes=(("lsh_bands_key", "band_key"),))
LSH_UNDATED = Table("lsh_undated", (
    Column("band_key", "bigint", False, 3), Column("uid", "text", False, 3),
    Column("seq", "bigint", False, 3)), since=3, indexes=(("lsh_undated_key", "band_key"),))
CHANGES = Table("incident_changes", (
    Column("seq", "bigint", False, 3), Column("changed_at", "timestamp", False, 3),
    Column("incident_id", "text", False, 3), Column("kind", "text", since=3),
    Column("field", "text", False, 3), Column("old", "text", since=3),
    Column("new", "text", since=3), Column("report_uid", "text", since=3),
    Column("report_id", "text", since=3),
), serial="seq", sequence="incident_change_seq", since=3, key=("seq",),
    indexes=(("incident_changes_incident", "incident_id, seq"),
             ("incident_changes_seq", "seq")))
# The write queue (``store/jobs.py``): a POST's reports wait here until a worker has
# extracted and stored them, so nothing accepted is lost when the server stops.
JOBS = Table("jobs", (
    Column("seq", "bigint", False, 4), Column("job_id", "text", False, 4),
    Column("state", "text", False, 4), Column("origin", "text", False, 4),
    Column("reports", "json", False, 4), Column("summary", "json", False, 4),
    Column("created_at", "timestamp", False, 4),
    Column("updated_at", "timestamp", False, 4), Column("result", "json", since=4),
    Column("error", "text", since=4),
), key=("job_id",), serial="seq", sequence="job_seq", since=4,
    indexes=(("jobs_state", "state, seq"),))

DERIVED: tuple[Table, ...] = _derived()
STATE: tuple[Table, ...] = (REPORT_INCIDENTS, MINHASHES, LSH_BANDS, LSH_UNDATED)
TABLES: tuple[Table, ...] = (META, MIGRATIONS, REPORTS, *CHILDREN, *STATE, *DERIVED, CHANGES, JOBS)
BY_NAME = {t.name: t for t in TABLES}


def ddl(dialect: str, tables: tuple[Table, ...] = TABLES) -> list[str]:
    """Every CREATE statement of ``tables`` in ``dialect`` (idempotent)."""
    return [s for t in tables for s in t.ddl(dialect)]


def statements(script: str) -> list[str]:
    """Split a schema script into statements (none of ours contains a ';' in a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
