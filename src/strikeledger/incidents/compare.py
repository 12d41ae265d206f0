"""Compare the store's launched/downed counts with a public reference dataset.

The reference is ``missile_attacks_daily.csv`` ("Massive Missile Attacks on Ukraine"; see
shared/data/README.md for its quirks). How it is read:

* Only the Ukrainian Air Force's national posts count (``source`` page ``kpszsu``, also as
  a ``t.me/kpszsu`` URL): regional air-command rows are separate reports that may or may
  not be inside the national totals.
* A post is split into one row per weapon type. Rows are summed per post (``source``)
  and date; the date is the ``time_end`` date (an overnight attack ends the morning the
  contract dates it by). Times are stripped of stray spaces and may have unpadded hours.
* Each row's ``model`` is a drone or a missile by the weapon list
  ``missiles_and_uavs.csv`` read from beside the daily file (``UAV`` = drones; cruise,
  ballistic and surface-to-air missiles = missiles; guided bombs are neither). A label
  missing from it is split at `` and `` and its parts looked up, then looked up in
  strikeledger's own ``data/weapons.json``; a label still unknown is left out and listed
  in ``Comparison.unmapped``.
* When several Air Force posts end on one date, their counts are added up.

Agreement: one comparison is one (date, quantity) where both sides have a number; it
agrees when ``|store − reference| ≤ tolerance × reference`` (tolerance 5% by default).
The agreement rate is agreed / compared over all dates present in both.
"""
from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from strikeledger.errors import InputError

log = logging.getLogger(__name__)

QUANTITIES = ("drones_launched", "drones_downed", "missiles_launched", "missiles_downed")
WEAPON_LIST = "missiles_and_uavs.csv"
AIR_FORCE_PAGES = ("kpszsu",)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass
class ComparisonRow:
    date: dt.date
    store: dict[str, int | None]
    reference: dict[str, int | None]
    agree: dict[str, bool | None]      # None: one side has no number
    # which claim made each store value: claim_id, report_id, speaker, sentence, basis
    claims: dict[str, dict | None] = field(default_factory=dict)


@dataclass
class Comparison:
    rows: list[ComparisonRow]
    tolerance: float
    compared: int = 0
    agreed: int = 0
    store_dates: int = 0
    reference_dates: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """Agreed / compared, or None when nothing could be compared."""
        return self.agreed / self.compared if self.compared else None


def parse_time(value: str, *, where: str = "") -> dt.date:
    """The date of a ``time_end`` value: ``YYYY-MM-DD[ H:MM]``, stray spaces allowed."""
    m = _DATE.match((value or "").strip())
    if not m:
        raise InputError(f"expected a date YYYY-MM-DD[ HH:MM], got {value!r}", path=where or None)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_count(value: str | None) -> int | None:
    """A count written as a float ("93.0"), empty or NaN -> None."""
    if value is None:
        return None
    s = value.strip()
    if not s or s.lower() == "nan":
        return None
    try:
        x = float(s)
    except ValueError:
        try:
            x = float(ast.literal_eval(s))
        except (ValueError, SyntaxError, TypeError):
            return None
    return None if math.isnan(x) else int(round(x))


def _category_of_csv(label: str) -> str | None:
    c = label.strip().casefold()
    if c == "uav":
        return "drones"
    if "missile" in c or "surface-to-air" in c:
        return "missiles"
    return None


def weapon_categories(daily_csv: Path) -> dict[str, str | None]:
    """model label -> "drones" / "missiles" / None, from the weapon list beside the file."""
    table: dict[str, str | None] = {}
    path = daily_csv.parent / WEAPON_LIST
    if path.exists():
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("model"):
                    table[row["model"].strip()] = _category_of_csv(row.get("category") or "")
    return table


