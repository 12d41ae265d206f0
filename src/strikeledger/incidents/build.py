"""Reports -> incidents: dedupe, group, collect claims/places/damage, reconcile.

``build_incidents`` takes contract Records, or (Report, Record) pairs as the store yields
them. With the report text it can find near-duplicates and quote the evidence sentence
(the span extraction or the store put on each figure, place and damage item: nothing
here reads the text again); with Records alone each report is its own source and
sentences are None.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from strikeledger.errors import InputError
from strikeledger.incidents.dedupe import duplicate_groups
from strikeledger.incidents.grouping import IncidentKey, incident_key, sort_key
from strikeledger.incidents.intervals import interval
from strikeledger.incidents.preference import Preferences, preferences
from strikeledger.incidents.reconcile import is_national, reconcile, scope_of
from strikeledger.incidents.types import (Claim, EvidenceRef, Incident, IncidentDamage,
                                          IncidentPlace, SourceGroup)
from strikeledger.model import Evidence, Record, Report, TextSpan

log = logging.getLogger(__name__)

_ARTICLE = re.compile(r"^(?:a|an|the|some|several|two|three|many)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass
class _Entry:
    record: Record
    report: Report | None

    @property
    def text(self) -> str | None:
        return self.report.text if self.report is not None else None

    @property
    def published(self):
        if self.report is not None and self.report.published is not None:
            return self.report.published
        return self.record.source.published

    @property
    def publisher(self) -> str | None:
        if self.report is not None and self.report.publisher:
            return self.report.publisher
        return self.record.source.publisher

    @property
    def url(self) -> str | None:
        if self.report is not None and self.report.url:
            return self.report.url
        return self.record.source.url


def _entries(items: Iterable[object]) -> list[_Entry]:
    out = []
    for n, item in enumerate(items):
        if isinstance(item, Record):
            out.append(_Entry(item, None))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Record) \
                and (item[0] is None or isinstance(item[0], Report)):
            out.append(_Entry(item[1], item[0]))
        else:
            raise InputError(f"item {n}: expected a Record or a (Report, Record) pair, "
                             f"got {type(item).__name__}")
    return out


def _damage_key(category: str, text: str, place: str | None) -> tuple:
    norm = _SPACE.sub(" ", _ARTICLE.sub("", text.strip())).casefold()
    return category, norm, (place or "").casefold()


def build_incidents(items: Iterable[Record | tuple[Report, Record]],
                    prefs: Preferences | None = None) -> list[Incident]:
    """Group reports into incidents and reconcile their claims; sorted by date.

    ``items`` are Records or (Report, Record) pairs (``store.records()``), mixed freely.
    """
    prefs = prefs or preferences()
    entries = _entries(items)
    if not entries:
        return []
    days = [e.record.attack.date if e.record.attack.date_precision in (None, "day") else None
            for e in entries]
    groups = duplicate_groups([e.text for e in entries], dates=days,
                              published=[e.published for e in entries])
    buckets: dict[str, list[list[int]]] = defaultdict(list)
    keys = {}
    for g in groups:
        canon = entries[g[0]].record.report_id
        key = incident_key([(entries[i].record.attack.date, entries[i].record.attack.date_precision)
                            for i in g], canon)
        buckets[key.incident_id].append(g)
        keys[key.incident_id] = key
    incidents = [_incident(keys[iid], gs, entries, prefs) for iid, gs in buckets.items()]
    incidents.sort(key=lambda inc: sort_key(inc.date, inc.incident_id))
    log.debug("%d report(s) -> %d incident(s)", len(entries), len(incidents))
    return incidents


def incident_of(key: IncidentKey, groups: list[list[tuple[Report, Record]]],
                prefs: Preferences | None = None) -> Incident:
    """One incident from its near-duplicate groups (each canonical copy first, groups in
    ingestion order), as ``build_incidents`` makes it: the store's incremental path."""
    entries: list[_Entry] = []
    index: list[list[int]] = []
    for g in groups:
        index.append(list(range(len(entries), len(entries) + len(g))))
        entries += [_Entry(record, report) for report, record in g]
    return _incident(key, index, entries, prefs or preferences())


def report_keys(report_ids: Iterable[str]) -> list[str]:
    """A key per report of one incident (in its order: groups in ingestion order, each
    canonical copy first) that no other report of the incident has: its report id, or,
    for the second and later reports sharing a report id (report ids are not unique),
    the id with ``#2``, ``#3``... Claim ids (``KEY:fN``) and source ids are made of these
    keys, so two reports called alike never share a claim or count as one source."""
    used: set[str] = set()
    seen: dict[str, int] = {}
    out = []
    for rid in report_ids:
        key = rid
        if key in used:
            n = seen.get(rid, 1)
            while key in used:
                n += 1
                key = f"{rid}#{n}"
            seen[rid] = n
        used.add(key)
        out.append(key)
    return out


