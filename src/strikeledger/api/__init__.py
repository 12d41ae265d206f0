"""The HTTP API and dashboard (FastAPI): ``create_app(db, token, max_body)``.

Run it with ``strikeledger serve`` or any ASGI server; docs/api.md lists the endpoints.
"""
from __future__ import annotations

from strikeledger.api.app import create_app

__all__ = ["create_app"]
