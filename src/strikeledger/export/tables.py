"""Incidents as flat tables: incidents, claims, places, damage.

One schema per table (column name -> type), used by every format so that CSV, JSONL and
Parquet hold the same columns and read back to the same values. Types: ``str``, ``int``,
``float``, ``bool``, ``date``; every column may be null. Lists are joined with "; ".
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from strikeledger.incidents.intervals import as_bound
from strikeledger.incidents.types import Estimate, EvidenceRef, Incident
from strikeledger.model import Kind

KINDS = [k.value for k in Kind]
SEP = "; "


def _kind_columns() -> dict[str, str]:
    cols: dict[str, str] = {}
    for k in KINDS:
        cols.update({f"{k}_value": "int", f"{k}_low": "int", f"{k}_high": "int",
                     f"{k}_grade": "str", f"{k}_label": "str"})
    return cols


SCHEMAS: dict[str, dict[str, str]] = {
    "incidents": {
        "incident_id": "str", "date": "date", "date_precision": "str",
        "n_reports": "int", "n_sources": "int", "n_claims": "int", "n_conflicts": "int",
        "n_revisions": "int", "contested": "bool", "report_ids": "str",
        "oblasts_hit": "str", "weapons": "str", "published_first": "date",
        "published_last": "date", **_kind_columns(),
    },
    "claims": {
        "claim_id": "str", "incident_id": "str", "date": "date", "kind": "str",
        "value": "int", "qualifier": "str", "low": "int", "high": "int",
        "interval_low": "int", "interval_high": "int", "weapon": "str", "place": "str",
        "admin1": "str", "speaker": "str", "speaker_role": "str", "official": "bool",
        "report_id": "str", "source_id": "str", "copies": "str", "publisher": "str",
        "url": "str", "published": "date", "status": "str", "superseded_by": "str",
        "in_conflict": "bool", "evidence_start": "int", "evidence_end": "int",
        "evidence_text": "str", "sentence": "str",
    },
    "places": {
        "incident_id": "str", "date": "date", "name": "str", "admin1": "str",
        "lat": "float", "lon": "float", "role": "str", "mentions": "int",
        "report_id": "str", "evidence_start": "int", "evidence_end": "int",
        "evidence_text": "str", "sentence": "str", "other_evidence": "str",
    },
    "damage": {
        "incident_id": "str", "date": "date", "category": "str", "text": "str",
        "place": "str", "mentions": "int", "report_id": "str", "evidence_start": "int",
        "evidence_end": "int", "evidence_text": "str", "sentence": "str",
        "other_evidence": "str",
    },
}
TABLE_NAMES = tuple(SCHEMAS)

# What the store keeps per incident (``store/schema.py`` makes versioned tables of these):
# the exported tables plus what the API and the change log read.
DERIVED_SCHEMAS: dict[str, dict[str, str]] = {
    "incidents": {**SCHEMAS["incidents"], "casualties_by_oblast": "str", "speakers": "str"},
    "claims": {**SCHEMAS["claims"], "level": "str", "scope_place": "str",
               "scope_weapon": "str", "origin": "str", "sentence_start": "int"},
    "incident_places": SCHEMAS["places"],
    "incident_damage": SCHEMAS["damage"],
    "estimates": {
        "incident_id": "str", "date": "date", "kind": "str", "headline": "bool",
        "place": "str", "weapon": "str", "value": "int", "low": "int", "high": "int",
        "qualifier": "str", "grade": "str", "label": "str", "basis": "str",
        "chosen": "str", "sources": "int", "contested_low": "int", "contested_high": "int",
        "conservative": "int", "claim_ids": "str"},
    "conflicts": {"incident_id": "str", "a": "str", "b": "str", "kind": "str",
                  "place": "str", "weapon": "str", "reason": "str"},
    "revisions": {"incident_id": "str", "old": "str", "new": "str", "reason": "str"},
    "sources": {"incident_id": "str", "source_id": "str", "report_ids": "str",
                "publishers": "str"},
}


def _join(items: Iterable[str]) -> str | None:
    items = [i for i in items if i]
    return SEP.join(items) if items else None


def _ref(e: EvidenceRef) -> str:
    return f"{e.report_id}:{e.start}-{e.end}"


def incident_rows(incidents: Iterable[Incident]) -> list[dict]:
    rows = []
    for inc in incidents:
        row = {
            "incident_id": inc.incident_id, "date": inc.date,
            "date_precision": inc.date_precision, "n_reports": len(inc.report_ids),
            "n_sources": len(inc.sources), "n_claims": len(inc.claims),
            "n_conflicts": len(inc.conflicts), "n_revisions": len(inc.revisions),
            "contested": bool(inc.conflicts), "report_ids": _join(inc.report_ids),
            "oblasts_hit": _join(inc.oblasts_hit), "weapons": _join(inc.weapons),
            "published_first": inc.published_first, "published_last": inc.published_last,
            "casualties_by_oblast": json.dumps(inc.casualties_by_oblast(), sort_keys=True),
            "speakers": _join(inc.speakers),
        }
        for k in KINDS:
            e = inc.estimates.get(k)
            row.update({f"{k}_value": e.value if e else None, f"{k}_low": e.low if e else None,
                        f"{k}_high": e.high if e else None,
                        f"{k}_grade": e.grade if e else None,
                        f"{k}_label": e.label() if e else None})
        rows.append(row)
    return rows


def claim_rows(incidents: Iterable[Incident]) -> list[dict]:
    rows = []
    for inc in incidents:
        conflicted = {x.a for x in inc.conflicts} | {x.b for x in inc.conflicts}
        for c in inc.claims:
            rows.append({
                "claim_id": c.claim_id, "incident_id": inc.incident_id, "date": inc.date,
                "kind": c.kind, "value": c.value, "qualifier": c.qualifier, "low": c.low,
                "high": c.high, "interval_low": as_bound(c.lo), "interval_high": as_bound(c.hi),
                "weapon": c.weapon, "place": c.place, "admin1": c.admin1,
                "speaker": c.speaker, "speaker_role": c.speaker_role, "official": c.official,
                "report_id": c.report_id, "source_id": c.source_id,
                "copies": _join(c.copies), "publisher": c.publisher, "url": c.url,
                "published": c.published,
                "status": "current" if c.current else "superseded",
                "superseded_by": c.superseded_by, "in_conflict": c.claim_id in conflicted,
                "evidence_start": c.evidence.start, "evidence_end": c.evidence.end,
                "evidence_text": c.evidence.text, "sentence": c.evidence.sentence,
                "level": c.level, "scope_place": c.scope[1] or None,
                "scope_weapon": c.scope[2] or None, "origin": c.origin,
                "sentence_start": c.evidence.sentence_start,
            })
    return rows


def place_rows(incidents: Iterable[Incident]) -> list[dict]:
    rows = []
    for inc in incidents:
        for p in inc.places:
            first = p.evidence[0] if p.evidence else None
            rows.append({
                "incident_id": inc.incident_id, "date": inc.date, "name": p.name,
                "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "role": p.role,
                "mentions": len(p.evidence), "report_id": first.report_id if first else None,
                "evidence_start": first.start if first else None,
                "evidence_end": first.end if first else None,
                "evidence_text": first.text if first else None,
                "sentence": first.sentence if first else None,
                "other_evidence": _join(_ref(e) for e in p.evidence[1:]),
            })
    return rows


def damage_rows(incidents: Iterable[Incident]) -> list[dict]:
    rows = []
    for inc in incidents:
        for d in inc.damage:
            first = d.evidence[0] if d.evidence else None
            rows.append({
                "incident_id": inc.incident_id, "date": inc.date, "category": d.category,
                "text": d.text, "place": d.place, "mentions": len(d.evidence),
                "report_id": first.report_id if first else None,
                "evidence_start": first.start if first else None,
                "evidence_end": first.end if first else None,
                "evidence_text": first.text if first else None,
                "sentence": first.sentence if first else None,
                "other_evidence": _join(_ref(e) for e in d.evidence[1:]),
            })
    return rows


def _estimate_row(inc: Incident, e: Estimate, headline: bool) -> dict:
    cv = e.contested_values
    return {"incident_id": inc.incident_id, "date": inc.date, "kind": e.kind,
            "headline": headline, "place": e.place, "weapon": e.weapon, "value": e.value,
            "low": e.low, "high": e.high, "qualifier": e.qualifier, "grade": e.grade,
            "label": e.label(), "basis": e.basis, "chosen": e.chosen, "sources": e.sources,
            "contested_low": cv[0] if cv else None, "contested_high": cv[1] if cv else None,
            "conservative": e.conservative(), "claim_ids": _join(e.claim_ids)}


def estimate_rows(incidents: Iterable[Incident]) -> list[dict]:
    """Per incident, its headline estimates (``headline``) and one per claim scope."""
    rows = []
    for inc in incidents:
        rows += [_estimate_row(inc, e, True) for _, e in sorted(inc.estimates.items())]
        rows += [_estimate_row(inc, e, False) for e in inc.scopes]
    return rows


def conflict_rows(incidents: Iterable[Incident]) -> list[dict]:
    return [{"incident_id": inc.incident_id, "a": x.a, "b": x.b, "kind": x.scope[0],
             "place": x.scope[1] or None, "weapon": x.scope[2] or None, "reason": x.reason}
            for inc in incidents for x in inc.conflicts]


def revision_rows(incidents: Iterable[Incident]) -> list[dict]:
    return [{"incident_id": inc.incident_id, "old": r.old, "new": r.new, "reason": r.reason}
            for inc in incidents for r in inc.revisions]


def source_rows(incidents: Iterable[Incident]) -> list[dict]:
    return [{"incident_id": inc.incident_id, "source_id": s.source_id,
             "report_ids": _join(s.report_ids), "publishers": _join(s.publishers)}
            for inc in incidents for s in inc.sources]


ROWS = {"incidents": incident_rows, "claims": claim_rows, "places": place_rows,
        "damage": damage_rows}
# the store's tables (DERIVED_SCHEMAS) by the function that makes their rows
DERIVED_ROWS = {"incidents": incident_rows, "claims": claim_rows,
                "incident_places": place_rows, "incident_damage": damage_rows,
                "estimates": estimate_rows, "conflicts": conflict_rows,
                "revisions": revision_rows, "sources": source_rows}


def table_rows(table: str, incidents: Iterable[Incident]) -> list[dict]:
    """Rows of an exported table, each with exactly that table's columns."""
    columns = SCHEMAS[table]
    return [{c: row.get(c) for c in columns} for row in ROWS[table](incidents)]
