"""Questions asked over REST to the real Rasa server with the trained model."""

import re

import pytest

from knowledge.answers import answer_text, load_knowledge, topic_payload
from knowledge.clinic import load_clinic
from knowledge.feedback import feedback_buttons

KNOWLEDGE = load_knowledge()


def _text(messages):
    return "\n".join(m.get("text", "") for m in messages)


def _buttons(messages):
    return [b for m in messages for b in m.get("buttons", [])]


@pytest.mark.parametrize("question, topic", [
    ("Does microneedling hurt?", "pain"),
    ("how many sessions would I need for acne scars", "sessions"),
    ("any side effects?", "side_effects"),
    ("how long do results last", "results_duration"),
    ("wat is microneedling", "what_is"),
    ("can i combine it with PRP", "combining"),
])
def test_questions_get_the_topic_answer_with_sources_and_follow_ups(ask, question, topic):
    messages = ask(question)
    assert _text(messages) == answer_text(KNOWLEDGE.topics[topic])
    assert "Source" in _text(messages)
    payloads = [b["payload"] for b in _buttons(messages)]
    follow_ups = [topic_payload(k) for k in KNOWLEDGE.topics[topic].follow_ups]
    # The follow-ups, then 👍/👎 on this answer (docs/clinic.md).
    assert payloads[:len(follow_ups)] == follow_ups
    assert [p for p in payloads[len(follow_ups):]] == [b["payload"] for b in feedback_buttons(
        f"faq/{topic}", KNOWLEDGE.clinic_messages)]


def test_follow_up_button_gets_its_answer(ask):
    first = ask("how many sessions do i need?")
    button = _buttons(first)[0]
    assert _text(ask(button["payload"])) == answer_text(KNOWLEDGE.topics[button["payload"].split('"')[-2]])


@pytest.mark.parametrize("question, topic", [
    ("tell me more about side effects", "side_effects"),
    ("show me the recovery topic", "recovery"),
])
def test_a_topic_asked_for_by_name_gets_its_answer(ask, question, topic):
    assert _text(ask(question)) == answer_text(KNOWLEDGE.topics[topic])


def test_an_out_of_scope_question_gets_the_out_of_scope_reply_not_an_faq(ask, domain):
    assert _text(ask("do you take my insurance?")) == domain["responses"]["utter_out_of_scope/insurance"][0]["text"]


def test_a_booking_question_gets_the_clinics_booking_details_not_a_treatment_date(ask, clinic_file):
    text = _text(ask("can I book a session for next monday?"))
    assert text.startswith(KNOWLEDGE.clinic_messages["lead_booking"])
    assert load_clinic(clinic_file).booking_url in text


def test_pain_answer_mentions_numbing_and_is_short(ask):
    text = _text(ask("is it painful?"))
    assert "numbing" in text
    answer = text.split("\n")[0]
    assert len(re.split(r"(?<=\.)\s", answer)) <= 5


def test_warning_sign_gets_contact_your_provider_not_an_faq(ask):
    messages = ask("I had microneedling 2 days ago and now there is pus and I have a fever")
    assert len(messages) == 1, "advice and its sources must arrive as one message"
    text = _text(messages)
    assert "contact your clinic today" in text
    assert "medical care" in text


def test_price_question_gets_no_invented_figure(ask, clinic_file):
    text = _text(ask("how much does a session cost?"))
    clinic = load_clinic(clinic_file)
    assert clinic.phone in text  # where to ask for prices
    assert not re.search(r"\d|[$€£]", text.replace(clinic.phone, ""))


def test_greeting_says_not_medical_advice(ask):
    assert "not medical advice" in _text(ask("hello"))


def test_other_language_gets_the_english_only_note(ask):
    assert "only answer in English" in _text(ask("¿Cuántas sesiones necesito para ver resultados?"))


def test_capabilities_offer_topic_buttons(ask):
    messages = ask("what can you do?")
    assert [b["payload"] for b in _buttons(messages)] == [topic_payload(k) for k in KNOWLEDGE.menu_topics]


def test_gibberish_gets_a_helpful_reply(ask):
    text = _text(ask("zxqv blorp"))
    assert "microneedling" in text


# Before components/punctuation.py, adding "?" sent each of these to an FAQ answer.
@pytest.mark.parametrize("question", ["see ya", "is this a real human", "what can you do",
                                      "what's the best football team", "how long will i be in the chair",
                                      "what is the gap between treatments"])
def test_a_question_mark_does_not_change_the_answer(ask, question):
    assert _text(ask(question + "?")) == _text(ask(question))