@lru_cache(maxsize=1)
def packaged_categories() -> dict[str, str | None]:
    """Weapon name or variant (casefolded) -> "drones" / "missiles" / None, from the
    packaged weapon list."""
    try:
        path = resources.files("strikeledger") / "data" / "weapons.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, str | None] = {}
    for w in raw.get("weapons", []):
        cat = {"drone": "drones", "missile": "missiles"}.get(w.get("category"))
        for name in [w.get("canonical"), *w.get("variants", [])]:
            if name:
                out.setdefault(name.casefold(), cat)
    return out


def categorise(model: str, table: dict[str, str | None],
               packaged: dict[str, str | None]) -> tuple[bool, str | None]:
    """(known, category) of a model label; category None = counted as neither."""
    model = model.strip()
    if model in table:
        return True, table[model]
    if model.casefold() in packaged:
        return True, packaged[model.casefold()]
    parts = [p.strip() for p in model.split(" and ")]
    if len(parts) > 1:
        cats = set()
        for p in parts:
            known, cat = categorise(p, table, packaged)
            if not known:
                return False, None
            cats.add(cat)
        if len(cats) == 1:
            return True, cats.pop()
    return False, None


def _is_air_force(source: str) -> bool:
    s = source.strip().casefold()
    return any(s.startswith(p + "/") or f"t.me/{p}/" in s for p in AIR_FORCE_PAGES)


