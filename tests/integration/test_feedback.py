"""👍/👎 under answers, through the real servers: offered under FAQ and aftercare
answers (the follow-up buttons unchanged), not under warnings; the vote is
kept in the tracker store with the answer and the question; 👎 gets the
clinic's contact."""

from __future__ import annotations

import json

import pytest

from knowledge.answers import load_knowledge, topic_payload
from knowledge.clinic import load_clinic
from tests.integration.conftest import asker, new_sender, stored_events

MESSAGES = load_knowledge().clinic_messages
KNOWLEDGE = load_knowledge()
PHONE = load_clinic().phone


@pytest.fixture
def patient(servers, request):
    """Asks as one patient whose stored events the test can read."""
    sender = new_sender(request)
    ask = asker(servers["rasa"], sender)
    ask.events = lambda: stored_events(servers["database"], sender)
    return ask


def _buttons(messages):
    return [b for m in messages for b in m.get("buttons") or []]


def _votes(messages):
    return [json.loads(b["payload"][len("/feedback"):]) for b in _buttons(messages)
            if b["payload"].startswith("/feedback{")]


def _text(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def _feedback_slots(events):
    return [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "feedback"]


def test_an_faq_answer_offers_a_vote_after_its_follow_ups(patient):
    answer = patient("does microneedling hurt?")
    payloads = [b["payload"] for b in _buttons(answer)]
    follow_ups = [topic_payload(k) for k in KNOWLEDGE.topics["pain"].follow_ups]
    assert payloads[:len(follow_ups)] == follow_ups
    assert _votes(answer) == [{"vote": "up", "answer": "faq/pain"}, {"vote": "down", "answer": "faq/pain"}]


def test_thumbs_down_is_kept_with_the_question_and_offers_the_clinic(patient):
    answer = patient("does microneedling hurt?")
    down = next(b["payload"] for b in _buttons(answer) if '"down"' in b["payload"])
    reply = _text(patient(down))
    assert MESSAGES["feedback_sorry"] in reply and PHONE in reply
    assert _feedback_slots(patient.events()) == [
        {"vote": "down", "answer": "faq/pain", "question": "does microneedling hurt?"}]


def test_thumbs_up_is_thanked_and_kept(patient):
    answer = patient("does microneedling hurt?")
    up = next(b["payload"] for b in _buttons(answer) if '"up"' in b["payload"])
    reply = _text(patient(up))
    assert reply == MESSAGES["feedback_thanks"]
    assert [s["vote"] for s in _feedback_slots(patient.events())] == ["up"]


def test_an_aftercare_answer_offers_a_vote_on_its_rule(patient):
    patient("I had microneedling yesterday")
    answer = patient("can I wear makeup?")
    assert _text(answer).startswith("Almost: no makeup")
    assert _votes(answer)[0] == {"vote": "up", "answer": "aftercare/makeup"}


def test_a_warning_sign_gets_no_vote(patient):
    answer = patient("my lips are swelling and i can't breathe")
    assert "emergency" in _text(answer).lower()
    assert _votes(answer) == []
