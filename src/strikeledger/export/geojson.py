"""Incidents as GeoJSON (RFC 7946): one Point Feature per place hit.

A Feature's properties hold its incident's figures (value, bounds, grade and label per
kind, flattened as ``<kind>_value`` etc. so that GIS tools can style on them), the
incident's overall grade (the worst of its figures'), the figures stated about this
place, and the place's evidence (report id and span). Places without coordinates are
left out (they are in the places table).
"""
from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterable
from pathlib import Path

from strikeledger.export.atomic import atomic_write
from strikeledger.export.bundles import bundle, place_evidence
from strikeledger.incidents.types import Incident
from strikeledger.model import Kind

log = logging.getLogger(__name__)


_GRADE_ORDER = {"contested": 0, "weak": 1, "fair": 2, "confirmed": 3}


def features(bundles: Iterable[dict]) -> list[dict]:
    """One Feature per place hit with coordinates, from incident bundles
    (``export.bundles``)."""
    out, skipped = [], 0
    for b in bundles:
        grades = [b[f"{k.value}_grade"] for k in Kind if b.get(f"{k.value}_grade")]
        base = {"incident_id": b["incident_id"],
                "date": b["date"].isoformat() if b["date"] else None,
                "date_precision": b["date_precision"],
                "grade": min(grades, key=_GRADE_ORDER.get) if grades else None,
                "contested": bool(b["contested"]), "n_reports": b["n_reports"],
                "oblasts_hit": b["oblasts_hit"], "weapons": b["weapons"],
                **{f"{k.value}_{f}": b.get(f"{k.value}_{f}") for k in Kind
                   for f in ("value", "low", "high", "grade", "label")}}
        for p in b["places"]:
            if p["role"] != "hit":
                continue
            if p["lat"] is None or p["lon"] is None:
                skipped += 1
                continue
            name = p["name"].casefold()
            local = {s["kind"]: s["label"] for s in b["scopes"]
                     if s["place"] and s["place"].casefold() == name and not s["weapon"]}
            props = {**base, "place": p["name"], "admin1": p["admin1"],
                     "place_figures": local, "evidence": place_evidence(p)}
            out.append({"type": "Feature", "id": f"{b['incident_id']}/{p['name']}",
                        "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                        "properties": props})
    if skipped:
        log.info("geojson: %d place(s) hit without coordinates left out", skipped)
    return out


def feature_collection(incidents: Iterable[Incident] | None = None,
                       bundles: Iterable[dict] | None = None) -> dict:
    """A FeatureCollection of in-memory ``incidents`` or of ``bundles`` (from the store)."""
    if bundles is None:
        bundles = (bundle(i) for i in incidents or ())
    return {"type": "FeatureCollection", "features": features(bundles)}


def validate(obj: object) -> list[str]:
    """Every way ``obj`` falls short of a FeatureCollection of Points (empty when valid)."""
    errors: list[str] = []
    if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection":
        return ["top level: expected an object with type FeatureCollection"]
    feats = obj.get("features")
    if not isinstance(feats, list):
        return ["features: expected a list"]
    for i, f in enumerate(feats):
        where = f"features[{i}]"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            errors.append(f"{where}: expected type Feature")
            continue
        g = f.get("geometry")
        if not isinstance(g, dict) or g.get("type") != "Point":
            errors.append(f"{where}.geometry: expected a Point")
        else:
            c = g.get("coordinates")
            if not (isinstance(c, list) and len(c) == 2 and
                    all(isinstance(x, (int, float)) and not isinstance(x, bool)
                        and math.isfinite(x) for x in c)):
                errors.append(f"{where}.geometry.coordinates: expected [lon, lat] numbers")
            elif not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
                errors.append(f"{where}.geometry.coordinates: {c} out of range")
        props = f.get("properties")
        if props is not None and not isinstance(props, dict):
            errors.append(f"{where}.properties: expected an object or null")
        else:
            try:
                json.dumps(props, allow_nan=False)
            except (TypeError, ValueError) as exc:
                errors.append(f"{where}.properties: not JSON-serialisable: {exc}")
    return errors


def write_geojson(bundles: Iterable[dict], path: str | Path, *,
                  before_replace: Callable[[Path], None] | None = None) -> Path:
    fc = feature_collection(bundles=bundles)
    with atomic_write(path, before_replace=before_replace) as fh:
        json.dump(fc, fh, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    return Path(path)
