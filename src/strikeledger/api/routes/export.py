"""Exports: the store's incidents as a file, written by ``strikeledger.export.export``."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from strikeledger.api import errors
from strikeledger.api.routes import service
from strikeledger.api.routes.params import AsOf, DateFrom, DateTo, Oblast, as_of
from strikeledger.api.service import Service
from strikeledger.errors import InputError
from strikeledger.export import DEFAULT_NAMES, FORMATS, TABLE_NAMES, export as write

router = APIRouter(tags=["export"])
MEDIA = {"csv": "text/csv", "acled": "text/csv", "jsonl": "application/x-ndjson",
         "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export/{fmt}")
def export(svc: Annotated[Service, Depends(service)],
           fmt: Annotated[str, Path(max_length=20, description="csv, jsonl, parquet, "
                                    "geojson or acled")],
           table: Annotated[str, Query(max_length=40, description="for csv, jsonl and "
                                       "parquet: incidents, claims, places or damage")]
           = "incidents",
           date_from: DateFrom = None, date_to: DateTo = None, oblast: Oblast = None,
           contested: bool = False, as_of_: AsOf = None):
    """The incidents as a file, read page by page from the store's incident tables."""
    if fmt not in FORMATS:
        raise errors.ApiError(404, f"no export format {fmt!r}; expected one of "
                                   + ", ".join(FORMATS))
    if fmt in DEFAULT_NAMES:
        name, tables = DEFAULT_NAMES[fmt], None
    else:
        if table not in TABLE_NAMES:
            raise InputError(f"table: expected one of {', '.join(TABLE_NAMES)}, got {table!r}")
        name, tables = f"{table}.{fmt}", [table]
    when = as_of(as_of_)
    folder = tempfile.mkdtemp(prefix="strikeledger-export-")
    try:
        with svc.use() as store:
            [path] = write(None, fmt, FilePath(folder) / name, tables=tables, store=store,
                           as_of=when, date_from=date_from, date_to=date_to, oblast=oblast,
                           contested=contested)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=MEDIA.get(fmt, "application/octet-stream"),
                        filename=f"strikeledger-{name}",
                        background=BackgroundTask(shutil.rmtree, folder, True))
