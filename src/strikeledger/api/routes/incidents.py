"""Incidents: the listing, one incident, its change log, and what changed since a cursor."""
from __future__ import annotations

import asyncio
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from strikeledger.api import paging, views
from strikeledger.api.routes import service
from strikeledger.api.routes.params import (KEY_LENGTH, AsOf, DateFrom, DateTo, Grade,
                                            Oblast, as_of)
from strikeledger.api.service import Service
from strikeledger.model import Kind

router = APIRouter(tags=["incidents"])
IncidentId = Annotated[str, Path(max_length=KEY_LENGTH + 8, description="an incident id (the attack "
                                 "date, e.g. 2025-05-11, or undated-<report id>) or a "
                                 "report id it holds")]


@router.get("/incidents")
def incidents(svc: Annotated[Service, Depends(service)], date_from: DateFrom = None,
              date_to: DateTo = None, oblast: Oblast = None, kind: Kind | None = None,
              grade: Grade | None = None, contested: bool = False,
              limit: paging.Limit = 100, offset: paging.Offset = 0,
              as_of_: AsOf = None) -> dict:
    """Incidents (one per attack), oldest first, with their headline estimates."""
    found = svc.incidents(date_from=date_from, date_to=date_to, oblast=oblast,
                          kind=kind.value if kind else None,
                          grade=grade.value if grade else None, contested=contested,
                          limit=limit, offset=offset, as_of=as_of(as_of_))
    items = [views.incident_summary(i) for i in found["items"]]
    return jsonable_encoder(paging.page(items, limit, offset, found["total"]))


@router.get("/incidents/{incident_id}")
def incident(svc: Annotated[Service, Depends(service)], incident_id: IncidentId,
             as_of_: AsOf = None,
             claims_limit: Annotated[int | None, Query(ge=1, le=paging.MAX_PAGE)] = None,
             claims_offset: Annotated[int, Query(ge=0, le=paging.MAX_OFFSET)] = 0) -> dict:
    """One incident: claims with their source sentences (``claims_limit``/``claims_offset``
    page them; ``claim_total`` counts them), conflicts, revisions, grades, places and
    damage."""
    with svc.use() as store:
        row = store.incident(incident_id, as_of=as_of(as_of_), claims_limit=claims_limit,
                             claims_offset=claims_offset)
    return jsonable_encoder(views.incident_detail(row))


@router.get("/incidents/{incident_id}/history")
def history(svc: Annotated[Service, Depends(service)], incident_id: IncidentId) -> dict:
    """Every change of the incident's headline estimates, intervals and grades, oldest
    first: when, the figure kind, old -> new, and the report that caused it."""
    with svc.use() as store:
        rows = store.incident_history(incident_id)
    return jsonable_encoder({"incident_id": rows[0]["incident_id"] if rows else incident_id,
                             "items": [views.change(c) for c in rows]})


After = Annotated[int, Query(ge=0, description="the cursor: the last change seen (its seq)")]


@router.get("/changes")
def changes(svc: Annotated[Service, Depends(service)], after: After = 0,
            limit: paging.Limit = 500) -> dict:
    """Changes of any incident after the cursor, oldest first, and the next cursor: poll
    this to see new incidents and changed figures."""
    with svc.use() as store:
        found = store.changes(after=after, limit=limit)
    return jsonable_encoder({"cursor": found["cursor"],
                             "items": [views.change(c) for c in found["items"]]})


@router.get("/changes/stream", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
async def stream(request: Request, svc: Annotated[Service, Depends(service)],
                 after: After = 0,
                 seconds: Annotated[float, Query(gt=0, le=3600, description="close after "
                                                 "this long (clients reconnect)")] = 300,
                 every: Annotated[float, Query(ge=0.2, le=60)] = 1.0) -> StreamingResponse:
    """Server-Sent Events: one ``change`` event per change after the cursor (``id`` is
    its seq, so a reconnecting client resumes with ``Last-Event-ID``), polled every
    ``every`` seconds for ``seconds``."""
    last = request.headers.get("last-event-id")
    cursor = int(last) if last and last.isdigit() else after

    def read(c: int) -> dict:
        with svc.use() as store:
            return store.changes(after=c, limit=500)

    async def events():
        nonlocal cursor
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        yield "retry: 2000\n\n"
        while loop.time() < end and not await request.is_disconnected():
            found = await run_in_threadpool(read, cursor)
            for c in found["items"]:
                data = json.dumps(jsonable_encoder(views.change(c)))
                yield f"id: {c['seq']}\nevent: change\ndata: {data}\n\n"
            cursor = found["cursor"]
            if not found["items"]:
                await asyncio.sleep(every)
    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})
