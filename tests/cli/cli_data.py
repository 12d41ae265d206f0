"""The CLI tests' data and helpers: invented reports, and running a command in-process.

The commands run through Typer's CliRunner (stdout and stderr apart), the same entry
point as the installed ``strikeledger`` script.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import csv
from typer.testing import CliRunner

from strikeledger.cli import app

# Invented reports: two attacks a week apart; the Kharkiv toll is revised upwards and the
# General Staff's count of drones launched disagrees with the Air Force's.
REPORTS = {
    "af-2025-06-01": """\
        date 2025-06-01
        Russia launched 90 drones and 5 missiles at Ukraine overnight, the Ukrainian Air Force said. Air defence shot down 80 drones and 4 missiles.
        """,
    "kharkiv-2025-06-01": """\
        date 2025-06-01
        Two people were killed and 11 injured in Kharkiv after a drone strike overnight, Governor Oleh Syniehubov said.
        """,
    "kharkiv-2025-06-01-update": """\
        date 2025-06-01
        The death toll from the overnight drone strike on Kharkiv has risen to four, Governor Oleh Syniehubov said. Another 15 people were injured.
        """,
    "staff-2025-06-01": """\
        date 2025-06-01
        Russia launched 120 drones at Ukraine overnight, the General Staff of the Armed Forces said.
        """,
    "odesa-2025-06-08": """\
        date 2025-06-08
        At least 40 drones attacked Odesa overnight, Governor Oleh Kiper said. One person was injured in the port city.
        """,
}


def run(*args: str):
    """Run ``strikeledger ARGS`` in-process; the result has exit_code, stdout and stderr."""
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="strikeledger",
                             catch_exceptions=False)


def write_reports(folder: Path, reports: dict[str, str] = REPORTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        (folder / f"{name}.txt").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


REFERENCE_FIELDS = ["time_start", "time_end", "model", "launch_place", "target", "launched",
                    "destroyed", "source"]


def write_reference(path: Path, rows: list[dict]) -> Path:
    """A reference file in the public dataset's columns, with rows we invent."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, REFERENCE_FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in REFERENCE_FIELDS})
    return path
