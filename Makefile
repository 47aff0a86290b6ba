# Two commands set everything up on a fresh machine:
#   make demo   - create .venv, install ghostproof (runtime dependencies only), run it on a bundled sample
#   make test   - create .venv, install ghostproof with the dev tools, run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.ghostproof-runtime
STAMP := $(VENV)/.ghostproof-dev
SAMPLE ?= samples/en-consulting-mixed.pdf
LINTED := src tests bench samples/build.py

.PHONY: demo test lint typecheck pytest samples goldens bench clean

# the tool and what it needs at run time: nothing for development
$(RUNTIME): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME)

# plus ruff, mypy, pytest & co. (the [dev] extra)
$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

demo: $(RUNTIME)
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
