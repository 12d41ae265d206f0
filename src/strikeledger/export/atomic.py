"""Atomic file writes: write a temporary file beside the target, then ``os.replace``.

An export that is interrupted (an exception, a kill) leaves no half-written file under
the final name: either the old file stays or the new one is complete.

File modes are the usual ones: a new file is created with 0666 less the process's umask
(0644 under umask 022), as ``open()`` would make it; a file that is replaced keeps the
mode it had. (``tempfile.mkstemp`` would make every export 0600.)
"""
from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from strikeledger.errors import InputError


def _fsync(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # e.g. a directory cannot be opened on this platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _new_file_beside(target: Path) -> Path:
    """A new empty hidden file beside ``target``, with the mode a plain ``open()`` gives
    (0666 less the umask: 0644 usually). ``mkstemp`` would create it 0600, and the rename
    would make every export readable by its owner only (issue 16)."""
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise InputError("cannot write: no free temporary name", path=str(target.parent))


@contextlib.contextmanager
def atomic_path(path: str | Path, *, before_replace: Callable[[Path], None] | None = None,
                durable: bool = True) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed to ``path`` when the block succeeds.

    ``before_replace(tmp)`` runs once the temporary file is complete and synced, just
    before the rename (the export manifest records the new file's hash there).
    ``durable=False`` skips the fsyncs: still atomic, but not sure to survive a power cut.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("cannot write: the folder does not exist", path=str(folder))
    if target.is_dir():
        raise InputError("cannot write: a folder has this name", path=str(target))
    try:
        keep_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        keep_mode = None
    tmp_path = _new_file_beside(target)
    try:
        yield tmp_path
        if keep_mode is not None:
            os.chmod(tmp_path, keep_mode)
        if durable:
            _fsync(tmp_path)
        if before_replace is not None:
            before_replace(tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise
    if durable:
        _fsync(folder, directory=True)   # the rename itself survives a power cut


@contextlib.contextmanager
def atomic_write(path: str | Path, *, newline: str | None = None,
                 before_replace: Callable[[Path], None] | None = None,
                 durable: bool = True) -> Iterator[IO[str]]:
    """A text file (UTF-8) that appears under ``path`` only once fully written."""
    with atomic_path(path, before_replace=before_replace, durable=durable) as tmp:
        with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
