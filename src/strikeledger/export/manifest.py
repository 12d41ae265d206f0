"""How an export knows that a file is its own: the folder's manifest.

Every folder an export writes into holds a hidden ``.strikeledger-export.json`` listing,
per file name, the SHA-256 of what the export wrote there. An existing file is the
export's own, and may be replaced, when its content hashes to a listed value; anything
else (a user's ``incidents.csv``, an export edited by hand since, a file in a folder
never exported to) is refused unless the caller forces it.

A marker inside the files could not work for every format (a CSV has no place for a
comment that every reader skips), and a hash also notices an export edited by hand.

Crash safety: the new file's hash is added to the manifest *before* the file is renamed
into place, and once the export is done each name keeps only the hash of what it now
holds; a writer killed in between leaves a file whose hash is listed either way. Two
exports into one folder at once take turns on a lock of the folder (``flock``, where the
platform has it), so neither loses the other's entries.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from strikeledger.export.atomic import atomic_write

log = logging.getLogger(__name__)

MANIFEST = ".strikeledger-export.json"
_KIND = "strikeledger export manifest"


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (a no-op where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)   # releases the lock


class Manifest:
    """The files one folder's exports wrote, by name, with the hashes of their content."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / MANIFEST
        self.files = self._load()
        self._written: dict[str, str] = {}

    def _load(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("%s: unreadable export manifest, so no file here counts as an "
                        "export's own: %s", self.path, exc)
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            return {}
        return {name: [h for h in hashes if isinstance(h, str)]
                for name, hashes in files.items() if isinstance(hashes, list)}

    def owns(self, path: Path) -> bool:
        """Whether ``path`` (in this folder) holds exactly what an export wrote there."""
        hashes = self.files.get(path.name)
        return bool(hashes) and path.is_file() and file_hash(path) in hashes

    def claim(self, name: str, tmp: Path) -> None:
        """Record the finished temporary file ``tmp`` as the coming content of ``name``."""
        digest = file_hash(tmp)
        hashes = self.files.setdefault(name, [])
        if digest not in hashes:
            hashes.append(digest)
        self._written[name] = digest
        self._save()

    def settle(self) -> None:
        """Keep, for each file written, only the hash of what it now holds."""
        if not self._written:
            return
        for name, digest in self._written.items():
            self.files[name] = [digest]
        self._save()

    def _save(self) -> None:
        # atomic but not fsynced: it is rewritten once per file, and after a power cut
        # a stale manifest only means --force for the files it no longer knows
        with atomic_write(self.path, durable=False) as fh:
            json.dump({"kind": _KIND, "version": 1,
                       "files": dict(sorted(self.files.items()))}, fh, indent=1)
            fh.write("\n")
