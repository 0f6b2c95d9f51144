"""WhatsApp's webhook payloads, signatures and reply shapes (plain data, no server)."""

import hashlib
import hmac

import pytest

from channels.whatsapp import button_message, incoming_messages, valid_signature

SECRET = "app-secret"


def _signed(body: bytes) -> str:
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def test_only_the_signature_of_this_body_with_this_secret_is_valid():
    body = b'{"entry": []}'
    assert valid_signature(body, _signed(body), SECRET)
    assert not valid_signature(body + b" ", _signed(body), SECRET)
    assert not valid_signature(body, _signed(body), "other-secret")
    assert not valid_signature(body, None, SECRET)
    assert not valid_signature(body, _signed(body)[len("sha256="):], SECRET)  # no "sha256=" prefix


def _payload(*messages, statuses=()):
    return {"entry": [{"changes": [{"field": "messages", "value": {"messages": list(messages),
                                                                    "statuses": list(statuses)}}]}]}


@pytest.mark.parametrize("message, text", [
    ({"type": "text", "text": {"body": "does it hurt?"}}, "does it hurt?"),
    ({"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "/affirm"}}}, "/affirm"),
    ({"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {"id": "/deny"}}}, "/deny"),
    ({"type": "button", "button": {"payload": "/greet", "text": "Hi"}}, "/greet"),
    ({"type": "image", "image": {"id": "1"}}, None),
    ({"type": "audio", "audio": {"id": "2", "voice": True}}, None),
], ids=["text", "button reply", "list reply", "template button", "image", "voice note"])
def test_each_message_is_read_as_text_a_payload_or_not_text(message, text):
    (found,) = incoming_messages(_payload({"from": "447700900123", "id": "wamid.1", **message}))
    assert found == {"id": "wamid.1", "from": "447700900123", "text": text}


@pytest.mark.parametrize("payload", [
    _payload(statuses=[{"id": "wamid.1", "status": "read"}]),
    {"entry": [{"changes": [{"field": "account_update", "value": {}}]}]},
    {"entry": "nonsense"}, [], None, {"entry": [None, {"changes": [None]}]},
])
def test_statuses_other_changes_and_odd_json_give_no_message(payload):
    assert incoming_messages(payload) == []


def test_up_to_three_buttons_are_reply_buttons_with_short_titles():
    buttons = [{"title": "What happens during a session?", "payload": "/a"}, {"title": "Side effects?", "payload": "/b"}]
    message = button_message("answer", buttons)
    assert message["type"] == "button"
    titles = [b["reply"]["title"] for b in message["action"]["buttons"]]
    assert titles == ["What happens during…", "Side effects?"] and all(len(t) <= 20 for t in titles)


def test_more_buttons_make_a_list_of_at_most_ten_rows():
    buttons = [{"title": f"Topic number {n} with a long title", "payload": f"/t{n}"} for n in range(12)]
    message = button_message("answer", buttons)
    assert message["type"] == "list"
    rows = message["action"]["sections"][0]["rows"]
    assert len(rows) == 10 and all(len(r["title"]) <= 24 for r in rows)
    assert len(message["action"]["button"]) <= 20
