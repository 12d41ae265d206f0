"""Reads of the incidents the store keeps: paged SQL over the incident tables.

Nothing here rebuilds an incident. Every read takes ``as_of`` (an aware datetime, or
None for now): the rows valid at that time, i.e. the dataset as it stood then.
Filters are validated here (kinds and grades against their vocabularies, dates parsed)
and every value is bound as a parameter.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from strikeledger.errors import InputError, NotFoundError
from strikeledger.export.tables import DERIVED_SCHEMAS, SCHEMAS
from strikeledger.incidents.grade import GRADES
from strikeledger.model import Kind
from strikeledger.store.params import Params

if TYPE_CHECKING:
    from strikeledger.store.base import Store

KINDS = tuple(k.value for k in Kind)
INCIDENT_COLUMNS = tuple(DERIVED_SCHEMAS["incidents"])
_LISTS = ("report_ids", "oblasts_hit", "weapons", "speakers")


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def parse_as_of(value: dt.datetime | dt.date | str | None) -> dt.datetime | None:
    """A time for ``as_of``: an ISO date or date-time (UTC when it names no zone)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"as_of: expected a time YYYY-MM-DD[THH:MM[:SS]][+HH:MM], "
                             f"got {value!r}") from None
    if not isinstance(value, dt.datetime):          # a date: the end of that day
        value = dt.datetime.combine(value, dt.time.max)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def valid(store: "Store", p: Params, as_of: dt.datetime | None, alias: str = "") -> str:
    """The condition for rows valid at ``as_of`` (current rows when None)."""
    a = f"{alias}." if alias else ""
    if as_of is None:
        return f"{a}valid_to IS NULL"
    t = p(store._ts(as_of))
    return f"{a}valid_from <= {t} AND ({a}valid_to IS NULL OR {a}valid_to > {t})"


def incident_filter(store: "Store", p: Params, *, as_of=None, date_from=None, date_to=None,
                    oblast=None, kind=None, grade=None, contested=False) -> str:
    """The WHERE condition on ``incidents i`` for the listing filters."""
    clauses = [valid(store, p, as_of, "i")]
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if start is not None:
        clauses.append(f"i.date >= {p(start)}")
    if end is not None:
        clauses.append(f"i.date <= {p(end)}")
    if oblast:
        # no stored text holds a NUL (the store refuses them; PostgreSQL cannot bind one)
        clauses.append("FALSE" if "\x00" in oblast else
                       f"strpos(lower(coalesce(i.oblasts_hit, '')), {p(oblast.lower())}) > 0")
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    if grade is not None and grade not in GRADES:
        raise InputError(f"grade: expected one of {', '.join(GRADES)}, got {grade!r}")
    if kind:                                   # a column name from the enum, never input
        clauses.append(f"i.{kind}_grade IS NOT NULL")
    if grade:
        g = p(grade)
        columns = [kind] if kind else list(KINDS)
        clauses.append("(" + " OR ".join(f"i.{k}_grade = {g}" for k in columns) + ")")
    if contested:
        clauses.append("i.contested")
    return " AND ".join(clauses)


_ORDER = " ORDER BY i.date IS NULL, i.date, i.incident_id"


def _incident_row(row: dict) -> dict:
    for c in _LISTS:
        row[c] = row[c].split("; ") if row.get(c) else []
    row["casualties_by_oblast"] = json.loads(row.get("casualties_by_oblast") or "{}")
    return row


def incidents(store: "Store", *, limit: int | None = 100, offset: int = 0, as_of=None,
              **filters) -> dict:
    """A page of incidents (oldest first): ``{"total", "items"}``; each item has the
    incident's row, its headline ``estimates`` (kind -> row) and its ``places``."""
    as_of = parse_as_of(as_of)
    p = Params()
    where = incident_filter(store, p, as_of=as_of, **filters)
    [total] = store._fetch(f"SELECT count(*) AS n FROM incidents i WHERE {where}", p.values)
    page = store._page(p, limit, offset)
    rows = store._fetch(f"SELECT {', '.join('i.' + c for c in INCIDENT_COLUMNS)}"
                        f" FROM incidents i WHERE {where}{_ORDER}{page}", p.values)
    items = [_incident_row(r) for r in rows]
    _attach(store, items, as_of)
    return {"total": int(total["n"]), "items": items}


def _attach(store: "Store", items: list[dict], as_of) -> None:
    """Put each incident's headline estimates and places on it (one query each)."""
    if not items:
        return
    ids = [i["incident_id"] for i in items]
    by_id = {i["incident_id"]: i for i in items}
    for i in items:
        i["estimates"], i["places"] = {}, []
    for e in _rows(store, "estimates", ids, as_of, "headline"):
        by_id[e["incident_id"]]["estimates"][e["kind"]] = e
    for pl in _rows(store, "incident_places", ids, as_of, order=_ORDERS["incident_places"]):
        by_id[pl["incident_id"]]["places"].append(pl)


