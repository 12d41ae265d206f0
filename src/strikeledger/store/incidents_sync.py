"""Incidents kept in the store and updated as reports arrive: the incremental path.

``sync(store, new, now)`` runs inside the transaction that stores ``new`` reports
(``Store.add_many``), so a report and its incident change together or not at all:

1. **Duplicates.** Each new report gets its MinHash signature (``minhashes``) and LSH
   band keys (``lsh_bands``, or ``lsh_undated`` without an attack day). The reports
   sharing a band with it and stored before it are its candidates, read from the table
   (dated reports only on their own day, plus the undated). ``incidents.dedupe.Groups``
   applies the rule (in ingestion order, a report joins the groups of the earlier
   reports it duplicates) to the groups of those candidates, loaded from
   ``report_incidents``.
2. **Incidents touched.** Every report of a group that changed gets its incident id
   (``incidents.grouping.incident_key``); the incidents it left and joined are recomputed.
3. **Recompute.** An incident's reports are loaded and ``incidents.build.incident_of``
   makes it exactly as ``build_incidents`` would; its rows (``export.tables``) are
   compared with the current rows by content hash: rows that went are closed
   (``valid_to = now``), new ones inserted (``valid_from = now``), the rest untouched.
   Every change of a headline estimate, interval or grade becomes a row of
   ``incident_changes``, naming the new report whose claim now gives the value (or
   else the batch's last new report in the incident).

``rebuild(store, now)`` empties the duplicate state and runs every stored report through
the same steps in ingestion order, then recomputes every incident: on a store kept by
``sync`` it changes nothing (the tests check this for random ingest orders and batches),
and after a change of the rules it records what changed.

Nothing here reads a clock: ``now`` is the batch's ``ingested_at``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from strikeledger.export.tables import DERIVED_ROWS, DERIVED_SCHEMAS
from strikeledger.incidents.build import incident_of, report_keys
from strikeledger.incidents.dedupe import Groups, Member, band_keys, shingles, signature
from strikeledger.incidents.grouping import IncidentKey, incident_key
from strikeledger.incidents.preference import Preferences, preferences
from strikeledger.incidents.types import Incident
from strikeledger.model import Record, Report

from strikeledger.store import incident_state
from strikeledger.store.params import Params

if TYPE_CHECKING:
    from strikeledger.store.base import Store

log = logging.getLogger(__name__)

HEADLINE_FIELDS = ("estimate", "interval", "grade")
_CHUNK = 1000
_INCIDENTS_PER_STEP = 32      # incidents recomputed together (their reports in memory)


@dataclass
class NewReport:
    uid: str
    seq: int
    report: Report
    record: Record


@dataclass
class SyncResult:
    incidents: list[str] = field(default_factory=list)   # incidents whose rows changed
    changes: int = 0                                      # rows of incident_changes written


def _day(attack_date: dt.date | None, precision: str | None) -> dt.date | None:
    return attack_date if precision in (None, "day") else None


def row_hash(values: Sequence) -> str:
    text = json.dumps([v.isoformat() if isinstance(v, dt.date) else v for v in values],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class _Sync:
    def __init__(self, store: "Store", now: dt.datetime, prefs: Preferences | None):
        self.store = store
        self.now = now
        self.ts = store._ts(now)
        self.prefs = prefs or preferences()
        self.result = SyncResult()
        self.affected: set[str] = set()
        self.new_in: dict[str, list[NewReport]] = {}     # incident -> new reports in it
        self.uid_of_key: dict[str, dict[str, str]] = {}  # incident -> report key -> uid
        # incidents that only gain new reports of their own (no duplicates): extended
        # from their rows (incident_state.extend) instead of rebuilt from their reports
        self.incremental = True
        self.extend: dict[str, list[NewReport]] = {}
        self.whole: set[str] = set()

    def q(self, sql: str, params: list | None = None) -> list[dict]:
        return self.store._fetch(sql, params or [])

    # --- 1. duplicates --------------------------------------------------------------

    def dedupe(self, new: Sequence[NewReport]) -> None:
        sets: dict[str, set[str]] = {}
        sigs, dated, undated = [], [], []
        for n in new:
            sets[n.uid] = sh = shingles(n.report.text)
            if not sh:
                continue
            sig = signature(sh)
            sigs.append((n.uid, sig))
            day = _day(n.record.attack.date, n.record.attack.date_precision)
            for key in band_keys(sig):
                if day is not None:
                    dated.append((day, key, n.uid, n.seq))
                else:
                    undated.append((key, n.uid, n.seq))
        self.store._insert_rows("minhashes", ("uid", "signature"), sigs)
        self.store._insert_rows("lsh_bands", ("day", "band_key", "uid", "seq"), dated)
        self.store._insert_rows("lsh_undated", ("band_key", "uid", "seq"), undated)
        candidates = self._candidates(dated, undated)
        earlier = sorted({j for js in candidates.values() for j in js} - set(sets))
        members = self._members(earlier)
        texts = {r["uid"]: r["text"] for r in self._by_uid("uid, text", "reports", earlier)}

        def shingles_of(uid: str) -> set[str]:
            if uid not in sets:
                sets[uid] = shingles(texts[uid])
            return sets[uid]

        groups = Groups({uid: m for uid, (m, _) in members.items()}, shingles_of)
        info = {uid: i for uid, (_, i) in members.items()}
        for n in new:
            att = n.record.attack
            groups.add(Member(n.uid, n.seq, _day(att.date, att.date_precision)))
            info[n.uid] = {"uid": n.uid, "seq": n.seq, "attack_date": att.date,
                           "date_precision": att.date_precision,
                           "published": n.report.published or n.record.source.published,
                           "report_id": n.report.report_id, "incident_id": None}
        for n in new:
            groups.join(n.uid, candidates.get(n.uid, ()))
        self._assign(groups, info, new)

    def _candidates(self, dated: list[tuple], undated: list[tuple]) -> dict[str, list[str]]:
        """New report uid -> uids of earlier reports sharing one of its bands.

        The new reports' band keys are sent with the query and looked up in the tables
        (PostgreSQL: by the band_key index; DuckDB: the day range prunes the scan), so the
        cost follows the new reports, not the size of the store."""
        parts: list[str] = []
        p = Params()
        if dated:
            keys, uids, seqs, days = (p(list(col)) for col in zip(
                *((key, uid, seq, day) for day, key, uid, seq in dated)))
            lo, hi = p(min(d[0] for d in dated)), p(max(d[0] for d in dated))
            new = (f"(SELECT unnest(CAST({keys} AS BIGINT[])) AS band_key,"
                   f" unnest(CAST({uids} AS TEXT[])) AS uid,"
                   f" unnest(CAST({seqs} AS BIGINT[])) AS seq,"
                   f" unnest(CAST({days} AS DATE[])) AS day) n")
            parts.append(f"SELECT n.uid AS i, b.uid AS j FROM {new} JOIN lsh_bands b"
                         " ON b.band_key = n.band_key AND b.day = n.day"
                         f" WHERE b.seq < n.seq AND b.day BETWEEN {lo} AND {hi}")
            parts.append(f"SELECT n.uid AS i, b.uid AS j FROM {new} JOIN lsh_undated b"
                         " ON b.band_key = n.band_key WHERE b.seq < n.seq")
        if undated:
            keys, uids, seqs = (p(list(col)) for col in zip(*undated))
            new = (f"(SELECT unnest(CAST({keys} AS BIGINT[])) AS band_key,"
                   f" unnest(CAST({uids} AS TEXT[])) AS uid,"
                   f" unnest(CAST({seqs} AS BIGINT[])) AS seq) n")
            for other in ("lsh_bands", "lsh_undated"):
                parts.append(f"SELECT n.uid AS i, b.uid AS j FROM {new} JOIN {other} b"
                             " ON b.band_key = n.band_key WHERE b.seq < n.seq")
        out: dict[str, list[str]] = {}
        if parts:
            for row in self.q(" UNION ".join(parts), p.values):
                out.setdefault(row["i"], []).append(row["j"])
        return out

    def _by_uid(self, columns: str, table: str, uids: Sequence[str],
                column: str = "uid") -> list[dict]:
        if not uids:
            return []
        p = Params()
        return self.q(f"SELECT {columns} FROM {table} WHERE {column} IN "
                      f"(SELECT unnest(CAST({p(list(uids))} AS TEXT[])))", p.values)

    def _members(self, uids: Sequence[str]) -> dict[str, tuple[Member, dict]]:
        """Every report of the groups of ``uids``, as Members with their stored info."""
        grps = sorted({r["grp"] for r in self._by_uid("grp", "report_incidents", uids)})
        rows = self._by_uid("*", "report_incidents", grps, column="grp")
        return {r["uid"]: (Member(r["uid"], r["seq"], _day(r["attack_date"],
                                                          r["date_precision"]), r["grp"]), r)
                for r in rows}

    def _assign(self, groups: Groups, info: dict[str, dict], new: Sequence[NewReport]) -> None:
        """Give every report of a changed group its incident; note the incidents touched
        and whether each can be extended from its rows (only new reports of their own
        joined it) or must be recomputed from its reports."""
        touched = {groups.members[n.uid].group for n in new}
        by_uid = {n.uid: n for n in new}
        rows, moved = [], []
        for g in touched:
            uids = groups.groups()[g]
            ordered = sorted(uids, key=lambda u: (info[u]["published"] is None,
                                                  info[u]["published"] or dt.date.min,
                                                  info[u]["seq"]))
            key = incident_key([(info[u]["attack_date"], info[u]["date_precision"])
                                for u in ordered], info[ordered[0]]["report_id"])
            alone = len(uids) == 1 and uids[0] in by_uid and key.precision == "day"
            if alone:
                self.extend.setdefault(key.incident_id, []).append(by_uid[uids[0]])
            else:
                self.whole.add(key.incident_id)
            for u in uids:
                i = info[u]
                if i["incident_id"]:
                    self.affected.add(i["incident_id"])
                    self.whole.add(i["incident_id"])
                    moved.append(u)
                rows.append((u, i["seq"], g, i["attack_date"], i["date_precision"],
                             i["published"], i["report_id"], key.incident_id))
            self.affected.add(key.incident_id)
        for r in rows:
            if r[0] in by_uid:
                self.new_in.setdefault(r[7], []).append(by_uid[r[0]])
        if moved:
            p = Params()
            self.store._execute("DELETE FROM report_incidents WHERE uid IN "
                                f"(SELECT unnest(CAST({p(moved)} AS TEXT[])))", p.values)
        if rows:
            self.store._insert_rows("report_incidents", (
                "uid", "seq", "grp", "attack_date", "date_precision", "published",
                "report_id", "incident_id"), rows)

    # --- 2./3. recompute ------------------------------------------------------------

    def recompute(self, ids: list[str]) -> None:
        """Bring incidents ``ids`` up to date; write what changed."""
        current = self._current(ids)
        incidents: dict[str, Incident | None] = {}
        for incident_id in ids:
            new = sorted(self.extend.get(incident_id, ()), key=lambda n: n.seq)
            if self.incremental and new and incident_id not in self.whole:
                rows = {t: current[t].get(incident_id, []) for t in DERIVED_SCHEMAS}
                key = IncidentKey(incident_id, dt.date.fromisoformat(incident_id), "day")
                inc = incident_state.extend(rows, key, [(n.report, n.record) for n in new],
                                            self.prefs)
                if inc is not None:
                    incidents[incident_id] = inc
                    self.uid_of_key[incident_id] = {n.record.report_id: n.uid for n in new}
        rest = [i for i in ids if i not in incidents]
        if rest:
            incidents.update(self._from_reports(rest))
        self._write(ids, incidents, current)

    def _from_reports(self, ids: list[str]) -> dict[str, "Incident | None"]:
        """Incidents ``ids`` made from their stored reports (None: no report left)."""
        members = self._by_uid("uid, seq, grp, published, attack_date, date_precision,"
                               " report_id, incident_id", "report_incidents", ids,
                               column="incident_id")
        by_incident: dict[str, list[dict]] = {}
        for m in sorted(members, key=lambda m: m["seq"]):
            by_incident.setdefault(m["incident_id"], []).append(m)
        pairs = dict(self.store._pairs([m["uid"] for m in members])) if members else {}
        out: dict[str, Incident | None] = {}
        for incident_id in ids:
            ms = by_incident.get(incident_id)
            if not ms:
                out[incident_id] = None
                continue
            by_group: dict[str, list[dict]] = {}
            for m in ms:                           # ordered by seq: groups by first report
                by_group.setdefault(m["grp"], []).append(m)
            groups = [sorted(g, key=lambda m: (m["published"] is None,
                                               m["published"] or dt.date.min, m["seq"]))
                      for g in by_group.values()]
            first = groups[0]
            key = incident_key([(m["attack_date"], m["date_precision"]) for m in first],
                               first[0]["report_id"])
            out[incident_id] = incident_of(key, [[pairs[m["uid"]] for m in g] for g in groups],
                                           self.prefs)
            ordered = [m for g in groups for m in g]
            self.uid_of_key[incident_id] = dict(zip(
                report_keys(m["report_id"] for m in ordered), (m["uid"] for m in ordered)))
        return out

    def _write(self, ids: list[str], incidents: dict[str, "Incident | None"],
               current: dict[str, dict[str, list[dict]]]) -> None:
        """Close the current rows of ``ids`` that are not in ``incidents`` any more, insert
        the new ones, and log the changes of their headlines."""
        wanted: dict[str, dict[str, tuple]] = {t: {} for t in DERIVED_SCHEMAS}
        headlines: dict[str, dict[str, dict]] = {i: {} for i in ids}
        for incident_id, inc in incidents.items():
            if inc is None:
                continue
            for table, make in DERIVED_ROWS.items():
                cols = DERIVED_SCHEMAS[table]
                for r in make([inc]):
                    row = tuple(r[c] for c in cols)
                    wanted[table].setdefault(row_hash(row), row)
                    if table == "estimates" and r["headline"]:
                        headlines[incident_id][r["kind"]] = r
        old: dict[str, dict[str, dict]] = {i: {} for i in ids}
        for incident_id, rows in current["estimates"].items():
            for r in rows:
                if r["headline"]:
                    old[incident_id][r["kind"]] = r
        existed = set(current["incidents"])
        changed: set[str] = set()
        for table, rows in wanted.items():
            at = list(DERIVED_SCHEMAS[table]).index("incident_id")
            now = {r["row_hash"]: r["incident_id"]
                   for rs in current[table].values() for r in rs}
            gone = sorted(h for h in now if h not in rows)
            fresh = [(*r, h, self.ts, None) for h, r in rows.items() if h not in now]
            changed |= {now[h] for h in gone} | {r[at] for r in fresh}
            if gone:
                p = Params([self.ts])
                self.store._execute(
                    f"UPDATE {table} SET valid_to = $1 WHERE valid_to IS NULL AND incident_id"
                    f" IN (SELECT unnest(CAST({p(ids)} AS TEXT[]))) AND row_hash IN"
                    f" (SELECT unnest(CAST({p(gone)} AS TEXT[])))", p.values)
            if fresh:
                self.store._insert_rows(table, (*DERIVED_SCHEMAS[table], "row_hash",
                                                "valid_from", "valid_to"), fresh)
        self.result.incidents += [i for i in ids if i in changed]
        log_rows = []
        for incident_id in ids:
            log_rows += self._log(incident_id, incident_id in existed,
                                  incidents.get(incident_id) is not None, old[incident_id],
                                  headlines[incident_id])
        if log_rows:
            self.store._insert_rows("incident_changes", (
                "changed_at", "incident_id", "kind", "field", "old", "new", "report_uid",
                "report_id"), log_rows)
            self.result.changes += len(log_rows)

    def _current(self, ids: list[str]) -> dict[str, dict[str, list[dict]]]:
        """table -> incident id -> the current rows (with ``row_hash``) of ``ids``."""
        out: dict[str, dict[str, list[dict]]] = {t: {} for t in DERIVED_SCHEMAS}
        for table, columns in DERIVED_SCHEMAS.items():
            p = Params()
            for r in self.q(f"SELECT {', '.join(columns)}, row_hash FROM {table}"
                            " WHERE valid_to IS NULL AND incident_id IN"
                            f" (SELECT unnest(CAST({p(ids)} AS TEXT[])))", p.values):
                out[table].setdefault(r["incident_id"], []).append(r)
        return out

    def _cause(self, incident_id: str, chosen: str | None) -> NewReport | None:
        new = self.new_in.get(incident_id, [])
        if chosen:
            uid = self.uid_of_key.get(incident_id, {}).get(chosen.rsplit(":f", 1)[0])
            for n in new:
                if n.uid == uid:
                    return n
        return max(new, key=lambda n: n.seq) if new else None

    def _log(self, incident_id: str, existed: bool, exists: bool, old: dict,
             new: dict) -> list[tuple]:
        """Change-log rows of one incident: created/removed, and per kind every change of
        the headline estimate, interval or grade."""
        rows = []

        def add(kind, what, before, after, chosen=None):
            cause = self._cause(incident_id, chosen)
            rows.append((self.ts, incident_id, kind, what, before, after,
                         cause.uid if cause else None,
                         cause.report.report_id if cause else None))

        def label(e):
            return e["label"] if e else None

        def interval(e):
            return None if e is None else f"{_bound(e['low'])}–{_bound(e['high'])}"

        def grade(e):
            return e["grade"] if e else None
        if exists and not existed:
            add(None, "incident", None, "created")
        elif existed and not exists:
            add(None, "incident", "present", "removed")
        for kind in sorted(set(old) | set(new)):
            a, b = old.get(kind), new.get(kind)
            chosen = b["chosen"] if b else None
            if label(a) != label(b) or (a and b and a["value"] != b["value"]):
                add(kind, "estimate", label(a), label(b), chosen)
            if interval(a) != interval(b):
                add(kind, "interval", interval(a), interval(b), chosen)
            if grade(a) != grade(b):
                add(kind, "grade", grade(a), grade(b), chosen)
        return rows

    def finish(self) -> SyncResult:
        ids = sorted(self.affected)
        for i in range(0, len(ids), _INCIDENTS_PER_STEP):
            self.recompute(ids[i:i + _INCIDENTS_PER_STEP])
        return self.result


def _bound(x: int | None) -> str:
    return "" if x is None else str(x)


def sync(store: "Store", new: Sequence[NewReport], now: dt.datetime,
         prefs: Preferences | None = None) -> SyncResult:
    """Bring the incidents of ``new`` (just stored, in ingestion order) up to date.

    Runs in the caller's transaction."""
    if not new:
        return SyncResult()
    s = _Sync(store, now, prefs)
    s.dedupe(new)
    return s.finish()


def rebuild(store: "Store", now: dt.datetime, prefs: Preferences | None = None) -> SyncResult:
    """Recompute the duplicate groups and every incident from the stored reports.

    Runs in the caller's transaction. Incidents whose rows come out different are
    recorded as changes at ``now`` (none on a store kept by ``sync``)."""
    s = _Sync(store, now, prefs)
    s.incremental = False       # every incident from its reports
    s.affected.update(r["incident_id"] for r in s.q(
        "SELECT DISTINCT incident_id FROM incidents WHERE valid_to IS NULL"))
    for table in ("report_incidents", "minhashes", "lsh_bands", "lsh_undated"):
        store._execute(f"DELETE FROM {table}")
    after = -1
    while True:
        chunk = [NewReport(uid, seq, report, record) for uid, seq, report, record in
                 store._pairs_after(after, _CHUNK)]
        if not chunk:
            break
        s.dedupe(chunk)
        after = chunk[-1].seq
    s.new_in.clear()            # a rebuild is caused by no report
    return s.finish()
