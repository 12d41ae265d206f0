"""The store's rows as the JSON the API returns (shapes only: nothing is computed here).

Rows come from ``Store.incidents`` / ``Store.incident`` (the incident tables, see
``export.tables``); here they become the documented shapes. A claim's evidence sentence
is stored with it (its offsets in the report text), so the detail view gives the
sentence and where the figure sits in it (``mark``) without reading the text again.
"""
from __future__ import annotations

from strikeledger.export.bundles import place_evidence


def _split(value: str | None) -> list[str]:
    return value.split("; ") if value else []


def estimate(e: dict) -> dict:
    lo, hi = e.get("contested_low"), e.get("contested_high")
    return {"kind": e["kind"], "value": e["value"], "low": e["low"], "high": e["high"],
            "qualifier": e["qualifier"], "grade": e["grade"], "basis": e["basis"],
            "place": e["place"], "weapon": e["weapon"], "chosen": e["chosen"],
            "sources": e["sources"],
            "contested_values": [lo, hi] if lo is not None else None,
            "label": e["label"], "conservative": e["conservative"],
            "claim_ids": _split(e.get("claim_ids"))}


def incident_summary(row: dict) -> dict:
    return {
        "incident_id": row["incident_id"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "report_count": row["n_reports"],
        "source_count": row["n_sources"],
        "claim_count": row["n_claims"],
        "estimates": {k: estimate(e) for k, e in sorted(row["estimates"].items())},
        "oblasts_hit": row["oblasts_hit"],
        "casualties_by_oblast": row["casualties_by_oblast"],
        "places": [{"name": p["name"], "admin1": p["admin1"], "lat": p["lat"],
                    "lon": p["lon"], "role": p["role"]} for p in row["places"]],
        "weapons": row["weapons"],
        "contested": bool(row["contested"]),
        "conflict_count": row["n_conflicts"],
        "revision_count": row["n_revisions"],
        "published_first": row["published_first"],
        "published_last": row["published_last"],
    }


def _sentence(c: dict) -> dict:
    start, sentence = c["sentence_start"], c["sentence"]
    if sentence is not None and start is not None:
        at = c["evidence_start"] - start
        return {"start": start, "end": start + len(sentence), "text": sentence,
                "mark": [at, at + len(c["evidence_text"])]}
    return {"start": None, "end": None, "text": c["evidence_text"],
            "mark": [0, len(c["evidence_text"])]}


def claim(c: dict, language: str | None = None) -> dict:
    return {
        "claim_id": c["claim_id"], "incident_id": c["incident_id"], "kind": c["kind"],
        "value": c["value"], "qualifier": c["qualifier"], "low": c["low"], "high": c["high"],
        "weapon": c["weapon"], "place": c["place"], "admin1": c["admin1"],
        "speaker": c["speaker"], "speaker_role": c["speaker_role"],
        "report_id": c["report_id"], "source_id": c["source_id"],
        "publisher": c["publisher"], "url": c["url"], "published": c["published"],
        "official": c["official"], "origin": c["origin"], "level": c["level"],
        "language": language,
        "copies": _split(c["copies"]), "superseded_by": c["superseded_by"],
        "current": c["status"] == "current", "in_conflict": c["in_conflict"],
        "interval": [c["interval_low"], c["interval_high"]],
        "scope": {"kind": c["kind"], "place": c["scope_place"], "weapon": c["scope_weapon"]},
        "evidence": {"report_id": c["report_id"], "start": c["evidence_start"],
                     "end": c["evidence_end"], "text": c["evidence_text"],
                     "sentence": _sentence(c)},
    }


def incident_detail(row: dict) -> dict:
    out = incident_summary(row)
    out.update({
        "report_ids": row["report_ids"],
        "sources": row["sources"],
        "speakers": row["speakers"],
        "scopes": [estimate(s) for s in row["scopes"]],
        "claim_total": row["claim_total"],
        "languages": row["languages"],
        "claims": [claim(c, row["languages"].get(c["report_id"])) for c in row["claims"]],
        "conflicts": [{"a": x["a"], "b": x["b"], "reason": x["reason"],
                       "scope": {"kind": x["kind"], "place": x["place"],
                                 "weapon": x["weapon"]}} for x in row["conflicts"]],
        "revisions": [{"old": r["old"], "new": r["new"], "reason": r["reason"]}
                      for r in row["revisions"]],
        "places": [{"name": p["name"], "admin1": p["admin1"], "lat": p["lat"],
                    "lon": p["lon"], "role": p["role"], "evidence": place_evidence(p)}
                   for p in row["places"]],
        "damage": [{"category": d["category"], "text": d["text"], "place": d["place"],
                    "evidence": place_evidence(d)} for d in row["damage"]],
    })
    return out


def change(c: dict) -> dict:
    return {k: c[k] for k in ("seq", "changed_at", "incident_id", "kind", "field", "old",
                              "new", "report_uid", "report_id")}
