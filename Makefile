# The two commands of the README: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SL := $(VENV)/bin/strikeledger
DB ?= strikeledger.duckdb

.PHONY: demo test install install-test system eval bench bench-ci clean

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

# The test set includes the benchmark's baseline (spaCy and its small English model, the
# model by hash from benchmarks/spacy-model.txt): CI runs the benchmark and logs its ratios.
$(VENV)/.installed-test: pyproject.toml constraints.txt benchmarks/spacy-model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_QQ) --upgrade pip
	$(PIP) -e ".[test]"
	$(PIP_QQ) --no-deps -r benchmarks/spacy-model.txt
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

## Set up and run every test (PostgreSQL and browser tests included), then the benchmarks.
test: install-test system
	$(VENV)/bin/pytest -q
	@$(MAKE) --no-print-directory bench-ci

## The extraction benchmarks as CI runs them (about 3 minutes): spaCy's small model as the
## baseline in the same run, median of 5 runs per cell, ratios and any SHORTFALL printed into
## the log. A missing baseline stops it with exit code 2; a shortfall is reported, not failed
## on (timings on a shared machine are no test). `make bench` runs the full sizes.
bench-ci: install-test
	$(PY) benchmarks/bench_spacy.py --generated 100 --repeat 5
	$(PY) benchmarks/bench_linear.py --sizes 10000 100000 --repeat 5 --report-only

eval: install
	$(SL) eval ../shared/eval/dev

## The benchmark with its spaCy baseline (the model is installed by hash from benchmarks/spacy-model.txt).
bench: install-test
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_spacy.py
	$(PY) benchmarks/bench_linear.py

clean:
	rm -rf $(VENV) $(DB) *.duckdb.wal .pytest_cache
