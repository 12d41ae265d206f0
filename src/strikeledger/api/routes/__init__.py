"""The API's endpoints, one router per resource; ``app.create_app`` includes them."""
from __future__ import annotations

from fastapi import Request

from strikeledger.api.service import Service


def service(request: Request) -> Service:
    """The app's Service (a FastAPI dependency)."""
    return request.app.state.service
