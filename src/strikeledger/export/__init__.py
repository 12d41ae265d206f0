"""Exports of incidents: CSV, JSONL, Parquet tables, GeoJSON and ACLED-style CSV.

    >>> from strikeledger.export import export
    >>> export(incidents, "parquet", "out/")       # doctest: +SKIP

Every file is written atomically (a temporary file in the same folder, then renamed)
with the usual mode (0644 under umask 022; a replaced file keeps its mode). An export
never replaces a file it did not write: the folder's manifest (``manifest.py``) says
which files are its own, and anything else is refused unless ``force=True``. Missing
folders are created.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from strikeledger.errors import InputError, OverwriteRefused
from strikeledger.export.acled import acled_rows, write_acled
from strikeledger.export.bundles import bundle
from strikeledger.export.formats import READERS, WRITERS
from strikeledger.export.geojson import feature_collection, write_geojson
from strikeledger.export.manifest import MANIFEST, Manifest, folder_lock
from strikeledger.export.tables import SCHEMAS, TABLE_NAMES, table_rows
from strikeledger.incidents.types import Incident

FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled")
DEFAULT_NAMES = {"geojson": "incidents.geojson", "acled": "acled.csv"}
DEFAULT_FOLDER = "strikeledger-export"

__all__ = ["export", "read_table", "FORMATS", "TABLE_NAMES", "SCHEMAS", "MANIFEST",
           "table_rows", "feature_collection", "acled_rows"]


def _names_a_folder(path: str | Path) -> bool:
    """An existing folder, or a name ending in a path separator."""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def targets(fmt: str, path: str | Path | None,
            tables: Sequence[str] | None = None) -> list[tuple[str | None, Path]]:
    """The (table, file) pairs ``export`` would write; raises InputError for a path that
    cannot take them (several tables and a file name)."""
    if fmt in DEFAULT_NAMES:  # one file: geojson, acled
        if path is None:
            return [(None, Path(DEFAULT_NAMES[fmt]))]
        if _names_a_folder(path):
            return [(None, Path(path) / DEFAULT_NAMES[fmt])]
        return [(None, Path(path))]
    names = list(tables or TABLE_NAMES)
    bad = [t for t in names if t not in SCHEMAS]
    if bad:
        raise InputError(f"table: expected some of {', '.join(TABLE_NAMES)}, got "
                         f"{', '.join(map(repr, bad))}")
    if path is None or _names_a_folder(path):
        folder = Path(path or DEFAULT_FOLDER)
    elif len(names) == 1:
        return [(names[0], Path(path))]
    else:
        folder = Path(path)
        what = (f"{fmt} writes {len(names)} tables ({', '.join(names)}), one file each, "
                "so it needs a folder")
        if folder.exists():
            raise InputError(f"{what}, and this is a file; give a folder, or one table "
                             "(--table) to write it to a file", path=str(folder))
        if folder.suffix:
            raise InputError(f"{what}, and this looks like a file name; give a folder "
                             "(end the name with / to use it as one), or one table "
                             "(--table) to write it to a file", path=str(folder))
    return [(t, folder / f"{t}.{fmt}") for t in names]


def export(incidents: Sequence[Incident] | None, fmt: str, path: str | Path | None = None,
           tables: Sequence[str] | None = None, *, force: bool = False, store=None,
           as_of=None, **filters) -> list[Path]:
    """Write incidents in ``fmt``; return the files written.

    The incidents are ``incidents`` (in memory) or, with ``store``, the store's own
    incident tables read page by page (``as_of``: as they stood then; ``filters``:
    ``date_from``, ``date_to``, ``oblast``, ``contested`` as for listing incidents).

    For csv/jsonl/parquet, ``path`` is a folder (default ``strikeledger-export``) that
    gets one file per table (``incidents``, ``claims``, ``places``, ``damage``, or those
    in ``tables``); with one table, a ``path`` that is not a folder (nor ends in ``/``)
    is that table's file, whatever its suffix. For geojson and acled, ``path`` is the
    file (default ``incidents.geojson`` / ``acled.csv``; in a folder when it names one).
    Missing folders are created.

    An existing file is replaced only when an earlier export wrote it and it has not
    been changed since (the folder's manifest says so); otherwise OverwriteRefused is
    raised before anything is written, unless ``force``.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if store is not None:
        from strikeledger.store import queries

        def rows(table: str):
            return queries.table_rows(store, table, as_of=as_of, **filters)

        def bundles():
            return queries.bundles(store, as_of=as_of, **filters)
    else:
        incidents = list(incidents or ())

        def rows(table: str):
            return table_rows(table, incidents)

        def bundles():
            return (bundle(i) for i in incidents)
    jobs = targets(fmt, path, tables)
    folder = jobs[0][1].parent
    if folder.exists() and not folder.is_dir():
        raise InputError("cannot write into it: a file has this name", path=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        manifest = Manifest(folder)
        if not force:
            _refuse_foreign(manifest, [p for _, p in jobs])
        written = []
        for table, target in jobs:
            claim = functools.partial(manifest.claim, target.name)
            if table is None:
                write = write_geojson if fmt == "geojson" else write_acled
                written.append(write(bundles(), target, before_replace=claim))
            else:
                written.append(WRITERS[fmt](rows(table), SCHEMAS[table], target,
                                            before_replace=claim))
        manifest.settle()
    return written


def _refuse_foreign(manifest: Manifest, paths: list[Path]) -> None:
    foreign = [p for p in paths if p.exists() and not p.is_dir() and not manifest.owns(p)]
    if foreign:
        others = f" (and {', '.join(map(str, foreign[1:]))})" if foreign[1:] else ""
        raise OverwriteRefused(
            f"exists and was not written by strikeledger export, or was changed since"
            f"{others}; not overwritten (--force, or force=True, replaces it)",
            path=str(foreign[0]))


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
