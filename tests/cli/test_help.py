"""Help text without Python types (issue 16: `--json <bool>`, `{paths}...`,
`<list[str]>`), for every command."""
from __future__ import annotations

import pytest
from cli_data import run

from strikeledger.cli import COMMANDS


@pytest.mark.parametrize("args", [[], *([name] for name in COMMANDS)])
def test_help_shows_metavars_not_types(args):
    result = run(*args, "--help")
    assert result.exit_code == 0
    text = result.stdout
    for junk in ("<bool>", "<str>", "<int>", "<path>", "<float>", "list[", "{", "}"):
        assert junk not in text, (args, junk)


def test_usage_lines():
    assert "Usage: strikeledger extract [OPTIONS] PATH..." in run("extract", "--help").stdout
    assert "Usage: strikeledger export [OPTIONS] FORMAT" in run("export", "--help").stdout
    figures = run("figures", "--help").stdout
    assert "--db" in figures and " DB " in figures and " DATE " in figures
