# The two promises of the README: `make site` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Reproducible builds: dates in the output come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: site test serve check pages golden clean hooks

$(VENV)/.site: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

# npm packages, exactly as package-lock.json pins them: the browser tests inject axe-core.
NODE_STAMP := node_modules/.briefings-installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## site: validate seeds/, generate docs/ pages, build site/ and dist/<name>-offline.zip
site: $(VENV)/.site
	$(BIN)/briefings build

## check: validate seeds/ only
check: $(VENV)/.site
	$(BIN)/briefings check

## pages: validate and write the generated Markdown only
pages: $(VENV)/.site
	$(BIN)/briefings build --pages-only

## serve: live preview on http://127.0.0.1:8000; pages follow every edit under seeds/
serve: $(VENV)/.site
	$(BIN)/briefings serve --dev-addr 127.0.0.1:8000

## test: install what the tests need and run them all
test: $(VENV)/.test $(NODE_STAMP)
	$(BIN)/python -m pytest

## hooks: install pre-commit (with the test extra) and its git hook: `briefings check` before
## every commit that changes seeds/
hooks: $(VENV)/.test
	$(BIN)/pre-commit install

## golden: rewrite the golden pages after a deliberate change to rendering, and CONTRIBUTING.md's
## problem-code tables after a change to generator/problems/codes.py (review the diff)
golden: $(VENV)/.test
	$(BIN)/python -m pytest tests/test_golden.py tests/test_problem_codes.py --update-golden

clean:
	rm -rf site dist .briefings docs/index.md docs/pairs docs/sources docs/actors docs/data docs/feeds \
		docs/search
