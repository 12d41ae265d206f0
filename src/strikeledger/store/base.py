"""The store's interface and the logic its two backends share.

A backend (DuckDB, PostgreSQL) supplies connections, the schema, one batched write and
the SQL that differs between dialects; everything else is here: turning a
``(Report, Record)`` pair into rows, batching, the read queries and the shape of what
they return. Queries use numbered placeholders (``$1``, ``$2``: ``Params`` hands them
out), which both drivers take as they are: DuckDB natively, psycopg through its raw
cursors, which send the query to the server untouched. No user value is ever formatted
into SQL, and no query is rewritten, so a literal ``?`` or ``%`` in SQL is just text.

Reads return plain dicts (dates as ``datetime.date``, ``ingested_at`` as an aware UTC
``datetime``), the same from both backends.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections import OrderedDict
import json
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from strikeledger.errors import InputError, StoreError, StrikeledgerError
from strikeledger.model import Kind, Record, Report, TextSpan, text_hash
from strikeledger.store import integrity, schema
from strikeledger.store import incidents_sync, queries
from strikeledger.store.incidents_sync import SyncResult
from strikeledger.store.params import Params

log = logging.getLogger(__name__)

UID_LENGTH = 16

REPORT_COLUMNS = schema.REPORTS.names
SUMMARY_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("text", "record"))
FIGURE_COLUMNS = schema.FIGURES.names
CHILD_TABLES: dict[str, tuple[str, ...]] = {t.name: t.names for t in schema.CHILDREN}

MAX_SEARCH_TERMS = 16
PAIR_CACHE = 20_000       # parsed (report, record) pairs a store keeps (see Store._pairs)
ANALYZE_EVERY = 20_000    # reports added by one add_many between statistics refreshes
_TERM = re.compile(r"\w+")
_SUMMARY_SQL = ", ".join(f"r.{c}" for c in SUMMARY_COLUMNS)
_FIGURE_SQL = ", ".join(f"f.{c}" for c in FIGURE_COLUMNS if c != "seq")


def uid_of(content_hash: str) -> str:
    """The report's surrogate key: the first 16 hex digits of its content hash."""
    return content_hash[:UID_LENGTH]


