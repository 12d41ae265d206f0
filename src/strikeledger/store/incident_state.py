"""One stored incident, taken up again from its rows, to add new reports to it.

The incremental path of the store (``incidents_sync``) uses this for the common case of
a live input: a new report that duplicates no stored report, about an attack day whose
incident exists. Instead of loading and parsing every report of that night again, the
incident's current rows (``export.tables.DERIVED_SCHEMAS``) are turned back into the
parts ``incidents.build.Builder`` gathers; the new reports are added to it as new
near-duplicate groups by the same code as ``build_incidents``; and only the scopes
(kind, place, weapon) their claims fall in are reconciled again
(``reconcile.reconcile_scope``), and the headline of those kinds
(``reconcile.headline``). Every other estimate, revision and conflict is kept as
stored. The result is the incident ``build_incidents`` would make from all its reports
(the tests check it against a rebuild for random ingest orders).

``extend`` answers None when the rows cannot be taken up exactly (a report id that is
already in the incident or holds '#', a list whose items cannot be told apart, a place
name with two oblasts, rows that do not agree with each other): the caller then
recomputes the incident from its reports.
"""
from __future__ import annotations

from collections.abc import Sequence

from strikeledger.export.tables import SEP
from strikeledger.incidents.build import Builder, damage_key, entry
from strikeledger.incidents.grouping import IncidentKey
from strikeledger.incidents.intervals import interval
from strikeledger.incidents.preference import Preferences
from strikeledger.incidents.reconcile import headline, reconcile_scope
from strikeledger.incidents.types import (Claim, Conflict, Estimate, EvidenceRef, Incident,
                                          IncidentDamage, IncidentPlace, Revision,
                                          SourceGroup)
from strikeledger.model import Record, Report


def _split(value: str | None) -> list[str]:
    return value.split(SEP) if value else []


def _claim(r: dict) -> Claim:
    lo, hi = interval(r["value"], r["qualifier"], r["low"], r["high"])
    return Claim(
        claim_id=r["claim_id"], incident_id=r["incident_id"], kind=r["kind"],
        value=r["value"], qualifier=r["qualifier"], low=r["low"], high=r["high"],
        weapon=r["weapon"], place=r["place"], admin1=r["admin1"], speaker=r["speaker"],
        speaker_role=r["speaker_role"], report_id=r["report_id"], source_id=r["source_id"],
        publisher=r["publisher"], url=r["url"], published=r["published"],
        evidence=EvidenceRef(r["report_id"], r["evidence_start"], r["evidence_end"],
                             r["evidence_text"], r["sentence"], r["sentence_start"]),
        scope=(r["kind"], r["scope_place"] or "", r["scope_weapon"] or ""),
        level=r["level"], lo=lo, hi=hi, origin=r["origin"], official=bool(r["official"]),
        copies=_split(r["copies"]), superseded_by=r["superseded_by"])


def _estimate(r: dict) -> Estimate:
    contested = (None if r["contested_low"] is None
                 else (r["contested_low"], r["contested_high"]))
    return Estimate(kind=r["kind"], value=r["value"], low=r["low"], high=r["high"],
                    qualifier=r["qualifier"], grade=r["grade"], basis=r["basis"],
                    place=r["place"], weapon=r["weapon"], chosen=r["chosen"],
                    claim_ids=_split(r["claim_ids"]), sources=r["sources"],
                    contested_values=contested)


def _scope_key(e: Estimate) -> tuple[str, str, str]:
    # an estimate's place is its chosen claim's place (or the scope's key): casefolded,
    # the scope's place key
    return e.kind, (e.place or "").casefold(), e.weapon or ""


def _evidence(r: dict) -> list[EvidenceRef] | None:
    """A place's or damage item's evidence: the first in full, the others as
    ``report:start-end`` (all the rows keep); None when they cannot be read back."""
    out = [EvidenceRef(r["report_id"], r["evidence_start"], r["evidence_end"],
                       r["evidence_text"], r["sentence"])]
    for ref in _split(r["other_evidence"]):
        report_id, _, span = ref.rpartition(":")
        start, _, end = span.partition("-")
        if not report_id or not start.isdigit() or not end.isdigit():
            return None
        out.append(EvidenceRef(report_id, int(start), int(end), ""))
    return out if len(out) == r["mentions"] else None


