# `make run` and `make test` do all the set-up on a fresh machine (Python 3.11 and make).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 5000
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo serve translations extract-messages update-messages compile-messages bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml setup.py | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) compile-messages

migrate: install
	$(VENV)/bin/localize db upgrade

demo: migrate
	$(VENV)/bin/localize demo

run: demo
	$(VENV)/bin/localize serve --host 127.0.0.1 --port $(PORT)

test: install
	$(VENV)/bin/ruff check .
	node --test tests/js/
	$(PY) tests/check_browser.py
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install
	$(PY) benchmarks/subtitles.py
	$(PY) benchmarks/views.py
	$(PY) benchmarks/scripts.py

# The UI's own catalogs (locales/<lang>/LC_MESSAGES/messages.po).
extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o locales/messages.pot .

update-messages: extract-messages
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching

compile-messages: $(STAMP)
	$(VENV)/bin/pybabel compile -d locales --statistics

translations: update-messages compile-messages

clean:
	rm -rf $(VENV) *.egg-info
