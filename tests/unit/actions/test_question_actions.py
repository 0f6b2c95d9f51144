"""Several questions in one message, answered in order in one turn (real Tracker and dispatcher)."""

from datetime import datetime, timezone

import pytest
from rasa_sdk.events import SlotSet

from actions.aftercare_actions import ActionAftercareAnswer
from actions.question_actions import ActionAnswerQuestion, part_answer
from knowledge import settings
from knowledge.answers import load_knowledge

NOW = datetime(2026, 11, 21, 15, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(settings, "now", lambda: NOW)


def _selector(topic):
    return {"faq": {"response": {"intent_response_key": f"faq/{topic}", "confidence": 0.9}, "ranking": []}}


def _said(dispatcher):
    return [m.get("response") or m.get("text") for m in dispatcher.messages]


ANSWERS = {key: topic.answer for key, topic in load_knowledge().topics.items()}


def _sources_lines(dispatcher):
    return [line for m in dispatcher.messages for line in (m.get("text") or "").splitlines()
            if line.startswith(("Source:", "Sources:"))]


@pytest.mark.parametrize("part, expected", [
    ({"intent": "faq", "response_key": "faq/pain"}, ("faq", "pain")),
    ({"intent": "ask_aftercare", "rule": "makeup"}, ("rule", "makeup")),
    ({"intent": "ask_aftercare", "rule": None}, None),
    ({"intent": "faq", "response_key": None}, None),
    ({"intent": "greet"}, None),
], ids=["faq", "aftercare rule", "aftercare without a rule", "faq without an answer", "not a question"])
def test_what_answers_a_part(part, expected):
    assert part_answer(part) == expected


def test_two_faqs_are_answered_in_the_order_asked(dispatcher, make_tracker, domain):
    parts = [{"text": "does it hurt", "intent": "faq", "response_key": "faq/pain"},
             {"text": "how many sessions will i need", "intent": "faq", "response_key": "faq/sessions"}]
    tracker = make_tracker("does it hurt and how many sessions will i need", "faq",
                           parse_data={"response_selector": _selector("pain"), "parts": parts})
    ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[0] == ANSWERS["pain"] and said[1].startswith(ANSWERS["sessions"])
    # the sources once, by short title, under the last answer, with one set of buttons
    assert _sources_lines(dispatcher) == ["Sources: Benefits and Aftercare; Skin Rejuvenation; Ultimate Guide; Overview and Aftercare Tips"]
    assert [bool(m.get("buttons")) for m in dispatcher.messages] == [False, True]
    assert dispatcher.messages[-1]["buttons"][-3]["payload"] == "/sources"


def test_a_faq_then_an_aftercare_rule_without_a_date_gets_the_rule(dispatcher, make_tracker, domain):
    parts = [{"text": "how long is recovery", "intent": "faq", "response_key": "faq/recovery"},
             {"text": "when can I wear makeup?", "intent": "ask_aftercare", "rule": "makeup"}]
    tracker = make_tracker("how long is recovery and when can I wear makeup?", "faq",
                           parse_data={"response_selector": _selector("recovery"), "parts": parts})
    ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[0] == ANSWERS["recovery"]
    assert said[1].startswith("After microneedling: no makeup for at least 24 hours")
    assert len(said) == 2  # no date prompt in the middle of an FAQ answer
    assert len(_sources_lines(dispatcher)) == 1


def test_a_date_in_the_message_is_remembered_and_used_for_the_later_question(dispatcher, make_tracker, domain):
    parts = [{"text": "had it 2 days ago, does it hurt afterwards", "intent": "faq", "response_key": "faq/pain"},
             {"text": "can I go to the gym?", "intent": "ask_aftercare", "rule": "exercise"}]
    tracker = make_tracker("had it 2 days ago, does it hurt afterwards and can I go to the gym?", "faq",
                           parse_data={"response_selector": _selector("pain"), "parts": parts})
    events = ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[1].startswith("Not yet: no strenuous exercise")
    assert [e for e in events if e["name"] == "treatment_date"] == [SlotSet("treatment_date", "2026-11-19")]


def test_the_same_answer_is_not_repeated(dispatcher, make_tracker, domain):
    parts = [{"text": "is it safe?", "intent": "faq", "response_key": "faq/safety"},
             {"text": "is it risky?", "intent": "faq", "response_key": "faq/safety"}]
    tracker = make_tracker("is it safe? is it risky?", "faq",
                           parse_data={"response_selector": _selector("safety"), "parts": parts})
    ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert len(_said(dispatcher)) == 1 and _said(dispatcher)[0].startswith(ANSWERS["safety"])


def test_an_aftercare_answer_is_followed_by_the_other_question(dispatcher, make_tracker, domain):
    parts = [{"text": "can I wear makeup tomorrow", "intent": "ask_aftercare", "rule": "makeup"},
             {"text": "when will I see results?", "intent": "faq", "response_key": "faq/results_timing"}]
    tracker = make_tracker("can I wear makeup tomorrow and when will I see results?", "ask_aftercare",
                           entities=[{"entity": "aftercare_topic", "value": "makeup"}],
                           parse_data={"parts": parts},
                           slots={"treatment_date": "2026-11-21", "aftercare_topic": "makeup"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert "no makeup" in said[0]
    assert len(said) == 2 and said[1].startswith(ANSWERS["results_timing"])


def test_an_out_of_scope_question_then_an_faq_each_get_their_answer(dispatcher, make_tracker, domain, monkeypatch,
                                                                     tmp_path):
    monkeypatch.setenv("CLINIC_FILE", str(tmp_path / "no-clinic.yml"))  # a clinic that gave no details
    parts = [{"text": "how much is it", "intent": "out_of_scope", "response_key": "out_of_scope/cost"},
             {"text": "does it hurt", "intent": "faq", "response_key": "faq/pain"}]
    selector = {"out_of_scope": {"response": {"intent_response_key": "out_of_scope/cost", "confidence": 0.8}}}
    tracker = make_tracker("how much is it and does it hurt", "out_of_scope",
                           parse_data={"response_selector": selector, "parts": parts})
    ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[0] == " ".join(domain["responses"]["utter_out_of_scope/cost"][0]["text"].split())
    assert said[1].startswith(ANSWERS["pain"])


def test_two_aftercare_questions_get_both_rules_and_no_date_prompt(dispatcher, make_tracker, domain):
    parts = [{"text": "when can i put foundation on", "intent": "ask_aftercare", "rule": "makeup"},
             {"text": "do i need sunscreen after", "intent": "ask_aftercare", "rule": "sun"}]
    tracker = make_tracker("when can i put foundation on and do i need sunscreen after", "ask_aftercare",
                           entities=[{"entity": "aftercare_topic", "value": "sunscreen"}],
                           parse_data={"parts": parts}, slots={"aftercare_topic": "sunscreen"})
    ActionAftercareAnswer().run(dispatcher, tracker, domain)
    said = _said(dispatcher)
    assert said[0].startswith("After microneedling: no makeup") and said[1].startswith("After microneedling: avoid direct sun")
    assert len(said) == 2


def test_a_price_question_gets_the_clinics_own_phone_and_email(dispatcher, make_tracker, domain, monkeypatch, tmp_path):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text('name: "Test Clinic"\nphone: "0123 456"\nemail: ""\n')
    monkeypatch.setenv("CLINIC_FILE", str(clinic))
    selector = {"out_of_scope": {"response": {"intent_response_key": "out_of_scope/cost", "confidence": 0.8}}}
    ActionAnswerQuestion().run(dispatcher, make_tracker("how much is it", "out_of_scope",
                                                        parse_data={"response_selector": selector}), domain)
    said = _said(dispatcher)
    assert len(said) == 1 and said[0].startswith("I can't tell you prices")
    assert "Test Clinic by phone on 0123 456." in said[0]  # the empty email is left out


def test_three_long_answers_keep_their_first_sentences_and_fit_a_phone(dispatcher, make_tracker, domain):
    parts = [{"text": "who is it for", "intent": "faq", "response_key": "faq/candidates"},
             {"text": "what are the side effects", "intent": "faq", "response_key": "faq/side_effects"},
             {"text": "what's the recovery like", "intent": "faq", "response_key": "faq/recovery"}]
    tracker = make_tracker("who is it for, what are the side effects and what's the recovery like", "faq",
                           parse_data={"response_selector": _selector("candidates"), "parts": parts})
    ActionAnswerQuestion().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    buttons = [b["title"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert sum(map(len, texts)) + sum(map(len, buttons)) <= 1000
    # each answer still starts as it does alone, the rest one tap away
    assert [t[:40] for t in texts] == [ANSWERS[k][:40] for k in ("candidates", "side_effects", "recovery")]
    assert {"More: Is it right for me?", "More: Side effects?", "More: Recovery and downtime?"} <= set(buttons)
    assert len(_sources_lines(dispatcher)) == 1