def read_reference(csv_path: str | Path) -> tuple[dict[dt.date, dict[str, int]], dict[str, int]]:
    """Per time_end date, the Air Force's summed counts; and the unmapped labels seen."""
    path = Path(csv_path)
    if not path.exists():
        raise InputError("no such file", path=str(path))
    table = weapon_categories(path)
    packaged = packaged_categories()
    if not table and not packaged:
        raise InputError(f"no weapon list: neither {WEAPON_LIST} beside the file nor "
                         "strikeledger's data/weapons.json", path=str(path))
    posts: dict[tuple[str, dt.date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unmapped: dict[str, int] = defaultdict(int)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"time_end", "model", "launched", "destroyed", "source"} - \
                set(reader.fieldnames or [])
            if missing:
                raise InputError(f"not a missile_attacks_daily file: missing column(s) "
                                 f"{', '.join(sorted(missing))}", path=str(path))
            for line, row in enumerate(reader, start=2):
                if not _is_air_force(row.get("source") or ""):
                    continue
                day = parse_time(row["time_end"], where=f"{path}:{line}")
                known, cat = categorise(row.get("model") or "", table, packaged)
                if not known:
                    unmapped[(row.get("model") or "").strip()] += 1
                    continue
                if cat is None:
                    continue
                counts = posts[(row["source"].strip(), day)]
                launched, destroyed = parse_count(row.get("launched")), \
                    parse_count(row.get("destroyed"))
                if launched is not None:
                    counts[f"{cat}_launched"] += launched
                if destroyed is not None:
                    counts[f"{cat}_downed"] += destroyed
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: {exc}", path=str(path)) from exc
    except csv.Error as exc:
        raise InputError(f"not a CSV file: {exc}", path=str(path)) from exc
    per_day: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for (_, day), counts in posts.items():
        for q, n in counts.items():
            per_day[day][q] = per_day[day].get(q, 0) + n
    for label, n in unmapped.items():
        log.info("reference: model %r (%d row(s)) is in no weapon list: left out", label, n)
    return dict(per_day), dict(unmapped)


def _count(value: int | None, low: int | None, qualifier: str | None) -> int | None:
    """An estimate's count: its value, else its floor; a vague headline ("dozens of
    drones") states no count, so its floor is not one (issue 13)."""
    if qualifier == "vague":
        return None
    return value if value is not None else low


def _value(e) -> int | None:
    return _count(e["value"], e["low"], e.get("qualifier"))


def _from_store(store) -> dict[dt.date, tuple[dict, dict]]:
    """date -> (values, claims) from the store's incident tables, page by page."""
    out: dict[dt.date, tuple[dict, dict]] = {}
    offset = 0
    while True:
        page = store.incidents(limit=500, offset=offset)["items"]
        chosen = {}
        for inc in page:
            if inc["date"] is None or inc["date_precision"] not in (None, "day"):
                continue
            values = {q: _value(inc["estimates"][q]) if q in inc["estimates"] else None
                      for q in QUANTITIES}
            if any(v is not None for v in values.values()):
                claims = {q: {"claim_id": e["chosen"], "basis": e["basis"]}
                          for q, e in inc["estimates"].items() if q in QUANTITIES}
                out[inc["date"]] = (values, claims)
                for q, c in claims.items():
                    if c["claim_id"]:
                        chosen[(inc["incident_id"], c["claim_id"])] = c
        for row in store.claims_by_id(sorted({cid for _, cid in chosen})):
            c = chosen.get((row["incident_id"], row["claim_id"]))
            if c is not None:
                c.update(report_id=row["report_id"], speaker=row["speaker"],
                         sentence=row["sentence"] or row["evidence_text"])
        offset += len(page)
        if len(page) < 500:
            return out


def _from_incidents(items: list) -> dict[dt.date, tuple[dict, dict]]:
    from strikeledger.incidents.build import build_incidents
    from strikeledger.incidents.types import Incident
    if not (items and all(isinstance(i, Incident) for i in items)):
        items = build_incidents(items)
    out: dict[dt.date, tuple[dict, dict]] = {}
    for inc in items:
        if inc.date is None or inc.date_precision not in (None, "day"):
            continue
        values = {q: _count(inc.estimates[q].value, inc.estimates[q].low,
                         inc.estimates[q].qualifier) if q in inc.estimates else None
                  for q in QUANTITIES}
        if not any(v is not None for v in values.values()):
            continue
        claims: dict[str, dict | None] = {}
        for q, e in inc.estimates.items():
            if q not in QUANTITIES:
                continue
            made = {"claim_id": e.chosen, "basis": e.basis}
            if e.chosen:
                c = inc.claim(e.chosen)
                made.update(report_id=c.report_id, speaker=c.speaker,
                            sentence=c.evidence.sentence or c.evidence.text)
            claims[q] = made
        out[inc.date] = (values, claims)
    return out


def compare_reference(store_or_incidents: object, csv_path: str | Path,
                      tolerance: float = 0.05) -> Comparison:
    """The store's launched/downed per attack date against the reference file.

    ``store_or_incidents`` is a Store (its incident tables are read, page by page), a
    list of Incidents, or Records / (Report, Record) pairs. Only dates present in both are
    compared (see the module doc for the rules). Each row names, per quantity, the claim
    that made the store's value (``ComparisonRow.claims``).
    """
    if tolerance < 0:
        raise InputError(f"tolerance: expected a number >= 0, got {tolerance!r}")
    reference, unmapped = read_reference(csv_path)
    if callable(getattr(store_or_incidents, "incidents", None)):
        found = _from_store(store_or_incidents)
    else:
        found = _from_incidents(list(store_or_incidents))  # type: ignore[call-overload]
    store = {day: values for day, (values, _) in found.items()}
    result = Comparison(rows=[], tolerance=tolerance, store_dates=len(store),
                        reference_dates=len(reference), unmapped=unmapped)
    for day in sorted(set(store) & set(reference)):
        ref = {q: reference[day].get(q) for q in QUANTITIES}
        agree: dict[str, bool | None] = {}
        for q in QUANTITIES:
            s, r = store[day][q], ref[q]
            if s is None or r is None:
                agree[q] = None
                continue
            agree[q] = abs(s - r) <= tolerance * r
            result.compared += 1
            result.agreed += agree[q]
        result.rows.append(ComparisonRow(day, store[day], ref, agree, found[day][1]))
    return result


__all__ = ["Comparison", "ComparisonRow", "compare_reference", "read_reference",
           "parse_time", "parse_count", "categorise", "QUANTITIES"]
