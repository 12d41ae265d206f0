"""Library objects as the JSON the API returns (shapes only: no figures are computed here).

Incidents come from ``strikeledger.incidents`` as dataclasses; here they become plain
dicts. Infinite interval ends become null. The incident page needs each claim's
sentence and where the figure sits in it, so the detail view gives, per claim, the
sentence's offsets in the report text (stored with the figure) and the figure's offsets
within the sentence (``mark``).
"""
from __future__ import annotations

import dataclasses
import math

from strikeledger.incidents.types import Claim, Estimate, Incident


def _finite(x: float) -> float | None:
    return None if isinstance(x, float) and math.isinf(x) else x


def estimate(e: Estimate) -> dict:
    out = dataclasses.asdict(e)
    out["contested_values"] = list(e.contested_values) if e.contested_values else None
    out["label"] = e.label()
    out["conservative"] = e.conservative()
    return out


def incident_summary(inc: Incident) -> dict:
    return {
        "incident_id": inc.incident_id,
        "date": inc.date,
        "date_precision": inc.date_precision,
        "report_count": len(inc.report_ids),
        "source_count": len(inc.sources),
        "claim_count": len(inc.claims),
        "estimates": {k: estimate(e) for k, e in sorted(inc.estimates.items())},
        "oblasts_hit": inc.oblasts_hit,
        "casualties_by_oblast": inc.casualties_by_oblast(),
        "places": [{"name": p.name, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                    "role": p.role} for p in inc.places],
        "weapons": inc.weapons,
        "contested": inc.contested,
        "conflict_count": len(inc.conflicts),
        "revision_count": len(inc.revisions),
        "published_first": inc.published_first,
        "published_last": inc.published_last,
    }


def _sentence_of(c: Claim) -> dict:
    ev = c.evidence
    if ev.sentence is not None and ev.sentence_start is not None:
        at = ev.start - ev.sentence_start
        return {"start": ev.sentence_start, "end": ev.sentence_start + len(ev.sentence),
                "text": ev.sentence, "mark": [at, at + len(ev.text)]}
    return {"start": None, "end": None, "text": ev.text, "mark": [0, len(ev.text)]}


def claim(c: Claim) -> dict:
    out = {f.name: getattr(c, f.name) for f in dataclasses.fields(c)
           if f.name not in ("evidence", "lo", "hi", "scope")}
    out["interval"] = [_finite(c.lo), _finite(c.hi)]
    out["scope"] = {"kind": c.scope[0], "place": c.scope[1] or None,
                    "weapon": c.scope[2] or None}
    out["current"] = c.current
    ev = c.evidence
    out["evidence"] = {"report_id": ev.report_id, "start": ev.start, "end": ev.end,
                       "text": ev.text, "sentence": _sentence_of(c)}
    return out


def _refs(refs) -> list[dict]:
    return [{"report_id": r.report_id, "start": r.start, "end": r.end, "text": r.text}
            for r in refs]


def incident_detail(inc: Incident) -> dict:
    out = incident_summary(inc)
    out.update({
        "report_ids": inc.report_ids,
        "sources": [dataclasses.asdict(s) for s in inc.sources],
        "speakers": inc.speakers,
        "scopes": [estimate(s) for s in inc.scopes],
        "claims": [claim(c) for c in inc.claims],
        "conflicts": [{"a": x.a, "b": x.b, "reason": x.reason,
                       "scope": {"kind": x.scope[0], "place": x.scope[1] or None,
                                 "weapon": x.scope[2] or None}} for x in inc.conflicts],
        "revisions": [dataclasses.asdict(r) for r in inc.revisions],
        "places": [{"name": p.name, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                    "role": p.role, "evidence": _refs(p.evidence)} for p in inc.places],
        "damage": [{"category": d.category, "text": d.text, "place": d.place,
                    "evidence": _refs(d.evidence)} for d in inc.damage],
    })
    out["contested"] = inc.contested
    return out
