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
from strikeledger.incidents.grade import worst
from strikeledger.incidents.types import Incident
from strikeledger.model import Kind

log = logging.getLogger(__name__)


def _figures(inc: Incident) -> dict:
    props: dict = {}
    for k in Kind:
        e = inc.estimates.get(k.value)
        props[f"{k.value}_value"] = e.value if e else None
        props[f"{k.value}_low"] = e.low if e else None
        props[f"{k.value}_high"] = e.high if e else None
        props[f"{k.value}_grade"] = e.grade if e else None
        props[f"{k.value}_label"] = e.label() if e else None
    return props


def features(incidents: Iterable[Incident]) -> list[dict]:
    out, skipped = [], 0
    for inc in incidents:
        base = {"incident_id": inc.incident_id,
                "date": inc.date.isoformat() if inc.date else None,
                "date_precision": inc.date_precision,
                "grade": worst([e.grade for e in inc.estimates.values()])
                if inc.estimates else None,
                "contested": bool(inc.conflicts), "n_reports": len(inc.report_ids),
                "oblasts_hit": inc.oblasts_hit, "weapons": inc.weapons, **_figures(inc)}
        for p in inc.places:
            if p.role != "hit":
                continue
            if p.lat is None or p.lon is None:
                skipped += 1
                continue
            local = {s.kind: s.label() for s in inc.scopes
                     if s.place and s.place.casefold() == p.name.casefold() and not s.weapon}
            props = {**base, "place": p.name, "admin1": p.admin1, "place_figures": local,
                     "evidence": [{"report_id": e.report_id, "start": e.start, "end": e.end,
                                   "text": e.text} for e in p.evidence]}
            out.append({"type": "Feature",
                        "id": f"{inc.incident_id}/{p.name}",
                        "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                        "properties": props})
    if skipped:
        log.info("geojson: %d place(s) hit without coordinates left out", skipped)
    return out


def feature_collection(incidents: Iterable[Incident]) -> dict:
    return {"type": "FeatureCollection", "features": features(incidents)}


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


def write_geojson(incidents: Iterable[Incident], path: str | Path, *,
                  before_replace: Callable[[Path], None] | None = None) -> Path:
    fc = feature_collection(incidents)
    with atomic_write(path, before_replace=before_replace) as fh:
        json.dump(fc, fh, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    return Path(path)
