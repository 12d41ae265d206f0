"""The HTTP API and the dashboard: a thin shell over the library.

    from strikeledger.api import create_app
    app = create_app("reports.duckdb", token="a-long-secret-token")   # then: uvicorn

The endpoints live in one router per resource (``routes/``): each parses its
parameters, calls the same library functions a Python user would (``Store`` reads of
incidents, reports and figures, the readers and ``safe_extract`` for writes, the
exporters) and shapes the answer (``views``; pages by ``paging``). Errors become one
JSON shape in ``errors``; the write token is ``auth``'s. docs/api.md describes every
endpoint.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from strikeledger.api import auth, errors, writes
from strikeledger.api.routes import export, incidents, jobs, reports
from strikeledger.api.service import Service
from strikeledger.api.watcher import Watcher
from strikeledger import serving
from strikeledger.errors import InputError
from strikeledger.export import FORMATS
from strikeledger.incidents.grade import GRADES
from strikeledger.model import Kind

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024

# Scripts and styles from this server only: report text that reached the page as markup
# could still not run. /docs (Swagger UI's inline bootstrap script) is exempt.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


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


def create_app(db: str | None = None, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, watch: str | Path | None = None,
               workers: int = serving.WORKERS, budget: float = serving.BUDGET,
               max_jobs: int = serving.MAX_JOBS, wait: float = serving.WAIT) -> FastAPI:
    """The API and dashboard over the store at ``db`` (see ``open_store``).

    ``token`` is the bearer token writes need (default: ``STRIKELEDGER_TOKEN`` or the
    file named by ``STRIKELEDGER_TOKEN_FILE``; none means read-only). ``max_body`` is
    the largest request body accepted, in bytes. ``watch`` is a folder whose new or
    changed report files are ingested while the app runs (``watcher.Watcher``).
    Writes are queued and extracted off the request path (``writes.Writes``): by
    ``workers`` processes, each report within ``budget`` seconds, at most ``max_jobs``
    jobs pending (then 429); a POST waits ``wait`` seconds for its job before answering
    202.
    """
    write_token = auth.resolve_token(token)
    service = Service(db)
    service.open()          # a store that cannot be opened fails here, not at first request
    service.release()
    if wait < 0:
        raise InputError(f"wait: expected seconds >= 0, got {wait!r}")
    write_queue = writes.Writes(service, workers=workers, budget=budget, max_jobs=max_jobs)
    watcher = Watcher(watch, db) if watch is not None else None
    if watcher is not None:
        watcher.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if write_token is not None:
            write_queue.start()
        if watcher is not None:
            watcher.start()
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop()
            write_queue.stop()
            service.shutdown()

    # redirect_slashes off: Starlette builds the redirect for '/reports/' from the Host
    # header, so a forged Host sent a client elsewhere; a trailing slash is a 404 instead
    app = FastAPI(title="strikeledger", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None, redirect_slashes=False,
                  description="Reports of air attacks on Ukraine as a source-traced dataset: "
                              "incidents, claims and their evidence. See docs/api.md.")
    app.state.service = service
    app.state.write_token = write_token
    app.state.watcher = watcher
    app.state.writes = write_queue
    app.state.write_wait = wait
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

    # --- the API -------------------------------------------------------------------

    @app.get("/meta", tags=["meta"])
    def meta() -> dict:
        """Vocabularies for filters, the number of reports, whether writes are on, and
        ``changes_cursor``: the latest change's seq (``/changes?after=`` it for what is new)."""
        with service.use() as store:
            n, cursor = store.count_reports(), store.change_cursor()
        return {"reports": n, "changes_cursor": cursor, "kinds": [k.value for k in Kind],
                "grades": list(GRADES), "export_formats": list(FORMATS),
                "writes_enabled": write_token is not None}

    for router in (incidents.router, reports.router, jobs.router, export.router):
        app.include_router(router)
    return app
