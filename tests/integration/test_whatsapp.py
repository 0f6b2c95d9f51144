"""WhatsApp end to end: the real Rasa server and channel, a fake Graph API on
127.0.0.1, and webhook JSON shaped like Meta's, signed with the app secret."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json

import pytest
import requests

from knowledge.answers import answer_text, load_knowledge, topic_payload

KNOWLEDGE = load_knowledge()
MESSAGES = KNOWLEDGE.clinic_messages
_numbers = itertools.count(447700900100)
_ids = itertools.count(1)


def _envelope(*messages, statuses=()):
    return {"object": "whatsapp_business_account", "entry": [{"id": "WABA-1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
                                       "metadata": {"display_phone_number": "15550001111", "phone_number_id": "1"},
                                       "messages": list(messages), "statuses": list(statuses)}}]}]}


class WhatsApp:
    """One patient's WhatsApp number talking to the webhook as Meta would."""

    def __init__(self, base_url, fake):
        self.url = f"{base_url}/webhooks/whatsapp/webhook"
        self.fake = fake
        self.number = str(next(_numbers))

    def post(self, payload, signature="valid"):
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            digest = hmac.new(self.fake.app_secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-Hub-Signature-256"] = f"sha256={digest}"
        elif signature:
            headers["X-Hub-Signature-256"] = signature
        return requests.post(self.url, data=body, headers=headers, timeout=60)

    def message(self, kind="text", **fields):
        return {"from": self.number, "id": f"wamid.test{next(_ids)}", "timestamp": "1764590000", "type": kind,
                **fields}

    def say(self, text):
        return self.post(_envelope(self.message(text={"body": text})))

    def press(self, payload, title="…", kind="button_reply"):
        reply = {"type": kind, kind: {"id": payload, "title": title}}
        return self.post(_envelope(self.message("interactive", interactive=reply)))

    def replies(self):
        return self.fake.sent_to(self.number)


def reply_text(reply):
    if reply["type"] == "text":
        return reply["text"]["body"]
    return reply["interactive"]["body"]["text"]


def everything_said(replies):
    return "\n".join(reply_text(r) for r in replies)


@pytest.fixture
def whatsapp(servers, fake_graph):
    return WhatsApp(servers["rasa"], fake_graph)


def test_meta_s_verification_handshake(whatsapp, fake_graph):
    params = {"hub.mode": "subscribe", "hub.verify_token": fake_graph.verify_token, "hub.challenge": "1158201444"}
    answer = requests.get(whatsapp.url, params=params, timeout=30)
    assert (answer.status_code, answer.text) == (200, "1158201444")
    wrong = requests.get(whatsapp.url, params={**params, "hub.verify_token": "guess"}, timeout=30)
    assert wrong.status_code == 403


def test_a_question_is_answered_to_the_number_that_asked(whatsapp):
    assert whatsapp.say("does microneedling hurt?").status_code == 200
    replies = whatsapp.replies()
    assert answer_text(KNOWLEDGE.topics["pain"]) in everything_said(replies)  # the sources line included
    (buttons,) = [r for r in replies if r["type"] == "interactive"]
    # Three follow-ups and 👍/👎 are more than 3 buttons: a list, rows of at most 24 characters.
    rows = buttons["interactive"]["action"]["sections"][0]["rows"]
    assert [r["id"] for r in rows[:3]] == [topic_payload(k) for k in KNOWLEDGE.topics["pain"].follow_ups]
    assert all(len(r["title"]) <= 24 for r in rows)


def test_a_button_reply_and_a_list_reply_are_answered(whatsapp):
    assert whatsapp.press(topic_payload("side_effects"), kind="button_reply").status_code == 200
    assert answer_text(KNOWLEDGE.topics["side_effects"]) in everything_said(whatsapp.replies())
    assert whatsapp.press(topic_payload("sessions"), kind="list_reply").status_code == 200
    assert answer_text(KNOWLEDGE.topics["sessions"]) in everything_said(whatsapp.replies())


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "not-a-signature"])
def test_a_missing_or_wrong_signature_is_refused_and_nothing_is_sent(whatsapp, signature):
    answer = whatsapp.post(_envelope(whatsapp.message(text={"body": "does it hurt?"})), signature=signature)
    assert answer.status_code == 403
    assert whatsapp.replies() == []


def test_a_status_update_gets_200_and_no_reply(whatsapp):
    status = {"id": "wamid.sent1", "status": "delivered", "timestamp": "1764590001", "recipient_id": whatsapp.number}
    assert whatsapp.post(_envelope(statuses=[status])).status_code == 200
    assert whatsapp.replies() == []


def test_meta_s_retry_of_the_same_message_is_answered_once(whatsapp):
    message = whatsapp.message(text={"body": "does microneedling hurt?"})
    assert whatsapp.post(_envelope(message)).status_code == 200
    sent = len(whatsapp.replies())
    assert whatsapp.post(_envelope(message)).status_code == 200
    assert len(whatsapp.replies()) == sent


@pytest.mark.parametrize("kind, fields", [
    ("image", {"image": {"id": "MEDIA-1", "mime_type": "image/jpeg"}}),
    ("audio", {"audio": {"id": "MEDIA-2", "mime_type": "audio/ogg", "voice": True}}),
    ("location", {"location": {"latitude": 51.5, "longitude": -0.1}}),
])
def test_an_image_a_voice_note_or_a_location_gets_the_text_only_note(whatsapp, kind, fields):
    assert whatsapp.post(_envelope(whatsapp.message(kind, **fields))).status_code == 200
    assert [reply_text(r) for r in whatsapp.replies()] == [MESSAGES["whatsapp_text_only"]]


def test_a_graph_api_error_is_logged_not_retried_and_the_webhook_still_answers_200(whatsapp, fake_graph):
    fake_graph.failing.add(whatsapp.number)
    try:
        assert whatsapp.say("does microneedling hurt?").status_code == 200
    finally:
        fake_graph.failing.discard(whatsapp.number)
    assert len(whatsapp.replies()) == 1  # the first refused message, then nothing more


def test_the_channel_is_off_without_its_token(servers_without_actions):
    answer = requests.post(f"{servers_without_actions['rasa']}/webhooks/whatsapp/webhook", data=b"{}", timeout=30)
    assert answer.status_code == 404
