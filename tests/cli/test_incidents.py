"""`strikeledger incidents`: the list with filters, and one incident in full."""
from __future__ import annotations

from cli_data import run


def _ids(stdout: str) -> list[str]:
    return [x.split("│")[1].strip() for x in stdout.splitlines() if x.startswith("│ 2025-")]


def test_lists_every_incident_with_grades(db):
    result = run("incidents", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert _ids(result.stdout) == ["2025-06-01", "2025-06-08"]
    # the grade in brackets is shown, not swallowed as rich markup
    assert "90–120 (contested) [contested] / 80 [weak]" in result.stdout


def test_filters(db):
    assert _ids(run("incidents", "--db", db, "--contested").stdout) == ["2025-06-01"]
    assert _ids(run("incidents", "--db", db, "--oblast", "odesa").stdout) == ["2025-06-08"]
    assert _ids(run("incidents", "--db", db, "--kind", "killed").stdout) == ["2025-06-01"]
    assert _ids(run("incidents", "--db", db, "--from", "2025-06-02").stdout) == ["2025-06-08"]
    assert _ids(run("incidents", "--db", db, "--grade", "contested").stdout) == ["2025-06-01"]


def test_unknown_kind_is_one_clear_line(db):
    result = run("incidents", "--db", db, "--kind", "tanks")
    assert result.exit_code == 1
    assert "kind: expected one of drones_launched" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_lists_claims_conflicts_and_revisions(db):
    result = run("incidents", "--db", db, "--show", "2025-06-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "attack date 2025-06-01" in out
    assert "Conflicts" in out and "drones launched: 90 (Ukrainian Air Force) vs 120" in out
    assert "killed in Kharkiv: 2 → 4" in out
    assert "Ukrainian Air Force" in out


def test_show_unknown_incident(db):
    result = run("incidents", "--db", db, "--show", "1999-01-01")
    assert result.exit_code == 1
    assert "1999-01-01" in result.stderr
