"""The thread of a conversation (knowledge/thread.py): what a new message does
with the last answer. Tables of (last answer, message, what NLU made of it)."""

from __future__ import annotations

import pytest

from knowledge import names
from knowledge.thread import CALLBACK_OFFER, LastAnswer, next_step

URGENT, EMERGENCY = LastAnswer("warning", "urgent"), LastAnswer("warning", "emergency")


@pytest.mark.parametrize("text, intent", [
    ("it's calmed down a little, do I still need to go in?", "faq"),
    ("can I wait until Monday and see how it looks?", "faq"),
    ("I've got work, can it wait?", "faq"),
    ("should I still go to my follow up appointment next week?", "out_of_scope"),
    ("can i just put sudocrem on and wait and see", "faq"),
    ("it's getting worse now", "report_symptom"),
    ("ok", "affirm"),
    ("hmm", "nlu_fallback"),
    ("can i pop them", "ask_aftercare"),
    ("do i really need to call an ambulance for that", "nlu_fallback"),
    ("it's going down a bit now, ok to leave it?", "goodbye"),  # whatever the model made of "leave it"
])
def test_after_a_warning_the_same_problem_gets_the_advice_again(text, intent):
    for last in (URGENT, EMERGENCY):
        assert next_step(last, None, intent, "", 0.5, text) == names.ACTION_TRIAGE, (last, text)


@pytest.mark.parametrize("text, intent, key", [
    ("also is it normal to need 3 sessions", "faq", "faq/sessions"),
    ("thank you", "thank", ""),
    ("what's their phone number?", "ask_human", ""),
    ("where are you?", "out_of_scope", "out_of_scope/location"),
])
def test_after_a_warning_a_clearly_new_question_changes_the_subject(text, intent, key):
    assert next_step(URGENT, None, intent, key, 0.9, text) is None


@pytest.mark.parametrize("text, intent, step", [
    ("yes please", "affirm", names.CALLBACK_FORM),
    ("yeah go on then, call me back", "nlu_fallback", names.CALLBACK_FORM),
    ("sure", "faq", names.CALLBACK_FORM),
    ("nah i'm ok, i'll just email them", "deny", names.UTTER_CALLBACK_DECLINED),
    ("no need to call me back ta", "request_callback", names.UTTER_CALLBACK_DECLINED),
    ("no thanks i'll email", "nlu_fallback", names.UTTER_CALLBACK_DECLINED),
    ("nope", "out_of_scope", names.UTTER_CALLBACK_DECLINED),
    ("actually i'd rather someone rang me back", "ask_human", names.CALLBACK_FORM),
    ("hmm ok give me a ring then", "nlu_fallback", names.CALLBACK_FORM),
    ("don't ring me, i'll call them", "ask_human", names.UTTER_CALLBACK_DECLINED),
])
def test_a_typed_answer_to_the_call_back_offer(text, intent, step):
    assert next_step(None, CALLBACK_OFFER, intent, "", 0.5, text) == step


def test_a_yes_with_no_offer_is_left_to_the_rules():
    assert next_step(None, None, "affirm", "", 0.5, "yes please") is None


@pytest.mark.parametrize("last, text, intent, confidence", [
    (LastAnswer("faq", "sessions"), "what if it's just for radiance?", "faq", 0.6),
    (LastAnswer("faq", "sessions"), "and once i'm done does it last forever or", "faq", 0.7),
    (LastAnswer("aftercare", "exfoliation"), "does that count my face brush too?", "nlu_fallback", 0.2),
    (LastAnswer("aftercare", "makeup"), "so when am I allowed?", "nlu_fallback", 0.2),
    (LastAnswer("healing"), "how long will the pinkness last?", "faq", 0.8),
    (LastAnswer("faq", "combining"), "what's that when it's at home?", "faq", 0.99),
    (LastAnswer("faq", "duration"), "depends on what?", "nlu_fallback", 0.2),
    (LastAnswer("aftercare", "exercise"), "why not?? i'll shower straight after", "ask_aftercare", 0.9),
    (LastAnswer("aftercare", "sun"), "what happens if i dont", "faq", 0.99),
])
def test_a_message_that_leans_on_the_last_answer_is_a_follow_up(last, text, intent, confidence):
    assert next_step(last, None, intent, "faq/x", confidence, text) == names.ACTION_FOLLOW_UP


@pytest.mark.parametrize("last, text, intent", [
    (LastAnswer("faq", "pain"), "how many sessions will I need?", "faq"),  # its own topic, no "and"
    (LastAnswer("faq", "pain"), "can I talk to someone?", "ask_human"),
    (LastAnswer("faq", "pain"), "thanks", "thank"),
    (None, "and how long does that last?", "faq"),  # nothing to lean on: the rules decide
    (LastAnswer("faq", "results_duration"), "can it be combined with serums", "faq"),  # "it": the treatment
    (LastAnswer("faq", "duration"), "what does it actually help with tho", "faq"),
    (LastAnswer("aftercare", "makeup"), "why can't i use retinol yet", "ask_aftercare"),  # its own rule
])
def test_a_message_with_its_own_topic_is_not_a_follow_up(last, text, intent):
    assert next_step(last, None, intent, "faq/sessions", 0.97, text) is None


@pytest.mark.parametrize("last, text", [
    (LastAnswer("faq", "duration"), "and is it gonna sting"),
    (LastAnswer("faq", "pain"), "ok how long am i in the chair for then"),
    (LastAnswer("aftercare", "makeup"), "and is there much downtime afterwards"),
])
def test_a_message_taken_for_a_follow_up_that_asks_its_own_question_is_answered_as_one(last, text):
    assert next_step(last, None, names.FOLLOW_UP, "faq/pain", 0.9, text) == names.ACTION_ANSWER_QUESTION


@pytest.mark.parametrize("text", ["and does that hurt too?", "what's that when it's at home?", "so when then?"])
def test_a_follow_up_that_points_back_stays_a_follow_up_however_sure_the_selector(text):
    assert next_step(LastAnswer("faq", "combining"), None, names.FOLLOW_UP, "faq/pain", 0.99, text) \
        != names.ACTION_ANSWER_QUESTION


def test_after_a_warning_a_follow_up_is_never_answered_as_its_own_question():
    assert next_step(URGENT, None, names.FOLLOW_UP, "faq/recovery", 0.99, "and is there much downtime") \
        == names.ACTION_TRIAGE


def test_the_slot_value_round_trips():
    assert LastAnswer.read(LastAnswer("aftercare", "sun").value) == LastAnswer("aftercare", "sun")
    assert LastAnswer.read(None) is None and LastAnswer.read("healing") == LastAnswer("healing")


@pytest.mark.parametrize("text, step", [
    ("what about once i finish the course", names.ACTION_NOT_COVERED),
    ("and if i stop taking them a month before?", names.ACTION_NOT_COVERED),
    ("what about after the baby", names.ACTION_NOT_COVERED),
    ("ok who do i ask", None),  # the clinic's contact
    ("how much is it", None),
])
def test_after_a_condition_the_articles_dont_cover_the_same_condition_later_gets_that_answer(text, step):
    assert next_step(LastAnswer("not_covered", "roaccutane"), None, "nlu_fallback", "", 0.3, text) == step
