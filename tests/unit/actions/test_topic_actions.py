"""The FAQ actions, run with a real Tracker and CollectingDispatcher."""

from datetime import datetime, timezone

from actions.topic_actions import ActionAnswerTopic, ActionDidYouMean, ActionFollowUp
from knowledge import settings
from knowledge.answers import topic_payload


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


def _answered(topic):
    """The slots after the FAQ answer on ``topic`` (the thread: knowledge/thread.py)."""
    return {"last_answer": f"faq/{topic}"}


def _answers(dispatcher):
    return [m.get("response") or m.get("text") for m in dispatcher.messages]


def test_is_that_normal_after_the_pain_answer_gets_the_side_effects_answer(dispatcher, make_tracker, domain):
    tracker = make_tracker("is that normal?", "follow_up", slots=_answered("pain"))
    ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher) == ["utter_faq/side_effects"]


def test_why_after_an_aftercare_answer_gives_that_rules_reason(dispatcher, make_tracker, domain):
    tracker = make_tracker("why?", "follow_up", slots={"aftercare_topic": "makeup", "last_answer": "aftercare/makeup"})
    ActionFollowUp().run(dispatcher, tracker, domain)
    (text,) = _answers(dispatcher)
    assert text.startswith("So it doesn't clog the tiny channels the needles made: that's why the advice is no makeup")
    assert "Source:" in text


def test_how_long_after_an_aftercare_answer_gives_the_rule_again(dispatcher, make_tracker, domain):
    tracker = make_tracker("how long does that last?", "follow_up",
                           slots={"aftercare_topic": "sun", "last_answer": "aftercare/sun"})
    ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher)[0].startswith("After microneedling: avoid direct sun for at least a week")


def test_a_follow_up_the_table_lacks_gets_the_current_topic_again(dispatcher, make_tracker, domain):
    """ "how come?" after the body-areas answer: that answer again, not "did you mean"."""
    tracker = make_tracker("why?", "follow_up", slots=_answered("body_areas"))
    ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher)[0] == "utter_faq/body_areas"


def test_a_follow_up_with_nothing_before_and_no_sure_answer_offers_topics(dispatcher, make_tracker, domain):
    ActionFollowUp().run(dispatcher, make_tracker("why?", "follow_up"), domain)
    (message,) = dispatcher.messages
    assert message["text"] == "Sorry, I'm not sure I understood. Did you mean one of these?"
    assert message["buttons"][-1]["payload"] == "/deny"


def test_a_follow_up_after_a_warning_sign_repeats_the_warning_advice(dispatcher, make_tracker, domain):
    tracker = make_tracker("is that normal?", "follow_up", slots={"last_answer": "warning/urgent"})
    ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher) == ["utter_warning_signs"]


def test_a_follow_up_with_nothing_before_uses_a_confident_faq_answer(dispatcher, make_tracker, domain):
    parse = {"response_selector": {"faq": {"response": {"intent_response_key": "faq/results_duration",
                                                        "confidence": 0.8}}}}
    ActionFollowUp().run(dispatcher, make_tracker("how long does that last?", "follow_up", parse_data=parse), domain)
    assert _answers(dispatcher) == ["utter_faq/results_duration"]


def test_a_time_alone_after_an_aftercare_answer_is_that_rule_for_that_time(dispatcher, make_tracker, domain,
                                                                           monkeypatch):
    monkeypatch.setattr(settings, "now", lambda: datetime(2026, 11, 21, 15, 30, tzinfo=timezone.utc))
    tracker = make_tracker("and the day after tomorrow?", "follow_up",
                           slots={"aftercare_topic": "makeup", "treatment_date": "2026-11-20",
                                  "last_answer": "aftercare/makeup"})
    ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher)[0].startswith("Yes: by Mon 23 Nov the 24-hour window will have passed")


def test_a_follow_up_of_no_known_kind_is_about_the_last_topic(dispatcher, make_tracker, domain):
    """ "what if it's just for radiance?" after the sessions answer: the sessions answer."""
    tracker = make_tracker("what if it's just for radiance?", "follow_up", slots=_answered("sessions"))
    events = ActionFollowUp().run(dispatcher, tracker, domain)
    assert _answers(dispatcher)[0] == "utter_faq/sessions"
    assert {"event": "slot", "timestamp": None, "name": "last_answer", "value": "faq/sessions"} in events
