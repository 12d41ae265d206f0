"""Claims of one incident -> revisions, conflicts and consolidated estimates.

Scope. Claims are compared only within a scope: the same kind, the same place (or both
national: a figure whose scope is national, or that has no scope read and no place),
the same weapon family (or both none). A figure that names no
weapon but whose evidence names several ("96 Kh-101 and Kalibr missiles") is a subtotal
of those families, not the national total; so is one whose evidence has a word listed
under ``subtotal_words`` ("71 cruise missiles", "163 drones were lost locationally"). Weapon families listed under
``same_scope_weapons`` in ``source_preference.json`` count as the kind's total (the Air
Force's Shahed-136/131 count covers all strike drones, decoys included).

Revisions. Claim B revises claim A (same scope) when

* the same origin (speaker, or source when unattributed) stated B after A (a later
  publication date) with a different number: the source corrected itself; or
* the kind is a casualty count, B's number is higher, and B was not published before A:
  tolls rise through the day and publication dates carry no time, so a higher toll
  published the same day or later is taken as the newer count.

A revised claim is kept (with ``superseded_by``) but is no longer *current*.

Conflicts. Two current claims of one scope conflict when their intervals
(``intervals.interval``) are disjoint: "nearly 500 drones" ([400, 499]) against the Air
Force's 595; "some 500" ([450, 550]) against 595 too. Two claims of one origin in one
report (or its copies) never conflict: one voice giving two numbers of one scope is
giving parts ("40 shot down, 20 lost locationally"), not rival counts.

Best value. Among a scope's current claims, the preferred one (``preference.py``: tier
of the speaker, then the kind's tie-break) gives the value; its bounds are narrowed by
every current claim that does not conflict with it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strikeledger.incidents import grade as grading
from strikeledger.incidents.intervals import INF, as_bound, disjoint, intersect
from strikeledger.incidents.preference import Preferences
from strikeledger.incidents.types import Claim, Conflict, Estimate, Revision


def is_national(scope: str | None, place: str | None) -> bool:
    """Whether a figure counts the whole attack: its scope says national, or (scope not
    read) it names no place."""
    return scope == "national" or (scope is None and not place)


def scope_of(kind: str, families: Sequence[str], weapon: str | None, place: str | None,
             evidence_text: str, prefs: Preferences, scope: str | None = None
             ) -> tuple[str, str, str]:
    """The (kind, place key, weapon key) a claim is about; "" means national / none.

    ``families`` are the weapon families the figure counts (a store column); a figure
    that names a weapon without them counts that weapon's name. A local figure without a
    place is keyed by its scope (``<site>``), never national.
    """
    same = prefs.same_scope_weapons.get(kind, frozenset())
    fams = set(families) or ({weapon.casefold()} if weapon else set())
    fams -= same
    weapon_key = "+".join(sorted(fams))
    if not weapon and not weapon_key:
        sub = prefs.subtotal(kind, evidence_text)
        weapon_key = f"type:{sub}" if sub else ""
    if is_national(scope, place):
        place_key = ""
    else:
        place_key = (place or f"<{scope}>").casefold()
    return kind, place_key, weapon_key


def _later(b: Claim, a: Claim) -> bool | None:
    """True when b was published after a, False before, None when it cannot be told."""
    if b.report_id == a.report_id or b.published is None or a.published is None:
        return None
    if b.published == a.published:
        return None
    return b.published > a.published


def revision_reason(b: Claim, a: Claim, prefs: Preferences) -> str | None:
    """Why claim ``b`` revises claim ``a``, or None when it does not (see module doc)."""
    if b is a or b.scope != a.scope or b.point == a.point:
        return None
    order = _later(b, a)
    if b.origin == a.origin and order is True:
        return f"{b.speaker or 'the source'} updated its figure from {a.point} to {b.point}"
    if a.kind in prefs.casualty_kinds and b.point > a.point and order is not False:
        return f"the toll rose from {a.point} to {b.point}"
    return None


def find_revisions(claims: Sequence[Claim], prefs: Preferences) -> list[Revision]:
    """Mark superseded claims (``superseded_by``) and return the revisions found."""
    by_scope: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_scope[c.scope].append(c)
    out: list[Revision] = []
    for group in by_scope.values():
        for a in group:
            revisers = [(b, r) for b in group if (r := revision_reason(b, a, prefs))]
            if not revisers:
                continue
            b, reason = max(revisers, key=lambda br: (br[0].published is not None,
                                                      br[0].published, br[0].point))
            a.superseded_by = b.claim_id
            out.append(Revision(old=a.claim_id, new=b.claim_id, reason=reason))
    return out


def _describe(c: Claim) -> str:
    who = c.speaker or f"report {c.report_id}"
    return f"{c.qualifier} {c.point} ({who})"


def find_conflicts(claims: Sequence[Claim]) -> list[Conflict]:
    """Pairs of current claims of one scope whose intervals are disjoint."""
    by_scope: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.current:
            by_scope[c.scope].append(c)
    out: list[Conflict] = []
    for scope, group in by_scope.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.source_id == b.source_id and a.origin == b.origin:
                    continue        # one voice in one report: parts, not rival counts
                if disjoint((a.lo, a.hi), (b.lo, b.hi)):
                    out.append(Conflict(a=a.claim_id, b=b.claim_id, scope=scope,
                                        reason=f"{_describe(a)} cannot hold with {_describe(b)}"))
    return out


def _preference_key(c: Claim, prefs: Preferences) -> tuple:
    tier = prefs.tier(c.kind, c.speaker, c.official)
    width = c.hi - c.lo
    pub = c.published.toordinal() if c.published else 0
    # a stated count beats a vague amount whoever says it ("dozens of drones" against the
    # president's "about 90"): a headline is a number an analyst can quote (issue 13)
    vague = c.qualifier == "vague"
    if prefs.kinds[c.kind].order == "latest":
        return (vague, tier, -pub, -c.point, width, c.claim_id)
    # a total is never smaller than its parts: among equals, the larger count
    return (vague, tier, width, -pub, -c.point, c.claim_id)


def estimate_scope(group: Sequence[Claim], conflicts: Sequence[Conflict],
                   prefs: Preferences) -> Estimate:
    """The consolidated estimate of one scope's claims (all of one scope)."""
    kind, place_key, weapon_key = group[0].scope
    current = [c for c in group if c.current] or list(group)
    chosen = min(current, key=lambda c: _preference_key(c, prefs))
    ids = {c.claim_id for c in current}
    mine = [x for x in conflicts if x.a in ids and x.b in ids]
    against_chosen = {x.a if x.b == chosen.claim_id else x.b for x in mine
                      if chosen.claim_id in (x.a, x.b)}
    bounds = (chosen.lo, chosen.hi)
    for c in current:
        if c is chosen or c.claim_id in against_chosen:
            continue
        narrowed = intersect(bounds, (c.lo, c.hi))
        if narrowed is not None:
            bounds = narrowed
    g, sources = grading.grade(current, chosen.value if chosen.value is not None
                               else chosen.point, bool(mine))
    contested_values = None
    if mine:
        involved = [c for c in current if any(c.claim_id in (x.a, x.b) for x in mine)]
        pts = [c.point for c in involved]
        contested_values = (min(pts), max(pts))
    basis = f"{chosen.speaker or 'report ' + chosen.report_id} ({chosen.qualifier})"
    return Estimate(kind=kind, value=chosen.value, low=as_bound(bounds[0]),
                    high=as_bound(bounds[1]), qualifier=chosen.qualifier, grade=g,
                    basis=basis, place=(chosen.place or place_key) if place_key else None,
                    weapon=weapon_key or None, chosen=chosen.claim_id,
                    claim_ids=[c.claim_id for c in group], sources=sources,
                    contested_values=contested_values)


