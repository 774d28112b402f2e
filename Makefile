# Run `make` or `make help` to list the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= data/raw
TABLES ?= data/processed
REPORTS ?= reports

.PHONY: help venv build reports test test-fast lab refresh-notebooks bench clean

help: ## List the targets with what they do
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
	@touch $@

venv: $(VENV)/.installed ## Create .venv from requirements.txt (only if needed)

build: venv ## Build the tables from CORPUS (default data/raw) into TABLES (default data/processed)
	$(PY) -m analysis build $(CORPUS) --out $(TABLES)

reports: venv ## Build the tables and run every notebook into reports/ (HTML + figures)
	$(PY) -m analysis report --corpus $(CORPUS) --tables $(TABLES) --out $(REPORTS)

test: venv ## Run every test: unit, integration and browser tests, then the notebooks under nbval (strict)
	$(PY) -m analysis build data/raw --out data/processed
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval --nbval-sanitize-with notebooks/sanitize.cfg notebooks

test-fast: venv ## The tests without the slow ones (browser, Dask cluster)
	$(PY) -m pytest tests -x -q -m "not slow"

refresh-notebooks: venv ## Re-execute the notebooks in place to refresh their stored outputs
	$(PY) -m analysis build data/raw --out data/processed
	$(PY) -m analysis refresh-notebooks

lab: venv ## Open the suite in JupyterLab on localhost
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --allow-root --ServerApp.root_dir=. 

bench: venv ## Benchmark the build (prints figures; asserts nothing)
	$(PY) -m analysis bench

clean: ## Remove build outputs and caches (keeps .venv and data/raw)
	rm -rf data/processed/* data/cache reports/*.html reports/*.ipynb reports/figures
