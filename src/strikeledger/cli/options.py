"""Options declared once and shared by every command that takes them.

Each is a typed alias (``Annotated[type, typer.Option(...)]``), as sqlite-utils shares
option groups through decorators: a command that reads the store says ``db: Db = None``
and gets the same flag, metavar and help as every other.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Paths = Annotated[list[str], typer.Argument(
    metavar="PATH", show_default=False,
    help="files, folders (read recursively) or - for stdin")]

Db = Annotated[Optional[str], typer.Option(
    "--db", metavar="DB", show_default=False,
    help="DuckDB file (default ./strikeledger.duckdb) or postgresql:// URL")]

DateFrom = Annotated[Optional[str], typer.Option(
    "--from", metavar="DATE", show_default=False,
    help="attack date from, inclusive (YYYY-MM-DD)")]

DateTo = Annotated[Optional[str], typer.Option(
    "--to", metavar="DATE", show_default=False,
    help="attack date to, inclusive (YYYY-MM-DD)")]

Oblast = Annotated[Optional[str], typer.Option(
    "--oblast", metavar="NAME", show_default=False,
    help="oblast (admin1) name or part of it, any case")]

Kind = Annotated[Optional[str], typer.Option(
    "--kind", metavar="KIND", show_default=False,
    help="figure kind, e.g. drones_launched or killed")]

Contested = Annotated[bool, typer.Option(
    "--contested", show_default=False, help="only incidents with a conflict")]

AsJson = Annotated[bool, typer.Option(
    "--json", show_default=False, help="print JSON instead of a table")]

OutputFile = Annotated[Optional[Path], typer.Option(
    "-o", "--output", metavar="FILE", show_default=False,
    help="write here instead of stdout")]


Force = Annotated[bool, typer.Option(
    "--force", show_default=False,
    help="replace files this command did not write (by default they are left alone)")]


AsOf = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="TIME", show_default=False,
    help="the dataset as it stood then: YYYY-MM-DD[THH:MM[:SS]][+HH:MM] (UTC unless a zone "
         "is given; a date means its end)")]

Wait = Annotated[float, typer.Option(
    "--wait", metavar="SECONDS", min=0,
    help="how long to wait for a DuckDB store another process is writing, then give up")]
