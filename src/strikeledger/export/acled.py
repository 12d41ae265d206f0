"""Incidents as an ACLED-style CSV: one event per incident and place hit.

Columns (ACLED's names): event_date, event_type, sub_event_type, admin1, location,
latitude, longitude, geo_precision, time_precision, fatalities, source, notes.

* event_type is "Explosions/Remote violence"; sub_event_type is "Shelling/artillery/missile
  attack" when the incident involved missiles (a missile count or a missile weapon), else
  "Air/drone strike".
* geo_precision: 1 for a town or city, 3 when the place is an oblast (its name is its
  admin1 or ends in "Oblast"). time_precision: 1 for a day, 2 for a week, 3 for a month.
* fatalities: the conservative count stated for that place (the lowest count the
  current claims support; for a contested toll, the lowest stated); when the incident hit
  one place only, the incident's toll; else 0 (the national toll is then in notes).
* Undated incidents are left out (an ACLED event needs a date).
"""
from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from strikeledger.export.atomic import atomic_write
from strikeledger.incidents.compare import packaged_categories
from strikeledger.incidents.types import Incident

log = logging.getLogger(__name__)

COLUMNS = ("event_date", "event_type", "sub_event_type", "admin1", "location", "latitude",
           "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes")
EVENT_TYPE = "Explosions/Remote violence"
MISSILE = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
_TIME_PRECISION = {"day": 1, None: 1, "week": 2, "month": 3}


def _missiles(inc: Incident) -> bool:
    if "missiles_launched" in inc.estimates or "missiles_downed" in inc.estimates:
        return True
    categories = packaged_categories()
    return any(categories.get(w.casefold()) == "missiles" for w in inc.weapons)


def _fatalities(inc: Incident, place: str, admin1: str | None, n_hit: int) -> int:
    name = place.casefold()
    local = [s for s in inc.scopes if s.kind == "killed" and s.place
             and s.place.casefold() == name and not s.weapon]
    if not local and admin1 and (name == admin1.casefold() or name.endswith("oblast")):
        local = [s for s in inc.scopes if s.kind == "killed" and s.place and not s.weapon
                 and any(c.admin1 == admin1 for c in inc.claims if c.claim_id in s.claim_ids)]
    if local:
        return max(s.conservative() or 0 for s in local)
    if n_hit == 1 and "killed" in inc.estimates:
        return inc.estimates["killed"].conservative() or 0
    return 0


def acled_rows(incidents: Iterable[Incident]) -> list[dict]:
    rows = []
    for inc in incidents:
        if inc.date is None:
            continue
        hit = [p for p in inc.places if p.role == "hit"]
        sub = MISSILE if _missiles(inc) else AIR
        publishers = sorted({p for s in inc.sources for p in s.publishers})
        source = "; ".join(publishers or inc.speakers[:5]) or "strikeledger"
        figures = ", ".join(f"{k.replace('_', ' ')} {e.label()}"
                            for k, e in inc.estimates.items())
        notes = (f"On {inc.date.isoformat()}, an attack: {figures or 'no figures stated'}."
                 f" strikeledger incident {inc.incident_id}; {len(inc.report_ids)} report(s).")
        for p in hit:
            oblast = p.admin1 is not None and (p.name.casefold() == p.admin1.casefold()
                                               or p.name.casefold().endswith("oblast"))
            rows.append({
                "event_date": inc.date.isoformat(), "event_type": EVENT_TYPE,
                "sub_event_type": sub, "admin1": p.admin1, "location": p.name,
                "latitude": p.lat, "longitude": p.lon, "geo_precision": 3 if oblast else 1,
                "time_precision": _TIME_PRECISION.get(inc.date_precision, 1),
                "fatalities": _fatalities(inc, p.name, p.admin1, len(hit)),
                "source": source, "notes": notes,
            })
    return rows


def write_acled(incidents: Iterable[Incident], path: str | Path, *,
                before_replace: Callable[[Path], None] | None = None) -> Path:
    rows = acled_rows(incidents)
    with atomic_write(path, newline="", before_replace=before_replace) as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return Path(path)
