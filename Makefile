# The README's two commands: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8501

.PHONY: setup build run test validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

build: setup
	$(VENV)/bin/migkg build --out build/migration-kg.ttl

validate: setup
	$(VENV)/bin/migkg validate

run: build
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

test: setup
	$(PY) -m pytest tests kg ingest -q

clean:
	rm -rf build .pytest_cache test-artifacts
