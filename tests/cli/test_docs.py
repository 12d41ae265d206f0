"""Every command is documented in the README: its table is generated from the commands
(strikeledger/cli/docs.py) and must match (STYLE.md: docs that cannot drift)."""
from __future__ import annotations

import re
from pathlib import Path

from strikeledger.cli import COMMANDS
from strikeledger.cli.docs import command_table, readme_block

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_command_table_is_generated_from_the_commands():
    block = readme_block(README)
    assert block is not None, "README.md lost its generated command table"
    assert block == command_table(), ("README.md's command table is stale: run "
                                      "`python -m strikeledger.cli.docs README.md`")


def test_every_command_has_a_row_and_help():
    rows = re.findall(r"^\| `strikeledger (\w+)", readme_block(README), re.M)
    assert rows == list(COMMANDS)
    for name, fn in COMMANDS.items():
        assert (fn.__doc__ or "").strip(), f"{name} has no help text"
