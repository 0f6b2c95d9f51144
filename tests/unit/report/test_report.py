"""The operator report from stored events (plain data; the SQL store is tested in integration)."""

from datetime import date, datetime, timezone

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from report.build import render_html, render_unanswered
from report.summary import DID_YOU_MEAN, OTHER_LANGUAGE, OUT_OF_SCOPE, summarise

DAY1 = datetime(2026, 11, 30, 10, tzinfo=timezone.utc).timestamp()
DAY2 = datetime(2026, 12, 1, 10, tzinfo=timezone.utc).timestamp()


def user(text, intent, at=DAY1, **extra):
    return {"event": "user", "text": text, "timestamp": at, "parse_data": {"intent": {"name": intent, **extra}}}


def action(name, at=DAY1):
    return {"event": "action", "name": name, "timestamp": at}


CONVERSATIONS = [
    ("a", [user("does it hurt?", "faq", full_retrieval_intent_name="faq/pain"), action("action_answer_question"),
           user("/feedback", "feedback"), action("action_feedback"),
           {"event": "slot", "name": "feedback", "value": {"vote": "down", "answer": "faq/pain",
                                                           "question": "does it hurt?"}},
           user("mi piel <b>arde</b>", "other_language"), action("utter_other_language")]),
    ("b", [user("ghfjd trewq", "out_of_scope", full_retrieval_intent_name="out_of_scope/other"),
           action("action_answer_question"),
           user("parking near you?", "nlu_fallback", at=DAY2), action("action_did_you_mean", at=DAY2),
           user("parking near you?", "nlu_fallback", at=DAY2), action("action_did_you_mean", at=DAY2),
           {"event": "user", "text": "my lips are swelling", "timestamp": DAY2,
            "parse_data": {"intent": {"name": "report_symptom"}, "triage": {"level": "emergency"}}},
           action("action_triage", at=DAY2),
           {"event": "active_loop", "name": "callback_form", "timestamp": DAY2},
           user("[phone]", "out_of_scope", at=DAY2, full_retrieval_intent_name="out_of_scope/other"),
           action("callback_form", at=DAY2),
           {"event": "slot", "name": "callback_consent", "value": True, "timestamp": DAY2}]),
]


def test_the_figures_a_clinic_reads():
    report = summarise(CONVERSATIONS, timezone.utc)
    assert report.conversations == 3  # "b" talked on two days
    assert report.messages == 7  # the vote is not a message
    assert report.messages_per_day[date(2026, 12, 1)] == 4
    assert report.topics["faq/pain"] == 1
    assert report.unanswered == {(OTHER_LANGUAGE, "mi piel <b>arde</b>"): 1, (OUT_OF_SCOPE, "ghfjd trewq"): 1,
                                 (DID_YOU_MEAN, "parking near you?"): 2}
    assert report.thumbs_down == {("faq/pain", "does it hurt?"): 1}
    assert report.warning_signs == {"emergency": 1}
    assert report.callbacks == {"asked for": 1, "consented (sent to the clinic)": 1}


def test_the_page_shows_what_patients_typed_as_text():
    page = render_html(summarise(CONVERSATIONS, timezone.utc), "Lumen Skin Clinic")
    assert "mi piel &lt;b&gt;arde&lt;/b&gt;" in page and "<b>arde" not in page
    assert "parking near you?" in page and "does it hurt?" in page


def test_the_unanswered_questions_are_training_data_rasa_reads():
    text = render_unanswered(summarise(CONVERSATIONS, timezone.utc))
    examples = RasaYAMLReader().reads(text).training_examples
    by_intent = {}
    for example in examples:
        by_intent.setdefault(example.get("intent"), []).append(example.get("text"))
    assert by_intent == {"unlabelled_did_you_mean": ["parking near you?"],
                         "unlabelled_other_language": ["mi piel <b>arde</b>"],
                         "unlabelled_outside_what_it_knows": ["ghfjd trewq"]}
