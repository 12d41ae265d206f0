"""The write token: where it comes from and how a request proves it.

Writes (``POST /reports``) need ``Authorization: Bearer <token>``. The token is, first
found: the ``token`` given to ``create_app``; the environment variable
``STRIKELEDGER_TOKEN``; the first line of the file named by ``STRIKELEDGER_TOKEN_FILE``.
With none of these the server is read-only: every write gets 403. A missing or wrong
token gets 401 (with ``WWW-Authenticate: Bearer``). Tokens are compared in constant time.
"""
from __future__ import annotations

import hmac
import os
from pathlib import Path

from strikeledger.api.errors import ApiError
from strikeledger.errors import InputError

TOKEN_ENV = "STRIKELEDGER_TOKEN"
TOKEN_FILE_ENV = "STRIKELEDGER_TOKEN_FILE"
MIN_TOKEN_LENGTH = 16


def resolve_token(token: str | None = None) -> str | None:
    """The configured write token, or None when writes are disabled.

    Raises InputError when a token is set but unusable (too short, or an unreadable
    or empty token file): a server that cannot check writes must not start.
    """
    source = "create_app(token=...)"
    if token is None and os.environ.get(TOKEN_ENV):
        token, source = os.environ[TOKEN_ENV], TOKEN_ENV
    if token is None and os.environ.get(TOKEN_FILE_ENV):
        path = os.environ[TOKEN_FILE_ENV]
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the token file: {exc}", path=path) from exc
        token, source = (lines[0] if lines else ""), f"{TOKEN_FILE_ENV} ({path})"
    if token is None:
        return None
    token = token.strip()
    if len(token) < MIN_TOKEN_LENGTH:
        raise InputError(f"a write token must be at least {MIN_TOKEN_LENGTH} characters "
                         "long", path=source)
    return token


def check(header: str | None, token: str | None) -> None:
    """Raise ApiError 403/401 unless ``header`` carries the configured token."""
    if token is None:
        raise ApiError(403, "writes are disabled: the server has no token configured "
                            f"(set {TOKEN_ENV} or {TOKEN_FILE_ENV})", code="writes_disabled")
    challenge = {"WWW-Authenticate": "Bearer"}
    if not header:
        raise ApiError(401, "missing Authorization: Bearer <token>", headers=challenge)
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "expected Authorization: Bearer <token>", headers=challenge)
    if not hmac.compare_digest(given.strip().encode("utf-8", "surrogatepass"),
                               token.encode("utf-8")):
        raise ApiError(401, "invalid token", headers=challenge)