class AddResult(tuple):
    """``(added, skipped)``; ``incidents`` names the incidents the new reports changed."""

    def __new__(cls, added: int, skipped: int, incidents: Iterable[str] = ()) -> "AddResult":
        self = super().__new__(cls, (added, skipped))
        self.incidents = tuple(incidents)
        return self

    @property
    def added(self) -> int:
        return self[0]

    @property
    def skipped(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"AddResult(added={self[0]}, skipped={self[1]}, incidents={self.incidents!r})"


@dataclass
class PreparedReport:
    """One report turned into rows, ready for one backend write."""

    uid: str
    content_hash: str
    report: tuple
    children: dict[str, list[tuple]] = field(default_factory=dict)
    pair: tuple[Report, Record] | None = None     # the report and its record


def _unstorable(value: str) -> str | None:
    """Why a string cannot go into both backends (NUL, unpaired surrogate), or None."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"a NUL character at offset {nul}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"an unpaired surrogate at offset {exc.start}"
    return None


def _check_strings(report: Report, payload: dict) -> None:
    stack: list[tuple[str, Any]] = [("text", report.text)]
    stack += [(name, getattr(report, name)) for name in ("report_id", "url", "publisher", "origin")]
    stack.append(("record", payload))
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            why = _unstorable(value)
            if why:
                raise StoreError(f"report {report.report_id!r} ({report.origin or 'no origin'}):"
                                 f" {where} contains {why}; it cannot be stored")
        elif isinstance(value, dict):
            stack.extend((f"{where}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))


def prepare(report: Report, record: Record, ingested_at: dt.datetime) -> PreparedReport:
    """Rows for one report and its record (raises StoreError when they cannot be stored)."""
    if record.report_id != report.report_id:
        raise StoreError(f"record for {record.report_id!r} given with report "
                         f"{report.report_id!r}: a record must belong to its report")
    payload = record.model_dump(mode="json")
    _check_strings(report, payload)
    content_hash = text_hash(report.text)
    uid = uid_of(content_hash)
    attack_date = record.attack.date
    report_row = (uid, report.report_id, content_hash, report.text, report.published,
                  report.url, report.publisher, report.origin, ingested_at, attack_date,
                  record.attack.date_precision, json.dumps(payload, ensure_ascii=False))
    admin1_of: dict[str, str] = {}
    for place in record.places:
        if place.admin1:
            admin1_of.setdefault(place.name.casefold(), place.admin1)
    figures = []
    for i, f in enumerate(record.figures):
        ev = f.evidence
        admin1 = admin1_of.get(f.place.casefold()) if f.place else None
        figures.append((uid, i, f.kind, f.value, f.qualifier, f.low, f.high, f.weapon,
                        f.place, admin1, f.speaker, ev.start, ev.end, ev.text, attack_date,
                        f.scope, *_span(f.sentence), json.dumps(list(f.families))))
    places = [(uid, i, p.name, p.admin1, p.lat, p.lon, p.role, p.evidence.start,
               p.evidence.end, p.evidence.text, *_span(p.sentence))
              for i, p in enumerate(record.places)]
    damage = [(uid, i, d.category, d.text, d.place, d.evidence.start, d.evidence.end,
               d.evidence.text, *_span(d.sentence)) for i, d in enumerate(record.damage)]
    speakers = [(uid, i, s.name, s.role) for i, s in enumerate(record.speakers)]
    weapons = [(uid, i, w) for i, w in enumerate(record.weapons)]
    return PreparedReport(uid, content_hash, report_row, {
        "figures": figures, "places": places, "damage": damage,
        "speakers": speakers, "weapons": weapons}, (report, record))


def _span(span: TextSpan | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def attach_columns(record: Record, figures: dict, places: dict, damage: dict) -> Record:
    """``record`` with the store's columns put back on its items (``seq -> row``): figure
    sentence spans and families, place and damage sentence spans."""
    def span(row) -> TextSpan | None:
        # stored by us from a valid TextSpan: no need to validate again
        return (None if row is None or row[0] is None
                else TextSpan.model_construct(start=row[0], end=row[1]))

    figs = []
    for i, f in enumerate(record.figures):
        row = figures.get(i)
        if row is not None:
            f = f.model_copy(update={"sentence": span(row),
                                     "families": tuple(json.loads(row[2] or "[]"))})
        figs.append(f)
    pls = [p.model_copy(update={"sentence": span(places.get(i))})
           for i, p in enumerate(record.places)]
    dmg = [d.model_copy(update={"sentence": span(damage.get(i))})
           for i, d in enumerate(record.damage)]
    return record.model_copy(update={"figures": figs, "places": pls, "damage": dmg})


def _as_date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{name}: expected a date YYYY-MM-DD, got {value!r}")


def _as_count(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{name}: expected a whole number >= 0, got {value!r}")
    return value


def search_terms(q: str) -> list[str]:
    """The lower-cased word terms of a search query (at most MAX_SEARCH_TERMS)."""
    return [t.lower() for t in _TERM.findall(q or "")][:MAX_SEARCH_TERMS]


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """A short excerpt of ``text`` around the first term found (its start if none is)."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(t) for t in terms) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    out = text[start:end].strip()
    return ("…" if start > 0 else "") + out + ("…" if end < len(text) else "")


class Store(ABC):
    """Reports and their extracted records, in DuckDB or PostgreSQL.

    Use ``strikeledger.store.open_store``. A Store is a context manager; it is not
    thread-safe (open one per thread).
    """

    backend: str = ""
    _driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, target: str):
        self.target = target
        self._closed = False
        self._pair_cache: OrderedDict[str, tuple[Report, Record]] = OrderedDict()
        # why the store is damaged (``integrity``), found on open; writes are refused
        self.damage: str | None = None

    # --- lifecycle -------------------------------------------------------------------

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            with self._mapped("closing"):
                self._close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target}>"

    @contextmanager
    def _mapped(self, action: str) -> Iterator[None]:
        """Turn a driver error into StoreError naming the store and what failed."""
        if self._closed and action != "closing":
            raise StoreError(f"{self.target}: {action}: the store is closed")
        try:
            yield
        except StrikeledgerError:
            raise
        except self._driver_errors as exc:
            raise StoreError(f"{self.target}: {action} failed: {exc}".strip()) from exc

    @abstractmethod
    def _execute(self, sql: str, params: list | None = None) -> None:
        """Run one statement (``$n`` placeholders) inside the current transaction."""

    @abstractmethod
    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert rows (tuples in the order of ``columns``) in the current transaction."""

    @abstractmethod
    def _writing(self) -> "AbstractContextManager[None]":
        """A write transaction, with this store's writer lock held."""

    @abstractmethod
    def _ts(self, when: dt.datetime) -> dt.datetime:
        """An aware UTC time as this backend stores timestamps."""

    @abstractmethod
    def _update_rows(self, table: str, key: tuple[str, ...], columns: tuple[str, ...],
                     rows: list[tuple]) -> None:
        """Set ``columns`` of the rows of ``table`` matched by ``key`` (each row is the key
        values, then the column values), in the current transaction."""

    # --- backend primitives ----------------------------------------------------------

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _write_batch(self, batch: list[PreparedReport]) -> tuple[int, list[str]]:
        """Store the reports not yet stored and update their incidents, in one
        transaction; return how many were stored and the incidents that changed."""

    @abstractmethod
    def _fetch(self, sql: str, params: list) -> list[dict]:
        """Run a read query (``?`` placeholders) and return its rows as dicts."""

    @abstractmethod
    def _stream(self, sql: str, params: list, size: int) -> Iterator[tuple]:
        """Run a read query and yield its rows as tuples, without loading them all."""

    @abstractmethod
    def _search(self, terms: list[str], q: str, limit: int) -> list[dict]:
        """Report summaries (plus ``text``) matching the query, best first."""

    # --- writes ----------------------------------------------------------------------

    def add(self, report: Report, record: Record) -> bool:
        """Store one report and its record in one transaction.

        Returns False (and changes nothing) when a report with the same text
        (content hash) is already stored.
        """
        return self.add_many([(report, record)]).added == 1

    def add_many(self, pairs: Iterable[tuple[Report, Record]],
                 batch_size: int = 500) -> AddResult:
        """Store many (report, record) pairs, one transaction per batch.

        Reads ``pairs`` lazily, ``batch_size`` at a time, so an ingest that is killed
        leaves whole batches only. A pair whose text is already stored (or repeats an
        earlier pair's text) is skipped.
        """
        if batch_size < 1:
            raise InputError(f"batch_size: expected a whole number >= 1, got {batch_size!r}")
        if self.damage is not None:
            raise integrity.damaged(self.target, self.damage)
        added = skipped = 0
        analyzed = 0
        touched: dict[str, None] = {}
        iterator = iter(pairs)
        while True:
            chunk = list(itertools.islice(iterator, batch_size))
            if not chunk:
                break
            now = dt.datetime.now(dt.timezone.utc)
            batch: list[PreparedReport] = []
            seen: set[str] = set()
            for report, record in chunk:
                prepared = prepare(report, record, now)
                if prepared.content_hash in seen:
                    continue
                seen.add(prepared.content_hash)
                batch.append(prepared)
            with self._mapped("adding reports"):
                n, incidents = self._write_batch(batch)
            touched.update(dict.fromkeys(incidents))
            added += n
            skipped += len(chunk) - n
            log.debug("%s: batch of %d: %d added", self.target, len(chunk), n)
            if added - analyzed >= ANALYZE_EVERY:
                analyzed = added
                self._refresh_statistics()
        if added - analyzed >= min(ANALYZE_EVERY, 1000):
            self._refresh_statistics()
        return AddResult(added, skipped, tuple(touched))

    def _refresh_statistics(self) -> None:
        """After a large write: let the query planner see the tables' new sizes (the
        incremental path looks reports up by their band keys and incidents by id, which
        is fast only when the planner knows the tables are big). Nothing by default."""

    def rebuild(self) -> SyncResult:
        """Recompute every incident (and the duplicate groups) from the stored reports.

        Changes nothing on a store whose incidents are up to date; after a change of the
        rules (``data/source_preference.json``), records what changed.
        """
        now = dt.datetime.now(dt.timezone.utc)
        with self._mapped("rebuilding incidents"), self._writing():
            result = incidents_sync.rebuild(self, now)
        self._refresh_statistics()
        return result

    def _sync(self, new: list[PreparedReport], seqs: dict[str, int],
              now: dt.datetime) -> list[str]:
        """Update the incidents of reports just inserted (in the caller's transaction)."""
        reports = sorted((incidents_sync.NewReport(p.uid, seqs[p.uid], *p.pair) for p in new),
                         key=lambda n: n.seq)
        return incidents_sync.sync(self, reports, now).incidents

    def _pairs_where(self, where: str, params: list, tail: str = ""
                     ) -> Iterator[tuple[str, int, Report, Record]]:
        rows = self._fetch("SELECT uid, seq, report_id, text, published, url, publisher,"
                           f" origin, record FROM reports WHERE {where} ORDER BY seq{tail}",
                           params)
        for row, (report, record) in zip(rows, self._records(
                [tuple(r[c] for c in ("uid", "report_id", "text", "published", "url",
                                      "publisher", "origin", "record")) for r in rows])):
            yield row["uid"], row["seq"], report, record

    def _pairs(self, uids: list[str]) -> Iterator[tuple[str, tuple[Report, Record]]]:
        """(uid, (report, record)) of the stored reports ``uids``.

        A stored report never changes (its uid is its text's hash), so pairs read once
        are kept (``PAIR_CACHE`` of them): a server or a watcher that updates one night's
        incident again and again parses only the new reports.
        """
        cache = self._pair_cache
        missing = [u for u in uids if u not in cache]
        if missing:
            p = Params()
            for uid, _, report, record in self._pairs_where(
                    f"uid IN (SELECT unnest(CAST({p(missing)} AS TEXT[])))", p.values):
                cache[uid] = (report, record)
        for uid in uids:
            pair = cache.get(uid)
            if pair is not None:
                cache.move_to_end(uid)
                yield uid, pair
        while len(cache) > PAIR_CACHE:
            cache.popitem(last=False)

    def _pairs_after(self, seq: int, limit: int) -> list[tuple[str, int, Report, Record]]:
        p = Params()
        return list(self._pairs_where(f"seq > {p(seq)}", p.values, f" LIMIT {p(limit)}"))

    # --- incidents (kept by add_many; see incidents_sync) -------------------------------

    def incidents(self, *, date_from=None, date_to=None, oblast: str | None = None,
                  kind: str | None = None, grade: str | None = None, contested: bool = False,
                  limit: int | None = 100, offset: int = 0, as_of=None) -> dict:
        """A page of incidents, oldest first: ``{"total", "items"}``.

        Each item is the incident's row (``export.tables`` columns, lists as lists) with
        its headline ``estimates`` (kind -> estimate row) and ``places``. Filters as in
        docs/incidents.md; ``as_of`` (a time) gives the incidents as they stood then.
        """
        with self._mapped("reading incidents"):
            return queries.incidents(self, date_from=date_from, date_to=date_to,
                                     oblast=oblast, kind=kind, grade=grade,
                                     contested=contested, limit=limit, offset=offset,
                                     as_of=as_of)

    def incident(self, key: str, as_of=None, claims_limit: int | None = None,
                 claims_offset: int = 0) -> dict:
        """One incident (by id, or by a report id it holds) with its estimates, claims,
        conflicts, revisions, places, damage and sources; NotFoundError if none."""
        with self._mapped("reading an incident"):
            return queries.incident(self, key, as_of, claims_limit, claims_offset)

    def incident_history(self, key: str) -> list[dict]:
        """The change log of one incident's headline estimates, intervals and grades."""
        with self._mapped("reading an incident's history"):
            return queries.history(self, key)

    def claims_by_id(self, claim_ids: list[str]) -> list[dict]:
        """The current claims with these ids."""
        with self._mapped("reading claims"):
            return queries.claims_by_id(self, claim_ids)

    def changes(self, after: int = 0, limit: int = 500) -> dict:
        """Incident changes after the cursor ``after``: ``{"cursor", "items"}``."""
        with self._mapped("reading changes"):
            return queries.changes(self, _as_count(after, "after") or 0,
                                   _as_count(limit, "limit") or 0)

    def change_cursor(self) -> int:
        """The seq of the latest incident change (0 when none): a live view asks
        ``changes(after=...)`` from here."""
        with self._mapped("reading changes"):
            return queries.change_cursor(self)

    # --- reads -----------------------------------------------------------------------

    def count_reports(self) -> int:
        rows = self._read("counting reports", "SELECT count(*) AS n FROM reports", [])
        return int(rows[0]["n"])

    def reports(self, limit: int | None = 100, offset: int = 0,
                date_from: dt.date | str | None = None,
                date_to: dt.date | str | None = None) -> list[dict]:
        """Report summaries (no text, no record), newest attack first.

        ``date_from``/``date_to`` (inclusive) filter on the attack date; a report whose
        attack date is unknown is left out when either is given.
        """
        p = Params()
        where = self._date_filter(p, "r.attack_date", date_from, date_to)
        sql = (f"SELECT {_SUMMARY_SQL} FROM reports r"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.attack_date DESC NULLS LAST, r.seq" + self._page(p, limit, offset))
        return [self._summary(row) for row in self._read("listing reports", sql, p.values)]

    def get_report(self, key: str) -> dict | None:
        """One report with ``text`` and ``record`` (a dict), by uid, content hash or
        report_id.

        A uid or content hash wins over a report_id. When several reports share a report_id, the one
        ingested first is returned; ask by uid for another. None when nothing matches.
        """
        if "\x00" in key:
            return None                     # no stored key holds a NUL
        p = Params()
        k = p(key)
        sql = (f"SELECT {_SUMMARY_SQL}, r.text, r.record FROM reports r"
               f" WHERE r.uid = {k} OR r.content_hash = {k} OR r.report_id = {k}"
               f" ORDER BY CASE WHEN r.uid = {k} OR r.content_hash = {k} THEN 0 ELSE 1 END,"
               " r.seq LIMIT 1")
        rows = self._read("reading a report", sql, p.values)
        if not rows:
            return None
        row = self._summary(rows[0])
        if isinstance(row["record"], str):
            row["record"] = json.loads(row["record"])
        return row

    def records(self, batch_size: int = 500) -> Iterator[tuple[Report, Record]]:
        """Every stored (report, record) pair, in ingestion order, streamed.

        The records carry the store's columns beyond the contract JSON (figure sentence
        spans and weapon families, place and damage sentences).
        """
        sql = ("SELECT uid, report_id, text, published, url, publisher, origin, record"
               " FROM reports ORDER BY seq")
        with self._mapped("reading records"):
            batch: list[tuple] = []
            for row in self._stream(sql, [], batch_size):
                batch.append(row)
                if len(batch) >= batch_size:
                    yield from self._records(batch)
                    batch = []
            if batch:
                yield from self._records(batch)

    def _records(self, rows: list[tuple]) -> Iterator[tuple[Report, Record]]:
        """(report, record) of rows (uid, report_id, text, published, url, publisher,
        origin, record), with the store's columns put back on the record."""
        columns = self._span_columns([r[0] for r in rows])
        for uid, report_id, text, published, url, publisher, origin, payload in rows:
            report = Report(report_id=report_id, text=text, published=published,
                            url=url, publisher=publisher, origin=origin)
            try:
                if isinstance(payload, str):
                    record = Record.model_validate_json(payload)
                else:
                    record = Record.model_validate(payload)
            except ValidationError as exc:
                raise StoreError(f"{self.target}: stored record of {report_id!r} "
                                 f"no longer validates: {exc}") from exc
            yield report, attach_columns(record, *(columns[t].get(uid, {}) for t in
                                                   ("figures", "places", "damage")))

    def _span_columns(self, uids: list[str]) -> dict[str, dict[str, dict[int, tuple]]]:
        """table -> uid -> seq -> (sentence_start, sentence_end[, families]) of ``uids``."""
        out: dict[str, dict[str, dict[int, tuple]]] = {}
        for table, extra in (("figures", ", families"), ("places", ""), ("damage", "")):
            p = Params()
            sql = (f"SELECT uid, seq, sentence_start, sentence_end{extra} FROM {table}"
                   f" WHERE uid IN (SELECT unnest(CAST({p(uids)} AS TEXT[])))")
            by_uid: dict[str, dict[int, tuple]] = {}
            for row in self._fetch(sql, p.values):
                by_uid.setdefault(row["uid"], {})[row["seq"]] = (
                    row["sentence_start"], row["sentence_end"], row.get("families"))
            out[table] = by_uid
        return out

    def figures(self, date_from: dt.date | str | None = None,
                date_to: dt.date | str | None = None, kind: Kind | str | None = None,
                oblast: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict]:
        """Figures with their report's uid, report_id and attack date.

        ``kind`` is a figure kind. ``oblast`` is matched case-insensitively as a
        substring of an admin1 name ("kyiv" matches "Kyiv City" and "Kyiv Oblast"):
        of the figure's own place when its admin1 is known, otherwise of any place the
        figure's report says was hit.
        """
        p = Params()
        clauses = self._date_filter(p, "f.attack_date", date_from, date_to)
        if kind is not None:
            try:
                kind = Kind(kind).value
            except ValueError:
                raise InputError(f"kind: unknown figure kind {kind!r}; expected one of "
                                 + ", ".join(k.value for k in Kind)) from None
            clauses.append(f"f.kind = {p(kind)}")
        if oblast is not None and "\x00" in oblast:
            clauses.append("FALSE")         # no stored name holds a NUL
        elif oblast is not None:
            needle = p(oblast.strip().lower())
            clauses.append(
                f"(CASE WHEN f.admin1 IS NOT NULL THEN strpos(lower(f.admin1), {needle}) > 0"
                " ELSE EXISTS (SELECT 1 FROM places p WHERE p.uid = f.uid"
                f" AND p.role = 'hit' AND strpos(lower(p.admin1), {needle}) > 0) END)")
        sql = (f"SELECT {_FIGURE_SQL}, r.report_id FROM figures f"
               " JOIN reports r ON r.uid = f.uid")
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY f.attack_date NULLS LAST, r.seq, f.seq" + self._page(p, limit, offset)
        rows = self._read("reading figures", sql, p.values)
        for row in rows:
            row["families"] = json.loads(row["families"]) if row.get("families") else []
        return rows

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Report summaries whose text matches ``q``, each with a ``snippet``.

        DuckDB: every word of ``q`` must occur in the text (case-insensitive substring),
        newest attack first. PostgreSQL: English full-text search
        (``plainto_tsquery``, so stemmed words), best ``ts_rank`` first. A query with
        no words matches nothing.
        """
        limit = _as_count(limit, "limit")
        q = (q or "").replace("\x00", " ")      # a NUL is no word (PostgreSQL cannot bind one)
        terms = search_terms(q)
        if not terms or limit == 0:
            return []
        with self._mapped("searching"):
            rows = self._search(terms, q, limit)
        out = []
        for row in rows:
            text = row.pop("text")
            row = self._summary(row)
            row["snippet"] = snippet(text, terms)
            out.append(row)
        return out

    # --- helpers ---------------------------------------------------------------------

    def _read(self, action: str, sql: str, params: list) -> list[dict]:
        with self._mapped(action):
            return self._fetch(sql, params)

    @staticmethod
    def _date_filter(p: Params, column: str, date_from: dt.date | str | None,
                     date_to: dt.date | str | None) -> list[str]:
        clauses = []
        start = _as_date(date_from, "date_from")
        end = _as_date(date_to, "date_to")
        if start is not None:
            clauses.append(f"{column} >= {p(start)}")
        if end is not None:
            clauses.append(f"{column} <= {p(end)}")
        return clauses

    @staticmethod
    def _page(p: Params, limit: int | None, offset: int) -> str:
        """`` LIMIT .. OFFSET ..`` for a page (nothing for no limit and no offset)."""
        limit = _as_count(limit, "limit")
        offset = _as_count(offset, "offset") or 0
        sql = ""
        if limit is not None:
            sql += f" LIMIT {p(limit)}"
        if offset:
            sql += f" OFFSET {p(offset)}"
        return sql

    @staticmethod
    def _summary(row: dict) -> dict:
        at = row.get("ingested_at")
        if isinstance(at, dt.datetime) and at.tzinfo is None:
            row["ingested_at"] = at.replace(tzinfo=dt.timezone.utc)
        elif isinstance(at, dt.datetime):
            row["ingested_at"] = at.astimezone(dt.timezone.utc)
        return row
