# Two commands: `make` (set up, then execute every notebook) and `make test`.
# `make help` lists every target.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := all
.PHONY: all help setup notebooks test lab corpus lock clean distclean

all: setup notebooks ## Set up, then execute every notebook in order (regenerates figures/)

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

test: setup ## Run the test suite and execute every notebook into a temporary copy
	$(PY) -m pytest tests $(if $(wildcard notebooks/*.ipynb),--nbmake notebooks)

corpus: setup ## Print the corpus table and the cleaning report
	$(PY) -m antcorpus

lab: setup ## Start JupyterLab on the project's environment
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

lock: setup ## Re-pin requirements.lock from the current environment (after changing pyproject.toml)
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^antcorpus' > requirements.lock

clean: ## Remove caches (tokens, jieba, test caches); the next run rebuilds them
	rm -rf .cache .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
