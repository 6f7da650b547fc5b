# zienswijze — the two commands a newcomer needs:
#   make run    set everything up and start the service, scheduler and development mailbox
#   make test   set everything up and run the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app app
VENV_STAMP := $(VENV)/.installed
CHROMIUM   := /usr/bin/chromium
DOVECOT    := /usr/sbin/dovecot

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck check venv db demo chromium oidc-provider messages translations clean mutants bench

include mk/assets.mk

help:
	@echo "make run    start the service on http://127.0.0.1:5000 with its scheduler and mailbox at /dev/mailbox"
	@echo "make test   run the whole test suite (ZIENSWIJZE_TEST_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)"
	@echo "make check  lint (ruff) and type-check (mypy) the code, as CI does before the tests"
	@echo "make bench  run the benchmarks in bench/ and print their figures (minutes; see bench/README.md)"
	@echo "make mutants  mutation-test the deadline, consultation and weighing rules (see docs/testing.md)"

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

instance:
	mkdir -p instance

db: $(VENV_STAMP) instance
	$(FLASK) init-db

demo: db
	$(FLASK) load-demo

run: $(VENV_STAMP) assets translations demo
	@echo
	@echo "  Service:  http://127.0.0.1:5000   (log in with the demo login above)"
	@echo "  Mailbox:  http://127.0.0.1:5000/dev/mailbox"
	@echo "  Health:   http://127.0.0.1:5000/healthz"
	@echo "  Ctrl-C stops everything."
	@echo
	$(BIN)/honcho --procfile Procfile.dev start

# Browser tests drive Debian's chromium through Playwright; Playwright's own browser download is never used.
$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium

chromium: $(CHROMIUM)

# The bounce mailbox tests read reports from a real IMAP server: Debian's Dovecot, which each test run
# starts on its own port with its own configuration (tests/imap_server.py); the system's is not used.
$(DOVECOT):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq dovecot-imapd

# The sign-in tests start a real OpenID provider (npm's oidc-provider, pinned in its own lock file); it is
# never part of the service or of static/vendor.
OIDC_PROVIDER_DIR   := tests/oidc_provider
OIDC_PROVIDER_STAMP := $(OIDC_PROVIDER_DIR)/node_modules/.zienswijze-npm-ci.stamp

$(OIDC_PROVIDER_STAMP): $(OIDC_PROVIDER_DIR)/package-lock.json
	$(NPM) ci $(NPM_CI_FLAGS) --prefix $(OIDC_PROVIDER_DIR)
	touch $@

oidc-provider: $(OIDC_PROVIDER_STAMP)

# The suite runs on every core (at most four, pytest-xdist), each worker with its own database; the few
# tests marked serial (one restarts the PostgreSQL server) run afterwards on their own.
PYTEST_WORKERS ?= auto --maxprocesses=4

test: $(VENV_STAMP) assets translations $(CHROMIUM) $(DOVECOT) $(OIDC_PROVIDER_STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal -m "not serial" $(PYTEST_ARGS)
	$(BIN)/pytest -m serial $(PYTEST_ARGS)

# The benchmarks print figures; none is a test (see bench/README.md).
bench: $(VENV_STAMP) assets
	$(BIN)/python -m bench.outbox
	$(BIN)/python -m bench.page_images
	$(BIN)/python -m bench.exports
	$(BIN)/python -m bench.audit_export --events 20000
	$(BIN)/python -m bench.jobs
	$(BIN)/python -m bench.big_case

# Mutation testing of the pure rules (see docs/testing.md): mutmut changes the code one small way at a time
# and runs the unit tests; a mutant that survives is a change no test notices. Not part of `make test`.
mutants: $(VENV_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutants.txt
	rm -rf mutants
	$(BIN)/mutmut run; $(BIN)/mutmut results

# The static checks CI runs before the tests: ruff's rules and formatting, and mypy (configured in pyproject.toml).
check: lint typecheck

lint: $(VENV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV_STAMP)
	$(BIN)/mypy

# Extracts the user-facing Dutch texts so a translation (e.g. English) can be made.
messages: $(VENV_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o zienswijze/translations/messages.pot .
	$(BIN)/pybabel update -i zienswijze/translations/messages.pot -d zienswijze/translations

# Compiles each translation (.po, kept in git) into the .mo Flask-Babel reads, when the .po changed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard zienswijze/translations/*/LC_MESSAGES/messages.po))

translations: $(MO_FILES)

zienswijze/translations/%/LC_MESSAGES/messages.mo: zienswijze/translations/%/LC_MESSAGES/messages.po | $(VENV_STAMP)
	$(BIN)/pybabel compile -d zienswijze/translations -l $*

clean: clean-assets
	rm -rf $(VENV) node_modules $(OIDC_PROVIDER_DIR)/node_modules .pytest_cache .ruff_cache .hypothesis mutants
