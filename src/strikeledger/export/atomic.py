"""Atomic file writes: write a temporary file beside the target, then ``os.replace``.

An export that is interrupted (an exception, a kill) leaves no half-written file under
the final name: either the old file stays or the new one is complete.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from strikeledger.errors import InputError


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
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed to ``path`` when the block succeeds."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("cannot write: the folder does not exist", path=str(folder))
    if target.is_dir():
        raise InputError("cannot write: a folder has this name", path=str(target))
    tmp_path = _new_file_beside(target)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


@contextlib.contextmanager
def atomic_write(path: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file (UTF-8) that appears under ``path`` only once fully written."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
