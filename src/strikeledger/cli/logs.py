"""Logging for the command line: the library logs, the CLI decides what a user sees.

The library never prints (STYLE.md); it logs. Here those records go to stderr through
rich: by default strikeledger's INFO and up (so "... is in use by another process;
waiting up to N s" reaches the user) and other libraries' warnings; ``-v`` adds strikeledger's
debug lines and other libraries' info, ``-vv`` everything; ``-q`` only errors.
"""
from __future__ import annotations

import logging

from rich.logging import RichHandler

from .console import err

_HANDLER_NAME = "strikeledger-cli"


_quiet = False


def quiet() -> bool:
    """Whether -q was given (no progress bars either)."""
    return _quiet


def configure(verbose: int = 0, quiet: bool = False) -> None:
    """Route log records to stderr at the level the flags ask for (idempotent)."""
    global _quiet
    _quiet = quiet
    if quiet:
        ours, others = logging.ERROR, logging.ERROR
    elif verbose >= 2:
        ours, others = logging.DEBUG, logging.DEBUG
    elif verbose == 1:
        ours, others = logging.DEBUG, logging.INFO
    else:
        ours, others = logging.INFO, logging.WARNING
    root = logging.getLogger()
    for h in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(h)
    handler = RichHandler(console=err, show_time=False, show_path=False,
                          rich_tracebacks=False, markup=False)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root.addHandler(handler)
    root.setLevel(others)
    logging.getLogger("strikeledger").setLevel(ours)
