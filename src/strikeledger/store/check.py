"""``check_store``: read the whole store and say everything that is wrong with it.

What is checked, for every stored report (streamed, a batch at a time: time linear in
the store, memory flat):

- the row: ``content_hash`` is the SHA-256 of the text and ``uid`` its first 16 hex
  digits; no content hash is stored twice;
- the record: its JSON parses and validates as a contract Record of this report;
- the evidence: every figure's, place's and damage item's span indexes the text and
  ``text[start:end]`` is its evidence text, in the record and in the table rows;
- the child tables: as many rows per report as its record has items, and no row whose
  report is missing;
- the incidents: they are built from the stored records without an error.

On DuckDB this reads every block of every table, so damage inside the file (a
checksum mismatch) shows up here even when the checks on open found none. Each problem
is one line; the first ``max_problems`` are kept (the count is always exact).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from strikeledger.errors import StrikeledgerError
from strikeledger.model import Record
from strikeledger.store.base import CHILD_TABLES, UID_LENGTH, Params, Store

__all__ = ["CheckResult", "check_store", "summary"]

log = logging.getLogger(__name__)

_BATCH = 500
# table -> the record's list of its items
_ITEMS = {"figures": "figures", "places": "places", "damage": "damage",
          "speakers": "speakers", "weapons": "weapons"}
_EVIDENCE_TABLES = ("figures", "places", "damage")


@dataclass
class CheckResult:
    """What ``check_store`` found: ``ok`` when nothing."""

    target: str
    reports: int = 0
    problems: list[str] = field(default_factory=list)
    n_problems: int = 0
    incidents: int | None = None
    max_problems: int = 200

    @property
    def ok(self) -> bool:
        return self.n_problems == 0

    def add(self, problem: str) -> None:
        self.n_problems += 1
        if len(self.problems) < self.max_problems:
            self.problems.append(problem)


def check_store(store: Store, *, max_problems: int = 200,
                progress: Callable[[int], None] | None = None,
                incidents: bool = True) -> CheckResult:
    """Read every row of ``store`` and return what is wrong (see the module's docstring)."""
    result = CheckResult(store.target, max_problems=max_problems)
    if store.damage is not None:
        result.add(f"on open: {store.damage}")
    try:
        _check_reports(store, result, progress)
        _check_orphans(store, result)
    except StrikeledgerError as exc:
        result.add(f"reading the store failed: {exc}")
        return result
    if incidents and result.ok:
        from strikeledger.incidents import build_incidents
        try:
            result.incidents = len(build_incidents(store.records()))
        except Exception as exc:  # any failure here is a finding, not a crash
            result.add(f"incidents: building them from the stored records failed: "
                       f"{type(exc).__name__}: {exc}")
    return result


def _check_reports(store: Store, result: CheckResult,
                   progress: Callable[[int], None] | None) -> None:
    sql = "SELECT uid, report_id, content_hash, text, record FROM reports ORDER BY seq"
    seen: dict[str, str] = {}
    batch: list[tuple] = []
    with store._mapped("reading every report"):
        for row in store._stream(sql, [], _BATCH):
            batch.append(row)
            if len(batch) >= _BATCH:
                _check_batch(store, batch, result, seen)
                if progress is not None:
                    progress(len(batch))
                batch = []
        if batch:
            _check_batch(store, batch, result, seen)
            if progress is not None:
                progress(len(batch))


def _check_batch(store: Store, rows: list[tuple], result: CheckResult,
                 seen: dict[str, str]) -> None:
    uids = [r[0] for r in rows]
    children = _child_rows(store, uids)
    for uid, report_id, content_hash, text, payload in rows:
        result.reports += 1
        where = f"report {report_id!r} (uid {uid})"
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if digest != content_hash:
            result.add(f"{where}: content_hash is not the SHA-256 of its text")
        if uid != content_hash[:UID_LENGTH]:
            result.add(f"{where}: uid is not the first {UID_LENGTH} digits of its hash")
        if content_hash in seen:
            result.add(f"{where}: its text is stored twice (also uid {seen[content_hash]})")
        seen.setdefault(content_hash, uid)
        record = _record(payload, where, result)
        if record is None:
            continue
        if record.report_id != report_id:
            result.add(f"{where}: its record belongs to {record.report_id!r}")
        for kind, items in (("figure", record.figures), ("place", record.places),
                            ("damage", record.damage)):
            for i, item in enumerate(items):
                ev = item.evidence
                problem = _span_problem(text, ev.start, ev.end, ev.text)
                if problem:
                    result.add(f"{where}: record {kind} {i}: {problem}")
        for table, name in _ITEMS.items():
            got = children[table].get(uid, [])
            want = len(getattr(record, name))
            if len(got) != want:
                result.add(f"{where}: {len(got)} row(s) in {table}, its record has {want}")
            if table in _EVIDENCE_TABLES:
                for seq, start, end, ev_text in got:
                    problem = _span_problem(text, start, end, ev_text)
                    if problem:
                        result.add(f"{where}: {table} row {seq}: {problem}")


def _record(payload, where: str, result: CheckResult) -> Record | None:
    try:
        if isinstance(payload, str):
            return Record.model_validate_json(payload)
        return Record.model_validate(payload)
    except (ValidationError, ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        result.add(f"{where}: its record does not parse as a contract record: {first}")
        return None


def _span_problem(text: str, start, end, evidence) -> str | None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return f"span {start}:{end} is outside the text (0:{len(text)})"
    if text[start:end] != evidence:
        return (f"span {start}:{end} reads {text[start:end][:60]!r}, its evidence says "
                f"{str(evidence)[:60]!r}")
    return None


def _child_rows(store: Store, uids: list[str]) -> dict[str, dict[str, list[tuple]]]:
    """table -> uid -> rows (seq[, ev_start, ev_end, ev_text]) of the reports ``uids``."""
    out: dict[str, dict[str, list[tuple]]] = {}
    for table in CHILD_TABLES:
        p = Params()
        extra = ", ev_start, ev_end, ev_text" if table in _EVIDENCE_TABLES else ""
        sql = (f"SELECT uid, seq{extra} FROM {table}"
               f" WHERE uid IN (SELECT unnest(CAST({p(uids)} AS TEXT[]))) ORDER BY uid, seq")
        by_uid: dict[str, list[tuple]] = {}
        for row in store._fetch(sql, p.values):
            values = list(row.values())
            by_uid.setdefault(values[0], []).append(tuple(values[1:]))
        out[table] = by_uid
    return out


def _check_orphans(store: Store, result: CheckResult) -> None:
    for table in CHILD_TABLES:
        rows = store._read(f"checking {table}",
                           f"SELECT count(*) AS n FROM {table} c WHERE NOT EXISTS"
                           " (SELECT 1 FROM reports r WHERE r.uid = c.uid)", [])
        n = int(rows[0]["n"])
        if n:
            result.add(f"{table}: {n} row(s) whose report is not stored")


def summary(result: CheckResult) -> dict:
    """The result as plain data (for ``--json``)."""
    return {"target": result.target, "ok": result.ok, "reports": result.reports,
            "incidents": result.incidents, "problems": result.n_problems,
            "first_problems": result.problems}


