"""The shapes of an incident: claims, estimates, conflicts, revisions, places, damage.

Plain dataclasses: built once by ``build_incidents`` and then only read (by the CLI,
the API and the exporters). Everything points back at its evidence: a report id and a
character span of that report's text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

INF = float("inf")


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """Where something was read: a report and a span of its text."""

    report_id: str
    start: int
    end: int
    text: str
    sentence: str | None = None
    sentence_start: int | None = None   # where ``sentence`` starts in the report text


@dataclass(slots=True)
class Claim:
    """One statement of a figure by one source, as stated.

    ``lo``/``hi`` is the interval the statement allows (see ``intervals.interval``), used to
    find conflicts; ``low``/``high`` are the contract's bounds, as extracted. A claim read in
    several near-duplicate copies of one report is kept once; ``copies`` lists the other
    copies' report keys (their report ids, numbered when the incident has several reports
    of one id: ``build.report_keys``).
    """

    claim_id: str
    incident_id: str
    kind: str
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    weapon: str | None
    place: str | None
    admin1: str | None
    speaker: str | None
    speaker_role: str | None
    report_id: str
    source_id: str                   # the near-duplicate group's canonical report id
    publisher: str | None
    url: str | None
    published: dt.date | None
    evidence: EvidenceRef
    scope: tuple[str, str, str]      # (kind, place key, weapon key); "" = national / none
    level: str                       # national, oblast, settlement, site, or local (not read)
    lo: float
    hi: float
    origin: str                      # independence key: the speaker, else the source
    official: bool
    copies: list[str] = field(default_factory=list)
    superseded_by: str | None = None  # claim_id of the revision that replaced this one

    @property
    def point(self) -> int:
        """The number the claim states (its value, or its lower bound for ranges/vague)."""
        if self.value is not None:
            return self.value
        return self.low if self.low is not None else 0

    @property
    def current(self) -> bool:
        return self.superseded_by is None


@dataclass(frozen=True, slots=True)
class Revision:
    """``new`` replaces ``old``: a rising toll, or a source correcting its own figure."""

    old: str     # claim ids
    new: str
    reason: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two current claims about one scope whose intervals cannot both hold."""

    a: str       # claim ids
    b: str
    scope: tuple[str, str, str]
    reason: str


@dataclass(slots=True)
class Estimate:
    """The consolidated value of one figure, with its bounds, grade and the rule used.

    ``value`` is the preferred claim's number; ``low``/``high`` the bounds that all current
    claims consistent with it allow (None = open). ``grade`` is one of confirmed, fair,
    weak, contested (see ``grade.grade``). ``basis`` says how it was reached.
    """

    kind: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    grade: str
    basis: str
    place: str | None = None
    weapon: str | None = None
    chosen: str | None = None                      # claim id of the preferred claim
    claim_ids: list[str] = field(default_factory=list)
    sources: int = 0                               # independent origins among current claims
    contested_values: tuple[int, int] | None = None  # min and max stated in conflicts

    def label(self) -> str:
        """A short human string: "595", "≥4", "~500", "500–595 (contested)"."""
        if self.grade == "contested" and self.contested_values:
            lo, hi = self.contested_values
            return f"{lo}–{hi} (contested)" if lo != hi else f"{lo} (contested)"
        v = self.value
        q = self.qualifier
        if q == "exact" and v is not None:
            return str(v)
        if q == "at_least" and v is not None:
            return f"≥{v}"
        if q == "more_than" and v is not None:
            return f">{v}"
        if q == "at_most" and v is not None:
            return f"≤{v}"
        if q in ("less_than", "nearly") and v is not None:
            return f"<{v}"
        if q == "approx" and v is not None:
            return f"~{v}"
        if q == "range" and self.low is not None and self.high is not None:
            return f"{self.low}–{self.high}"
        if self.low is not None:
            return f"≥{self.low}"
        return "?" if v is None else str(v)

    def conservative(self) -> int | None:
        """The lowest count the current claims support (ACLED's habit for fatalities)."""
        if self.grade == "contested" and self.contested_values:
            return self.contested_values[0]
        return self.value if self.value is not None else self.low


@dataclass(slots=True)
class IncidentPlace:
    name: str
    admin1: str | None
    lat: float | None
    lon: float | None
    role: str                      # "hit" if any report says it was hit
    evidence: list[EvidenceRef] = field(default_factory=list)


@dataclass(slots=True)
class IncidentDamage:
    category: str
    text: str
    place: str | None
    evidence: list[EvidenceRef] = field(default_factory=list)


@dataclass(slots=True)
class SourceGroup:
    """Near-duplicate copies of one report: counted as one source, all kept."""

    source_id: str                  # the canonical copy's report id
    report_ids: list[str]           # canonical first
    publishers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    """One attack: every report about it, every claim, the best estimates and the rest."""

    incident_id: str
    date: dt.date | None
    date_precision: str | None
    report_ids: list[str]
    sources: list[SourceGroup]
    claims: list[Claim]
    estimates: dict[str, Estimate]            # kind -> headline estimate
    scopes: list[Estimate]                    # one per (kind, place, weapon) scope
    revisions: list[Revision]
    conflicts: list[Conflict]
    places: list[IncidentPlace]
    damage: list[IncidentDamage]
    weapons: list[str]
    speakers: list[str]
    published_first: dt.date | None = None
    published_last: dt.date | None = None

    @property
    def oblasts_hit(self) -> list[str]:
        return sorted({p.admin1 for p in self.places if p.role == "hit" and p.admin1})

    @property
    def contested(self) -> bool:
        return bool(self.conflicts)

    def casualties_by_oblast(self) -> dict[str, dict[str, int]]:
        """Casualties per oblast, read off the incident's own per-place estimates.

        A per-place estimate counts for the oblast of its chosen claim (the largest in one
        oblast, as the incident's headline does). An incident that hit one oblast only and
        has no per-place estimate of a kind puts its headline of that kind there.
        """
        casualty = {"killed", "injured", "children_killed", "children_injured"}
        out: dict[str, dict[str, int]] = {}
        placed: set[str] = set()
        for s in self.scopes:
            if s.kind not in casualty or s.place is None or s.chosen is None:
                continue
            try:
                admin1 = self.claim(s.chosen).admin1
            except KeyError:
                admin1 = None
            n = s.conservative()
            if not admin1 or n is None:
                continue
            placed.add(s.kind)
            cell = out.setdefault(admin1, {})
            cell[s.kind] = max(cell.get(s.kind, 0), n)
        hit = self.oblasts_hit
        if len(hit) == 1:
            for kind, e in self.estimates.items():
                n = e.conservative()
                if kind in casualty and kind not in placed and n is not None:
                    out.setdefault(hit[0], {})[kind] = n
        return out

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.claim_id == claim_id:
                return c
        raise KeyError(claim_id)
