"""Fixtures for the CLI tests: a store filled by `strikeledger ingest` (see cli_data.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# cli_data.py sits beside this file; make it importable whatever pytest's import mode.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from cli_data import run, write_reports  # noqa: E402


@pytest.fixture(scope="session")
def reports_dir(tmp_path_factory) -> Path:
    return write_reports(tmp_path_factory.mktemp("cli") / "reports")


@pytest.fixture(scope="session")
def db(tmp_path_factory, reports_dir) -> Path:
    """A DuckDB store holding REPORTS, made by `strikeledger ingest`."""
    path = tmp_path_factory.mktemp("cli-store") / "store.duckdb"
    result = run("ingest", reports_dir, "--db", path, "--no-progress")
    assert result.exit_code == 0, result.stderr
    return path
