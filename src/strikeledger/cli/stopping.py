"""Long-running commands (`watch`, `follow`) stop cleanly on Ctrl-C and SIGTERM.

Either signal sets an event that the library loop checks between batches: the batch in
hand is finished (one transaction), the store is closed, and the command prints what it
did and exits 0. A second Ctrl-C while a batch is still running is not needed: the
batch is short, and the store would roll an interrupted transaction back anyway.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM while the block runs (handlers restored after)."""
    stop = threading.Event()

    def handler(signum, frame):
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
