"""What the words of a whole message decide (components/whole_message_readings.py)."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.whole_message_readings import answer_by_words
from knowledge import names


def _message(text: str, intent: str = names.FAQ) -> Message:
    return Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}})


@pytest.mark.parametrize("text, intent, expected", [
    ("is there a discount if i book a course of 3", names.OUT_OF_SCOPE, ("out_of_scope", "out_of_scope/cost")),
    ("can i book it through you", names.ASK_AFTERCARE, ("out_of_scope", "out_of_scope/booking")),
    ("whats the best email to reach the clinic on", names.OUT_OF_SCOPE, (names.ASK_HUMAN, None)),
    ("how much is a session", names.FAQ, ("out_of_scope", "out_of_scope/cost")),
    ("what does it feel like", names.FAQ, None),  # the model's answer (pain) stands
])
def test_the_words_decide_the_clinics_own_questions_and_money(text, intent, expected):
    answer = answer_by_words(_message(text, intent), text)
    got = (answer["intent"], answer.get("response_key")) if answer else None
    assert got == expected
