#!/usr/bin/env bash
# Everything `make test` runs, in order, stopping at the first failure.
set -euo pipefail
bin=$1 model=$2 results=$3
rasa=$bin/rasa
mkdir -p "$results"

step() { printf '\n==== %s\n' "$*"; }

step "1/7 lint (ruff, pyproject.toml)"
"$bin/ruff" check .

step "2/7 unit tests (tests/unit/<package>: the core, actions, components, channels, stores, privacy, report)"
"$bin/python" -m pytest tests/unit -q

step "3/7 dependency audit of requirements.lock (pip-audit)"
"$bin/python" scripts/audit.py .audit-venv/bin/pip-audit

step "4/7 rasa data validate --fail-on-warnings (scripts/validate_data.py: responses the actions say count as used)"
PYTHONPATH=. "$bin/python" scripts/validate_data.py

step "5/7 rasa test nlu on each held-out file in tests/nlu (reports in $results/nlu/<file>)"
for heldout in tests/nlu/*.yml; do
  name=$(basename "$heldout" .yml)
  "$rasa" test nlu -m "$model" --nlu "$heldout" --out "$results/nlu/$name"
  "$bin/python" scripts/check_nlu_report.py "$results/nlu/$name"
done

step "6/7 rasa test core on the test stories"
# --e2e parses the text, so faq/<topic> is checked against the ResponseSelector.
"$rasa" test core --e2e -m "$model" --stories tests/stories --fail-on-prediction-errors --out "$results/core"

# Debian packages the integration tests run for real: the browser for the widget,
# and PostgreSQL, Redis and nginx for the scale-out, race and privacy tests.
scripts/system_packages.sh test

step "7/7 the real servers: REST, the website channel, the widget in Chromium, Telegram, WhatsApp, restarts, bad input, load and faults, scale-out and the lock race, privacy"
"$bin/python" -m pytest tests/integration -q
