#!/usr/bin/env bash
# Regenerate constraints.txt: the exact versions CI and `make demo` install, resolved from
# pyproject.toml's ranges (all extras) in a throwaway virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q -e ".[test,bench,build]"
{
  echo "# Exact versions for CI and the demo (pip install -c constraints.txt ...): the tested set."
  echo "# pyproject.toml gives the compatible ranges a library user installs with; regenerate this file"
  echo "# with scripts/lock.sh after changing them."
  "$tmp/venv/bin/pip" freeze --exclude-editable | sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages"
