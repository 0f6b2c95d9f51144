"""Pure helpers over Rasa parse data and events (plain dictionaries)."""

import pytest

from actions.nlu_ranking import (
    best_faq_topic,
    candidate_topics,
    entity_value,
    is_time_follow_up,
    last_bot_action,
    ranked_intents,
)

KNOWN = {"pain", "sessions", "side_effects", "recovery"}


def _parse(intents, selector_ranking):
    return {
        "intent_ranking": [{"name": n, "confidence": c} for n, c in intents],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{k}", "confidence": c} for k, c in selector_ranking]}
        },
    }


def test_ranked_intents_skip_the_fallback_pseudo_intent():
    parse = _parse([("nlu_fallback", 0.5), ("faq", 0.4), ("greet", 0.1)], [])
    assert ranked_intents(parse) == ["faq", "greet"]


def test_candidates_follow_the_selector_ranking_up_to_the_limit():
    parse = _parse([("nlu_fallback", 0.5), ("faq", 0.45)],
                   [("pain", 0.4), ("side_effects", 0.3), ("recovery", 0.2), ("sessions", 0.1)])
    assert candidate_topics(parse, KNOWN) == ["pain", "side_effects", "recovery"]
    assert candidate_topics(parse, KNOWN, limit=1) == ["pain"]


def test_candidates_skip_unknown_and_negligible_topics():
    parse = _parse([("faq", 0.45)], [("gone", 0.5), ("pain", 0.4), ("sessions", 0.01)])
    assert candidate_topics(parse, KNOWN) == ["pain"]


def test_no_candidates_when_faq_is_not_a_likely_intent():
    parse = _parse([("nlu_fallback", 0.5), ("out_of_scope", 0.3), ("greet", 0.2), ("faq", 0.1)],
                   [("pain", 0.9)])
    assert candidate_topics(parse, KNOWN) == []


def test_no_candidates_without_selector_output():
    assert candidate_topics({"intent_ranking": [{"name": "faq"}]}, KNOWN) == []
    assert candidate_topics({}, KNOWN) == []


def test_last_bot_action_is_the_one_before_the_latest_message():
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "???"},
        {"event": "action", "name": "action_did_you_mean"},
        {"event": "bot", "text": "Did you mean"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "!!!"},
    ]
    assert last_bot_action(events) == "action_did_you_mean"
    assert last_bot_action(events[:2]) is None
    assert last_bot_action([]) is None


def test_entity_value_returns_the_first_match():
    parse = {"entities": [{"entity": "other", "value": "x"}, {"entity": "topic", "value": "pain"}]}
    assert entity_value(parse, "topic") == "pain"
    assert entity_value(parse, "missing") is None
    assert entity_value({}, "topic") is None


def test_best_faq_topic_needs_a_confident_known_topic():
    def parse(key, confidence):
        return {"response_selector": {"faq": {"response": {"intent_response_key": key, "confidence": confidence}}}}

    assert best_faq_topic(parse("faq/pain", 0.9), KNOWN) == "pain"
    assert best_faq_topic(parse("faq/pain", 0.3), KNOWN) is None
    assert best_faq_topic(parse("faq/unknown", 0.9), KNOWN) is None
    assert best_faq_topic({}, KNOWN) is None


@pytest.mark.parametrize("text, phrases, follow_up", [
    ("and in a week?", ["in a week"], True),
    ("what about tomorrow", ["tomorrow"], True),
    ("and after 2 weeks?", [], True),
    ("ok and on Friday?", ["on friday"], True),
    ("can I drink alcohol after?", [], False),
    ("can I fly tomorrow?", ["tomorrow"], False),
    ("?", [], False),
])
def test_a_time_follow_up_has_only_a_time_and_linking_words(text, phrases, follow_up):
    assert is_time_follow_up(text, phrases) is follow_up
