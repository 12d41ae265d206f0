"""The server's write settings, declared once: ``create_app``'s and ``serve``'s defaults.

Kept out of ``strikeledger.api`` so that the CLI can show them without importing the
web stack. ``api.writes`` says what each does.
"""
from __future__ import annotations

WORKERS = 2              # extraction processes
BUDGET = 30.0            # seconds one report may take to extract
MAX_JOBS = 100           # pending write jobs before a POST gets 429
WAIT = 10.0              # seconds a POST waits for its job before answering 202
RETRY_AFTER = 5          # seconds, in a 429's Retry-After
GRACE = 5.0              # seconds shutdown waits for running extractions
SHUTDOWN_GRACE = 15      # seconds uvicorn gives open requests after SIGTERM
