"""The README's commands work as written (STYLE.md: docs that cannot drift)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeledger.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_commands_are_first():
    block = re.search(r"## Two commands.*?```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_make_demo_runs(tmp_path):
    """`make demo` ingests the examples and prints one line per attack; again adds nothing."""
    db = tmp_path / "demo.duckdb"
    env = dict(os.environ, VENV=str(Path(sys.executable).parent.parent))
    first = subprocess.run(["make", "-s", "demo", f"DB={db}"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "18 report(s) read: 18 added" in first.stdout
    assert "2025-09-28" in first.stdout and "attack(s)" in first.stdout
    again = subprocess.run(["make", "-s", "demo", f"DB={db}"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=900)
    assert "0 added, 18 already stored" in again.stdout


def test_every_documented_command_exists():
    documented = set(re.findall(r"`strikeledger (\w+)", README))
    runner = CliRunner()
    for name in documented:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)


def test_quantity_example_in_readme():
    result = CliRunner().invoke(app, ["quantity", "over thirty"])
    assert result.output.strip() == '{"value": 30, "qualifier": "more_than", "low": 31, "high": null}'
