# opsloop — every target creates .venv (and installs the project with its dev extras) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= ../shared/data

.PHONY: demo serve test lint typecheck pytest eval bench fixtures clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## reset var/demo, seed the ERP mirror, ingest fixtures/inbox, run every stage
	$(BIN)/opsloop demo --fixtures fixtures --data-dir var/demo

serve: $(STAMP)  ## run opsloop on the demo data (run `make demo` first)
	OPSLOOP_DATA_DIR=var/demo $(BIN)/opsloop serve

test: lint typecheck pytest  ## everything CI runs

lint: $(STAMP)
	$(BIN)/ruff check src tests evals fixtures
	$(BIN)/ruff format --check src tests evals fixtures

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)  ## accuracy on the real documents in $(DATA) (skips what is absent)
	$(BIN)/opsloop eval invoices --data $(DATA)/invoices
	$(BIN)/opsloop eval conversations --data $(DATA)/chats
	$(BIN)/opsloop eval reconcile

bench: $(STAMP)  ## throughput figures (printed, never pass/fail)
	$(BIN)/python evals/bench_ingest.py
	$(BIN)/python evals/bench_extract.py --data $(DATA)/invoices
	$(BIN)/python evals/bench_reconcile.py

fixtures: $(STAMP)  ## regenerate the committed fixture files
	$(BIN)/python fixtures/generate.py

clean:
	rm -rf var/demo .pytest_cache .mypy_cache .ruff_cache
