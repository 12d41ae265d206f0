"""Input paths: a path under which no report can be read is an error, not "0 reports"."""
from __future__ import annotations

from rich.markup import escape

from ..ingest.readers import SUFFIXES, is_empty_folder
from .console import err


def check_paths(paths: list[str]) -> list[str]:
    """The folders among ``paths`` that hold no readable file, each reported on stderr.

    A missing path is left to the readers (they report it as an input error).
    """
    looked_for = ", ".join(f"*{s}" for s in sorted(SUFFIXES))
    empty = [p for p in paths if p != "-" and is_empty_folder(p)]
    for p in empty:
        err.print(f"[red]error:[/red] no reports found under {escape(p)} (looked for "
                  f"{looked_for})", highlight=False)
    return empty
