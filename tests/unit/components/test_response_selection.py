"""One ResponseSelector for all retrieval intents, read per intent (components/response_selection.py)."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.response_selection import (
    ResponsesByRetrievalIntent,
    UnsureAnswerFallback,
    split_by_intent,
    unsure_answer,
)


def _default(*ranked):
    """A ``default`` selector output: (intent_response_key, confidence) best first."""
    ranking = [{"id": i, "intent_response_key": key, "confidence": conf} for i, (key, conf) in enumerate(ranked)]
    top_key, top_conf = ranked[0]
    return {"response": {"responses": [{"text": f"answer for {top_key}"}], "confidence": top_conf,
                         "intent_response_key": top_key, "utter_action": f"utter_{top_key}"},
            "ranking": ranking}


def test_each_intent_gets_its_own_best_response_and_confidences_that_sum_to_one():
    default = _default(("out_of_scope/cost", 0.6), ("faq/sessions", 0.3), ("faq/pain", 0.1))
    faq = split_by_intent(default, "faq")
    assert faq["response"]["intent_response_key"] == "faq/sessions"
    assert faq["response"]["utter_action"] == "utter_faq/sessions"
    assert faq["response"]["confidence"] == pytest.approx(0.75)
    assert [r["intent_response_key"] for r in faq["ranking"]] == ["faq/sessions", "faq/pain"]
    assert sum(r["confidence"] for r in faq["ranking"]) == pytest.approx(1.0)
    # Texts are only known for the overall top response.
    assert faq["response"]["responses"] == []
    out_of_scope = split_by_intent(default, "out_of_scope")
    assert out_of_scope["response"]["responses"] == [{"text": "answer for out_of_scope/cost"}]
    assert out_of_scope["response"]["confidence"] == pytest.approx(1.0)


def test_the_original_output_is_left_as_it_was():
    default = _default(("faq/pain", 0.8), ("faq/sessions", 0.2))
    split_by_intent(default, "faq")
    assert default["ranking"][0]["confidence"] == 0.8


def test_an_intent_with_no_ranked_response_gets_no_entry():
    assert split_by_intent(_default(("faq/pain", 1.0)), "out_of_scope") is None
    # "faq_extra/x" is not a response of "faq".
    assert split_by_intent(_default(("faq_extra/x", 1.0)), "faq") is None


def test_the_component_adds_every_retrieval_intent_next_to_default():
    message = Message(data={"text": "how much is it."})
    message.set("response_selector", {"all_retrieval_intents": ["faq", "out_of_scope"],
                                      "default": _default(("out_of_scope/cost", 0.7), ("faq/sessions", 0.3))})
    (result,) = ResponsesByRetrievalIntent().process([message])
    selector = result.get("response_selector")
    assert set(selector) == {"all_retrieval_intents", "default", "faq", "out_of_scope"}
    assert selector["faq"]["response"]["utter_action"] == "utter_faq/sessions"
    assert selector["out_of_scope"]["response"]["utter_action"] == "utter_out_of_scope/cost"
    assert result.as_dict_nlu()["response_selector"] == selector  # in the parse data Rasa returns


def test_messages_without_a_selector_output_are_untouched():
    message = Message(data={"text": "hello."})
    ResponsesByRetrievalIntent().process([message])
    assert message.get("response_selector") is None


def _parsed(text, intent, faq_confidence):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.86})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.86}, {"name": "out_of_scope", "confidence": 0.1}])
    message.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/safety",
                                                            "confidence": faq_confidence}}})
    return message


def test_an_faq_with_no_likely_answer_becomes_did_you_mean():
    (message,) = UnsureAnswerFallback.create({"retrieval_intent": "faq", "threshold": 0.3}, None, None, None).process(
        [_parsed("ghfjd trewq.", "faq", 0.14)])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 0.3}
    # The FAQ stays in the ranking, so "did you mean" can still offer its topics.
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "faq", "out_of_scope"]


@pytest.mark.parametrize("intent, confidence", [("faq", 0.45), ("out_of_scope", 0.1), ("greet", 0.0)])
def test_likely_answers_and_other_intents_are_left_alone(intent, confidence):
    (message,) = UnsureAnswerFallback.create({"retrieval_intent": "faq", "threshold": 0.3}, None, None, None).process(
        [_parsed("does it hurt.", intent, confidence)])
    assert message.get("intent")["name"] == intent


def test_unsure_answer_without_a_selector_output_is_unsure():
    assert unsure_answer({"name": "faq"}, {}, "faq", 0.3)
    assert not unsure_answer({"name": "nlu_fallback"}, {}, "faq", 0.3)


def test_a_reranked_answer_is_also_the_intents_retrieval_name():
    from rasa.shared.nlu.training_data.message import Message

    from components.response_selection import set_selector

    message = Message(data={"text": "x", "intent": {"name": "faq", "confidence": 0.9,
                                                    "full_retrieval_intent_name": "faq/sessions"}})
    default = {"response": {"intent_response_key": "faq/sessions", "confidence": 0.5},
               "ranking": [{"intent_response_key": "faq/sessions", "confidence": 0.5},
                           {"intent_response_key": "faq/pain", "confidence": 0.3}]}
    selector = {"faq": {"response": {"intent_response_key": "faq/pain", "confidence": 0.6}, "ranking": []},
                "default": default}
    set_selector(message, selector)
    stored = message.get("response_selector")
    assert stored["faq"] == selector["faq"]
    # what trackers and `rasa test core --e2e` read
    assert message.get("intent")["full_retrieval_intent_name"] == "faq/pain"
    assert stored["default"]["response"]["intent_response_key"] == "faq/pain"
