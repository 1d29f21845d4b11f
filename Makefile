# Rehearsal harness: `make help` lists the targets. The set-up is idempotent and fast when all is there.
VENV        := .venv
PY          := $(VENV)/bin/python
PYTEST_ARGS ?=
SERVE_ARGS  ?=
SCREENS     ?=

.DEFAULT_GOAL := help
.PHONY: help setup venv browser test unit rehearse serve lint record clean clean-reports

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 24
	@echo
	@echo "Variables: PYTEST_ARGS (e.g. make test PYTEST_ARGS=\"-k 1.9 --headed\"), SERVE_ARGS (e.g. --port 8080),"
	@echo "           SCREENS (make rehearse SCREENS=2026: the 2026 guide on today's screens)"

setup: ## virtualenv, project (editable, dev extras) and a Chromium
	@bash scripts/setup.sh

venv: ## virtualenv and project only, no browser
	@bash scripts/setup.sh --no-browser

browser: ## (re)try installing a browser, Playwright's download included
	@rm -f $(VENV)/.playwright-download-failed
	@bash scripts/setup.sh

test: setup ## the whole test suite, report in reports/test
	$(PY) -m pytest --report-dir=reports/test --hypothesis-profile=ci $(PYTEST_ARGS)

unit: venv ## tests that need no browser (-m "not browser")
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

rehearse: setup ## the guide's journey in Chromium, report in reports/rehearse (SCREENS=2026: the 2026 guide)
	$(VENV)/bin/rehearse run $(if $(strip $(SCREENS)),--screens $(SCREENS)) $(if $(strip $(PYTEST_ARGS)),-- $(PYTEST_ARGS))

serve: venv ## the mock sites on http://127.0.0.1:8000 for your own browser
	$(VENV)/bin/rehearse serve $(SERVE_ARGS)

record: setup ## re-record the follow the checker's unit tests read (after a label, rule or template change)
	$(PY) scripts/record_rehearsal.py

lint: venv ## ruff
	$(VENV)/bin/ruff check .

clean-reports: ## remove the reports (keeps reports/.gitkeep)
	find reports -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf test-results

clean: clean-reports ## remove reports, caches and the virtualenv
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
