"""Watching a folder: report files that appear or change are ingested within seconds.

``watch_folder`` first reads what the folder already holds, then follows the file
system's change events (watchfiles, backed by inotify/FSEvents/ReadDirectoryChangesW)
until ``stop`` is set. The readers decide what is input, as for ``ingest FOLDER``:
known suffixes, no hidden files (so an editor's or a downloader's temporary file is not
read), and a ``.json`` file only when it is a Telegram Desktop export.

A new folder is scanned when it appears (files written into it before its own watch was
in place send no event), and the whole folder every ``rescan`` seconds for files changed
since they were read, so that an event the system dropped only delays a file.

A file is read once it has been still for ``settle`` seconds: its size and modification
time unchanged while we watched it that long, or a modification time already that old.
So a file being written is not read half-way as long as its writer does not pause longer
than that; a writer that may pause should write under a hidden name (``.name.tmp``) and
rename the file into place when done, which is one event for the final name.

What a change means for the store (ingest is idempotent on the text's hash):
- a new file: its reports are added;
- a changed file: read whole again; reports whose text is unchanged are skipped, and a
  report whose text changed is stored as a new version beside the older one (same
  report_id, another uid): the older text stays in the store and in its incidents, as
  both were published;
- a deleted file: nothing is removed from the store.

The store is opened for each batch and closed after it, so that between batches other
processes can open a DuckDB file (one process at a time holds its lock). When the file
is held by another process, the batch waits for up to ``busy_timeout`` seconds and, if
it is still held, is tried again on the next change or tick.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from ..errors import InputError, StoreBusyError
from ..store import open_store
from .live import ingest_reports
from .readers import SUFFIXES, _readable, iter_files, read_reports
from .run import ErrorHandler, RunResult

log = logging.getLogger(__name__)

MAX_FILES_PER_BATCH = 200


@dataclass
class WatchTotals:
    batches: int = 0
    files: int = 0
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0

    def count(self, files: int, result: RunResult) -> None:
        self.batches += 1
        self.files += files
        self.read += result.read
        self.added += result.added
        self.skipped += result.skipped
        self.errors += len(result.errors)


@dataclass
class Settler:
    """Files seen changing, handed out once they have been still for ``settle`` seconds.

    ``now`` is wall-clock time (as file modification times are); the caller passes it.
    """

    settle: float
    _seen: dict[Path, tuple[int, int, float] | None] = field(default_factory=dict)

    def saw(self, path: Path) -> None:
        self._seen[path] = None

    def __len__(self) -> int:
        return len(self._seen)

    def ready(self, now: float) -> list[Path]:
        out = []
        for path, before in list(self._seen.items()):
            try:
                st = path.stat()
            except OSError:                 # gone (deleted, renamed away)
                del self._seen[path]
                continue
            stat = (st.st_size, st.st_mtime_ns)
            if before is None or before[:2] != stat:
                since = now
                self._seen[path] = (*stat, since)
            else:
                since = before[2]
            if now - since >= self.settle or now - st.st_mtime >= self.settle:
                out.append(path)
                del self._seen[path]
        return sorted(out)


def _worth_a_look(path: str) -> bool:
    """Change events worth a look: report files (known suffixes, not hidden, like a
    folder walk) and folders (a new folder is scanned: files written into it before its
    own watch was in place send no event)."""
    p = Path(path)
    if p.name.startswith("."):
        return False
    return p.suffix.lower() in SUFFIXES or p.is_dir()


def watch_folder(folder: str | Path, target: str | None, *, stop: threading.Event,
                 on_error: ErrorHandler = lambda e: None,
                 on_batch: Callable[[list[Path], RunResult], None] = lambda f, r: None,
                 settle: float = 1.0, rescan: float = 30.0, busy_timeout: float = 60.0,
                 opener: Callable = open_store, clock: Callable[[], float] = time.time,
                 force_polling: bool | None = None) -> WatchTotals:
    """Ingest the report files under ``folder`` into the store at ``target``, then every
    new or changed one, until ``stop`` is set. Returns what was done in all.

    Besides the change events, the folder is scanned every ``rescan`` seconds for files
    whose size or modification time differ from when they were read, so that events the
    system dropped (a full inotify queue) only delay a file.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("not a folder (watch takes a folder)", path=str(folder))
    settler = Settler(settle)
    totals = WatchTotals()
    tick = max(50, int(min(settle, 1.0) * 250))      # ms between checks when nothing happens
    read_as: dict[Path, tuple[int, int]] = {}        # file -> (size, mtime) when last read
    next_scan: float | None = None

    def stat(f: Path) -> tuple[int, int] | None:
        try:
            st = f.stat()
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns

    def scan(root: Path) -> None:
        for f in iter_files([root]):
            if isinstance(f, Path) and read_as.get(f) != stat(f):
                settler.saw(f)

    def ingest(files: list[Path]) -> None:
        stats = {f: stat(f) for f in files}
        try:
            with opener(target, busy_timeout=busy_timeout) as store:
                result = ingest_reports(store, read_reports(files), on_error)
        except StoreBusyError as e:
            log.warning("%s; %d file(s) will be tried again", e, len(files))
            for f in files:
                settler.saw(f)
            return
        read_as.update({f: st for f, st in stats.items() if st is not None})
        totals.count(len(files), result)
        on_batch(files, result)

    for changes in watchfiles.watch(folder, watch_filter=_watch_filter, debounce=1600,
                                    step=50, stop_event=stop, rust_timeout=tick,
                                    yield_on_timeout=True, raise_interrupt=False,
                                    force_polling=force_polling):
        now = clock()
        if next_scan is None or now >= next_scan:
            # the first time, the watcher runs already: what is there now is the first pass
            first = next_scan is None
            next_scan = now + rescan
            scan(folder)
            if first:
                log.info("watching %s (%d file(s) there already)", folder, len(settler))
        for change, path in changes:
            if change == watchfiles.Change.deleted:
                continue
            p = Path(path)
            if p.is_dir():
                scan(p)
            else:
                settler.saw(p)
        ready = [f for f in settler.ready(clock()) if _readable(f)]
        for start in range(0, len(ready), MAX_FILES_PER_BATCH):
            if stop.is_set():       # the rest is read by the next start's first pass
                break
            ingest(ready[start:start + MAX_FILES_PER_BATCH])
        if stop.is_set():
            break
    return totals


_DEFAULT_FILTER = watchfiles.DefaultFilter()     # .git, __pycache__, editor backups


def _watch_filter(change, path: str) -> bool:
    return _worth_a_look(path) and _DEFAULT_FILTER(change, path)
