"""Reports -> incidents: one per attack, every claim kept, conflicts shown, graded.

    >>> from strikeledger.incidents import build_incidents
    >>> incidents = build_incidents(store.records())        # doctest: +SKIP

See docs/incidents.md for the rules (duplicates, grouping, revisions, conflicts, grades).
"""
from __future__ import annotations

from strikeledger.incidents.build import build_incidents
from strikeledger.incidents.compare import Comparison, ComparisonRow, compare_reference
from strikeledger.incidents.query import filter_incidents, get_incident
from strikeledger.incidents.types import (Claim, Conflict, Estimate, EvidenceRef, Incident,
                                          IncidentDamage, IncidentPlace, Revision, SourceGroup)

__all__ = ["build_incidents", "filter_incidents", "get_incident", "compare_reference",
           "Comparison", "ComparisonRow", "Claim", "Conflict", "Estimate", "EvidenceRef",
           "Incident", "IncidentDamage", "IncidentPlace", "Revision", "SourceGroup"]
