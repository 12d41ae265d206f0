"""Reports: the listing, one report, figures, search, and writes (``POST /reports``)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from strikeledger.api import auth, errors, guards, paging
from strikeledger.api.routes import service
from strikeledger.api.routes.params import KEY_LENGTH, DateFrom, DateTo, Oblast
from strikeledger.api.service import Service
from strikeledger.errors import InputError
from strikeledger.ingest.run import safe_extract
from strikeledger.limits import LIMITS
from strikeledger.model import Kind, text_hash
from strikeledger.store import uid_of

router = APIRouter()
MAX_BATCH = 1000
WRITE_ORIGIN = "POST /reports"


class ReportIn(BaseModel):
    """One report to ingest (the fields of a JSONL input line)."""

    id: str | None = Field(None, max_length=LIMITS["id"],
                           description="report id; default: the first 16 hex digits of the "
                                       "SHA-256 of the text")
    text: str = Field(..., max_length=LIMITS["text"], description="the report text")
    published: dt.date | None = Field(None, description="publication date YYYY-MM-DD")
    url: str | None = Field(None, max_length=LIMITS["url"])
    publisher: str | None = Field(None, max_length=LIMITS["publisher"])


WRITE_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "oneOf": [{"$ref": "#/components/schemas/ReportIn"},
                  {"type": "array", "items": {"$ref": "#/components/schemas/ReportIn"},
                   "maxItems": MAX_BATCH}]}}},
}


@router.get("/reports", tags=["reports"])
def reports(svc: Annotated[Service, Depends(service)], date_from: DateFrom = None,
            date_to: DateTo = None, limit: paging.Limit = 100,
            offset: paging.Offset = 0) -> dict:
    """Report summaries (no text), newest attack first."""
    with svc.use() as store:
        rows = store.reports(limit=paging.probe(limit), offset=offset, date_from=date_from,
                             date_to=date_to)
    return jsonable_encoder(paging.page(rows, limit, offset))


@router.get("/reports/{key}", tags=["reports"])
def report(svc: Annotated[Service, Depends(service)],
           key: Annotated[str, Path(max_length=KEY_LENGTH,
                                    description="uid, content hash or report id")]) -> dict:
    """One report with its text and extracted record."""
    with svc.use() as store:
        row = store.get_report(key)
    if row is None:
        raise errors.ApiError(404, f"no report {key!r}")
    return jsonable_encoder(row)


@router.get("/figures", tags=["figures"])
def figures(svc: Annotated[Service, Depends(service)], date_from: DateFrom = None,
            date_to: DateTo = None, kind: Kind | None = None, oblast: Oblast = None,
            limit: paging.Limit = 100, offset: paging.Offset = 0) -> dict:
    """Every stored figure with its evidence, oldest attack first."""
    with svc.use() as store:
        rows = store.figures(date_from=date_from, date_to=date_to,
                             kind=kind.value if kind else None, oblast=oblast,
                             limit=paging.probe(limit), offset=offset)
    return jsonable_encoder(paging.page(rows, limit, offset))


@router.get("/search", tags=["reports"])
def search(svc: Annotated[Service, Depends(service)],
           q: Annotated[str, Query(min_length=1, max_length=500,
                                   description="words that must all occur")],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict:
    """Reports whose text matches ``q``, each with a snippet."""
    with svc.use() as store:
        rows = store.search(q, limit=limit)
    return jsonable_encoder({"q": q, "items": rows})


@router.post("/reports", tags=["reports"], status_code=201,
             openapi_extra={"requestBody": WRITE_BODY},
             responses={200: {"description": "every report was already stored"},
                        401: {"description": "missing or wrong bearer token"},
                        403: {"description": "the server has no token: writes disabled"},
                        413: {"description": "body too large"},
                        422: {"description": "a report is invalid: nothing stored"}})
async def add_reports(request: Request, svc: Annotated[Service, Depends(service)]
                      ) -> JSONResponse:
    """Ingest one report or a list of them (needs ``Authorization: Bearer``).

    All or nothing: when any item is invalid, nothing is stored (422). A report whose
    text is already stored is skipped, so re-sending is harmless. The answer names the
    incidents the new reports changed.
    """
    auth.check(request.headers.get("authorization"), request.app.state.write_token)
    guards.require_json(request.headers.get("content-type"))
    body = await request.body()
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise errors.ApiError(400, f"body is not JSON: {exc}") from None
    items = payload if isinstance(payload, list) else [payload]
    if not items:
        raise errors.ApiError(422, "expected a report object or a non-empty list")
    if len(items) > MAX_BATCH:
        raise errors.ApiError(413, f"at most {MAX_BATCH} reports per request")
    return await run_in_threadpool(_ingest, svc, items)


def _ingest(svc: Service, items: list) -> JSONResponse:
    problems, pairs = [], []
    reports_in = guards.reports_of(items, WRITE_ORIGIN)
    for rep in reports_in:
        rec = safe_extract(rep)
        if isinstance(rec, InputError):
            problems.append(f"report {rep.report_id!r}: {rec.message}")
        else:
            pairs.append((rep, rec))
    if problems:
        raise errors.ApiError(422, "nothing stored: " + "; ".join(problems[:20]))
    with svc.use() as store:
        result = store.add_many(pairs)
    body = {"added": result.added, "skipped": result.skipped,
            "incidents": list(result.incidents),
            "reports": [{"report_id": r.report_id, "uid": uid_of(text_hash(r.text))}
                        for r, _ in pairs]}
    return JSONResponse(body, status_code=201 if result.added else 200)
