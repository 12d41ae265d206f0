"""`strikeledger incidents --show ID` at 80 columns (issue 16: it ran to 340 lines with a
20-character evidence column)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "strikeledger"


@pytest.mark.skipif(not BIN.exists(), reason="the strikeledger script is not installed")
def test_show_fits_80_columns_with_claims_grouped_by_kind(db):
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    proc = subprocess.run([str(BIN), "incidents", "--db", str(db), "--show", "2025-06-01"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert len(lines) < 60
    text = proc.stdout
    # figures: national first, then per place
    assert text.index("Ukraine") < text.index("Kharkiv\n") if "Kharkiv\n" in text else True
    assert text.index("drones launched") < text.index("killed")
    # one line per conflict, the revision, claims grouped under their kind
    conflicts = text.split("Conflicts\n")[1].split("\n\n")[0].splitlines()
    assert len(conflicts) == 1 and "90 (Ukrainian Air Force) vs 120" in conflicts[0]
    assert "killed in Kharkiv: 2 → 4" in text
    claims = text.split("Claims\n")[1]
    kinds = [x.strip() for x in claims.splitlines() if x.startswith("  ") and not x.startswith("   ")]
    assert kinds[:2] == ["drones launched", "drones downed"]
    # the evidence is wrapped under its claim, whole
    assert "Russia launched 90 drones and 5 missiles at Ukraine overnight, the" in text
    assert "Ukrainian Air Force said." in text
