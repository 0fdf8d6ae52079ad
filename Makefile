# SIRONET Platform — every task a person does is a make target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SCALE ?= small
DB ?= sqlite

.PHONY: run test lint fmt bench openapi messages install install-dev fonts clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# A stamp per dependency set: installs again only when a requirements file changes.
$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

# The Noto fonts PDFs need (Chinese, Arabic): installed from Debian's packages where this user
# can, otherwise `prepare` says what is missing.
fonts:
	@fc-list : family 2>/dev/null | grep -q "Noto Sans CJK SC" && fc-list : family | grep -q "Noto Sans Arabic" \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-core >/dev/null 2>&1; } \
	  || true

## run: install, migrate, load demo data into an empty database, serve at http://127.0.0.1:$(PORT)
run: install fonts
	PORT=$(PORT) $(BIN)/python manage.py prepare
	PORT=$(PORT) $(BIN)/python manage.py serve

## test: install and run the whole suite (browser tests too, where /usr/bin/chromium exists)
test: install-dev
	$(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

## lint: ruff, and the layers' import contract (pyproject.toml [tool.importlinter])
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: SCALE=small|medium|large DB=sqlite|postgres
bench: install-dev
	$(BIN)/python -m bench.run --scale $(SCALE) --db $(DB)

## openapi: write docs/openapi.json, the committed API contract (a test compares it)
openapi: install-dev
	$(BIN)/python manage.py export_openapi

## messages: extract every translatable string into locale/*/LC_MESSAGES/django.po (needs GNU gettext)
messages: install-dev
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests_browser --ignore=bench

clean:
	rm -rf staticfiles test-artifacts
