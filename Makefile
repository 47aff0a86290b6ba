# Two commands set everything up on a fresh machine:
#   make demo   - create .venv, install ghostproof, run it on a bundled sample
#   make test   - create .venv, install with dev tools, run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.ghostproof-installed
SAMPLE ?= samples/en-consulting-mixed.pdf
LINTED := src tests bench samples/build.py

.PHONY: demo test lint typecheck pytest samples goldens bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ghostproof audit $(SAMPLE)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

samples: $(STAMP)
	$(BIN)/python samples/build.py

bench: $(STAMP)
	$(BIN)/python bench/extract_fidelity.py
	$(BIN)/python bench/audit_speed.py
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/audit_memory.py

goldens: $(STAMP)
	$(BIN)/python tests/goldens.py
	$(BIN)/python tests/goldens_checklist.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