def extend(rows: dict[str, list[dict]], key: IncidentKey,
           new: Sequence[tuple[Report, Record]], prefs: Preferences) -> Incident | None:
    """The incident of ``rows`` (its current rows, table -> rows) with the reports
    ``new`` added, each as a group of its own, in this order; None when it cannot be done
    exactly (see the module doc)."""
    if len(rows.get("incidents", ())) != 1:
        return None
    head = rows["incidents"][0]
    report_ids = _split(head["report_ids"])
    if len(report_ids) != head["n_reports"] or len(rows["sources"]) != head["n_sources"]:
        return None
    known = set(report_ids)
    for report, record in new:
        rid = record.report_id
        if rid in known or "#" in rid or SEP.strip() in rid or any(
                SEP.strip() in n for n in [*record.weapons, *(s.name for s in record.speakers)]):
            return None
        known.add(rid)
    b = Builder(key.incident_id, prefs)
    b.report_ids = report_ids
    b.sources = [SourceGroup(r["source_id"], _split(r["report_ids"]), _split(r["publishers"]))
                 for r in rows["sources"]]
    b.published_first, b.published_last = head["published_first"], head["published_last"]
    b.weapons = dict.fromkeys(_split(head["weapons"]))
    b.speakers = dict.fromkeys(_split(head["speakers"]))
    for r in rows["incident_places"]:
        evidence = _evidence(r)
        if evidence is None:
            return None
        b.places[(r["name"].casefold(), r["admin1"])] = IncidentPlace(
            r["name"], r["admin1"], r["lat"], r["lon"], r["role"], evidence)
        if r["admin1"]:
            name = r["name"].casefold()
            if b.admin1_of.setdefault(name, r["admin1"]) != r["admin1"]:
                return None            # which oblast came first is not in the rows
    for r in rows["incident_damage"]:
        evidence = _evidence(r)
        if evidence is None:
            return None
        b.damage[damage_key(r["category"], r["text"], r["place"])] = IncidentDamage(
            r["category"], r["text"], r["place"], evidence)
    claims = {r["claim_id"]: _claim(r) for r in rows["claims"]}
    if len(claims) != head["n_claims"]:
        return None
    b.claims = list(claims.values())
    scopes: dict[tuple, Estimate] = {}
    headlines: dict[str, Estimate] = {}
    for r in rows["estimates"]:
        e = _estimate(r)
        if r["headline"]:
            headlines[e.kind] = e
        else:
            scopes[_scope_key(e)] = e
    in_scope = {k: [claims.get(i) for i in e.claim_ids] for k, e in scopes.items()}
    if sum(len(g) for g in in_scope.values()) != len(claims) or any(
            c is None or c.scope != k for k, g in in_scope.items() for c in g):
        return None
    revisions = [Revision(r["old"], r["new"], r["reason"]) for r in rows["revisions"]]
    conflicts = [Conflict(r["a"], r["b"], (r["kind"], r["place"] or "", r["weapon"] or ""),
                          r["reason"]) for r in rows["conflicts"]]

    kinds: set[str] = set()
    added: list[Claim] = []
    for report, record in new:
        named = b.note_places(record)
        if named:
            for c in b.claims:
                if c.admin1 is None and (c.place or "").casefold() in named:
                    c.admin1 = b.admin1_of[(c.place or "").casefold()]
            kinds |= prefs.casualty_kinds        # their per-oblast sums may change
        added += b.add_group([entry(report, record)], [record.report_id])
    touched: dict[tuple, list[Claim]] = {}
    for c in added:
        touched.setdefault(c.scope, in_scope.get(c.scope, [])[:]).append(c)
    for scope, group in touched.items():
        ids = {c.claim_id for c in group}
        revisions = [r for r in revisions if r.old not in ids]
        conflicts = [x for x in conflicts if x.scope != scope]
        revs, confs, scopes[scope] = reconcile_scope(group, prefs)
        revisions += revs
        conflicts += confs
        kinds.add(scope[0])
    ordered = [scopes[k] for k in sorted(scopes)]
    for kind in kinds:
        h = headline(kind, ordered, b.admin1_of, kind in prefs.casualty_kinds)
        if h is None:
            headlines.pop(kind, None)
        else:
            headlines[kind] = h
    return b.incident(key, revisions, conflicts, ordered, headlines)


