# One command builds everything from the embedded corpus: `make`. Then `make test`.
# Targets are real file rules: a second `make` with nothing changed does no work.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# The default study (study.toml at the top): the embedded corpus, built by file rules.
# `make STUDY=DIR` builds another study folder instead (see "Your own study" in README.md).
CORPUS := data/processed/corpus.parquet data/processed/ingest_report.csv
FEATURES := data/processed/features.parquet
RAW    := $(shell find data/raw -type f ! -name '*.md' ! -name LICENSE | LC_ALL=C sort)
CONFIG := study.toml data/outlets.toml data/events.csv data/page_metadata.csv \
          data/lexicons/belarus_terms.csv
CORPUS_CODE := $(wildcard analysis/corpus/*.py) analysis/__main__.py analysis/_paths.py \
               analysis/_atomic.py analysis/study.py
FIGURE_CODE := $(wildcard analysis/compare/*.py analysis/plots/*.py analysis/features/*.py) \
               analysis/build.py analysis/__init__.py
VALIDATION := $(wildcard data/validation/*/*.gz) $(wildcard data/validation/*.csv) \
              $(wildcard data/lexicons/previous/*.csv)
# Each step's outputs are declared once, by the package (analysis/compare/run.py's TABLES and
# analysis/build.py's figure_specs); make tracks each step by the manifest it writes last.
COMPARE := tables/MANIFEST.json
FIGURES := figures/MANIFEST.json

.DEFAULT_GOAL := all
.PHONY: all data features compare figures report test bench lint lab clean help lock

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, found " + sys.version.split()[0] + "; run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

ifdef STUDY
# ---- another study: one engine, incremental inside (python -m analysis run) ---------------
all: $(STAMP) ## environment + processed data + every figure and table (STUDY=DIR: that study)
	$(PY) -m analysis run $(STUDY)

report: $(STAMP) ## execute every notebook; static HTML copies in reports/ (STUDY=DIR: its reports/)
	$(PY) -m analysis run $(STUDY) --report
else
all: data features compare figures

$(CORPUS) &: $(RAW) $(CONFIG) $(CORPUS_CODE) $(STAMP)
	$(PY) -m analysis ingest

data: $(CORPUS) ## processed corpus + ingest report from data/raw

# Incremental inside: only articles whose text, lexicons or feature code changed are recomputed.
$(FEATURES): $(CORPUS) $(wildcard analysis/features/*.py) $(wildcard data/lexicons/*.csv)
	$(PY) -m analysis features

features: $(FEATURES) ## data/processed/features.parquet: one row per article, one column per feature

$(COMPARE) &: $(CORPUS) $(FEATURES) $(wildcard analysis/compare/*.py analysis/features/*.py) \
              $(wildcard data/lexicons/*.csv) analysis/__main__.py analysis/study.py study.toml
	$(PY) -m analysis compare

compare: $(COMPARE) ## tables/<name>.csv: estimates, contrasts, keyness, classifier, same-event views

# the build itself skips what is up to date (figures/MANIFEST.json) and refreshes its timestamps
$(FIGURES) &: $(CORPUS) $(FEATURES) $(COMPARE) $(FIGURE_CODE) $(CONFIG) $(VALIDATION) \
              $(wildcard data/lexicons/*.csv)
	$(PY) -m analysis figures

figures: $(FIGURES) ## figures/<name>.{pdf,png,svg} + tables/<name>.csv, MANIFEST.json, README.md

report: $(STAMP) $(COMPARE) $(FIGURES)
	$(PY) -m analysis report
endif

test: $(STAMP) $(CORPUS) $(FEATURES) $(COMPARE) ## unit tests, checks on the real corpus and tables, notebooks, ruff
	$(VENV)/bin/ruff check analysis tests
	$(PY) -m pytest

bench: $(STAMP) $(CORPUS) $(FEATURES) ## speed and memory of the feature and comparison passes, ingest memory
	$(PY) -m analysis bench

lint: $(STAMP) ## ruff
	$(VENV)/bin/ruff check analysis tests

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(LAB_SETTINGS): $(STAMP)
	@mkdir -p $(@D)
	@echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}}}' > $@

lab: $(STAMP) $(LAB_SETTINGS) $(if $(STUDY),,$(CORPUS)) ## JupyterLab on the notebooks (STUDY=DIR: they read that study)
	$(if $(STUDY),ANALYSIS_STUDY=$(abspath $(STUDY))) $(VENV)/bin/jupyter lab --notebook-dir=notebooks

clean: ## remove generated outputs (never data/raw, never the environment)
	rm -rf data/processed tables reports .pytest_cache
	find figures -type f ! -name README.md -delete
	find notebooks -name '*.ipynb' -delete
	find analysis tests notebooks -name __pycache__ -type d -prune -exec rm -rf {} +

lock: ## re-pin requirements/lock.txt from pyproject.toml in a fresh throwaway venv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' requirements/lock.txt; .lock-venv/bin/pip freeze --exclude-editable; \
	  grep '^setuptools==' requirements/lock.txt; \
	  sed -n '/^# cffconvert is installed/,$$p' requirements/lock.txt; } > requirements/lock.txt.new
	mv requirements/lock.txt.new requirements/lock.txt && rm -rf .lock-venv

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10
