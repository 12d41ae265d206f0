"""`-v` / `-q`: the library's log lines reach stderr through the CLI (issue 17)."""
from __future__ import annotations

import logging

from cli_data import run, write_reference

from strikeledger.cli import logs


def _ref(tmp_path):
    return write_reference(tmp_path / "ref.csv", [
        {"time_start": "2025-05-31 18:00", "time_end": "2025-06-01 09:00",
         "model": "Zircon-Z9", "launched": "3", "destroyed": "0", "source": "kpszsu/posts/invented"}])


def test_library_info_reaches_stderr_by_default(db, tmp_path):
    result = run("compare", _ref(tmp_path), "--db", db)
    assert "reference: model 'Zircon-Z9' (1 row(s)) is in no weapon list" in result.stderr


def test_quiet_keeps_only_errors(db, tmp_path):
    result = run("-q", "compare", _ref(tmp_path), "--db", db)
    assert result.exit_code == 0
    assert "Zircon-Z9" not in result.stderr
    missing = run("-q", "summary", "--db", tmp_path / "none.duckdb")
    assert "no store at" in missing.stderr


def test_levels():
    logs.configure()
    assert logging.getLogger("strikeledger").getEffectiveLevel() == logging.INFO
    assert logging.getLogger("duckdb").getEffectiveLevel() == logging.WARNING
    logs.configure(verbose=1)
    assert logging.getLogger("strikeledger").getEffectiveLevel() == logging.DEBUG
    logs.configure(verbose=2)
    assert logging.getLogger("other").getEffectiveLevel() == logging.DEBUG
    logs.configure(quiet=True)
    assert logging.getLogger("strikeledger").getEffectiveLevel() == logging.ERROR
    logs.configure()
    handlers = [h for h in logging.getLogger().handlers if h.get_name() == "strikeledger-cli"]
    assert len(handlers) == 1
