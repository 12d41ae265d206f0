"""The command line: a thin shell over the library, one module per command.

Each command module parses its options (shared ones come from ``options``), calls
library functions and prints. Output and errors go through ``console`` (a library error
is one line on stderr and a non-zero exit, never a traceback), stores are opened through
``stores`` (read commands refuse a store that does not exist), logging is set up by
``logs`` from ``-v``/``-q``, and ``help`` keeps the help text free of Python types.
``COMMANDS`` is the list the README's command table is checked against.
"""
from __future__ import annotations

from typing import Annotated

import typer

from . import logs
from .backup import backup, restore
from .check import check
from .compare import compare
from .evaluate import evaluate
from .export import export
from .extract import extract
from .figures import figures
from .follow import follow
from .help import Command, Group
from .incidents import incidents
from .ingest import ingest
from .quantity import quantity
from .rebuild import rebuild
from .serve import serve
from .summary import summary
from .watch import watch

__all__ = ["app", "main", "COMMANDS"]

app = typer.Typer(cls=Group, help="Turn reports of air attacks into a source-traced dataset.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode="rich")


@app.callback()
def _options(
    verbose: Annotated[int, typer.Option(
        "-v", "--verbose", count=True, show_default=False,
        help="more log lines on stderr (-vv: also other libraries' debug lines)")] = 0,
    quiet: Annotated[bool, typer.Option(
        "-q", "--quiet", help="only errors on stderr: no warnings, no progress bar")] = False,
) -> None:
    """Turn reports of air attacks into a source-traced dataset."""
    logs.configure(verbose=verbose, quiet=quiet)


# name -> function, in the order of `strikeledger --help` and of the README's table
COMMANDS = {
    "extract": extract,
    "ingest": ingest,
    "figures": figures,
    "summary": summary,
    "incidents": incidents,
    "export": export,
    "rebuild": rebuild,
    "compare": compare,
    "eval": evaluate,
    "quantity": quantity,
    "serve": serve,
    "watch": watch,
    "follow": follow,
    "check": check,
    "backup": backup,
    "restore": restore,
}
for _name, _fn in COMMANDS.items():
    app.command(_name, cls=Command)(_fn)


def main() -> None:  # pragma: no cover
    app()
