"""The triage action with a real Tracker and CollectingDispatcher: what a
patient reads after a warning sign beside an aftercare question."""

from actions.triage_actions import ActionTriage
from knowledge.answers import load_knowledge


def _topic(value):
    return [{"entity": "aftercare_topic", "value": value}]


def _said(dispatcher):
    return [m.get("response") or m.get("text") for m in dispatcher.messages]


def test_a_warning_sign_with_a_question_about_picking_also_says_dont_pick(dispatcher, make_tracker, domain):
    tracker = make_tracker("there's pus in the little white heads, can I pop them?", "report_symptom",
                           entities=_topic("pop a spot"))
    ActionTriage().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[0] == "utter_warning_signs"  # the clinic first
    assert len(said) == 2 and load_knowledge().aftercare["picking"].rule in said[1]


def test_a_warning_sign_with_a_question_about_a_timed_rule_gets_no_verdict(dispatcher, make_tracker, domain):
    # "Yes, the window has passed" must never follow "contact your clinic today".
    tracker = make_tracker("it's oozing yellow stuff, can I wear makeup tomorrow?", "report_symptom",
                           entities=_topic("makeup"))
    ActionTriage().run(dispatcher, tracker, domain)
    assert _said(dispatcher) == ["utter_warning_signs"]
