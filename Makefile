# The portal's everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SEARCH_DATABASE_URL ?= $(BENCH_DATABASE_URL)
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
BENCH_PORT ?= 8100
BENCH_VACANCIES ?= 100000
BENCH_ARGS ?=

.PHONY: help setup setup-run run seed test test-fast e2e screenshots check fuzz services browser gettext messages translations worker beat bench bench-search wrk clean

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Running the portal needs only its runtime dependencies; the test and lint tools (Playwright,
# pytest, ruff) come with the development extras, installed by the commands that use them.
# A first `make run` must answer within a minute, so it does no more than it needs:
# - the Python that creates .venv installs into it with its own pip (pip 22.3 or later), so the
#   virtualenv needs no copy of pip; an older pip gets a virtualenv with pip, as before;
# - the runtime packages are read from pyproject.toml and installed as pinned by
#   requirements.lock, without building the portal itself (it runs from the checkout);
# - Python compiles each module when it is first imported, not every file at install time.
HOST_PIP := $(shell $(PYTHON) -m pip --python $(PYTHON) --version >/dev/null 2>&1 && echo yes)
PIP = $(if $(HOST_PIP),$(PYTHON) -m pip --python $(BIN)/python,$(BIN)/pip)
PIP_INSTALL = $(PIP) install -q --disable-pip-version-check -c requirements.lock

$(BIN)/python:
	$(PYTHON) -m venv $(if $(HOST_PIP),--without-pip) $(VENV)

$(VENV)/requirements-run.txt: pyproject.toml | $(BIN)/python
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > $@

$(BIN)/.installed-run: pyproject.toml requirements.lock $(VENV)/requirements-run.txt | $(BIN)/python
	$(PIP_INSTALL) --no-compile -r $(VENV)/requirements-run.txt
	touch $@

$(BIN)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP_INSTALL) -e ".[dev]"
	touch $(BIN)/.installed-run $@

setup: $(BIN)/.installed ## create .venv and install the pinned dependencies, development tools included

setup-run: $(BIN)/.installed-run ## create .venv with what running the portal needs

run: setup-run ## the portal with demo data on SQLite at http://127.0.0.1:8000
	@(bash scripts/gettext.sh && (test ! -d locale || $(BIN)/python $(COMPILEMESSAGES))) \
		|| echo "  Without GNU gettext (the gettext package) the pages stay in English."
	$(BIN)/python manage.py migrate --noinput --skip-checks
	$(BIN)/python manage.py seed --demo --if-empty --skip-checks
	@echo ""
	@echo "  The portal runs at http://127.0.0.1:8000  (admin at /admin/, API docs at /api/docs/)"
	@echo "  Demo sign-ins, password portal-demo-2026: admin@ recruiter@ seeker@ student@example.org"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

seed: setup-run ## load the ecosystem and demo data into the configured database (adds what is missing)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed --demo

services: ## start PostgreSQL and Redis on localhost when they are down
	bash scripts/services.sh

browser: ## install Debian's Chromium for the browser tests when missing
	bash scripts/browser.sh

gettext: ## install GNU gettext (msgfmt) when missing
	bash scripts/gettext.sh

# The one way to extract the strings, so that catalogues merge cleanly: no source locations,
# no obsolete entries. scripts/check_translations.py runs the same command.
MAKEMESSAGES := manage.py makemessages -l nl -l fr --no-location --no-obsolete --ignore=.venv --ignore=test-artifacts --ignore=node_modules --ignore=staticfiles --ignore=var

messages: setup-run gettext ## extract the interface strings into locale/nl and locale/fr
	$(BIN)/python $(MAKEMESSAGES)

COMPILEMESSAGES := manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=var --ignore=test-artifacts

translations: setup-run gettext ## compile the catalogues (.mo files are built here, never committed)
	test ! -d locale || $(BIN)/python $(COMPILEMESSAGES)

test: setup services browser translations ## the whole test suite on PostgreSQL and Redis, browser tests included
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest
	DATABASE_URL=sqlite:// REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest

test-fast: setup services translations ## the suite without the browser tests
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m "not e2e"
	DATABASE_URL=sqlite:// REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m "not e2e"

e2e: setup services browser translations ## only the browser tests
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m e2e
	DATABASE_URL=sqlite:// REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m e2e

screenshots: setup services browser translations ## refresh the README's screenshots in docs/screenshots
	UPDATE_SCREENSHOTS=1 DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m e2e
	UPDATE_SCREENSHOTS=1 DATABASE_URL=sqlite:// REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m e2e

check: setup translations ## lint, format, the app layers, types, Django checks, missing migrations and translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/mypy
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

fuzz: setup services ## schemathesis against the live API: anonymous, job seeker, recruiter (own database)
	bash scripts/fuzz.sh

bench: setup services ## benchmark: 10,000 job alerts against 1,000 new vacancies on PostgreSQL
	$(BIN)/python scripts/bench/create_database.py $(BENCH_DATABASE_URL)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench_alerts --alerts 10000 --vacancies 1000

wrk: ## install wrk from Debian's packages when missing
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

bench-search: setup services wrk ## job board at 100,000 vacancies against a trivial view (gunicorn + wrk)
	$(BIN)/python scripts/bench/create_database.py $(BENCH_SEARCH_DATABASE_URL)
	DATABASE_URL=$(BENCH_SEARCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_SEARCH_DATABASE_URL) $(BIN)/python manage.py bench_search \
		--vacancies $(BENCH_VACANCIES) --port $(BENCH_PORT) --redis-url $(BENCH_REDIS_URL) $(BENCH_ARGS)

worker: setup-run ## a Celery worker (needs REDIS_URL)
	$(BIN)/celery -A portal worker --loglevel=info

beat: setup-run ## Celery beat, the periodic tasks (needs REDIS_URL)
	$(BIN)/celery -A portal beat --loglevel=info --schedule=var/celerybeat-schedule

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var/portal.sqlite3 var/media var/private staticfiles
