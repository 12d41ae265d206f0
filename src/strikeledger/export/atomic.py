"""Atomic file writes: write a temporary file beside the target, then ``os.replace``.

An export that is interrupted (an exception, a kill) leaves no half-written file under
the final name: either the old file stays or the new one is complete.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from strikeledger.errors import InputError


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed to ``path`` when the block succeeds."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("cannot write: the folder does not exist", path=str(folder))
    if target.is_dir():
        raise InputError("cannot write: a folder has this name", path=str(target))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp_path = Path(tmp)
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
