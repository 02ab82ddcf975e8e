# Two commands: `make` (set up, then execute every notebook) and `make test`.
# `make help` lists every target.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := all
.PHONY: all help setup notebooks figures-zh site test lint format bench lab corpus lock clean distclean

all: setup notebooks site ## Set up, execute every notebook in order (regenerates figures/), build site/

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the pinned dependencies and the antcorpus package

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; set PYTHON=...")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) && \
		$(PYTHON) -m pip --python $(PY) install pip; }

$(STAMP): $(PY) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[notebooks,dev]"
	@touch $(STAMP)

notebooks: setup ## Execute every notebook in order, each in a fresh kernel; a failing cell stops the build (exit 1)
	$(PY) -m antcorpus.project.runner

figures-zh: setup ## Build the Chinese-labelled edition (notebooks, figures, site) into build/editions/zh/seeds/; committed files untouched
	ANTCORPUS_LABELS=zh $(PY) -m antcorpus.project.runner
	ANTCORPUS_LABELS=zh $(PY) -m antcorpus.project.publish

site: setup ## Export the executed notebooks to site/ (index, pages, figure gallery) and regenerate figures/README.md
	$(PY) -m antcorpus.project.publish

test: setup lint ## Lint and format check, then the tests (they re-execute every notebook and compare outputs)
	$(PY) -m pytest tests

lint: setup ## Check code style with ruff (lint rules and formatting) without changing files
	$(VENV)/bin/ruff check lib tests tools notebooks
	$(VENV)/bin/ruff format --check lib tests tools notebooks

format: setup ## Fix what ruff can: sort imports, apply safe fixes, reformat
	$(VENV)/bin/ruff check --fix lib tests tools notebooks
	$(VENV)/bin/ruff format lib tests tools notebooks

bench: setup ## Time every pipeline stage at 1x/10x/100x (BENCH_SCALES=1,10,100,1000 adds 1000x) against a plain script and the floor (writes build/bench/)
	$(PY) -m antcorpus.project.bench

corpus: setup ## Print the corpus table and the cleaning report
	$(PY) -m antcorpus

LAB_ARGS ?=
lab: setup ## Start JupyterLab (extra options: LAB_ARGS="--port 8890 --ip 0.0.0.0 --no-browser")
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

lock: setup ## Re-pin requirements.lock from the current environment (after changing pyproject.toml)
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^antcorpus' > requirements.lock

clean: ## Remove caches (tokens, jieba, topic models, test caches), site/ and build/; the next run rebuilds them
	rm -rf .cache .pytest_cache .hypothesis site build
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
