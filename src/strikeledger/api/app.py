"""The HTTP API and the dashboard: a thin shell over the library.

    from strikeledger.api import create_app
    app = create_app("reports.duckdb", token="a-long-secret-token")   # then: uvicorn

Every endpoint parses its parameters, calls the same library functions a Python user
would (``Store`` reads, ``build_incidents``/``filter_incidents``/``get_incident``, the
readers and ``safe_extract`` for writes, the exporters) and shapes the answer
(``views``). Errors become one JSON shape in ``errors``; the write token is ``auth``'s.
docs/api.md describes every endpoint.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import tempfile
from contextlib import asynccontextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from strikeledger.api import auth, errors, views
from strikeledger.api.service import Service
from strikeledger.errors import InputError
from strikeledger.export import FORMATS
from strikeledger.incidents import filter_incidents, get_incident
from strikeledger.incidents.grade import GRADES
from strikeledger.ingest.readers import report_from_object
from strikeledger.ingest.run import safe_extract
from strikeledger.model import Kind, text_hash
from strikeledger.store import uid_of

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
MAX_BATCH = 1000
MAX_PAGE = 2000
MAX_OFFSET = 1_000_000
WRITE_ORIGIN = "POST /reports"

# Scripts and styles from this server only: report text that reached the page as markup
# could still not run. /docs (Swagger UI's inline bootstrap script) is exempt.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

Grade = Enum("Grade", {g: g for g in GRADES}, type=str)  # type: ignore[misc]

DateFrom = Annotated[dt.date | None, Query(description="attack date from (inclusive), "
                                                       "YYYY-MM-DD")]
DateTo = Annotated[dt.date | None, Query(description="attack date to (inclusive), YYYY-MM-DD")]
Oblast = Annotated[str | None, Query(max_length=100, description="part of an oblast (admin1) "
                                     "name, case-insensitive, e.g. 'kharkiv'")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")]


class ReportIn(BaseModel):
    """One report to ingest (the fields of a JSONL input line)."""

    id: str | None = Field(None, description="report id; default: the first 16 hex digits "
                                             "of the SHA-256 of the text")
    text: str = Field(..., description="the report text")
    published: dt.date | None = Field(None, description="publication date YYYY-MM-DD")
    url: str | None = None
    publisher: str | None = None


_WRITE_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "oneOf": [{"$ref": "#/components/schemas/ReportIn"},
                  {"type": "array", "items": {"$ref": "#/components/schemas/ReportIn"},
                   "maxItems": MAX_BATCH}]}}},
}


class SecurityHeaders:
    """Add nosniff, no-referrer and (except on /docs) the CSP to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        if scope.get("path") != "/docs":
            extra.append((b"content-security-policy", CSP.encode()))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in extra if h[0] not in names)]
            await send(message)
        await self.app(scope, receive, with_headers)


def _page(items: list, limit: int, offset: int) -> dict:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


