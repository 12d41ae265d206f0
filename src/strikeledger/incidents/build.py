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


def entry(report: Report | None, record: Record) -> _Entry:
    """One report as the incident code reads it."""
    return _Entry(record, report)


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


def damage_key(category: str, text: str, place: str | None) -> tuple:
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
    b = Builder(key.incident_id, prefs)
    for g in groups:
        for i in g:
            b.note_places(entries[i].record)
    keys = report_keys(entries[i].record.report_id for g in groups for i in g)
    at = 0
    for g in groups:
        b.add_group([entries[i] for i in g], keys[at:at + len(g)])
        at += len(g)
    revisions, conflicts, scopes, estimates = reconcile(b.claims, prefs, b.admin1_of)
    return b.incident(key, revisions, conflicts, scopes, estimates)


class Builder:
    """The parts of one incident, gathered group by group (each canonical copy first).

    ``build_incidents`` fills one from every group; the store's incremental path
    (``store/incident_state.py``) loads one from an incident's stored rows and adds the
    new reports' groups, so that both gather claims, places and damage by this code."""

    def __init__(self, incident_id: str, prefs: Preferences):
        self.incident_id = incident_id
        self.prefs = prefs
        self.sources: list[SourceGroup] = []
        self.report_ids: list[str] = []
        self.claims: list[Claim] = []
        self.claim_by_key: dict[tuple, Claim] = {}
        self.places: dict[tuple, IncidentPlace] = {}
        self.damage: dict[tuple, IncidentDamage] = {}
        self.weapons: dict[str, None] = {}
        self.speakers: dict[str, None] = {}
        self.admin1_of: dict[str, str] = {}     # place name (casefolded) -> first admin1
        self.published_first = None
        self.published_last = None

    def note_places(self, record: Record) -> list[str]:
        """Take the admin1 of the record's places (the first one per name wins); return
        the names that got one."""
        added = []
        for p in record.places:
            name = p.name.casefold()
            if p.admin1 and name not in self.admin1_of:
                self.admin1_of[name] = p.admin1
                added.append(name)
        return added

    def add_group(self, group: list[_Entry], keys: list[str]) -> list[Claim]:
        """Add one near-duplicate group (``keys``: ``report_keys`` of its reports);
        return the claims it added."""
        iid, prefs, admin1_of = self.incident_id, self.prefs, self.admin1_of
        claim_by_key = self.claim_by_key
        added: list[Claim] = []
        source_id = keys[0]
        self.report_ids.extend(e.record.report_id for e in group)
        self.sources.append(SourceGroup(source_id, [e.record.report_id for e in group],
                                        sorted({e.publisher for e in group if e.publisher})))
        for e, rkey in zip(group, keys):
            rec = e.record
            rid = rec.report_id
            if e.published:
                self.published_first = min(self.published_first or e.published, e.published)
                self.published_last = max(self.published_last or e.published, e.published)
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
                self.claims.append(claim)
                added.append(claim)
            for p in rec.places:
                pk = (p.name.casefold(), p.admin1)
                cur = self.places.get(pk)
                if cur is None:
                    cur = self.places[pk] = IncidentPlace(p.name, p.admin1, p.lat, p.lon,
                                                          p.role)
                if p.role == "hit":
                    cur.role = "hit"
                if cur.lat is None and p.lat is not None:
                    cur.lat, cur.lon = p.lat, p.lon
                cur.evidence.append(ref(p.evidence, p.sentence))
            for d in rec.damage:
                dk = damage_key(d.category, d.text, d.place)
                cur_d = self.damage.get(dk)
                if cur_d is None:
                    cur_d = self.damage[dk] = IncidentDamage(d.category, d.text, d.place)
                cur_d.evidence.append(ref(d.evidence, d.sentence))
            for w in rec.weapons:
                self.weapons.setdefault(w, None)
            for s in rec.speakers:
                self.speakers.setdefault(s.name, None)
        return added

    def incident(self, key: IncidentKey, revisions, conflicts, scopes, estimates) -> Incident:
        return Incident(
            incident_id=self.incident_id, date=key.date, date_precision=key.precision,
            report_ids=self.report_ids, sources=self.sources, claims=self.claims,
            estimates=estimates, scopes=scopes, revisions=revisions, conflicts=conflicts,
            places=sorted(self.places.values(),
                          key=lambda p: (p.role != "hit", p.admin1 or "", p.name)),
            damage=list(self.damage.values()), weapons=list(self.weapons),
            speakers=list(self.speakers), published_first=self.published_first,
            published_last=self.published_last)