def _incident(key, groups: list[list[int]], entries: list[_Entry],
              prefs: Preferences) -> Incident:
    iid = key.incident_id
    keys = dict(zip((i for g in groups for i in g),
                    report_keys(entries[i].record.report_id for g in groups for i in g)))
    sources, report_ids = [], []
    claims: list[Claim] = []
    claim_by_key: dict[tuple, Claim] = {}
    places: dict[tuple, IncidentPlace] = {}
    damage: dict[tuple, IncidentDamage] = {}
    weapons: dict[str, None] = {}
    speakers: dict[str, None] = {}
    admin1_of: dict[str, str] = {}
    published = [entries[i].published for g in groups for i in g if entries[i].published]
    for g in groups:
        for i in g:
            for p in entries[i].record.places:
                if p.admin1:
                    admin1_of.setdefault(p.name.casefold(), p.admin1)
    for g in groups:
        source_id = keys[g[0]]
        ids = [entries[i].record.report_id for i in g]
        report_ids.extend(ids)
        sources.append(SourceGroup(source_id, ids, sorted({entries[i].publisher for i in g
                                                           if entries[i].publisher})))
        for i in g:
            e = entries[i]
            rec = e.record
            rid = rec.report_id
            rkey = keys[i]
            roles = {s.name: s.role for s in rec.speakers}
            local_admin1 = {p.name.casefold(): p.admin1 for p in rec.places if p.admin1}

            def ref(ev: Evidence, span: TextSpan | None) -> EvidenceRef:
                if e.text and span is not None and e.text[ev.start:ev.end] == ev.text:
                    return EvidenceRef(rid, ev.start, ev.end, ev.text,
                                       e.text[span.start:span.end], span.start)
                return EvidenceRef(rid, ev.start, ev.end, ev.text)

            for n, f in enumerate(rec.figures):
                dkey = (source_id, f.kind, f.value, f.qualifier, f.low, f.high,
                        f.weapon, (f.place or "").casefold(), (f.speaker or "").casefold())
                if dkey in claim_by_key:
                    if rkey not in claim_by_key[dkey].copies and \
                            rkey != claim_by_key[dkey].claim_id.rsplit(":f", 1)[0]:
                        claim_by_key[dkey].copies.append(rkey)
                    continue
                role = roles.get(f.speaker) if f.speaker else None
                lo, hi = interval(f.value, f.qualifier, f.low, f.high)
                place_key = (f.place or "").casefold()
                claim = Claim(
                    claim_id=f"{rkey}:f{n}", incident_id=iid, kind=f.kind, value=f.value,
                    qualifier=f.qualifier, low=f.low, high=f.high, weapon=f.weapon,
                    place=f.place,
                    admin1=local_admin1.get(place_key) or admin1_of.get(place_key),
                    speaker=f.speaker, speaker_role=role, report_id=rid,
                    source_id=source_id, publisher=e.publisher, url=e.url,
                    published=e.published, evidence=ref(f.evidence, f.sentence),
                    scope=scope_of(f.kind, f.families, f.weapon, f.place, f.evidence.text,
                                   prefs, f.scope),
                    level=f.scope or ("national" if is_national(None, f.place) else "local"),
                    lo=lo, hi=hi,
                    origin=f"speaker:{f.speaker.casefold()}" if f.speaker
                    else f"source:{source_id}",
                    official=prefs.is_official(f.speaker, role))
                claim_by_key[dkey] = claim
                claims.append(claim)
            for p in rec.places:
                pk = (p.name.casefold(), p.admin1)
                cur = places.get(pk)
                if cur is None:
                    cur = places[pk] = IncidentPlace(p.name, p.admin1, p.lat, p.lon, p.role)
                if p.role == "hit":
                    cur.role = "hit"
                if cur.lat is None and p.lat is not None:
                    cur.lat, cur.lon = p.lat, p.lon
                cur.evidence.append(ref(p.evidence, p.sentence))
            for d in rec.damage:
                dk = _damage_key(d.category, d.text, d.place)
                cur_d = damage.get(dk)
                if cur_d is None:
                    cur_d = damage[dk] = IncidentDamage(d.category, d.text, d.place)
                cur_d.evidence.append(ref(d.evidence, d.sentence))
            for w in rec.weapons:
                weapons.setdefault(w, None)
            for s in rec.speakers:
                speakers.setdefault(s.name, None)
    revisions, conflicts, scopes, estimates = reconcile(claims, prefs, admin1_of)
    return Incident(
        incident_id=iid, date=key.date, date_precision=key.precision,
        report_ids=report_ids, sources=sources, claims=claims, estimates=estimates,
        scopes=scopes, revisions=revisions, conflicts=conflicts,
        places=sorted(places.values(), key=lambda p: (p.role != "hit", p.admin1 or "", p.name)),
        damage=list(damage.values()), weapons=list(weapons), speakers=list(speakers),
        published_first=min(published) if published else None,
        published_last=max(published) if published else None)
