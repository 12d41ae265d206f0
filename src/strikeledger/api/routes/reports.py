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
from strikeledger.api.writes import Writes
from strikeledger.errors import QueueFullError
from strikeledger.limits import LIMITS
from strikeledger.serving import RETRY_AFTER
from strikeledger.model import Kind
from strikeledger.store.jobs import FAILED

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
                        202: {"description": "queued: not extracted within the short wait; "
                                             "GET /jobs/{job} tells how it went"},
                        401: {"description": "missing or wrong bearer token"},
                        403: {"description": "the server has no token: writes disabled"},
                        413: {"description": "body too large"},
                        422: {"description": "a report is invalid: nothing stored"},
                        429: {"description": "the write queue is full: retry after "
                                             "Retry-After seconds"}})
async def add_reports(request: Request) -> JSONResponse:
    """Ingest one report or a list of them (needs ``Authorization: Bearer``).

    The reports are queued as one job and extracted off the request path
    (``api.writes``). When the job finishes within the server's short wait the answer is
    201 (200 when every report was already stored) naming the incidents the new reports
    changed, or 422 when a report could not be extracted; otherwise 202 with the job's
    id: ``GET /jobs/{job}`` has the same answer once it is done. All or nothing: when any
    item is invalid, nothing is stored. A report whose text is already stored is skipped,
    so re-sending is harmless.
    """
    auth.check(request.headers.get("authorization"), request.app.state.write_token)
    guards.require_json(request.headers.get("content-type"))
    body = await request.body()
    queue: Writes = request.app.state.writes
    # parsing and validating a body of megabytes is off the event loop, like the rest
    reports_in = await run_in_threadpool(_reports_in, body)
    try:
        job_id = await run_in_threadpool(queue.submit, reports_in, WRITE_ORIGIN)
    except QueueFullError as exc:
        raise errors.ApiError(429, f"{exc}: retry after {RETRY_AFTER} s",
                              headers={"Retry-After": str(RETRY_AFTER)}) from None
    job = await queue.wait(job_id, request.app.state.write_wait)
    if job is None:
        return JSONResponse({"job": job_id, "state": "queued", "status": f"/jobs/{job_id}"},
                            status_code=202, headers={"Location": f"/jobs/{job_id}"})
    if job["state"] == FAILED:
        raise errors.ApiError(422, job["error"])
    result = job["result"]
    return JSONResponse({**result, "job": job_id}, status_code=201 if result["added"] else 200)


def _reports_in(body: bytes) -> list:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise errors.ApiError(400, f"body is not JSON: {exc}") from None
    items = payload if isinstance(payload, list) else [payload]
    if not items:
        raise errors.ApiError(422, "expected a report object or a non-empty list")
    if len(items) > MAX_BATCH:
        raise errors.ApiError(413, f"at most {MAX_BATCH} reports per request")
    return guards.reports_of(items, WRITE_ORIGIN)
