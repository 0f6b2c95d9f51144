"""Conversations survive a restart of the Rasa server (SQL tracker store, SQLite)."""

import requests

from tests.integration.conftest import BIN, CREDENTIALS, MODEL, _endpoints, _free_port, _start, _stop, _wait_until_up


def _ask(port, sender, text):
    answer = requests.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                           json={"sender": sender, "message": text}, timeout=60)
    answer.raise_for_status()
    return "\n".join(m.get("text", "") for m in answer.json())


def test_the_treatment_date_survives_a_restart(tmp_path):
    actions_port, rasa_port = _free_port(), _free_port()
    database = tmp_path / "conversations.db"
    (tmp_path / "endpoints.yml").write_text(_endpoints(actions_port, database))
    rasa_args = [str(BIN / "rasa"), "run", "-m", str(MODEL), "--port", str(rasa_port),
                 "--endpoints", str(tmp_path / "endpoints.yml"), "--credentials", CREDENTIALS]
    actions = _start([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
                     tmp_path / "actions.log")
    processes = [actions]
    try:
        _wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions, tmp_path / "actions.log")
        rasa = _start(rasa_args, tmp_path / "rasa-1.log")
        processes.append(rasa)
        _wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, tmp_path / "rasa-1.log")
        assert _ask(rasa_port, "pat", "I had microneedling yesterday").startswith("Got it")

        rasa.terminate()
        rasa.wait(timeout=30)
        assert database.stat().st_size > 0

        rasa = _start(rasa_args, tmp_path / "rasa-2.log")
        processes.append(rasa)
        _wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, tmp_path / "rasa-2.log")
        assert _ask(rasa_port, "pat", "can I wear makeup?").startswith("Almost: no makeup")
    finally:
        _stop(processes)
