"""Exports of incidents: CSV, JSONL, Parquet tables, GeoJSON and ACLED-style CSV.

    >>> from strikeledger.export import export
    >>> export(incidents, "parquet", "out/")       # doctest: +SKIP

Every file is written atomically (a temporary file in the same folder, then renamed).
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from strikeledger.errors import InputError
from strikeledger.export.acled import acled_rows, write_acled
from strikeledger.export.formats import READERS, WRITERS
from strikeledger.export.geojson import feature_collection, write_geojson
from strikeledger.export.tables import SCHEMAS, TABLE_NAMES, table_rows
from strikeledger.incidents.types import Incident

FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled")
DEFAULT_NAMES = {"geojson": "incidents.geojson", "acled": "acled.csv"}

__all__ = ["export", "read_table", "FORMATS", "TABLE_NAMES", "SCHEMAS", "table_rows",
           "feature_collection", "acled_rows"]


def export(incidents: Sequence[Incident], fmt: str, path: str | Path | None = None,
           tables: Sequence[str] | None = None) -> list[Path]:
    """Write incidents in ``fmt``; return the files written.

    For csv/jsonl/parquet, ``path`` is a folder (default ``strikeledger-export``, created
    if missing) that gets one file per table (``incidents``, ``claims``, ``places``,
    ``damage``, or those in ``tables``); with one table and a path that is not a folder,
    ``path`` is that table's file. For geojson and acled, ``path`` is the file (default
    ``incidents.geojson`` / ``acled.csv``).
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    incidents = list(incidents)
    if fmt == "geojson":
        return [write_geojson(incidents, Path(path or DEFAULT_NAMES[fmt]))]
    if fmt == "acled":
        return [write_acled(incidents, Path(path or DEFAULT_NAMES[fmt]))]
    names = list(tables or TABLE_NAMES)
    bad = [t for t in names if t not in SCHEMAS]
    if bad:
        raise InputError(f"table: expected some of {', '.join(TABLE_NAMES)}, got "
                         f"{', '.join(map(repr, bad))}")
    target = Path(path or "strikeledger-export")
    if len(names) == 1 and path is not None and not target.is_dir() \
            and target.suffix.lower() == f".{fmt}":
        return [WRITERS[fmt](table_rows(names[0], incidents), SCHEMAS[names[0]], target)]
    if target.exists() and not target.is_dir():
        raise InputError("expected a folder for several tables, found a file",
                         path=str(target))
    target.mkdir(parents=True, exist_ok=True)
    return [WRITERS[fmt](table_rows(t, incidents), SCHEMAS[t], target / f"{t}.{fmt}")
            for t in names]


def read_table(path: str | Path, table: str, fmt: str | None = None) -> list[dict]:
    """Read back an exported table (typed as written)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in READERS:
        raise InputError(f"format: expected one of {', '.join(READERS)}, got {fmt!r}",
                         path=str(path))
    if table not in SCHEMAS:
        raise InputError(f"table: expected one of {', '.join(TABLE_NAMES)}, got {table!r}")
    return READERS[fmt](path, SCHEMAS[table])
