"""Where the CLI's output goes, and how errors leave it: one place for both.

A library error becomes one clear line on stderr and a non-zero exit (``fail``); no
traceback reaches a user for bad input. Exit codes: 1 for bad input or a failed run,
2 for a usage error (a wrong option, a store that does not exist).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import InputError, StrikeledgerError



def _pipe_width() -> int:
    """Columns when stdout is a file or a pipe: $COLUMNS if set, else wide (rich would
    assume 80, too narrow for the tables)."""
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 160


out = Console() if sys.stdout.isatty() else Console(width=_pipe_width())
err = Console(stderr=True, soft_wrap=True)   # an error line stays one line

USAGE_ERROR = 2


def fail(message: object, code: int = 1) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(str(message))}", highlight=False)
    raise typer.Exit(code)


def skipped(e: InputError) -> None:
    """One line on stderr for an input that could not be read; the batch goes on."""
    err.print(f"[yellow]skipped[/yellow] {escape(str(e))}", highlight=False)


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn a library error raised in the block into ``fail``."""
    try:
        yield
    except StrikeledgerError as e:
        fail(e)
