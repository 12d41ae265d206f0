"""Helpers for the many-writers test: invented reports of a few nights, built the same
way in every worker process from their index."""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

_INCIDENTS = Path(__file__).parent.parent / "incidents"
if str(_INCIDENTS) not in sys.path:
    sys.path.insert(0, str(_INCIDENTS))

from incident_builders import fig, pair, place  # noqa: E402

CITIES = [("Kyiv", "Kyiv City"), ("Kharkiv", "Kharkiv Oblast"), ("Odesa", "Odesa Oblast")]


def report(i: int):
    """Report number ``i``: every 5th is a near-copy of the one before it."""
    night = i // 12
    day = dt.date(2025, 3, 1) + dt.timedelta(days=night)
    city, admin1 = CITIES[i % 3]
    base = i - 1 if i % 5 == 4 else i
    n = 10 + base % 7
    text = (f"Russia launched {100 + night} drones overnight, officials said; in {city} "
            f"{n} people were killed, the governor said in statement {base} of the night "
            f"of {day}, with more details on damage to homes and power lines to follow.")
    if base != i:
        text = f"date {day}\n{text} (republished)"
    published = day + dt.timedelta(days=i % 2)
    return pair(f"r{i}", text, day.isoformat(), published.isoformat(), figures=[
        fig(text, f"{100 + night} drones", "drones_launched", 100 + night),
        fig(text, f"{n} people were killed", "killed", n, place=city,
            speaker="Governor " + admin1)],
        places=[place(text, city, admin1, 50.0, 30.0)],
        speakers=[("Governor " + admin1, "governor")])


def worker(url: str, indices: list[int], seed: int) -> int:
    """Add the reports ``indices`` in random batches; return how many this one added."""
    from strikeledger.store import open_store
    rng = random.Random(seed)
    added = 0
    with open_store(url) as store:
        k = 0
        while k < len(indices):
            size = rng.randint(1, 7)
            added += store.add_many([report(i) for i in indices[k:k + size]]).added
            k += size
    return added
