# Two commands: `make` (set up, then execute every notebook) and `make test`.
# `make help` lists every target.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := all
.PHONY: all help setup notebooks site test bench lab corpus lock clean distclean

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

notebooks: setup ## Execute every notebook in place, in order, in a fresh kernel
	$(PY) -m antcorpus.build

site: setup ## Export the executed notebooks to site/ (index, pages, figure gallery) and regenerate figures/README.md
	$(PY) -m antcorpus.publish

test: setup ## Run the tests; they execute every notebook again and compare outputs and figure data
	$(PY) -m pytest tests

bench: setup ## Time loading, tokenizing, each notebook, and a 1x/10x/100x scale test (writes site/bench.md)
	$(PY) -m antcorpus.bench

corpus: setup ## Print the corpus table and the cleaning report
	$(PY) -m antcorpus

lab: setup ## Start JupyterLab on the project's environment
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

lock: setup ## Re-pin requirements.lock from the current environment (after changing pyproject.toml)
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^antcorpus' > requirements.lock

clean: ## Remove caches (tokens, jieba, topic models, test caches), site/ and build/; the next run rebuilds them
	rm -rf .cache .pytest_cache .hypothesis site build
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
