"""Bad input against the REST webhook and the website socket: a clear reply or a
clear 4xx, the server stays up and other conversations keep their state."""

import concurrent.futures
import queue
import uuid

import pytest
import requests
import socketio

from knowledge.answers import answer_text, load_knowledge

KNOWLEDGE = load_knowledge()


@pytest.fixture
def webhook(servers):
    return f"{servers['rasa']}/webhooks/rest/webhook"


def _post(webhook, body, raw=False):
    if raw:
        return requests.post(webhook, data=body, headers={"Content-Type": "application/json"}, timeout=60)
    return requests.post(webhook, json=body, timeout=60)


@pytest.mark.parametrize("body", [
    b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"just a string"', b"",
])
def test_malformed_bodies_are_a_clear_400(webhook, body):
    answer = _post(webhook, body, raw=True)
    assert answer.status_code == 400 and "error" in answer.json()


@pytest.mark.parametrize("body", [
    {"message": "hi"}, {"sender": "x" * 10_000, "message": "hi"}, {"sender": ["a"], "message": "hi"},
    {"sender": "pat"}, {"sender": "pat", "message": 42}, {"sender": "pat", "message": {"text": "hi"}},
])
def test_missing_or_wrong_fields_are_a_clear_400(webhook, body):
    answer = _post(webhook, body)
    assert answer.status_code == 400 and "error" in answer.json()


@pytest.mark.parametrize("message", ["", "   ", "\x00\x01\x02"])
def test_empty_text_gets_a_prompt(webhook, message):
    answer = _post(webhook, {"sender": "pat", "message": message})
    assert answer.status_code == 200 and answer.json()[0]["text"] == KNOWLEDGE.empty_message


def test_a_100_kb_message_gets_keep_it_shorter_quickly(webhook):
    answer = _post(webhook, {"sender": "pat", "message": "microneedling " * 8000})
    assert answer.status_code == 200 and answer.json()[0]["text"] == KNOWLEDGE.too_long
    assert answer.elapsed.total_seconds() < 5


@pytest.mark.parametrize("message", [
    "😀😀😀", "هل الوخز بالإبر الدقيقة مؤلم؟", "<script>alert(1)</script>", "'; DROP TABLE events; --",
    "does it\x00 hurt?\x07", "/choose_topic{not json", "/nonexistent_intent",
])
def test_odd_text_gets_a_reply(webhook, message):
    answer = _post(webhook, {"sender": f"odd-{uuid.uuid4().hex}", "message": message})
    assert answer.status_code == 200
    assert answer.json() and all(isinstance(m.get("text", ""), str) for m in answer.json())


def test_a_flood_from_one_sender_is_answered_and_other_conversations_keep_their_state(webhook):
    other = f"other-{uuid.uuid4().hex}"
    assert _post(webhook, {"sender": other, "message": "I had microneedling yesterday"}).json()[0]["text"].startswith("Got it")
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda i: _post(webhook, {"sender": "flood", "message": f"does it hurt {i}"}), range(40)))
    assert [a.status_code for a in answers] == [200] * 40
    assert all(a.json() for a in answers)
    assert _post(webhook, {"sender": other, "message": "can I wear makeup?"}).json()[0]["text"].startswith("Almost")


def test_the_socket_ignores_malformed_messages_and_still_answers(servers, web_origin):
    replies = queue.Queue()
    sio = socketio.Client(reconnection=False)
    sio.on("bot_uttered", replies.put)
    sio.connect(servers["rasa"], transports=["polling"], headers={"Origin": web_origin}, wait_timeout=30)
    try:
        session = uuid.uuid4().hex
        sio.emit("session_request", {"session_id": session})
        for bad in ["a string", 42, ["list"], {"session_id": session}, {"message": 5, "session_id": session},
                    {"message": "hi", "session_id": session, "metadata": "{not json"}]:
            sio.emit("user_uttered", bad)
        sio.emit("user_uttered", {"message": "x" * 5000, "session_id": session})
        sio.emit("user_uttered", {"message": "does microneedling hurt?", "session_id": session})
        # "hi" (its bad metadata ignored) gets the greeting and the privacy notice; then these two.
        texts = []
        while answer_text(KNOWLEDGE.topics["pain"]) not in texts and len(texts) < 6:
            texts.append(replies.get(timeout=30).get("text"))
        assert KNOWLEDGE.too_long in texts
        assert answer_text(KNOWLEDGE.topics["pain"]) in texts
    finally:
        sio.disconnect()
