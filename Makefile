# StdBase — one-command set-up. Needs only Python 3.11+, pip and make.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Prefer the newest Python on the machine (Django 6 needs 3.12+; 3.11 runs Django 5.2 LTS).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3 python; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
	done)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup run test test-fast bench lint format messages seed clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed
	$(BIN)/stdbase migrate --no-input
	$(BIN)/stdbase collectstatic --no-input --verbosity 0
	$(BIN)/stdbase load_shipped_data
	$(BIN)/stdbase ensure_admin

# The web server and a task worker (background checks, alert and digest schedules) share
# the SQLite-backed queue; stopping `make run` stops both.
run: setup
	@export STDBASE_TASKS_IMMEDIATE=false; \
	$(BIN)/stdbase run_huey --workers 2 --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/stdbase runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto -m "not browser" $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.checks
	$(BIN)/python -m bench.draws
	$(BIN)/python -m bench.experts
	$(BIN)/python -m bench.precision
	$(BIN)/python -m bench.development
	$(BIN)/python -m bench.development_review
	$(BIN)/python -m bench.governance
	$(BIN)/python -m bench.verification
	$(BIN)/python -m bench.pdf
	$(BIN)/python -m bench.research
	$(BIN)/python -m bench.http_load

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	STDBASE_PRODUCTION=true STDBASE_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  STDBASE_ALLOWED_HOSTS=stdbase.example $(BIN)/stdbase check --deploy --fail-level WARNING

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

APPS := core accounts audit bodies workflows catalog checks jobs notifications development talent verification research consulting governance
# Each app keeps its own catalogue; the root locale/ holds the strings of templates/ only.
messages: $(VENV)/.installed
	for app in $(APPS); do (cd $$app && $(CURDIR)/$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete); done
	$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete $(foreach d,$(APPS) bench scripts data var stdbase .venv,--ignore '$(d)/*')
	$(BIN)/django-admin compilemessages --ignore '.venv/*' --ignore 'var/*'

seed: $(VENV)/.installed
	$(BIN)/python scripts/build_seed.py --shared ../shared/data --out data/seed

clean:
	rm -rf $(VENV) var
