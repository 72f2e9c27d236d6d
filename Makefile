# Two commands do everything on a fresh machine:
#   make run   - set up .venv, build the demo store if missing, open the dashboard
#   make test  - set up .venv (with test tools) and Chromium, then lint, type-check and run every test
# The venv installs the locks (requirements.txt, requirements-dev.txt) with their hashes; make lock
# remakes them from pyproject.toml and requirements-dev.in (see the README's "The lock").
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/uhc.duckdb
PORT ?= 8501
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false

.PHONY: run test test-fast lint lock bench demo clean catalogs
# A half-made target (a venv whose creation failed) is removed, so the next make starts clean.
.DELETE_ON_ERROR:

$(BIN)/pip:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: sudo apt-get install python3.11 python3.11-venv (or make PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Creating .venv failed: on Debian install python3.11-venv (sudo apt-get install python3.11-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

# The message catalogs (README, Languages): uhc/locale/<language>/LC_MESSAGES/uhc.po are edited,
# uhc.mo are built from them (git-ignored). `make catalogs` extracts the message keys the code
# uses into uhc/locale/uhc.pot (babel.cfg, uhc/message_keys.py) and brings both .po in line with
# it; tests/test_catalogs.py builds the .pot the same way and fails when it is out of date.
LOCALE_DIR := uhc/locale
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/uhc.po))

$(LOCALE_DIR)/%/LC_MESSAGES/uhc.mo: $(LOCALE_DIR)/%/LC_MESSAGES/uhc.po | $(VENV)/.runtime-installed
	$(BIN)/pybabel compile --domain uhc --locale $* --input-file $< --output-file $@

catalogs: $(VENV)/.runtime-installed
	$(BIN)/python -m babel.messages.frontend extract --mapping-file babel.cfg --no-location --sort-output \
		--omit-header --output-file $(LOCALE_DIR)/uhc.pot .
	$(BIN)/pybabel update --input-file $(LOCALE_DIR)/uhc.pot --output-dir $(LOCALE_DIR) --domain uhc \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(MAKE) $(MO_FILES)

$(DB): | $(VENV)/.runtime-installed
	$(BIN)/python -m uhc --db $(DB) init --demo

demo: $(VENV)/.runtime-installed
	$(BIN)/python -m uhc --db $(DB) init --demo

# A store made by an older version is upgraded in place first (migrations keep every row).
# Chromium draws the PNG and briefing exports; without it the dashboard still runs and says so.
run: $(VENV)/.runtime-installed $(MO_FILES) $(DB)
	@bash scripts/ensure-chromium.sh || echo "The dashboard runs without Chromium, but cannot export PNGs or the briefing."
	$(BIN)/python -m uhc --db $(DB) migrate
	UHC_DB=$(DB) $(BIN)/streamlit run serve.py --server.port $(PORT) --server.headless true

.PHONY: chromium
chromium:
	@bash scripts/ensure-chromium.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Remake both locks; keeps every pin that still fits unless LOCK_FLAGS says otherwise, e.g.
# make lock LOCK_FLAGS="--upgrade-package narwhals" (or --upgrade for everything).
LOCK := $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" $(LOCK_FLAGS)
lock: $(VENV)/.dev-installed
	$(LOCK) pyproject.toml -o requirements.txt
	$(LOCK) pyproject.toml requirements-dev.in -o requirements-dev.txt

# -n auto: one pytest worker per core; --dist loadfile keeps a file's tests (and the dashboard
# server a browser test module starts) on one worker.
test: $(VENV)/.dev-installed $(MO_FILES) chromium lint
	$(BIN)/python -m pytest -n auto --dist loadfile

test-fast: $(VENV)/.dev-installed $(MO_FILES)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not browser"

# load.py and pages.py drive real Chromium sessions with Playwright (a test tool: the dev lock).
bench: $(VENV)/.dev-installed $(MO_FILES) chromium
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/pages.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
