#!/usr/bin/env bash
# Starts the action server, then the Rasa server (REST channel) or a terminal
# chat. Used by `make run` and `make shell`; stops the action server on exit.
set -euo pipefail
bin=$1 model=$2 rasa_port=$3 actions_port=$4 cors=$5 mode=${6:-server} web_port=${7:-8080}
export CORS_ORIGINS=$cors  # read by credentials.yml (the widget's socket) and --cors (HTTP)
# endpoints.yml reads TRACKER_STORE_URL: empty means the SQLite file in var/.
export TRACKER_STORE_URL=${TRACKER_STORE_URL:-}
mkdir -p var
# credentials.yml reads these; empty means the Telegram channel is off.
export TELEGRAM_TOKEN=${TELEGRAM_TOKEN:-} TELEGRAM_SECRET=${TELEGRAM_SECRET:-} TELEGRAM_API_BASE=${TELEGRAM_API_BASE:-}
export WHATSAPP_TOKEN=${WHATSAPP_TOKEN:-} WHATSAPP_PHONE_NUMBER_ID=${WHATSAPP_PHONE_NUMBER_ID:-} \
  WHATSAPP_APP_SECRET=${WHATSAPP_APP_SECRET:-} WHATSAPP_VERIFY_TOKEN=${WHATSAPP_VERIFY_TOKEN:-} \
  WHATSAPP_API_BASE=${WHATSAPP_API_BASE:-}

# Only the Rasa server calls the action server: keep it on loopback.
SANIC_HOST=127.0.0.1 "$bin/rasa" run actions --actions actions --port "$actions_port" >actions.log 2>&1 &
actions_pid=$!
pids=$actions_pid
trap 'kill $pids 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$actions_port/health" >/dev/null 2>&1 && break
  kill -0 $actions_pid 2>/dev/null || { echo "action server failed, see actions.log"; exit 1; }
  sleep 1
done

if [ "$mode" = shell ]; then
  "$bin/rasa" shell -m "$model" --endpoints endpoints.yml
  exit
fi

# Retention: conversations older than RETENTION_DAYS (or clinic.yml's retention_days) are
# deleted now and every 6 hours while the assistant runs (privacy/retention.py).
"$bin/python" -m privacy.retention schedule >retention.log 2>&1 &
pids="$pids $!"

# The demo clinic page with the chat widget (static files of web/).
"$bin/python" -m http.server "$web_port" --bind 127.0.0.1 --directory web >web.log 2>&1 &
pids="$pids $!"

cat <<MSG

  Starting the assistant on http://localhost:$rasa_port (ready in ~30 s).
  Demo clinic page with the chat widget: http://localhost:$web_port/
  Ask it over REST, for example:

    curl -s localhost:$rasa_port/webhooks/rest/webhook \\
      -H 'Content-Type: application/json' \\
      -d '{"sender": "me", "message": "Does microneedling hurt?"}'

  Action server log: actions.log. Stop with Ctrl+C.

MSG
# Loopback unless RASA_INTERFACE says otherwise (e.g. 0.0.0.0 behind a reverse proxy).
"$bin/rasa" run -m "$model" --interface "${RASA_INTERFACE:-127.0.0.1}" --port "$rasa_port" \
  --endpoints endpoints.yml --credentials credentials.yml --cors "$cors"
