# remo-async: `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DDB_STAMP := $(HOME)/.cache/remo-async/dynamodb-local/DynamoDBLocal.jar

CHROMIUM ?= /usr/bin/chromium

.PHONY: install dynamodb-local chromium run test lint format pytest bench lock clean

install: $(STAMP)

# Re-installs only when the project's dependencies change.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "remo-async needs Python >= 3.11 (PYTHON=$(PYTHON) is older)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

dynamodb-local: $(STAMP)
	$(BIN)/python -m remo_async.embedded install

# REMO_PORT / REMO_HOST choose the address: make run REMO_PORT=8090
run: install dynamodb-local
	@$(BIN)/remo-async serve --embedded

# The browser tests drive Debian's Chromium (never Playwright's downloads): installed with
# apt-get when missing and we are root; otherwise one line says what to install.
chromium:
	@test -x $(CHROMIUM) || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Chromium for the browser tests (apt-get install chromium)"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null || \
			{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || true; \
		fi; \
		test -x $(CHROMIUM) || echo "browser tests need Chromium at $(CHROMIUM): install it with 'sudo apt-get install chromium' (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium"; \
	}

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict remo_async

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

pytest: install dynamodb-local chromium
	REMO_TEST_REQUIRE_DYNAMODB_LOCAL=1 REMO_TEST_REQUIRE_BROWSER=1 REMO_TEST_CHROMIUM=$(CHROMIUM) \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint pytest

bench: install dynamodb-local
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Refreshes requirements.lock from what the venv holds now.
lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^remo-async' | \
		{ echo '# Pinned versions that `make install` installs (pip constraints). Refresh: make lock'; cat; } > requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
