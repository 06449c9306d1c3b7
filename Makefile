# One command builds everything from the embedded corpus: `make`. Then `make test`.
# Targets are real file rules: a second `make` with nothing changed does no work.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

CORPUS := data/processed/corpus.parquet data/processed/ingest_report.csv
FEATURES := data/processed/features.parquet
RAW    := $(shell find data/raw -type f ! -name '*.md' ! -name LICENSE | LC_ALL=C sort)
CONFIG := data/sources.toml data/outlets.toml data/events.csv data/page_metadata.csv \
          data/lexicons/belarus_terms.csv
CORPUS_CODE := $(wildcard analysis/corpus/*.py) analysis/__main__.py analysis/_paths.py analysis/_atomic.py
FIGURE_NAMES := corpus_coverage_by_outlet_event corpus_timeline_by_outlet_group \
                readability_by_outlet sentiment_by_outlet actor_sentiment_by_outlet \
                actor_sentiment_by_outlet_group generic_frames_by_outlet \
                generic_frames_by_outlet_group policy_frames_by_outlet sourcing_by_outlet \
                contested_terms_by_outlet keyness_russian_state_vs_western \
                keyness_rt_vs_reuters keyness_rt_vs_bbc outlet_group_classifier_confusion \
                same_event_joint_grouping_2022 same_event_ruwa_beginning \
                same_event_nuclear_deployment_announced_2023 same_event_wagner_move_2023 \
                seed_articles_side_by_side frame_validity_f1
TABLE_NAMES := outlet_group_classifier_scores contrasts_russian_state_vs_western \
               sentiment_validity source_type_validity
FIGURES := $(foreach n,$(FIGURE_NAMES),figures/$(n).pdf figures/$(n).png figures/$(n).svg tables/$(n).csv) \
           $(foreach n,$(TABLE_NAMES),tables/$(n).csv tables/$(n).tex) \
           figures/MANIFEST.json figures/README.md
FIGURE_CODE := $(wildcard analysis/compare/*.py analysis/plots/*.py analysis/features/*.py) \
               analysis/build.py analysis/__init__.py
VALIDATION := $(wildcard data/validation/*/*.gz) data/validation/narrative_frames_split.csv \
              data/validation/quote_source_types.csv data/validation/quote_source_types_second.csv
# the comparison tables (analysis/compare/run.py's TABLES; a test keeps the two equal)
COMPARE_NAMES := estimates_by_outlet_group estimates_by_outlet contrasts_by_outlet_group \
                 contrasts_by_outlet term_choices_by_outlet term_choices_by_outlet_group \
                 keyness_by_outlet_group keyness_pairs keyness_alpha0_sensitivity \
                 classifier_scores classifier_folds classifier_confusion classifier_terms \
                 classifier_groups same_event_coverage same_event_profiles \
                 same_event_term_choices same_event_keyness same_event_headlines \
                 event_alignment event_alignment_catalogue close_reading_features \
                 close_reading_quotes close_reading_terms close_reading_stance \
                 close_reading_actors
COMPARE := $(foreach n,$(COMPARE_NAMES),tables/$(n).csv)

.DEFAULT_GOAL := all
.PHONY: all data features compare figures report test bench lint lab clean help lock

all: data features compare figures ## environment + processed data + every figure and table

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, found " + sys.version.split()[0] + "; run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(CORPUS) &: $(RAW) $(CONFIG) $(CORPUS_CODE) $(STAMP)
	$(PY) -m analysis ingest

data: $(CORPUS) ## processed corpus + ingest report from data/raw

# Incremental inside: only articles whose text, lexicons or feature code changed are recomputed.
$(FEATURES): $(CORPUS) $(wildcard analysis/features/*.py) $(wildcard data/lexicons/*.csv)
	$(PY) -m analysis features

features: $(FEATURES) ## data/processed/features.parquet: one row per article, one column per feature

$(COMPARE) &: $(CORPUS) $(FEATURES) $(wildcard analysis/compare/*.py analysis/features/*.py) \
              $(wildcard data/lexicons/*.csv) analysis/__main__.py
	$(PY) -m analysis compare

compare: $(COMPARE) ## tables/<name>.csv: estimates, contrasts, keyness, classifier, same-event views

# the build itself skips what is up to date (figures/MANIFEST.json) and refreshes its timestamps
$(FIGURES) &: $(CORPUS) $(FEATURES) $(COMPARE) $(FIGURE_CODE) $(CONFIG) $(VALIDATION) \
              $(wildcard data/lexicons/*.csv)
	$(PY) -m analysis figures

figures: $(FIGURES) ## figures/<name>.{pdf,png,svg} + tables/<name>.csv, MANIFEST.json, README.md

report: $(STAMP) $(COMPARE) $(FIGURES) ## execute every notebook; static HTML copies in reports/
	$(PY) -m analysis report

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

lab: $(STAMP) $(CORPUS) $(LAB_SETTINGS) ## JupyterLab on the notebooks (the .py files open as notebooks)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

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
