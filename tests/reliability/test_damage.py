"""Issue 18, finding 2: a damaged store accepted writes and said they succeeded.

A DuckDB store of 600 reports cut to 50-80 % of its size (``os.truncate``) took an
``ingest`` of 16 new reports, printed "16 added" and exited 0; ``incidents`` then failed
with a checksum mismatch. Now opening the store notices the damage, and every write is
refused with an error that says what to do, leaving the file as it was.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from relhelp import run_cli, write_corpus


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("damage")
    write_corpus(root / "old.jsonl", 600, seed=71)
    write_corpus(root / "new.jsonl", 16, seed=71, start=600)
    db = root / "base.duckdb"
    done = run_cli("ingest", str(root / "old.jsonl"), "--db", str(db), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert not Path(f"{db}.wal").exists()
    return db, root / "new.jsonl"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.5, 0.6, 0.7, 0.8, 0.95])
def test_an_ingest_into_a_truncated_store_is_refused(tmp_path, healthy, fraction):
    base, new = healthy
    db = tmp_path / "cut.duckdb"
    shutil.copy(base, db)
    os.truncate(db, int(os.path.getsize(db) * fraction))
    before = _digest(db)
    got = run_cli("ingest", str(new), "--db", str(db), "--no-progress")
    assert got.returncode != 0, got.stdout
    assert "added" not in got.stdout
    message = " ".join(got.stderr.split())
    assert "damaged" in message and "restore" in message and "Traceback" not in message
    assert _digest(db) == before, "a refused write changed the file"
