# Kopiena: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Exported: the settings build SITE_URL from it, so links point at the port the site runs on.
export PORT
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: run test setup deps deps-dev messages migrate demo worker beat bench lint lint-templates format

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_FLAGS) -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_FLAGS) -r requirements-dev.txt
	touch $@ $(VENV)/.deps

deps: $(VENV)/.deps
deps-dev: $(VENV)/.deps-dev

messages:
	@command -v msgfmt >/dev/null || { echo "GNU gettext is needed to compile translations: apt-get install gettext"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate:
	$(PY) manage.py migrate --noinput -v0

demo:
	$(PY) manage.py seed_demo

setup: deps messages migrate demo

run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: deps-dev messages
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) -m pytest $(PYTEST_ARGS)

worker: deps
	$(VENV)/bin/celery -A lms worker --loglevel=INFO

beat: deps
	$(VENV)/bin/celery -A lms beat --loglevel=INFO

bench: deps-dev messages
	$(PY) benchmarks/run.py $(BENCH)

lint: deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) lint-templates

lint-templates: deps-dev
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -path '*/templates/*' -name '*.html' -print \
		| xargs $(VENV)/bin/djhtml --check

format: deps-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -path '*/templates/*' -name '*.html' -print \
		| xargs $(VENV)/bin/djhtml
