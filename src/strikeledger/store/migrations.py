"""Schema versions: a new store is created at the current version, an older one migrated.

The version lives in ``meta`` (key ``schema_version``, as in version 1) and every
migration applied is a row of ``schema_migrations`` (version, when, what). Opening a
store runs the steps from its version up to ``schema.SCHEMA_VERSION``, each in one
transaction: the columns and tables the table spec (``schema.py``) marks ``since`` that
version are added, then the step's data function fills them. A store newer than this
strikeledger is refused. Both backends run the same steps through the same Store methods.

Adding a version: bump ``SCHEMA_VERSION``, mark new columns and tables ``since`` it,
and append a ``Step`` here (with a data function when existing rows need values).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strikeledger.errors import StoreError
from strikeledger.model import Record
from strikeledger.store import schema
from strikeledger.store.enrich import enrich

if TYPE_CHECKING:
    from strikeledger.store.base import Store

log = logging.getLogger(__name__)

_PAGE = 500


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    data: Callable[["Store", dt.datetime], None] | None = None


def _fill_sentences_and_families(store: "Store", now: dt.datetime) -> None:
    """Version 2's columns for the reports stored before it, by ``enrich``."""
    after, n = -1, 0
    while True:
        rows = store._fetch("SELECT seq, uid, text, record FROM reports WHERE seq > $1"
                            " ORDER BY seq LIMIT $2", [after, _PAGE])
        if not rows:
            break
        figures, places, damage = [], [], []
        for row in rows:
            payload = row["record"]
            record = (Record.model_validate_json(payload) if isinstance(payload, str)
                      else Record.model_validate(payload))
            record = enrich(row["text"], record)
            uid = row["uid"]

            def span(item) -> tuple:
                return (item.sentence.start, item.sentence.end) if item.sentence else (None, None)
            figures += [(uid, i, *span(f), json.dumps(list(f.families)))
                        for i, f in enumerate(record.figures)]
            places += [(uid, i, *span(p)) for i, p in enumerate(record.places)]
            damage += [(uid, i, *span(d)) for i, d in enumerate(record.damage)]
        key = ("uid", "seq")
        spans = ("sentence_start", "sentence_end")
        store._update_rows("figures", key, (*spans, "families"), figures)
        store._update_rows("places", key, spans, places)
        store._update_rows("damage", key, spans, damage)
        after = rows[-1]["seq"]
        n += len(rows)
    log.info("%s: sentence spans and weapon families filled for %d stored report(s)",
             store.target, n)


def _build_incidents(store: "Store", now: dt.datetime) -> None:
    """Version 3's incident tables for the reports stored before it."""
    from strikeledger.store.incidents_sync import rebuild
    result = rebuild(store, now)
    log.info("%s: %d incident(s) built from the stored reports", store.target,
             len(result.incidents))


STEPS: tuple[Step, ...] = (
    Step(2, "figure scope, sentence spans and weapon families; place and damage "
            "sentence spans; this table", _fill_sentences_and_families),
    Step(3, "incidents, claims, estimates, conflicts, revisions, places, damage and "
            "sources kept in the store (versioned), duplicate groups, MinHash signatures "
            "and LSH bands, the change log", _build_incidents),
)
assert STEPS[-1].version == schema.SCHEMA_VERSION, "every version needs its step"


def _version_row(store: "Store") -> int | None:
    rows = store._fetch("SELECT value FROM meta WHERE key = 'schema_version'", [])
    return int(rows[0]["value"]) if rows else None


def create(store: "Store", dialect: str, now: dt.datetime) -> None:
    """Make every table of a new store and record it at the current version."""
    for statement in schema.ddl(dialect):
        store._execute(statement)
    if _version_row(store) is None:
        store._execute("INSERT INTO meta (key, value) VALUES ('schema_version', $1)",
                       [str(schema.SCHEMA_VERSION)])
        store._execute("INSERT INTO schema_migrations (version, applied_at, description)"
                       " VALUES ($1, $2, $3)", [schema.SCHEMA_VERSION, now, "created"])


def pending(version: int) -> list[Step]:
    """The steps a store at ``version`` still needs (raises for a newer store)."""
    if version > schema.SCHEMA_VERSION:
        raise StoreError(f"store has schema version {version}; this strikeledger reads "
                         f"versions up to {schema.SCHEMA_VERSION}: upgrade strikeledger")
    return [s for s in STEPS if s.version > version]


def apply(store: "Store", step: Step, dialect: str, now: dt.datetime) -> None:
    """Run one step (the caller holds a transaction)."""
    for table in schema.TABLES:
        if table.since == step.version:
            for statement in table.ddl(dialect):
                store._execute(statement)
        elif table.since < step.version:
            for column in table.columns:
                if column.since == step.version:
                    store._execute(f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS "
                                   f"{column.sql(dialect)}")
    if step.data is not None:
        step.data(store, now)
    store._execute("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                   [str(step.version)])
    store._execute("INSERT INTO schema_migrations (version, applied_at, description)"
                   " VALUES ($1, $2, $3)", [step.version, now, step.description])
    log.info("%s: migrated to schema version %d (%s)", store.target, step.version,
             step.description)


def stored_version(store: "Store") -> int:
    version = _version_row(store)
    if version is None:
        raise StoreError(f"{store.target}: the meta table has no schema_version")
    return version