def _rows(store: "Store", table: str, ids: list[str], as_of, where: str = "",
          order: str = "") -> list[dict]:
    p = Params()
    columns = ", ".join(DERIVED_SCHEMAS[table])
    sql = (f"SELECT {columns} FROM {table} WHERE incident_id IN "
           f"(SELECT unnest(CAST({p(ids)} AS TEXT[]))) AND {valid(store, p, as_of)}")
    if where:
        sql += f" AND {where}"
    return store._fetch(sql + (order or " ORDER BY row_hash"), p.values)


def resolve(store: "Store", key: str, as_of=None) -> str:
    """The incident id of ``key``: an incident id, or the id of a report it holds."""
    as_of = parse_as_of(as_of)
    if "\x00" in key:
        raise NotFoundError(f"no incident {key!r}")
    p = Params()
    k = p(key)
    rows = store._fetch(f"SELECT incident_id FROM incidents WHERE incident_id = {k}"
                        f" AND {valid(store, p, as_of)} LIMIT 1", p.values)
    if rows:
        return rows[0]["incident_id"]
    p = Params()
    rows = store._fetch("SELECT incident_id FROM report_incidents WHERE report_id = "
                        f"{p(key)} OR uid = $1 ORDER BY seq LIMIT 1", p.values)
    if rows:
        return rows[0]["incident_id"]
    raise NotFoundError(f"no incident {key!r} (ids are attack dates such as 2025-09-28, "
                        "or undated-<report id>; a report id finds its incident)")


_ORDERS = {
    "claims": " ORDER BY kind, scope_place NULLS FIRST, scope_weapon NULLS FIRST,"
              " published NULLS FIRST, claim_id",
    "estimates": " ORDER BY headline DESC, kind, place NULLS FIRST, weapon NULLS FIRST",
    "incident_places": " ORDER BY role <> 'hit', admin1 NULLS FIRST, name",
    "incident_damage": " ORDER BY category, text",
    "conflicts": " ORDER BY a, b",
    "revisions": " ORDER BY old, new",
    "sources": " ORDER BY source_id",
}


def incident(store: "Store", key: str, as_of=None, claims_limit: int | None = None,
             claims_offset: int = 0) -> dict:
    """One incident in full: its row, estimates (headline and per scope), claims,
    conflicts, revisions, places, damage and sources. Claims may be paged."""
    as_of = parse_as_of(as_of)
    incident_id = resolve(store, key, as_of)
    p = Params()
    rows = store._fetch(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE"
                        f" incident_id = {p(incident_id)} AND {valid(store, p, as_of)}",
                        p.values)
    if not rows:
        raise NotFoundError(f"no incident {key!r} at {as_of.isoformat() if as_of else 'now'}")
    out = _incident_row(rows[0])
    ids = [incident_id]
    est = _rows(store, "estimates", ids, as_of, order=_ORDERS["estimates"])
    out["estimates"] = {e["kind"]: e for e in est if e["headline"]}
    out["scopes"] = [e for e in est if not e["headline"]]
    p = Params()
    [n] = store._fetch(f"SELECT count(*) AS n FROM claims WHERE incident_id = {p(incident_id)}"
                       f" AND {valid(store, p, as_of)}", p.values)
    out["claim_total"] = int(n["n"])
    p = Params()
    where = f"incident_id = {p(incident_id)} AND {valid(store, p, as_of)}"
    out["claims"] = store._fetch(
        f"SELECT {', '.join(DERIVED_SCHEMAS['claims'])} FROM claims WHERE {where}"
        f"{_ORDERS['claims']}{store._page(p, claims_limit, claims_offset)}", p.values)
    for table, name in (("conflicts", "conflicts"), ("revisions", "revisions"),
                        ("incident_places", "places"), ("incident_damage", "damage"),
                        ("sources", "sources")):
        out[name] = _rows(store, table, ids, as_of, order=_ORDERS[table])
    for s in out["sources"]:
        s["report_ids"] = s["report_ids"].split("; ") if s["report_ids"] else []
        s["publishers"] = s["publishers"].split("; ") if s["publishers"] else []
    out["languages"] = languages(store, out["report_ids"])
    return out


def languages(store: "Store", report_ids: list[str]) -> dict[str, str | None]:
    """report id -> its record's ``language`` (CONTRACT.md v1.1; None when not recorded),
    of the first report stored under each id (as ``Store.get_report`` gives it)."""
    if not report_ids:
        return {}
    p = Params()
    rows = store._fetch("SELECT report_id, record->>'language' AS language FROM reports"
                        f" WHERE report_id IN (SELECT unnest(CAST({p(report_ids)} AS TEXT[])))"
                        " ORDER BY seq", p.values)
    out: dict[str, str | None] = {}
    for r in rows:
        out.setdefault(r["report_id"], r["language"])
    return out


