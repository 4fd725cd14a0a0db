# The README's two commands: `make course` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: course test setup browser bench lint check serve clean

course: setup browser
	$(BIN)/tipcourse build --edition all --pdf
	$(BIN)/tipcourse slides

test: setup browser
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

setup: $(STAMP) node_modules/.stamp

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

# PurgeCSS (npm) trims the theme's stylesheets after each build.
node_modules/.stamp: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Chromium for the browser tests and the PDFs: Debian's package when we are root on Debian,
# else Playwright's own download.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils) >/dev/null; \
	else $(BIN)/python -m playwright install chromium; fi
	@if ! command -v pdftotext >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null; fi

bench: setup browser
	$(BIN)/python -m tipcourse.publish.bench

lint: setup
	$(BIN)/ruff check src tests

check: setup
	$(BIN)/tipcourse check

serve: setup
	$(BIN)/tipcourse serve --edition student

clean:
	rm -rf _build
