"""One incident as the flat rows the store keeps, grouped: what GeoJSON and ACLED read.

A bundle is the incident's row (``tables.DERIVED_SCHEMAS["incidents"]``, lists split),
its headline ``estimates`` (kind -> row), ``scopes`` (the other estimate rows),
``places``, ``claims`` and ``sources``. ``bundle(incident)`` makes one from an
in-memory Incident; ``store.queries.bundles`` reads the same shape from the store, so
both paths go through one GeoJSON and one ACLED writer.
"""
from __future__ import annotations

import json

from strikeledger.export.tables import DERIVED_ROWS
from strikeledger.incidents.types import Incident

LISTS = ("report_ids", "oblasts_hit", "weapons", "speakers")


def place_evidence(row: dict) -> list[dict]:
    """The evidence of a place or damage row: its first span (with text), then the
    others (``other_evidence``: ``report:start-end``; text not kept)."""
    out = []
    if row.get("report_id") is not None:
        out.append({"report_id": row["report_id"], "start": row["evidence_start"],
                    "end": row["evidence_end"], "text": row["evidence_text"]})
    for ref in (row.get("other_evidence") or "").split("; "):
        rid, _, span = ref.rpartition(":")
        if rid and "-" in span:
            start, end = span.split("-", 1)
            out.append({"report_id": rid, "start": int(start), "end": int(end), "text": None})
    return out


def bundle(inc: Incident) -> dict:
    [row] = DERIVED_ROWS["incidents"]([inc])
    for c in LISTS:
        row[c] = row[c].split("; ") if row.get(c) else []
    row["casualties_by_oblast"] = json.loads(row["casualties_by_oblast"] or "{}")
    estimates = DERIVED_ROWS["estimates"]([inc])
    row["estimates"] = {e["kind"]: e for e in estimates if e["headline"]}
    row["scopes"] = [e for e in estimates if not e["headline"]]
    row["places"] = DERIVED_ROWS["incident_places"]([inc])
    row["claims"] = DERIVED_ROWS["claims"]([inc])
    row["sources"] = DERIVED_ROWS["sources"]([inc])
    return row
