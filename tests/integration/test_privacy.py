"""Patients' data through the real servers: deletion on request over REST and
Telegram, masked contact details in the stored events and in the Rasa server's
debug log, and the privacy notice. (The widget's delete button: the browser
test; SQLite and PostgreSQL stores: test_privacy_store.py.)"""

from __future__ import annotations

import json

import pytest

from knowledge.clinic import load_clinic
from tests.integration.conftest import asker, assistant, new_sender, stored_events

CLINIC = load_clinic()


def _text(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def test_delete_my_conversation_deletes_it_and_the_treatment_date(servers, request):
    sender = new_sender(request)
    ask = asker(servers["rasa"], sender)
    assert _text(ask("I had microneedling yesterday")).startswith("Got it")
    assert stored_events(servers["database"], sender)
    assert _text(ask("/forget_me")).startswith("Delete this conversation?")
    assert _text(ask("/affirm")).startswith("Done: this conversation is deleted")
    assert stored_events(servers["database"], sender) == []  # no row mentions that sender
    # The assistant no longer knows the treatment date: it asks for it again.
    assert "When was your treatment" in _text(ask("can I wear makeup?"))


def test_no_at_the_confirmation_deletes_nothing(servers, request):
    sender = new_sender(request)
    ask = asker(servers["rasa"], sender)
    ask("I had microneedling yesterday")
    ask("/forget_me")
    assert _text(ask("/deny")) == "OK, nothing was deleted."
    assert _text(ask("can I wear makeup?")).startswith("Almost: no makeup")


def test_telegram_forget_command_deletes_the_conversation(servers, fake_telegram):
    import itertools

    import requests

    chat = 777000 + next(itertools.count())
    url = f"{servers['rasa']}/webhooks/telegram/webhook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": fake_telegram.secret}

    def say(text, update_id):
        message = {"message_id": update_id, "date": 1763700000, "text": text,
                   "chat": {"id": chat, "type": "private"}, "from": {"id": chat, "is_bot": False, "first_name": "P"}}
        assert requests.post(url, json={"update_id": update_id, "message": message}, headers=headers,
                             timeout=60).status_code == 200

    say("I had microneedling yesterday", 5001)
    assert stored_events(servers["database"], str(chat))
    say("/forget", 5002)
    assert "Delete this conversation?" in fake_telegram.sent_to(chat)[-1]["text"]
    say("yes", 5003)
    assert fake_telegram.sent_to(chat)[-1]["text"].startswith("Done: this conversation is deleted")
    assert stored_events(servers["database"], str(chat)) == []


def test_start_says_what_is_kept_and_links_the_privacy_page(servers, request):
    ask = asker(servers["rasa"], new_sender(request))
    greeting = _text(ask("/greet"))
    assert "I keep this conversation for 30 days" in greeting and CLINIC.privacy_url in greeting


@pytest.fixture(scope="module")
def debug_servers(tmp_path_factory):
    """One assistant whose Rasa server logs at debug level (every message, every parse)."""
    running = assistant(tmp_path_factory.mktemp("debug"), env={"LOG_LEVEL": "DEBUG"}).start()
    yield running
    running.stop()


def test_contact_details_are_masked_in_stored_events_and_the_debug_log(debug_servers, request):
    sender = new_sender(request)
    ask = asker(debug_servers.url, sender)
    assert _text(ask("my number is 07700 900123 and my email is sam.carter@example.com, does it hurt?"))
    stored = json.dumps(stored_events(str(debug_servers.database), sender))
    log = debug_servers.rasa_log().read_text(errors="replace")
    assert "[phone]" in stored and "[email]" in stored
    assert "[phone]" in log  # the debug log has the message, masked
    for secret in ("07700 900123", "sam.carter@example.com"):
        assert secret not in stored and secret not in log


def test_a_call_back_contact_is_in_the_live_answer_and_the_request_not_in_the_store(servers, request, var_dir):
    sender = new_sender(request)
    ask = asker(servers["rasa"], sender)
    ask("can I talk to a real person please?")
    ask("/request_callback")
    ask("Sam Carter")
    consent = _text(ask("07700 900123"))
    assert "07700 900123" in consent  # what will be sent, shown to the patient
    assert _text(ask("/affirm")).startswith("Done:")
    assert "07700 900123" not in json.dumps(stored_events(servers["database"], sender))
    requests = [json.loads(p.read_text()) for p in (var_dir / "callbacks").glob("*/*.json")]
    assert any(r["contact"] == "07700 900123" and r["conversation"] == sender for r in requests)
