"""Load the extractor's vocabularies once: imported by the extraction fork server
(``isolated``), so that every child it forks has them already."""
from __future__ import annotations

from ..model import Report
from .run import safe_extract

_WARM_UP = Report(report_id="warm-up", text="Overnight Russia launched 10 drones at Kyiv.")
_done = False


def warm() -> None:
    """Extract one tiny report (vocabularies and patterns load on first use)."""
    global _done
    if not _done:
        safe_extract(_WARM_UP)
        _done = True


warm()
