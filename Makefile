# The two commands of ckanext-lutsk_charter:
#   make run   — install what is missing, start the services, serve the portal with demo data
#                (gunicorn, 3 web workers and 2 job workers, as the unprivileged user `ckan`)
#   make dev   — the same served by `ckan run` with the reloader, for development
#   make test  — install what is missing, start the services, run the test suite
# Everything here is a thin front for dev/portal.sh, which does the work idempotently.
#
# Switch CKAN version with CKAN_VERSION=2.11.6 (its own venv, data folder and ports).

CKAN_VERSION ?= 2.12.0
export CKAN_VERSION

PORTAL := bash dev/portal.sh

.PHONY: run dev test wheel-test stop services install lint i18n bench status logs

run:          ## Serve the portal at http://127.0.0.1:5000 with the demo data
	@$(PORTAL) run

dev:          ## Like run, but `ckan run` with the reloader (development only)
	@$(PORTAL) dev

test:         ## Run the test suite (PYTEST_ARGS="-k name" to narrow it)
	@$(PORTAL) test $(PYTEST_ARGS)

wheel-test:   ## Build the wheel, install it into a fresh venv as the README says, open pages
	@$(PORTAL) wheel-test

stop:         ## Stop the portal, the worker and the services started by run/test
	@$(PORTAL) stop

status:
	@$(PORTAL) status

install:      ## Only install (apt packages, venv, Maven artifacts)
	@$(PORTAL) install

services:     ## Only start PostgreSQL, Redis and Solr
	@$(PORTAL) services

lint:         ## ruff over the code, tests and benches; pyright over the package (0 errors)
	@$(PORTAL) lint

i18n:         ## Extract, update and compile the translation catalogs
	@$(PORTAL) i18n

bench:        ## Run the benchmarks in bench/
	@$(PORTAL) bench

logs:
	@$(PORTAL) logs
