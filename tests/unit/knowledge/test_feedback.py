"""Answer feedback as plain data: the buttons, reading a vote, finding the question."""

import json

import pytest

from knowledge.answers import load_knowledge, topic_payload
from knowledge.feedback import add_feedback, feedback_buttons, is_feedback_button, question_and_answer, read_vote

KNOWLEDGE = load_knowledge()
MESSAGES = KNOWLEDGE.clinic_messages
ANSWERS = ([f"faq/{key}" for key in KNOWLEDGE.topics] + [f"aftercare/{key}" for key in KNOWLEDGE.aftercare]
           + ["aftercare/general"])


def test_the_buttons_carry_the_vote_and_the_answer():
    up, down = feedback_buttons("faq/pain", MESSAGES)
    assert (up["title"], down["title"]) == (MESSAGES["feedback_up"], MESSAGES["feedback_down"])
    assert json.loads(down["payload"][len("/feedback"):]) == {"vote": "down", "answer": "faq/pain"}
    assert is_feedback_button(up) and not is_feedback_button({"payload": topic_payload("pain")})


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_vote_fits_in_a_telegram_button(answer):
    # Telegram drops a button whose callback data is over 64 bytes.
    assert all(len(b["payload"].encode()) <= 64 for b in feedback_buttons(answer, MESSAGES))


@pytest.mark.parametrize("entities, text, vote", [
    ([{"entity": "vote", "value": "down"}], "/feedback", "down"),
    ([{"entity": "vote", "value": "up"}], "/feedback", "up"),
    ([], "that answer was helpful", "up"),
    ([], "that answer didn't help", "down"),
    ([], "wrong answer", "down"),
    ([], "that's not what i asked", "down"),
])
def test_a_vote_is_read_from_the_button_or_the_words(entities, text, vote):
    assert read_vote(entities, text) == vote


def _user(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def test_the_question_is_the_last_one_before_the_vote_and_earlier_votes():
    events = [
        _user("how many sessions?", "faq"),
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/sessions"}},
        _user("does it hurt?", "faq"),
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/pain"}},
        _user("/feedback", "feedback"),
        {"event": "bot", "text": "thanks"},
        _user("/feedback", "feedback"),
    ]
    assert question_and_answer(events) == {"question": "does it hurt?", "answer": "faq/pain"}


def test_the_vote_goes_under_the_last_message_and_keeps_its_buttons():
    messages = [{"text": "first"}, {"response": "utter_faq/pain", "buttons": [{"title": "Side effects?",
                                                                              "payload": topic_payload("side_effects")}]}]
    add_feedback(messages, "faq/pain", MESSAGES)
    assert "buttons" not in messages[0]
    assert [b["title"] for b in messages[1]["buttons"]] == ["Side effects?", MESSAGES["feedback_up"],
                                                            MESSAGES["feedback_down"]]
