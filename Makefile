# The README's two commands: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8501

.PHONY: setup build run test validate clean lint-cypher

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

test: setup lint-cypher
	$(PY) -m pytest tests kg ingest -q

clean:
	rm -rf build .pytest_cache test-artifacts

# Every Cypher statement the project can send, through Neo4j's own linter (needs Node.js; see package.json).
lint-cypher: setup
	@command -v node >/dev/null 2>&1 || { echo "lint-cypher: Node.js is needed to run Neo4j's Cypher linter (node and npm on PATH)"; exit 1; }
	@[ -d node_modules/@neo4j-cypher/language-support ] || npm ci --no-audit --no-fund
	$(PY) -m kg.neo4j_lint --out-dir build/cypher-lint
	node tools/lint_cypher.mjs --strict --schema build/cypher-lint/schema.json build/cypher-lint/statements.json kg/cypher/questions/*.cypher kg/cypher/store/*.cypher
