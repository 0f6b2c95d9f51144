"""Symptoms and not-covered conditions decided by the word tables, run as the real Rasa component."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.safety_overrides import SafetyOverride


@pytest.fixture(scope="module")
def override():
    return SafetyOverride.create({}, None, None, None)


def _classify(override, text, intent="faq", entities=()):
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}], "entities": list(entities)})
    (message,) = override.process([message])
    return message


@pytest.mark.parametrize("text, level", [
    ("there's pus on my cheek", "urgent"),
    ("I have a FEVER since yesterday", "urgent"),
    ("the redness is spreading to my neck", "urgent"),
    ("it's oozing yellow stuff", "urgent"),
    ("my lips are swelling up and I can't breathe properly", "emergency"),
    ("bit pink and tight the day after, is that ok?", "expected"),
])
def test_a_symptom_report_overrides_any_prediction(override, text, level):
    message = _classify(override, text)
    assert message.get("intent")["name"] == "report_symptom"
    assert [r["name"] for r in message.get("intent_ranking")][:2] == ["report_symptom", "faq"]
    assert message.get("triage")["level"] == level


@pytest.mark.parametrize("text, condition", [
    ("can I have it while pregnant?", "pregnancy"),
    ("I take warfarin every day", "blood_thinners"),
])
def test_a_condition_the_articles_dont_cover_overrides_any_prediction(override, text, condition):
    message = _classify(override, text)
    assert message.get("intent")["name"] == "ask_not_covered"
    assert message.get("conditions") == [condition]


@pytest.mark.parametrize("text", [
    "does microneedling hurt",
    "is redness normal after microneedling",
    "how long does the swelling last",
    "can I spread the serum myself",
    "/choose_topic{\"topic\":\"side_effects\"}",
])
def test_ordinary_questions_are_left_alone(override, text):
    message = _classify(override, text)
    assert message.get("intent")["name"] == "faq"
    assert message.get("triage") is None and message.get("conditions") is None


def _topic(value):
    return [{"entity": "aftercare_topic", "value": value}]


@pytest.mark.parametrize("text, entities, expected", [
    ("it's peeling, can I pick the bits off?", _topic("pick"), "ask_aftercare"),
    ("it's oozing, can I put cream on it?", _topic("cream"), "report_symptom"),
    ("dryness and some flakes, nothing else, day 2", _topic("flakes"), "report_symptom"),
    ("minor stinging when I put sunscreen on, day 1", _topic("sunscreen"), "report_symptom"),
], ids=["ordinary healing: the aftercare question is answered", "a warning sign always wins",
        "a description naming flakes is no question", "a description naming sunscreen is no question"])
def test_beside_an_aftercare_question_only_a_warning_sign_overrides(override, text, entities, expected):
    assert _classify(override, text, "ask_aftercare", entities).get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    ("booked in for a salicylic peel at the salon 9 days after my microneedling, is that too close?", "ask_aftercare"),
    ("had a chemical peel recently, how long should I wait before needling?", "ask_not_covered"),
], ids=["a peel after the session: the exfoliation rule", "a peel before it: not covered"])
def test_a_peel_asked_about_after_a_session_gets_the_exfoliation_rule(override, text, expected):
    assert _classify(override, text, "ask_aftercare", _topic("salicylic peel")).get("intent")["name"] == expected


def test_an_overridden_intent_is_never_ambiguous_for_the_fallback_classifier():
    from components.base import override_intent

    message = Message(data={"text": "x", "intent": {"name": "faq", "confidence": 0.99},
                            "intent_ranking": [{"name": "faq", "confidence": 0.99},
                                               {"name": "greet", "confidence": 0.01}]})
    override_intent(message, "ask_aftercare")
    ranking = message.get("intent_ranking")
    assert [r["name"] for r in ranking] == ["ask_aftercare", "faq", "greet"]
    assert ranking[0]["confidence"] - ranking[1]["confidence"] >= 0.1  # the classifier's ambiguity threshold


def test_a_topic_guessed_by_meaning_is_dropped_from_a_symptom_report(override):
    guessed = {"entity": "aftercare_topic", "value": "makeup", "extractor": "MessageParts", "start": 0, "end": 0}
    named = {"entity": "aftercare_topic", "value": "pop a spot", "extractor": "RegexEntityExtractor", "start": 6, "end": 16}
    message = _classify(override, "my lips keep puffing up and its hard to breathe", "ask_aftercare", [guessed])
    assert message.get("intent")["name"] == "report_symptom" and message.get("entities") == []
    message = _classify(override, "can I pop a spot, there's pus in it", "ask_aftercare", [named])
    assert message.get("entities") == [named]  # named in the message: kept (the action says don't pick)
