"""One incident in full, for `strikeledger incidents --show ID`."""
from __future__ import annotations

from rich.table import Table

from .console import out


def show_incident(inc) -> None:
    out.print(f"[bold]{inc.incident_id}[/bold]  attack date {inc.date or 'unknown'}"
              f" ({inc.date_precision or 'no date'}); {len(inc.report_ids)} report(s) from "
              f"{len(inc.sources)} source(s); oblasts hit: {', '.join(inc.oblasts_hit) or '–'}")
    for s in inc.sources:
        if len(s.report_ids) > 1:
            out.print(f"  near-duplicates counted as one source: {', '.join(s.report_ids)}",
                      highlight=False)
    t = Table("figure", "scope", "best", "grade", "low–high", "basis")
    for e in inc.scopes:
        scope = " ".join(x for x in (e.place, e.weapon) if x) or "national"
        t.add_row(e.kind, scope, e.label(), e.grade,
                  f"{e.low if e.low is not None else ''}–{e.high if e.high is not None else ''}",
                  e.basis)
    out.print(t)
    t = Table("claim", "kind", "stated", "place", "weapon", "speaker", "published", "status",
              "evidence sentence")
    conflicted = {x.a for x in inc.conflicts} | {x.b for x in inc.conflicts}
    for c in inc.claims:
        stated = f"{c.qualifier} {c.value if c.value is not None else c.low}"
        status = ("superseded" if c.superseded_by else "conflict" if c.claim_id in conflicted
                  else "current")
        t.add_row(c.claim_id, c.kind, stated, c.place or "", c.weapon or "", c.speaker or "",
                  str(c.published or ""), status, c.evidence.sentence or c.evidence.text)
    out.print(t)
    for x in inc.conflicts:
        out.print(f"[red]conflict[/red] {x.scope[0]}: {x.reason}", highlight=False)
    for r in inc.revisions:
        out.print(f"[yellow]revision[/yellow] {r.old} → {r.new}: {r.reason}", highlight=False)
    for p in inc.places:
        refs = "; ".join(f"{e.report_id}:{e.start}-{e.end}" for e in p.evidence)
        out.print(f"place {p.name} ({p.admin1 or '?'}) {p.role}: {refs}", highlight=False)
    for d in inc.damage:
        refs = "; ".join(f"{e.report_id}:{e.start}-{e.end}" for e in d.evidence)
        out.print(f"damage {d.category}: {d.text} ({d.place or '–'}): {refs}", highlight=False)
