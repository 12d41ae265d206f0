"""The install a library user lives with (issue 17): compatible ranges in pyproject.toml,
the exact tested set in constraints.txt, optional extras imported only where used, and
no declared dependency that nothing uses."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from strikeledger.errors import MissingExtraError
from strikeledger.extras import require

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
EXTRAS = {name: [Requirement(r) for r in reqs]
          for name, reqs in PROJECT["optional-dependencies"].items()}

# Distribution name -> the module our code imports. A dependency that no module of ours
# imports must say why it is declared.
IMPORTED_AS = {
    "pydantic": "pydantic", "typer": "typer", "rich": "rich", "duckdb": "duckdb",
    "trafilatura": "trafilatura", "text2num": "text_to_num", "datasketch": "datasketch",
    "pyarrow": "pyarrow", "fastapi": "fastapi", "uvicorn": "uvicorn",
    "psycopg": "psycopg", "dask": "distributed", "numpy": "numpy",
    "watchfiles": "watchfiles", "feedparser": "feedparser", "httpx": "httpx",
    "lingua-language-detector": "lingua",
}
NEEDED_BY_A_DEPENDENCY = {
    # trafilatura imports lxml.html.clean, which lxml ships separately since 5.2
    "lxml-html-clean": "trafilatura",
    # zoneinfo (Europe/Kyiv for Telegram dates) reads it where the system has no tz database
    "tzdata": "zoneinfo",
}


def _pinned() -> dict[str, Version]:
    out = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            out[_canon(name)] = Version(version)
    return out


def _canon(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _imports_in_src() -> set[str]:
    found = set()
    for path in (ROOT / "src" / "strikeledger").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value.split(".")[0])
    return found


@pytest.mark.parametrize("req", RUNTIME + EXTRAS["postgres"] + EXTRAS["dask"], ids=str)
def test_runtime_dependency_is_a_compatible_range(req):
    """Bug: every dependency was pinned with ==, too tight to install beside other packages."""
    ops = {s.operator for s in req.specifier}
    assert ops == {">=", "<"}, f"{req}: want '>=x.y,<next-major'"


def test_every_requirement_is_locked_within_its_range():
    """constraints.txt (what CI and the demo install) satisfies pyproject's ranges."""
    pinned = _pinned()
    for req in RUNTIME + [r for reqs in EXTRAS.values() for r in reqs]:
        if _canon(req.name) == "strikeledger":
            continue
        assert _canon(req.name) in pinned, f"{req.name} missing from constraints.txt (scripts/lock.sh)"
        assert req.specifier.contains(pinned[_canon(req.name)]), (
            f"{req.name}=={pinned[_canon(req.name)]} is outside {req.specifier}")


def test_no_unused_runtime_dependency():
    """Bug: python-dateutil was declared but never imported."""
    used = _imports_in_src()
    for req in RUNTIME + EXTRAS["postgres"] + EXTRAS["dask"]:
        name = _canon(req.name)
        if name in NEEDED_BY_A_DEPENDENCY:
            continue
        assert name in IMPORTED_AS, f"{req.name}: say which module imports it"
        assert IMPORTED_AS[name] in used, f"{req.name} is declared but nothing imports it"


def test_optional_extras_are_not_imported_by_the_core():
    """`dask[distributed]` and psycopg are extras: importing the library, its CLI and API
    and opening a DuckDB store must not need them."""
    code = ("import sys, strikeledger, strikeledger.cli, strikeledger.api\n"
            "from strikeledger.store import open_store\n"
            "with open_store(':memory:') as s: pass\n"
            "print(sorted(m for m in ('distributed', 'dask', 'psycopg') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_extra_names_the_install_command():
    with pytest.raises(MissingExtraError) as info:
        require("strikeledger_no_such_module", "postgres", "a PostgreSQL store")
    assert "pip install 'strikeledger[postgres]'" in str(info.value)
    assert "a PostgreSQL store" in str(info.value)
