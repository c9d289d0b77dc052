# Agora: `make run` serves the site, `make test` runs the suite. `make help` lists the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run pdf-libs test test-pg test-e2e lint format i18n translations bench venv dev-venv clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

venv: $(VENV)/.runtime ## Create the virtualenv with the runtime dependencies
dev-venv: $(VENV)/.dev ## Create the virtualenv with the test and tooling dependencies

translations: $(VENV)/.runtime ## Compile the message catalogs (.po -> .mo)
	@$(BIN)/pybabel compile -d translations > /dev/null 2>&1 || $(BIN)/pybabel compile -d translations

run: venv translations pdf-libs ## Migrate, seed demo content once, serve on http://127.0.0.1:$(PORT) with the job worker
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	AGORA_RUN_WORKER=1 $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

pdf-libs: ## Pango and DejaVu fonts for WeasyPrint's paper forms (installed if missing)
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi dejavu || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null)

test: dev-venv translations pdf-libs ## Run the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto

test-e2e: dev-venv translations pdf-libs ## Browser tests with Debian's Chromium (installed if missing)
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 -m e2e tests/e2e

lint: dev-venv ## ruff check, format check and the import layers (import-linter)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench
	$(BIN)/lint-imports --no-cache

format: dev-venv ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix app tests bench
	$(BIN)/ruff format app tests bench

i18n: venv ## Extract messages and update the fr, ar and en catalogs
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete -w 100

bench: dev-venv translations ## Benchmarks that print figures (see README)
	$(BIN)/python bench/map.py
	$(BIN)/python bench/votes.py
	$(BIN)/python bench/votes_cpu.py
	$(BIN)/python bench/moderation.py
	$(BIN)/python bench/creathon.py
	$(BIN)/python bench/decision_fanout.py
	$(BIN)/python bench/relays.py

clean: ## Remove the virtualenv and compiled catalogs
	rm -rf $(VENV) translations/*/LC_MESSAGES/*.mo
