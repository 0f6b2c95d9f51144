"""Conversations survive a restart of the Rasa server (SQL tracker store, SQLite)."""

import requests

from tests.integration.conftest import assistant


def _ask(url, sender, text):
    answer = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    answer.raise_for_status()
    return "\n".join(m.get("text", "") for m in answer.json())


def test_the_treatment_date_survives_a_restart(tmp_path):
    servers = assistant(tmp_path).start()
    try:
        assert _ask(servers.url, "pat", "I had microneedling yesterday").startswith("Got it")

        servers.stop_rasa()
        assert servers.database.stat().st_size > 0

        servers.start_rasa()
        assert _ask(servers.url, "pat", "can I wear makeup?").startswith("Almost: no makeup")
    finally:
        servers.stop()