def _sum(kind: str, parts: list[Estimate], basis: str) -> Estimate:
    if len(parts) == 1:
        e = parts[0]
        return Estimate(kind=kind, value=e.value, low=e.low, high=e.high,
                        qualifier=e.qualifier, grade=e.grade, basis=basis, place=e.place,
                        weapon=e.weapon, chosen=e.chosen, claim_ids=list(e.claim_ids),
                        sources=e.sources, contested_values=e.contested_values)
    values = [p.value if p.value is not None else (p.low or 0) for p in parts]
    exact = all(p.qualifier == "exact" for p in parts)
    lows = sum(p.low or 0 for p in parts)
    highs = None if any(p.high is None for p in parts) else sum(p.high for p in parts)
    contested = None
    if any(p.contested_values for p in parts):
        lo = sum((p.contested_values or (v, v))[0] for p, v in zip(parts, values))
        hi = sum((p.contested_values or (v, v))[1] for p, v in zip(parts, values))
        contested = (lo, hi)
    return Estimate(kind=kind, value=sum(values), low=lows, high=highs,
                    qualifier="exact" if exact else "at_least",
                    grade=grading.worst([p.grade for p in parts]), basis=basis,
                    claim_ids=[i for p in parts for i in p.claim_ids],
                    sources=max(p.sources for p in parts), contested_values=contested)


