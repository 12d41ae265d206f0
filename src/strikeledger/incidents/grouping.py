"""Which incident a group of near-duplicate reports belongs to.

The rule (docs/incidents.md):

* A report with an attack date of day precision belongs to the incident of that date.
  The contract dates an overnight attack by the morning it ends in, so "the night of 27
  to 28 September" and "early on 28 September" fall together, and a nationwide attack
  that hit many oblasts is one incident however many governors report on it. A local
  strike on another day is another incident. Two unrelated strikes on one day are one
  incident (its places list both); publication dates carry no time, so they cannot be
  told apart reliably.
* A report whose attack date is known only to the week or month is its own incident
  (id ``week-YYYY-MM-DD-<report id>``): guessing its day would merge it with an attack it
  may not be about.
* A report with no attack date is its own incident (id ``undated-<report id>``), shown
  last. Its publication date is not used: an undated report is often analysis or a
  retrospective.

Near-duplicate copies always go together, to the date their copies give (copies with
different dates are never grouped as duplicates).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple


class IncidentKey(NamedTuple):
    incident_id: str
    date: dt.date | None
    precision: str | None


def incident_key(dates: Sequence[tuple[dt.date | None, str | None]],
                 canonical_id: str) -> IncidentKey:
    """The incident of one near-duplicate group, from its members' (date, precision)."""
    days = Counter(d for d, p in dates if d is not None and p in (None, "day"))
    if days:
        day = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return IncidentKey(day.isoformat(), day, "day")
    coarse = [(d, p) for d, p in dates if d is not None]
    if coarse:
        d, p = coarse[0]
        return IncidentKey(f"{p}-{d.isoformat()}-{canonical_id}", d, p)
    return IncidentKey(f"undated-{canonical_id}", None, None)


def sort_key(date: dt.date | None, incident_id: str) -> tuple:
    """Incidents by date, undated last."""
    return (date is None, date or dt.date.min, incident_id)