_MEDIA = {"csv": "text/csv", "acled": "text/csv", "jsonl": "application/x-ndjson",
          "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


def create_app(db: str | None = None, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The API and dashboard over the store at ``db`` (see ``open_store``).

    ``token`` is the bearer token writes need (default: ``STRIKELEDGER_TOKEN`` or the
    file named by ``STRIKELEDGER_TOKEN_FILE``; none means read-only). ``max_body`` is
    the largest request body accepted, in bytes.
    """
    write_token = auth.resolve_token(token)
    service = Service(db)
    service.open()          # a store that cannot be opened fails here, not at first request

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service.open()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(title="strikeledger", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="Reports of air attacks on Ukraine as a source-traced dataset: "
                              "incidents, claims and their evidence. See docs/api.md.")
    app.state.service = service
    errors.install(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(errors.BodyLimit, max_body=max_body)

    # --- dashboard and docs --------------------------------------------------------

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.ico", media_type="image/vnd.microsoft.icon")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="strikeledger API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")

    # --- reads ---------------------------------------------------------------------

    @app.get("/meta", tags=["meta"])
    def meta() -> dict:
        """Vocabularies for filters, the number of reports, and whether writes are on."""
        with service.use() as store:
            n = store.count_reports()
        return {"reports": n, "kinds": [k.value for k in Kind], "grades": list(GRADES),
                "export_formats": list(FORMATS),
                "writes_enabled": write_token is not None}

    @app.get("/incidents", tags=["incidents"])
    def incidents(date_from: DateFrom = None, date_to: DateTo = None, oblast: Oblast = None,
                  kind: Kind | None = None, grade: Grade | None = None,
                  contested: bool = False, limit: Limit = 100, offset: Offset = 0) -> dict:
        """Incidents (one per attack), oldest first, with their headline estimates."""
        found = filter_incidents(service.incidents(), date_from=date_from, date_to=date_to,
                                 oblast=oblast, kind=kind.value if kind else None,
                                 grade=grade.value if grade else None, contested=contested)
        page = _page(found, limit, offset)
        page["items"] = [views.incident_summary(i) for i in page["items"]]
        return jsonable_encoder(page)

    @app.get("/incidents/{incident_id}", tags=["incidents"])
    def incident(incident_id: Annotated[str, PathParam(max_length=300)]) -> dict:
        """One incident: claims with their source sentences, conflicts, revisions, grades,
        places and damage."""
        inc = get_incident(service.incidents(), incident_id)
        return jsonable_encoder(views.incident_detail(inc))

    @app.get("/reports", tags=["reports"])
    def reports(date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 100,
                offset: Offset = 0) -> dict:
        """Report summaries (no text), newest attack first."""
        with service.use() as store:
            rows = store.reports(limit=limit + 1, offset=offset, date_from=date_from,
                                 date_to=date_to)
        more = len(rows) > limit
        return jsonable_encoder({"limit": limit, "offset": offset,
                                 "next_offset": offset + limit if more else None,
                                 "items": rows[:limit]})

    @app.get("/reports/{key}", tags=["reports"])
    def report(key: Annotated[str, PathParam(max_length=300,
                                              description="uid, content hash or report id")]
               ) -> dict:
        """One report with its text and extracted record."""
        with service.use() as store:
            row = store.get_report(key)
        if row is None:
            raise errors.ApiError(404, f"no report {key!r}")
        return jsonable_encoder(row)

    @app.get("/figures", tags=["figures"])
    def figures(date_from: DateFrom = None, date_to: DateTo = None, kind: Kind | None = None,
                oblast: Oblast = None, limit: Limit = 100, offset: Offset = 0) -> dict:
        """Every stored figure with its evidence, oldest attack first."""
        with service.use() as store:
            rows = store.figures(date_from=date_from, date_to=date_to,
                                 kind=kind.value if kind else None, oblast=oblast,
                                 limit=offset + limit + 1)
        more = len(rows) > offset + limit
        return jsonable_encoder({"limit": limit, "offset": offset,
                                 "next_offset": offset + limit if more else None,
                                 "items": rows[offset:offset + limit]})

    @app.get("/search", tags=["reports"])
    def search(q: Annotated[str, Query(min_length=1, max_length=500,
                                       description="words that must all occur")],
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict:
        """Reports whose text matches ``q``, each with a snippet."""
        with service.use() as store:
            rows = store.search(q, limit=limit)
        return jsonable_encoder({"q": q, "items": rows})

    @app.get("/export/{fmt}", tags=["export"])
    def export(fmt: Annotated[str, PathParam(max_length=20, description="csv, jsonl, "
                                             "parquet, geojson or acled")],
               table: Annotated[str, Query(max_length=40, description="for csv, jsonl and "
                                           "parquet: incidents, claims, places or damage")]
               = "incidents"):
        """The incidents as a file, written by ``strikeledger.export.export``."""
        from strikeledger.export import DEFAULT_NAMES, FORMATS, TABLE_NAMES
        from strikeledger.export import export as write
        if fmt not in FORMATS:
            raise errors.ApiError(404, f"no export format {fmt!r}; expected one of "
                                       + ", ".join(FORMATS))
        if fmt in DEFAULT_NAMES:
            name, tables = DEFAULT_NAMES[fmt], None
        else:
            if table not in TABLE_NAMES:
                raise InputError(f"table: expected one of {', '.join(TABLE_NAMES)}, "
                                 f"got {table!r}")
            name, tables = f"{table}.{fmt}", [table]
        folder = tempfile.mkdtemp(prefix="strikeledger-export-")
        try:
            [path] = write(service.incidents(), fmt, Path(folder) / name, tables=tables)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(path, media_type=_MEDIA.get(fmt, "application/octet-stream"),
                            filename=f"strikeledger-{name}",
                            background=BackgroundTask(shutil.rmtree, folder, True))

    # --- writes --------------------------------------------------------------------

    @app.post("/reports", tags=["reports"], status_code=201,
              openapi_extra={"requestBody": _WRITE_BODY},
              responses={200: {"description": "every report was already stored"},
                         401: {"description": "missing or wrong bearer token"},
                         403: {"description": "the server has no token: writes disabled"},
                         413: {"description": "body too large"},
                         422: {"description": "a report is invalid: nothing stored"}})
    async def add_reports(request: Request) -> JSONResponse:
        """Ingest one report or a list of them (needs ``Authorization: Bearer``).

        All or nothing: when any item is invalid, nothing is stored (422). A report whose
        text is already stored is skipped, so re-sending is harmless.
        """
        auth.check(request.headers.get("authorization"), write_token)
        ctype = request.headers.get("content-type", "application/json")
        if "json" not in ctype.lower():
            raise errors.ApiError(415, f"expected application/json, got {ctype!r}")
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
        return await _ingest(items)

    async def _ingest(items: list) -> JSONResponse:
        from starlette.concurrency import run_in_threadpool
        return await run_in_threadpool(_ingest_sync, items)

    def _ingest_sync(items: list) -> JSONResponse:
        problems, reports = [], []
        for i, obj in enumerate(items, 1):
            try:
                reports.append(report_from_object(obj, WRITE_ORIGIN, i))
            except InputError as got:
                problems.append(f"item {got.line}: {got.message}")
        pairs = []
        for rep in reports:
            rec = safe_extract(rep)
            if isinstance(rec, InputError):
                problems.append(f"report {rep.report_id!r}: {rec.message}")
            else:
                pairs.append((rep, rec))
        if problems:
            raise errors.ApiError(422, "nothing stored: " + "; ".join(problems[:20]))
        with service.use() as store:
            result = store.add_many(pairs)
            service.changed()
        body = {"added": result.added, "skipped": result.skipped,
                "reports": [{"report_id": r.report_id,
                             "uid": uid_of(text_hash(r.text))} for r, _ in pairs]}
        return JSONResponse(body, status_code=201 if result.added else 200)

    return app