def headline(kind: str, scopes: Sequence[Estimate], admin1_of: dict[str, str],
             casualty: bool = True) -> Estimate | None:
    """The incident-level estimate of one kind.

    The national figure when there is one; else the sum over weapon types of the
    national subtotals. Local figures never make a launched/downed headline ("one drone
    over Sumy" is not the night's drones launched). A casualty count without a national
    figure is the sum over oblasts of the place figures, taking the largest figure within
    one oblast (a town's toll is often part of its oblast's, so places in one oblast are
    not added up: conservative, as ACLED is).
    """
    mine = [s for s in scopes if s.kind == kind]
    if not mine:
        return None
    national = [s for s in mine if s.place is None and s.weapon is None]
    if national:
        return _sum(kind, national, "national figure: " + national[0].basis)
    by_weapon = [s for s in mine if s.place is None]
    families = [s for s in by_weapon if not (s.weapon or "").startswith("type:")]
    by_weapon = families or by_weapon      # types and families overlap: never add both
    if by_weapon:
        seen: set[str] = set()
        parts = []
        for s in sorted(by_weapon, key=lambda s: -(s.value or s.low or 0)):
            fams = set((s.weapon or "").split("+"))
            if fams & seen:
                continue            # overlapping subtotals would count twice
            seen |= fams
            parts.append(s)
        return _sum(kind, parts, f"sum of {len(parts)} weapon type(s)")
    if not casualty:
        return None
    per_oblast: dict[str, Estimate] = {}
    for s in mine:
        if s.weapon is not None and any(t.place == s.place and t.weapon is None for t in mine):
            continue
        key = admin1_of.get((s.place or "").casefold()) or (s.place or "").casefold()
        cur = per_oblast.get(key)
        if cur is None or (s.value or s.low or 0) > (cur.value or cur.low or 0):
            per_oblast[key] = s
    parts = list(per_oblast.values())
    if len(parts) == 1:
        return _sum(kind, parts, f"{parts[0].place}: {parts[0].basis}")
    return _sum(kind, parts, f"sum over {len(parts)} oblasts")


def reconcile(claims: Sequence[Claim], prefs: Preferences, admin1_of: dict[str, str]
              ) -> tuple[list[Revision], list[Conflict], list[Estimate], dict[str, Estimate]]:
    """Revisions, conflicts, per-scope estimates and per-kind headlines of one incident."""
    revisions = find_revisions(claims, prefs)
    conflicts = find_conflicts(claims)
    by_scope: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_scope[c.scope].append(c)
    scopes = [estimate_scope(g, conflicts, prefs) for _, g in sorted(by_scope.items())]
    estimates: dict[str, Estimate] = {}
    for kind in dict.fromkeys(s.kind for s in scopes):
        h = headline(kind, scopes, admin1_of, kind in prefs.casualty_kinds)
        if h is not None:
            estimates[kind] = h
    return revisions, conflicts, scopes, estimates


def reconcile_scope(group: Sequence[Claim], prefs: Preferences
                    ) -> tuple[list[Revision], list[Conflict], Estimate]:
    """Revisions, conflicts and the estimate of one scope's claims (in incident order),
    from scratch: what ``reconcile`` finds for that scope (the store's incremental path
    recomputes only the scopes a new report touches)."""
    for c in group:
        c.superseded_by = None
    revisions = find_revisions(group, prefs)
    conflicts = find_conflicts(group)
    return revisions, conflicts, estimate_scope(group, conflicts, prefs)


__all__ = ["reconcile_scope", "scope_of", "is_national", "revision_reason", "find_revisions", "find_conflicts",
           "estimate_scope", "headline", "reconcile", "INF"]
