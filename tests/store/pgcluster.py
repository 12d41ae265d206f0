"""A throwaway PostgreSQL cluster for tests: initdb into a temp dir, start, stop, delete.

The cluster listens on 127.0.0.1 on a free port, with its unix socket inside the temp dir
and trust authentication, so nothing outside the test run can see or reach it. As root,
initdb and pg_ctl refuse to run, so they run as the ``postgres`` user (created by Debian's
``postgresql`` package) in a temp dir that user owns.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when no server is installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    candidates.sort(key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    for initdb in reversed(candidates):
        bindir = Path(initdb).parent
        if (bindir / "pg_ctl").exists():
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """One running cluster; ``url(dbname)`` gives a connection URL for a database in it."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self._as_postgres = os.geteuid() == 0
        # As root, under /tmp: the postgres user must be able to reach the dir, and a
        # TMPDIR inside /root would not let it.
        parent = "/tmp" if self._as_postgres and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="strikeledger-pg-", dir=parent))
        self.datadir = self.root / "data"
        self.logfile = self.root / "server.log"
        self.port = _free_port()
        if self._as_postgres:
            # postgres must own the dir and be able to reach it through /tmp.
            shutil.chown(self.root, user="postgres", group="postgres")
            os.chmod(self.root, 0o700)
        self._started = False

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=120)
        if proc.returncode != 0:
            log = self.logfile.read_text() if self.logfile.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                               f"{proc.stdout}\n{proc.stderr}\n{log}")

    def start(self) -> "PgCluster":
        self._run("initdb", "-D", str(self.datadir), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.root}'",
            # A throwaway cluster: durability is not wanted, speed is.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "50",
        }
        conf = "".join(f"{k} = {v}\n" for k, v in settings.items())
        # Written through the postgres user's own files: root may write, then chown.
        with open(self.datadir / "postgresql.conf", "a") as fh:
            fh.write(conf)
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile), "-w",
                  "-t", "60", "start")
        self._started = True
        return self

    def url(self, dbname: str = "postgres", **options: str) -> str:
        url = f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"
        if options:
            url += "?" + "&".join(f"{k}={v}" for k, v in options.items())
        return url

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # name is the test's own constant
        return self.url(name)

    def stop(self) -> None:
        try:
            if self._started:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")
                        break
                    except RuntimeError:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.5)
                self._started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def throwaway_cluster() -> Iterator["PgCluster"]:
    """A started throwaway cluster for a test session, stopped afterwards.

    Without the server binaries the tests are skipped, except in CI (CI set), where
    they fail: CI must install Debian's postgresql package.
    """
    import pytest

    bindir = find_bindir()
    if bindir is None:
        message = ("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                   "install them with `apt-get install -y postgresql`")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    cluster = PgCluster(bindir).start()
    try:
        yield cluster
    finally:
        cluster.stop()
