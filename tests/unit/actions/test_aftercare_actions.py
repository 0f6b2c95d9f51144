"""The aftercare actions with a real Tracker and CollectingDispatcher."""

import asyncio
from datetime import datetime, timezone

import pytest
from rasa_sdk.events import SlotSet

from actions.aftercare_actions import (
    ActionAftercareAnswer,
    ActionAskTreatmentDate,
    ActionRememberTreatmentDate,
    ValidateTreatmentDateForm,
)
from knowledge import settings
from knowledge.answers import load_knowledge

NOW = datetime(2026, 11, 21, 15, 30, tzinfo=timezone.utc)  # a Saturday


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(settings, "now", lambda: NOW)


def _topic(value):
    """The aftercare_topic entity DIET finds in a question that names the topic."""
    return [{"entity": "aftercare_topic", "value": value}]


def _texts(dispatcher):
    return [m.get("text") or m.get("response") for m in dispatcher.messages]


def test_timed_answer_from_the_slot(dispatcher, make_tracker, domain):
    tracker = make_tracker("is the gym ok?", "ask_aftercare", entities=_topic("gym"),
                           slots={"treatment_date": "2026-11-16", "aftercare_topic": "gym"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    (text,) = _texts(dispatcher)
    assert text.startswith("Yes: the 3-day window has passed, since you were treated 5 days ago.")


def test_target_time_comes_from_the_question(dispatcher, make_tracker, domain):
    tracker = make_tracker("I was treated this morning, can I wear foundation tonight?", "ask_aftercare",
                           entities=[{"entity": "TIME", "value": "this morning"}, {"entity": "TIME", "value": "tonight"}]
                           + _topic("foundation"),
                           slots={"treatment_date": "2026-11-21T12:00", "aftercare_topic": "foundation"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    (text,) = _texts(dispatcher)
    assert text.startswith("Not yet: no makeup") and "another 16 hours" in text


def test_plan_needs_and_uses_the_date(dispatcher, make_tracker, domain):
    tracker = make_tracker("what should I do today?", "ask_aftercare_plan",
                           slots={"treatment_date": "2026-11-19", "aftercare_topic": "plan"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert "Today is day 2" in _texts(dispatcher)[0]


def test_without_a_date_the_general_rule_is_given(dispatcher, make_tracker, domain):
    tracker = make_tracker("can I use retinol?", "ask_aftercare", entities=_topic("retinol"), slots={"aftercare_topic": "retinol"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith("After microneedling: no retinoids")


def test_no_topic_yet_gets_the_general_aftercare_answer(dispatcher, make_tracker, domain):
    ActionAftercareAnswer().run(dispatcher, make_tracker("and tomorrow?", "ask_aftercare"), domain)
    assert _texts(dispatcher) == ["utter_faq/aftercare"]


def test_a_topic_the_rules_lack_is_said_so_not_answered_with_the_last_topic(dispatcher, make_tracker, domain):
    tracker = make_tracker("can I drink alcohol after?", "ask_aftercare",
                           slots={"treatment_date": "2026-11-19", "aftercare_topic": "sun"})
    events = ActionAftercareAnswer().run(dispatcher, tracker, domain)
    texts = _texts(dispatcher)
    assert texts[0].startswith("My sources don't give a specific rule for that")
    assert texts[1] == "utter_faq/aftercare"
    assert SlotSet("aftercare_topic", None) in events and SlotSet("last_answer", "faq/aftercare") in events
    assert asyncio.run(ValidateTreatmentDateForm().required_slots(["treatment_date"], dispatcher, tracker, domain)) == []


def test_a_follow_up_about_a_later_day_keeps_the_topic(dispatcher, make_tracker, domain):
    tracker = make_tracker("and in a week?", "ask_aftercare", entities=[{"entity": "DATE", "value": "a week"}],
                           slots={"treatment_date": "2026-11-19", "aftercare_topic": "sun"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith("Yes: by Sat 28 Nov the 7-day window will have passed")


def test_a_rule_asked_before_a_planned_treatment_is_the_rule_as_it_will_apply(dispatcher, make_tracker, domain):
    tracker = make_tracker("can I wear makeup?", "ask_aftercare", entities=_topic("makeup"),
                           slots={"treatment_date": "2026-11-28", "aftercare_topic": "makeup"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith("After microneedling: no makeup for at least 24 hours")


def test_a_planned_treatment_and_no_rule_gets_preparation_advice(dispatcher, make_tracker, domain):
    tracker = make_tracker("what should I do?", "ask_aftercare_plan", slots={"treatment_date": "2026-11-28",
                                                                            "aftercare_topic": "plan"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    texts = _texts(dispatcher)
    assert texts[0].startswith("Your treatment is still ahead (Sat 28 Nov)")
    assert texts[1] == "utter_faq/preparation"


def test_remember_a_date_said_on_its_own(dispatcher, make_tracker, domain):
    events = ActionRememberTreatmentDate().run(dispatcher, make_tracker("I had microneedling yesterday", "inform_treatment_date"), domain)
    assert events == [SlotSet("treatment_date", "2026-11-20"), SlotSet("asked_day", None)]
    assert _texts(dispatcher)[0].startswith("Got it: treated yesterday (Fri 20 Nov).")


def test_a_follow_up_without_a_day_is_about_the_day_asked_last(dispatcher, make_tracker, domain):
    """ "my microneedling is on monday and I'm a bridesmaid on the thursday, can I do my makeup?",
    then "and it's outdoors in the sun all day": the sun on the Thursday, not today."""
    first = make_tracker("my microneedling is on monday and im a bridesmaid on the thursday, can i do my makeup",
                         "ask_aftercare", entities=_topic("makeup"), slots={"aftercare_topic": "makeup"})
    events = ActionAftercareAnswer().run(dispatcher, first, domain)
    assert SlotSet("asked_day", "2026-11-26") in events and SlotSet("treatment_date", "2026-11-23") in events
    follow = make_tracker("and its outdoors in the sun all day", "ask_aftercare", entities=_topic("sun"),
                          slots={"aftercare_topic": "sun", "treatment_date": "2026-11-23", "asked_day": "2026-11-26"})
    dispatcher.messages.clear()
    ActionAftercareAnswer().run(dispatcher, follow, domain)
    assert _texts(dispatcher)[0].startswith("Not yet on Thu 26 Nov: avoid direct sun")
    alone = make_tracker("can i go in the sun", "ask_aftercare", entities=_topic("sun"),
                         slots={"aftercare_topic": "sun", "treatment_date": "2026-11-19", "asked_day": "2026-11-30"})
    dispatcher.messages.clear()
    events = ActionAftercareAnswer().run(dispatcher, alone, domain)  # treated, asked on its own: as of now
    assert SlotSet("asked_day", None) in events and _texts(dispatcher)[0].startswith("Not yet: avoid direct sun")


def test_a_question_before_a_planned_treatment_keeps_the_day_asked_about(dispatcher, make_tracker, domain):
    """ "is suncream enough?" between "the beach the saturday after" and "what about the saturday after that?"."""
    tracker = make_tracker("is suncream enough", "ask_aftercare", entities=_topic("suncream"),
                           slots={"aftercare_topic": "suncream", "treatment_date": "2026-11-23", "asked_day": "2026-11-28"})
    events = ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert not [e for e in events if e.get("name") == "asked_day"]


def test_a_new_date_replaces_the_old_one(dispatcher, make_tracker, domain):
    tracker = make_tracker("sorry, it was 3 days ago", "inform_treatment_date", slots={"treatment_date": "2026-11-20"})
    assert ActionRememberTreatmentDate().run(dispatcher, tracker, domain)[0] == SlotSet("treatment_date", "2026-11-18")


@pytest.mark.parametrize("text", ["the other day", "on 31 February"])
def test_a_date_it_cannot_understand_gets_a_re_ask_not_a_guess(dispatcher, make_tracker, domain, text):
    events = ActionRememberTreatmentDate().run(dispatcher, make_tracker(text, "inform_treatment_date"), domain)
    assert events == []
    assert _texts(dispatcher)[0].startswith("Sorry, I couldn't work out that date.")


def test_form_extracts_the_date_from_the_message(make_tracker, dispatcher, domain):
    tracker = make_tracker("I was treated on Monday", "inform_treatment_date")
    extracted = asyncio.run(ValidateTreatmentDateForm().extract_treatment_date(dispatcher, tracker, domain))
    assert extracted == {"treatment_date": "2026-11-16"}
    unclear = make_tracker("the other day", "inform_treatment_date", slots={"requested_slot": "treatment_date"})
    assert asyncio.run(ValidateTreatmentDateForm().extract_treatment_date(dispatcher, unclear, domain)) == {
        "treatment_date": None}  # the form asks again
    other = make_tracker("does it hurt?", "faq")
    assert asyncio.run(ValidateTreatmentDateForm().extract_treatment_date(dispatcher, other, domain)) == {}


def test_form_keeps_a_remembered_date_when_the_question_has_none(make_tracker, dispatcher, domain):
    tracker = make_tracker("can I wear makeup?", "ask_aftercare", slots={"treatment_date": "2026-11-20"})
    assert asyncio.run(ValidateTreatmentDateForm().extract_treatment_date(dispatcher, tracker, domain)) == {}


@pytest.mark.parametrize("topic, needs_date", [("makeup", True), ("plan", True), ("wash", False), ("pick", False)])
def test_form_asks_for_the_date_only_when_the_answer_depends_on_it(make_tracker, dispatcher, domain, topic, needs_date):
    tracker = make_tracker(topic, "ask_aftercare", entities=_topic(topic), slots={"aftercare_topic": topic})
    slots = asyncio.run(ValidateTreatmentDateForm().required_slots(["treatment_date"], dispatcher, tracker, domain))
    assert slots == (["treatment_date"] if needs_date else [])


def test_ask_gives_the_rule_first_then_re_asks_with_an_example(make_tracker, dispatcher, domain):
    ActionAskTreatmentDate().run(dispatcher, make_tracker("gym?", "ask_aftercare", entities=_topic("gym"),
                                                            slots={"aftercare_topic": "gym"}), domain)
    first = _texts(dispatcher)
    assert first[0].startswith("After microneedling: no strenuous exercise") and first[1].startswith("When was your treatment?")
    dispatcher.messages.clear()
    tracker = make_tracker("the other day", "inform_treatment_date", slots={"aftercare_topic": "gym", "requested_slot": "treatment_date"})
    ActionAskTreatmentDate().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith("Sorry, I couldn't work out that date.")
    dispatcher.messages.clear()
    tracker = make_tracker("and the sun?", "ask_aftercare", entities=_topic("sun"),
                           slots={"aftercare_topic": "sun", "requested_slot": "treatment_date"})
    ActionAskTreatmentDate().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith("After microneedling: avoid direct sun")


@pytest.mark.parametrize("text, topic, slots, expected", [
    # no date known: the verdict for that many days after any treatment
    ("two weeks after microneedling, is it fine to go running?", "running", {},
     "Yes: 14 days after the treatment, the 3-day window has passed."),
    # a remembered date: the verdict for that day
    ("can I go in the sun a week after?", "sun", {"treatment_date": "2026-11-20"},
     "Almost: avoid direct sun for at least a week"),
])
def test_a_time_counted_from_the_treatment(dispatcher, make_tracker, domain, text, topic, slots, expected):
    tracker = make_tracker(text, "ask_aftercare", entities=_topic(topic), slots={"aftercare_topic": topic, **slots})
    assert asyncio.run(ValidateTreatmentDateForm().required_slots(["treatment_date"], dispatcher, tracker,
                                                                  domain)) == ([] if not slots else ["treatment_date"])
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    assert _texts(dispatcher)[0].startswith(expected)


def test_a_time_asked_about_without_a_date_asks_the_date_without_the_general_rule(dispatcher, make_tracker, domain):
    tracker = make_tracker("can I wear makeup tonight?", "ask_aftercare", entities=_topic("makeup"),
                           slots={"aftercare_topic": "makeup", "requested_slot": "treatment_date"})
    ActionAskTreatmentDate().run(dispatcher, tracker, domain)
    assert _texts(dispatcher) == [load_knowledge().aftercare_messages["ask_date"]]


def test_a_date_in_the_question_counts_when_the_rule_needs_none(dispatcher, make_tracker, domain):
    tracker = make_tracker("had it this morning, can I wash my face tonight", "ask_aftercare",
                           entities=[{"entity": "TIME", "value": "this morning"}, {"entity": "TIME", "value": "tonight"}]
                           + _topic("wash"), slots={"aftercare_topic": "wash"})
    events = ActionAftercareAnswer().run(dispatcher, tracker, domain)
    (text,) = _texts(dispatcher)
    assert text.startswith("Yes, from the start: cleanse gently")
    assert [e for e in events if e["name"] == "treatment_date"] == [SlotSet("treatment_date", "2026-11-21T12:00+00:00")]


def test_a_treatment_ahead_and_a_question_get_the_verdict_for_the_day_asked(dispatcher, make_tracker, domain):
    # Saturday 21 Nov: treatment on Monday 23, gym on Tuesday 24 (day 1 of a 3-day wait)
    tracker = make_tracker("my appointment is on Monday, can I go to the gym on Tuesday?", "inform_treatment_date",
                           entities=_topic("gym"))
    events = ActionRememberTreatmentDate().run(dispatcher, tracker, domain)
    (text,) = _texts(dispatcher)
    assert text.startswith("Not yet on Tue 24 Nov: no strenuous exercise")
    assert SlotSet("treatment_date", "2026-11-23") in events
