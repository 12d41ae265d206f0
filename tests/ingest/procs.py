"""Running a long-lived `strikeledger` command in a real process, and waiting for what it
prints: tests poll for an expected state with a generous deadline, never sleep on luck."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

DEADLINE = 120.0      # seconds: the machine may be shared, extraction loads on first use


class Proc:
    """`python -m strikeledger.cli ARGS`, its stdout and stderr collected line by line."""

    def __init__(self, *args, cwd: Path | None = None):
        env = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
        self.p = subprocess.Popen([sys.executable, "-m", "strikeledger.cli", *map(str, args)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  cwd=cwd, env=env)
        self.out: list[str] = []
        self.err: list[str] = []
        self._threads = [threading.Thread(target=self._collect, args=(s, lines), daemon=True)
                         for s, lines in ((self.p.stdout, self.out), (self.p.stderr, self.err))]
        for t in self._threads:
            t.start()

    @staticmethod
    def _collect(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    @property
    def stdout(self) -> str:
        return "\n".join(self.out)

    @property
    def stderr(self) -> str:
        return "\n".join(self.err)

    def wait_for(self, what: Callable[[], bool] | str, deadline: float = DEADLINE,
                 on: str = "out") -> None:
        """Until ``what`` holds (or a line of stdout/stderr contains it)."""
        check = what if callable(what) else (
            lambda: any(what in line for line in (self.out if on == "out" else self.err)))
        end = time.monotonic() + deadline
        while not check():
            if self.p.poll() is not None and not check():
                for t in self._threads:
                    t.join(5)
                if check():
                    return
                raise AssertionError(f"exited {self.p.returncode} before {what!r}\n"
                                     f"stdout:\n{self.stdout}\nstderr:\n{self.stderr}")
            if time.monotonic() > end:
                raise AssertionError(f"not within {deadline} s: {what!r}\n"
                                     f"stdout:\n{self.stdout}\nstderr:\n{self.stderr}")
            time.sleep(0.05)

    def count(self, text: str) -> int:
        return sum(text in line for line in self.out)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.p.poll() is None:
            self.p.send_signal(sig)
        code = self.p.wait(timeout)
        for t in self._threads:
            t.join(5)
        return code

    def kill(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait(30)
        for t in self._threads:
            t.join(5)
