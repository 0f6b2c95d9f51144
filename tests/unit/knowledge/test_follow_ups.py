"""Follow-ups that name no topic, resolved against the conversation's events (no Rasa)."""

import pytest

from knowledge.answers import FOLLOW_UP_RULE, load_knowledge
from knowledge.follow_ups import KINDS, Topic, current_topic, kind_of, resolve, suggestions


def _faq_answer(topic):
    return {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_faq/{topic}"}}


def _user(text="..."):
    return {"event": "user", "text": text}


def _action(name):
    return {"event": "action", "name": name}


def _slot(value):
    return {"event": "slot", "name": "aftercare_topic", "value": value}


@pytest.mark.parametrize("text, kind", [
    ("what about afterwards?", "afterwards"),
    ("and after?", "afterwards"),
    ("and how long does that last?", "lasts"),
    ("when does that go away", "lasts"),
    ("is that normal?", "normal"),
    ("is that ok?", "normal"),
    ("should I be worried", "normal"),
    ("why?", "why"),
    ("how come", "why"),
    ("why is it still red afterwards", "why"),
    ("is that normal afterwards", "normal"),
    ("ok what about afterwards", "afterwards"),
    ("hmm", None),
])
def test_the_kind_of_follow_up(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize("events, topic", [
    ([], None),
    ([_user(), _faq_answer("pain")], Topic("faq", "pain")),
    ([_user(), _faq_answer("pain"), _user(), _faq_answer("side_effects"), _user()], Topic("faq", "side_effects")),
    # an aftercare answer: the rule in the slot when it was given
    ([_user(), _faq_answer("pain"), _user(), _slot("makeup"), _action("action_aftercare_answer"),
      {"event": "bot", "text": "Not yet..."}, _user()], Topic("aftercare", "makeup")),
    # the date prompt gave the rule's general answer (Rasa logs the form, not the ask action)
    ([_user(), _slot("sun"), _action("treatment_date_form"), {"event": "active_loop", "name": "treatment_date_form"},
      {"event": "slot", "name": "requested_slot", "value": "treatment_date"},
      {"event": "bot", "text": "After microneedling..."}, _action("action_listen"), _user("why?"),
      _action("action_deactivate_loop")], Topic("aftercare", "sun")),
    # the day plan is followed up like the aftercare FAQ
    ([_user(), _slot("plan"), _action("action_aftercare_answer")], Topic("faq", "aftercare")),
    ([_user(), {"event": "bot", "metadata": {"utter_action": "utter_warning_signs"}}], Topic("warning", "utter_warning_signs")),
    ([_user(), {"event": "bot", "metadata": {"utter_action": "utter_symptom_emergency"}}],
     Topic("warning", "utter_symptom_emergency")),
    # ordinary healing is followed up like the side-effects answer
    ([_user(), {"event": "bot", "metadata": {"utter_action": "utter_symptom_expected"}}], Topic("faq", "side_effects")),
    # a new session forgets the old topic
    ([_user(), _faq_answer("pain"), {"event": "session_started"}, _user()], None),
    # greetings and thanks are not topics: the last one stays current
    ([_user(), _faq_answer("sessions"), _user(), {"event": "bot", "metadata": {"utter_action": "utter_thank"}}],
     Topic("faq", "sessions")),
])
def test_the_current_topic_is_the_last_answered(events, topic):
    assert current_topic(events) == topic


TABLE = load_knowledge().follow_ups


@pytest.mark.parametrize("topic, kind, answer", [
    (Topic("faq", "pain"), "afterwards", Topic("faq", "side_effects")),
    (Topic("faq", "pain"), "lasts", Topic("faq", "side_effects")),
    (Topic("faq", "side_effects"), "lasts", Topic("faq", "recovery")),
    (Topic("faq", "side_effects"), "normal", Topic("faq", "side_effects")),
    (Topic("faq", "results_timing"), "lasts", Topic("faq", "results_duration")),
    (Topic("faq", "sessions"), "why", Topic("faq", "results_timing")),
    (Topic("aftercare", "makeup"), "why", Topic("aftercare", "makeup")),
    (Topic("aftercare", "sun"), "lasts", Topic("aftercare", "sun")),
    (Topic("aftercare", "picking"), "normal", Topic("faq", "side_effects")),
    (Topic("faq", "body_areas"), "why", None),  # not in the table: "did you mean"
    (Topic("faq", "pain"), None, None),
    (None, "why", None),
    # a warning sign stays a warning sign, whatever is asked next
    (Topic("warning"), "normal", Topic("warning")),
    (Topic("warning"), None, Topic("warning")),
])
def test_what_answers_a_follow_up(topic, kind, answer):
    assert resolve(TABLE, topic, kind) == answer


def test_the_table_uses_only_known_kinds():
    kinds = {kind for row in TABLE.values() for kind in row}
    assert kinds <= set(KINDS)
    assert FOLLOW_UP_RULE in TABLE


def test_did_you_mean_puts_the_current_topic_first():
    related = {"pain": ["procedure", "side_effects"]}
    assert suggestions(Topic("faq", "pain"), related, ["what_is"]) == ["pain", "procedure", "side_effects"]
    assert suggestions(None, related, ["what_is"]) == ["what_is"]
