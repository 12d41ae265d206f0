"""Incidents as an ACLED-style CSV: one event per incident and place hit.

Columns (ACLED's names): event_date, event_type, sub_event_type, admin1, location,
latitude, longitude, geo_precision, time_precision, fatalities, source, notes.

* event_type is "Explosions/Remote violence"; sub_event_type is "Shelling/artillery/missile
  attack" when the incident involved missiles (a missile count or a missile weapon), else
  "Air/drone strike".
* geo_precision: 1 for a town or city, 3 when the place is an oblast (its name is its
  admin1 or ends in "Oblast"). time_precision: 1 for a day, 2 for a week, 3 for a month.
* fatalities: the conservative count stated for that place (the lowest count the
  current claims support; for a contested toll, the lowest stated), never counted twice:
  an oblast's row holds only what its town rows do not (see ``_fatalities``); when the
  incident hit one place only, the incident's toll; else 0 (the national toll is then in
  notes).
* Undated incidents are left out (an ACLED event needs a date).
"""
from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from strikeledger.export.atomic import atomic_write
from strikeledger.incidents.compare import packaged_categories

log = logging.getLogger(__name__)

COLUMNS = ("event_date", "event_type", "sub_event_type", "admin1", "location", "latitude",
           "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes")
EVENT_TYPE = "Explosions/Remote violence"
MISSILE = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
_TIME_PRECISION = {"day": 1, None: 1, "week": 2, "month": 3}


def _missiles(b: dict) -> bool:
    if "missiles_launched" in b["estimates"] or "missiles_downed" in b["estimates"]:
        return True
    categories = packaged_categories()
    return any(categories.get(w.casefold()) == "missiles" for w in b["weapons"])


def _is_oblast(name: str, admin1: str | None) -> bool:
    return admin1 is not None and (name.casefold() == admin1.casefold()
                                   or name.casefold().endswith("oblast"))


def _fatalities(b: dict, hit: list[dict]) -> list[int]:
    """Per place hit, the dead counted there, never twice.

    A town's toll is its own (the lowest count its current claims support). An oblast's
    row gets the oblast's toll (its own figure, else the largest town toll in it) less
    what the oblast's town rows already count: "4 killed in Kharkiv" and "6 killed in
    Kharkiv Oblast" are rows of 4 and 2. An incident that hit one place puts its
    headline toll there.
    """
    admin1_of = {c["claim_id"]: c["admin1"] for c in b["claims"]}
    killed = [s for s in b["scopes"] if s["kind"] == "killed" and s["place"]
              and not s["weapon"]]

    def own(name: str) -> int | None:
        tolls = [s["conservative"] or 0 for s in killed if s["place"].casefold() == name.casefold()]
        return max(tolls) if tolls else None
    out = [0] * len(hit)
    towns: dict[str | None, int] = {}
    for i, p in enumerate(hit):
        if not _is_oblast(p["name"], p["admin1"]):
            out[i] = own(p["name"]) or 0
            towns[p["admin1"]] = towns.get(p["admin1"], 0) + out[i]
    for i, p in enumerate(hit):
        if _is_oblast(p["name"], p["admin1"]):
            toll = own(p["name"])
            if toll is None:
                inside = [s["conservative"] or 0 for s in killed
                          if admin1_of.get(s["chosen"]) == p["admin1"]]
                toll = max(inside) if inside else 0
            out[i] = max(0, toll - towns.get(p["admin1"], 0))
    if len(hit) == 1 and not out[0] and "killed" in b["estimates"]:
        out[0] = b["estimates"]["killed"]["conservative"] or 0
    return out


def acled_rows(bundles: Iterable[dict]) -> list[dict]:
    """ACLED-style rows of incident bundles (``export.bundles``)."""
    rows = []
    for b in bundles:
        if b["date"] is None:
            continue
        hit = [p for p in b["places"] if p["role"] == "hit"]
        sub = MISSILE if _missiles(b) else AIR
        publishers = sorted({p for s in b["sources"] for p in
                             ((s["publishers"].split("; ") if isinstance(s["publishers"], str)
                               else s["publishers"]) or [])})
        source = "; ".join(publishers or b["speakers"][:5]) or "strikeledger"
        figures = ", ".join(f"{k.replace('_', ' ')} {e['label']}"
                            for k, e in b["estimates"].items())
        notes = (f"On {b['date'].isoformat()}, an attack: {figures or 'no figures stated'}."
                 f" strikeledger incident {b['incident_id']}; {b['n_reports']} report(s).")
        for p, dead in zip(hit, _fatalities(b, hit)):
            rows.append({
                "event_date": b["date"].isoformat(), "event_type": EVENT_TYPE,
                "sub_event_type": sub, "admin1": p["admin1"], "location": p["name"],
                "latitude": p["lat"], "longitude": p["lon"],
                "geo_precision": 3 if _is_oblast(p["name"], p["admin1"]) else 1,
                "time_precision": _TIME_PRECISION.get(b["date_precision"], 1),
                "fatalities": dead, "source": source, "notes": notes,
            })
    return rows


def write_acled(bundles: Iterable[dict], path: str | Path, *,
                before_replace: Callable[[Path], None] | None = None) -> Path:
    rows = acled_rows(bundles)
    with atomic_write(path, newline="", before_replace=before_replace) as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return Path(path)
