"""Follow-ups that name no topic, resolved against the last answer (no Rasa)."""

import pytest

from knowledge.answers import FOLLOW_UP_RULE, load_knowledge
from knowledge.follow_ups import KINDS, Topic, current_topic, kind_of, resolve, suggestions
from knowledge.thread import LastAnswer


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


@pytest.mark.parametrize("last_answer, topic", [
    (None, None),
    ("faq/pain", Topic("faq", "pain")),
    ("aftercare/makeup", Topic("aftercare", "makeup")),
    # the day plan is followed up like the aftercare FAQ
    ("plan", Topic("faq", "aftercare")),
    ("warning/urgent", Topic("warning", "utter_warning_signs")),
    ("warning/emergency", Topic("warning", "utter_symptom_emergency")),
    # ordinary healing is followed up like the side-effects answer
    ("healing", Topic("faq", "side_effects")),
    ("not_covered", None),
])
def test_the_current_topic_is_the_last_answer_kept_in_the_slot(last_answer, topic):
    assert current_topic(LastAnswer.read(last_answer)) == topic


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
