"""Backups of a store, and restoring one.

DuckDB: a backup is a copy of the file, taken after a checkpoint while this process
holds the store (DuckDB lets one process at a time open the file, and the copy holds
the store's write lock, so nothing changes under it). It is written beside its final
name and renamed into place, then opened and checked (the checks on open, and the
report count) before the command says it is done. Restoring checks the backup the same
way, refuses while another process has the target open, copies it over the target and
removes the target's stale write-ahead log (``NAME.wal``), which belongs to the old file
and would be replayed onto the restored one.

PostgreSQL: ``pg_dump --format=custom`` of the store's schema (the one its URL's
``search_path`` names, ``public`` by default), and ``pg_restore --clean --if-exists
--single-transaction`` into the target database. The client programs come from
Debian's ``postgresql`` package (``/usr/lib/postgresql/N/bin``, or ``PATH``).

Neither replaces an existing backup file or a store that holds reports unless forced.
A damaged store is not backed up (a copy of the damage is no backup).
"""
from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess
from pathlib import Path

import duckdb

from strikeledger.errors import InputError, OverwriteRefused, StoreBusyError, StoreError
from strikeledger.export.atomic import atomic_path
from strikeledger.store import open_store, store_file
from strikeledger.store.integrity import _duckdb_blocks_missing

log = logging.getLogger(__name__)

_PG_TIMEOUT = 3600.0


def backup(target: str | Path | None, dest: str | Path, *, force: bool = False,
           busy_timeout: float = 0.0) -> Path:
    """Write a backup of the store at ``target`` to the file ``dest``; return ``dest``."""
    dest = Path(dest)
    if dest.exists() and not force:
        raise OverwriteRefused("exists; not overwritten (--force, or force=True, "
                               "replaces it)", path=str(dest))
    if dest.is_dir():
        raise InputError("is a folder; give the backup's file name", path=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    if store_file(target) is None:
        return _pg_backup(str(target), dest)
    path = store_file(target)
    if not path.is_file():
        raise InputError("no store here", path=str(path))
    with open_store(path, busy_timeout=busy_timeout) as store:
        if store.damage is not None:
            raise StoreError(f"{path} is damaged ({store.damage}): a copy of it would be "
                             "no backup; `strikeledger check` shows what can be read")
        reports = store.count_reports()
        with store._lock, store._mapped("checkpointing"):   # no writer in this process
            store._con.execute("CHECKPOINT")
            with atomic_path(dest, before_replace=lambda tmp: _verify(tmp, reports)) as tmp:
                shutil.copyfile(path, tmp)
    log.info("%s: backed up %d report(s) to %s", path, reports, dest)
    return dest


def restore(source: str | Path, target: str | Path | None, *, force: bool = False) -> int:
    """Replace the store at ``target`` by the backup ``source``; return its report count."""
    source = Path(source)
    if not source.is_file():
        raise InputError("no backup file here", path=str(source))
    if store_file(target) is None:
        return _pg_restore(source, str(target), force)
    path = store_file(target)
    reports = _verify(source, None)
    if path.exists():
        if not force:
            raise OverwriteRefused("a store exists here; not replaced (--force, or "
                                   "force=True, replaces it)", path=str(path))
        _refuse_if_open(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wal = Path(f"{path}.wal")   # the old file's log: replayed onto the restored file, it
    with atomic_path(path, before_replace=lambda tmp: wal.unlink(missing_ok=True)) as tmp:
        shutil.copyfile(source, tmp)    # would break it, so it goes just before the rename
    log.info("%s: restored %d report(s) from %s", path, reports, source)
    return reports


def _verify(path: Path, reports: int | None) -> int:
    """Open the DuckDB copy at ``path`` read-only and check it; return its report count."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a readable DuckDB store: {exc}") from exc
    try:
        why = _duckdb_blocks_missing(con, str(path))
        if why is None:
            (n,) = con.execute("SELECT count(*) FROM reports").fetchone()
    except duckdb.Error as exc:
        why = f"it cannot be read: {exc}"
    finally:
        con.close()
    if why is not None:
        raise StoreError(f"{path}: the backup is damaged ({why})")
    if reports is not None and n != reports:
        raise StoreError(f"{path}: the copy holds {n} report(s), the store {reports}")
    return int(n)


def _refuse_if_open(path: Path) -> None:
    """StoreBusyError when another process has the DuckDB file at ``path`` open."""
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as exc:
        text = str(exc).lower()
        if "lock" in text and ("conflicting" in text or "could not set" in text):
            raise StoreBusyError(f"{path} is in use by another process; stop it (a "
                                 "server, an ingest) before restoring") from exc
        # a file too damaged to open is what a restore is for


# --- PostgreSQL -----------------------------------------------------------------------

def pg_program(name: str) -> str:
    """Path of the PostgreSQL client program ``name`` (newest Debian version first)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise StoreError(f"{name} not found: install Debian's postgresql-client (or postgresql) "
                     "package")


def _pg_schema(url: str) -> tuple[str, int]:
    with open_store(url) as store:
        (row,) = store._fetch("SELECT current_schema() AS s", [])
        return row["s"], store.count_reports()


def _run(args: list[str], what: str) -> None:
    env = dict(os.environ, PGCONNECT_TIMEOUT="10")
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=_PG_TIMEOUT,
                              env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StoreError(f"{what} failed: {exc}") from exc
    if done.returncode != 0:
        raise StoreError(f"{what} failed: {done.stderr.strip()[-2000:]}")


def _pg_backup(url: str, dest: Path) -> Path:
    schema, reports = _pg_schema(url)
    with atomic_path(dest) as tmp:
        _run([pg_program("pg_dump"), "--format=custom", f"--schema={schema}", "--no-owner",
              f"--file={tmp}", f"--dbname={url}"], "pg_dump")
    log.info("backed up %d report(s) of schema %s to %s", reports, schema, dest)
    return dest


def _pg_restore(source: Path, url: str, force: bool) -> int:
    _run([pg_program("pg_restore"), "--list", str(source)], f"reading {source}")
    schema, reports = _pg_schema(url)
    if reports and not force:
        raise OverwriteRefused(f"the store holds {reports} report(s); not replaced (--force, "
                               "or force=True, replaces it)", path="postgresql store")
    _run([pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner",
          "--single-transaction", "--exit-on-error", f"--dbname={url}", str(source)],
         "pg_restore")
    with open_store(url) as store:
        if store.damage is not None:
            raise StoreError(f"the restored store is damaged: {store.damage}")
        return store.count_reports()
