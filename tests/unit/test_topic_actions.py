"""The FAQ actions, run with a real Tracker and CollectingDispatcher."""

from actions.knowledge import topic_payload
from actions.topic_actions import ActionAnswerTopic, ActionDidYouMean


def _unclear_parse():
    return {
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.4}],
        "response_selector": {"faq": {"ranking": [
            {"intent_response_key": "faq/pain", "confidence": 0.5},
            {"intent_response_key": "faq/side_effects", "confidence": 0.3},
        ]}},
    }


def test_button_topic_utters_that_topics_faq_response(dispatcher, make_tracker, domain):
    tracker = make_tracker(topic_payload("pain"), "choose_topic", [{"entity": "topic", "value": "pain"}])
    ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/pain"]


def test_typed_topic_without_entity_uses_a_confident_selector(dispatcher, make_tracker, domain):
    parse = {"response_selector": {"faq": {"response": {"intent_response_key": "faq/recovery", "confidence": 0.9}}}}
    ActionAnswerTopic().run(dispatcher, make_tracker("tell me more about that", "choose_topic", parse_data=parse), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/recovery"]


def test_unknown_topic_shows_the_topic_menu(dispatcher, make_tracker, domain):
    tracker = make_tracker("/choose_topic", "choose_topic", [{"entity": "topic", "value": "prices"}])
    ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_capabilities"]


def test_did_you_mean_offers_the_likely_topics_and_a_way_out(dispatcher, make_tracker, domain):
    tracker = make_tracker("needle ouch?", parse_data=_unclear_parse())
    ActionDidYouMean().run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["text"] == "Sorry, I'm not sure I understood. Did you mean one of these?"
    assert [b["payload"] for b in message["buttons"]] == [
        topic_payload("pain"), topic_payload("side_effects"), "/deny"]
    assert [b["title"] for b in message["buttons"]] == ["Does it hurt?", "Side effects?", "Something else"]


def test_second_unclear_message_gets_the_graceful_fallback(dispatcher, make_tracker, domain):
    earlier = [
        {"event": "user", "text": "needle ouch?"},
        {"event": "action", "name": "action_did_you_mean"},
        {"event": "bot", "text": "Did you mean one of these?"},
        {"event": "action", "name": "action_listen"},
    ]
    tracker = make_tracker("hmm??", parse_data=_unclear_parse(), events=earlier)
    ActionDidYouMean().run(dispatcher, tracker, domain)
    _assert_graceful_fallback(dispatcher)


def test_nothing_faq_like_gets_the_graceful_fallback(dispatcher, make_tracker, domain):
    tracker = make_tracker("qwerty", parse_data={"intent_ranking": [{"name": "greet", "confidence": 0.3}]})
    ActionDidYouMean().run(dispatcher, tracker, domain)
    _assert_graceful_fallback(dispatcher)


def _assert_graceful_fallback(dispatcher):
    (message,) = dispatcher.messages
    assert "ask the clinic" in message["text"]
    assert message["buttons"][0]["payload"] == topic_payload("what_is")
