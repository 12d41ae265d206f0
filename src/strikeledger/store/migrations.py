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

import bisect
import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from strikeledger.errors import StoreError
from strikeledger.model import Evidence, Record, TextSpan
from strikeledger.store import schema

if TYPE_CHECKING:
    from strikeledger.store.base import Store

log = logging.getLogger(__name__)

_PAGE = 500


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    data: Callable[["Store", dt.datetime], None] | None = None


# --- version 2's columns for reports stored before extraction set them ---------------
#
# Extraction sets a figure's sentence span and weapon families, and the sentence of each
# place and damage item (``Figure.sentence``, ``Figure.families``...), and the store
# keeps them as given. Reports stored by a strikeledger of schema version 1 have none:
# the migration fills them by these rules, which the store used to apply at write time:
# the sentence (``extract.text.sentences``) that holds the evidence's start, stretched
# to its end; a figure naming a weapon counts that weapon's family, one without counts
# the families its evidence names.

class _Sentences:
    def __init__(self, text: str):
        from strikeledger.extract.text import sentences
        self.spans = sentences(text)
        self.starts = [s.start for s in self.spans]
        self.length = len(text)

    def around(self, ev: Evidence) -> TextSpan | None:
        i = bisect.bisect_right(self.starts, ev.start) - 1
        if i < 0 or ev.start >= self.spans[i].end:
            return None
        span = self.spans[i]
        return TextSpan(start=span.start, end=max(span.end, min(ev.end, self.length)))


@lru_cache(maxsize=1024)
def _weapon_family(name: str) -> str:
    """The family of a weapon name ("Iskander-M" and "Iskander-M/KN-23" share one)."""
    from strikeledger.extract.weapons import canonical_weapon, weapons_vocabulary
    weapon = weapons_vocabulary().get(canonical_weapon(name) or name)
    return weapon.family if weapon is not None else name.casefold()


def _families_in(text: str) -> tuple[str, ...]:
    """The weapon families a phrase names, sorted."""
    from strikeledger.extract.weapons import find_weapon_mentions
    return tuple(sorted({m.family for m in find_weapon_mentions(text)}))


def _enrich(text: str, record: Record) -> Record:
    """``record`` with every missing sentence span and weapon family filled in.

    Evidence that does not quote ``text`` at its offsets gets no sentence.
    """
    sentences: _Sentences | None = None

    def sentence_of(ev: Evidence) -> TextSpan | None:
        nonlocal sentences
        if text[ev.start:ev.end] != ev.text:
            return None
        if sentences is None:
            sentences = _Sentences(text)
        return sentences.around(ev)

    figures = []
    for f in record.figures:
        update = {}
        if f.sentence is None:
            update["sentence"] = sentence_of(f.evidence)
        if not f.families:
            update["families"] = ((_weapon_family(f.weapon),) if f.weapon
                                  else _families_in(f.evidence.text))
        figures.append(f.model_copy(update=update) if update else f)
    places = [p if p.sentence is not None else
              p.model_copy(update={"sentence": sentence_of(p.evidence)}) for p in record.places]
    damage = [d if d.sentence is not None else
              d.model_copy(update={"sentence": sentence_of(d.evidence)}) for d in record.damage]
    return record.model_copy(update={"figures": figures, "places": places, "damage": damage})


def _fill_sentences_and_families(store: "Store", now: dt.datetime) -> None:
    """Version 2's columns for the reports stored before it (``_enrich``)."""
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
            record = _enrich(row["text"], record)
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
    Step(4, "the write queue (jobs): reports the API accepted, waiting for extraction"),
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
