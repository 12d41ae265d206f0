"""Finding incidents: filters for listing, one incident by id (the CLI's and API's side)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from strikeledger.errors import InputError, NotFoundError
from strikeledger.incidents.grade import GRADES
from strikeledger.incidents.types import Incident
from strikeledger.model import Kind


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def filter_incidents(incidents: Iterable[Incident], *,
                     date_from: dt.date | str | None = None,
                     date_to: dt.date | str | None = None,
                     oblast: str | None = None, kind: str | None = None,
                     grade: str | None = None, contested: bool = False) -> list[Incident]:
    """Incidents matching every filter given.

    ``date_from``/``date_to`` are inclusive (an undated incident never matches them);
    ``oblast`` matches part of an oblast hit, case-insensitively; ``kind`` keeps incidents
    with an estimate of that kind, and ``grade`` those whose estimate of ``kind`` (or of
    any kind) has that grade; ``contested`` keeps incidents with a conflict.
    """
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if kind is not None and kind not in Kind.__members__:
        raise InputError(f"kind: expected one of {', '.join(Kind.__members__)}, got {kind!r}")
    if grade is not None and grade not in GRADES:
        raise InputError(f"grade: expected one of {', '.join(GRADES)}, got {grade!r}")
    out = []
    for inc in incidents:
        if (start or end) and inc.date is None:
            continue
        if start and inc.date < start or end and inc.date > end:
            continue
        if oblast and not any(oblast.casefold() in o.casefold() for o in inc.oblasts_hit):
            continue
        if kind and kind not in inc.estimates:
            continue
        if grade:
            ests = [inc.estimates[kind]] if kind else list(inc.estimates.values())
            if not any(e.grade == grade for e in ests):
                continue
        if contested and not inc.conflicts:
            continue
        out.append(inc)
    return out


def get_incident(incidents: Sequence[Incident], incident_id: str) -> Incident:
    """The incident with this id (or the one containing this report id)."""
    for inc in incidents:
        if inc.incident_id == incident_id:
            return inc
    for inc in incidents:
        if incident_id in inc.report_ids:
            return inc
    raise NotFoundError(f"no incident {incident_id!r} (ids are attack dates such as "
                        f"2025-09-28, or undated-<report id>)")
