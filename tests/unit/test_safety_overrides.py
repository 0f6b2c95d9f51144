"""The warning-sign safety net, run as the real Rasa component."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.warning_signs import WarningSignOverride


@pytest.fixture(scope="module")
def override():
    return WarningSignOverride.create({}, None, None, None)


def _classify(override, text, intent="faq"):
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}]})
    (message,) = override.process([message])
    return message.get("intent")["name"], [r["name"] for r in message.get("intent_ranking")]


@pytest.mark.parametrize("text", [
    "there's pus on my cheek",
    "I have a FEVER since yesterday",
    "running a high temperature",
    "the redness is spreading to my neck",
    "it's getting worse, more red every day",
    "my skin looks infected",
    "severe pain after the treatment",
    "the swelling is unbearable",
    "my eye is swollen shut",
    "it's oozing yellow stuff",
])
def test_warning_signs_override_any_prediction(override, text):
    intent, ranking = _classify(override, text)
    assert intent == "report_warning_sign"
    assert ranking[:2] == ["report_warning_sign", "faq"]


@pytest.mark.parametrize("text", [
    "does microneedling hurt",
    "is redness normal after microneedling",
    "how long does the swelling last",
    "can I spread the serum myself",
    "/choose_topic{\"topic\":\"side_effects\"}",
])
def test_ordinary_questions_are_left_alone(override, text):
    assert _classify(override, text)[0] == "faq"