def _utc(rows: list[dict]) -> list[dict]:
    for r in rows:
        at = r.get("changed_at")
        if isinstance(at, dt.datetime):
            r["changed_at"] = (at.replace(tzinfo=dt.timezone.utc) if at.tzinfo is None
                               else at.astimezone(dt.timezone.utc))
    return rows


def history(store: "Store", key: str) -> list[dict]:
    """Every change of the incident's headline estimates, intervals and grades, oldest
    first: when (aware UTC), kind, field, old -> new, and the report that caused it."""
    incident_id = resolve(store, key)
    return _utc(store._fetch("SELECT seq, changed_at, incident_id, kind, field, old, new,"
                        " report_uid, report_id FROM incident_changes WHERE incident_id = $1"
                        " ORDER BY seq", [incident_id]))


def change_cursor(store: "Store") -> int:
    """The seq of the latest change (0 when none): where a live view starts reading."""
    [row] = store._fetch("SELECT coalesce(max(seq), 0) AS seq FROM incident_changes", [])
    return int(row["seq"])


def changes(store: "Store", after: int = 0, limit: int = 500) -> dict:
    """The changes after cursor ``after`` (a change's ``seq``), oldest first, and the
    cursor to ask with next: what a live view polls for."""
    rows = store._fetch("SELECT seq, changed_at, incident_id, kind, field, old, new,"
                        " report_uid, report_id FROM incident_changes WHERE seq > $1"
                        " ORDER BY seq LIMIT $2", [after, limit])
    _utc(rows)
    return {"cursor": rows[-1]["seq"] if rows else after, "items": rows}


def table_rows(store: "Store", table: str, as_of=None, chunk: int = 2000,
               **filters) -> Iterator[dict]:
    """An exported table's rows (``export.tables.SCHEMAS``) for the incidents matching
    ``filters``, streamed in pages of ``chunk``."""
    if table not in SCHEMAS:
        raise InputError(f"table: expected one of {', '.join(SCHEMAS)}, got {table!r}")
    as_of = parse_as_of(as_of)
    source = {"incidents": "incidents", "claims": "claims", "places": "incident_places",
              "damage": "incident_damage"}[table]
    columns = ", ".join(f"t.{c}" for c in SCHEMAS[table])
    offset = 0
    while True:
        p = Params()
        where = incident_filter(store, p, as_of=as_of, **filters)
        if source == "incidents":
            sql = (f"SELECT {columns} FROM incidents t WHERE "
                   + where.replace("i.", "t.") + _ORDER.replace("i.", "t."))
        else:
            sql = (f"SELECT {columns} FROM {source} t JOIN incidents i"
                   f" ON i.incident_id = t.incident_id WHERE {where}"
                   f" AND {valid(store, p, as_of, 't')}"
                   f"{_ORDER}, t.row_hash")
        rows = store._fetch(sql + store._page(p, chunk, offset), p.values)
        yield from rows
        if len(rows) < chunk:
            return
        offset += chunk


def bundles(store: "Store", as_of=None, chunk: int = 200, **filters) -> Iterator[dict]:
    """Per incident (oldest first): its row with headline ``estimates``, ``scopes``,
    ``places``, ``claims`` and ``sources``, for GeoJSON and ACLED. Paged by incident."""
    as_of = parse_as_of(as_of)
    offset = 0
    while True:
        page = incidents(store, limit=chunk, offset=offset, as_of=as_of, **filters)["items"]
        ids = [i["incident_id"] for i in page]
        if ids:
            by_id = {i["incident_id"]: i for i in page}
            for i in page:
                i["scopes"], i["claims"], i["sources"] = [], [], []
            for e in _rows(store, "estimates", ids, as_of, "NOT headline",
                           _ORDERS["estimates"]):
                by_id[e["incident_id"]]["scopes"].append(e)
            for c in _rows(store, "claims", ids, as_of, order=_ORDERS["claims"]):
                by_id[c["incident_id"]]["claims"].append(c)
            for s in _rows(store, "sources", ids, as_of, order=_ORDERS["sources"]):
                by_id[s["incident_id"]]["sources"].append(s)
        yield from page
        if len(page) < chunk:
            return
        offset += chunk


def claims_by_id(store: "Store", claim_ids: list[str]) -> list[dict]:
    """The current claims with these ids (with their incident, report, speaker and
    sentence)."""
    if not claim_ids:
        return []
    p = Params()
    return store._fetch("SELECT incident_id, claim_id, report_id, speaker, sentence,"
                        " evidence_text FROM claims WHERE valid_to IS NULL AND claim_id IN"
                        f" (SELECT unnest(CAST({p(claim_ids)} AS TEXT[])))", p.values)
