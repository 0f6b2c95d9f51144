"""The knowledge file: consistent, traceable to the articles, no invented facts."""

import copy
import re

import pytest
import yaml

from knowledge.answers import (
    KNOWLEDGE_FILE,
    KnowledgeError,
    answer_text,
    load_knowledge,
    parse_knowledge,
    topic_payload,
)
from knowledge.render import render

NUMBER_WORDS = {"3": "three", "6": "six", "14": "14", "24": "24"}
# Topics the issue names; the knowledge must answer each of them.
REQUIRED_TOPICS = {
    "what_is", "how_it_works", "benefits", "pain", "sessions", "procedure", "duration",
    "side_effects", "recovery", "results_timing", "results_duration", "candidates",
    "preparation", "combining", "body_areas", "aftercare",
}


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def _article(seeds, source) -> str:
    return (seeds / source.file).read_text(encoding="utf-8").lower()


def test_every_required_topic_is_answered(knowledge):
    assert REQUIRED_TOPICS <= set(knowledge.topics)


def test_every_source_file_exists(knowledge, seeds):
    for source in knowledge.sources.values():
        assert (seeds / source.file).is_file(), source.file


def test_every_number_in_an_answer_appears_in_a_cited_article(knowledge, seeds):
    """A figure the articles don't give would be an invented fact."""
    for topic in knowledge.topics.values():
        articles = " ".join(_article(seeds, s) for s in topic.sources)
        for number in re.findall(r"\d[\d,]*", topic.answer):
            plain = number.replace(",", "")
            found = number in articles or plain in articles or NUMBER_WORDS.get(plain, "\0") in articles
            assert found, f"{topic.key}: '{number}' is not in {[s.file for s in topic.sources]}"


def test_every_number_in_an_aftercare_rule_appears_in_a_cited_article(knowledge, seeds):
    for rule in knowledge.aftercare.values():
        articles = " ".join(_article(seeds, s) for s in rule.sources)
        for number in re.findall(r"\d+", f"{rule.rule} {rule.instead or ''} {rule.afterwards or ''}"):
            found = number in articles or NUMBER_WORDS.get(number, "\0") in articles
            assert found, f"aftercare {rule.key}: '{number}' is not in {[s.file for s in rule.sources]}"


def test_every_annotated_aftercare_topic_resolves_to_a_rule(knowledge):
    from knowledge.aftercare_text import find_rule
    root = KNOWLEDGE_FILE.parent.parent
    texts = [(root / "data/nlu/aftercare.yml").read_text(), (root / "tests/nlu/test_nlu.yml").read_text()]
    values = {v for text in texts for v in re.findall(r"\[([^\]]+)\]\(aftercare_topic\)", text)}
    assert len(values) > 20
    assert [v for v in values if find_rule(knowledge, v) is None] == []


def test_no_prices_or_currency(knowledge):
    for topic in knowledge.topics.values():
        assert not re.search(r"[$€£]|\bprice|\bcost|\bdollar", topic.answer, re.I), topic.key


def test_conflicting_figures_use_the_conservative_value_and_say_so(knowledge):
    aftercare = knowledge.topics["aftercare"]
    assert "at least a week" in aftercare.answer  # sun: 3 days vs a week
    assert "3 days" in aftercare.answer  # exercise: 24-48 h vs 3 days
    assert "14 days" in aftercare.answer  # exfoliation: a week vs 14 days
    assert aftercare.sources_vary and "Sources vary" in answer_text(aftercare)
    assert "tanned" in knowledge.topics["preparation"].answer
    assert knowledge.topics["preparation"].sources_vary


def test_answers_are_short(knowledge):
    for topic in knowledge.topics.values():
        sentences = re.split(r"(?<=[.!?])\s+", topic.answer)
        assert len(sentences) <= 5 and len(topic.answer) <= 500, topic.key


def test_side_effects_and_warning_signs_point_to_the_clinic(knowledge):
    assert "contact your provider" in knowledge.topics["side_effects"].answer
    responses = render(knowledge)["responses"]
    assert "contact your clinic today" in responses["utter_warning_signs"][0]["text"]
    assert responses["utter_symptom_emergency"][0]["text"].startswith("Please call emergency services now")
    # advice that no article gives says where it comes from
    assert responses["utter_symptom_emergency"][0]["text"].endswith(knowledge.general_safety_source)


def test_answer_text_ends_with_the_source_titles(knowledge):
    text = answer_text(knowledge.topics["results_duration"])
    assert text.splitlines()[-1] == (
        'Sources: "What is Skin Resurfacing And What Are its Benefits?"; '
        '"Achieving Radiant Skin with Micro Needling: The Ultimate Guide"'
    )


def test_answers_have_no_blank_lines(knowledge):
    """Rasa's channels split text on blank lines: the sources would arrive alone."""
    for topic in knowledge.topics.values():
        assert "\n\n" not in answer_text(topic), topic.key
    for name in ("utter_warning_signs", "utter_symptom_emergency", "utter_symptom_expected", "utter_symptom_unclear"):
        assert "\n\n" not in render(knowledge)["responses"][name][0]["text"], name


def _as_rasa_sends(response):
    """The response after Rasa fills its slot placeholders (it always does: the domain has slots)."""
    from rasa.core.nlg.interpolator import interpolate

    return interpolate(copy.deepcopy(response), {"treatment_date": None, "clinic_contact": ""})


def test_rendered_responses_cover_every_topic_with_follow_up_buttons(knowledge):
    responses = render(knowledge)["responses"]
    for key, topic in knowledge.topics.items():
        response = _as_rasa_sends(responses[f"utter_faq/{key}"][0])
        assert response["text"] == answer_text(topic)
        assert 1 <= len(response["buttons"]) <= 3
        assert [b["payload"] for b in response["buttons"]] == [topic_payload(k) for k in topic.follow_ups]
    menu = _as_rasa_sends(responses["utter_capabilities"][0])["buttons"]
    assert [b["payload"] for b in menu] == [topic_payload(k) for k in knowledge.menu_topics]


def test_unknown_source_or_follow_up_is_rejected():
    raw = yaml.safe_load(KNOWLEDGE_FILE.read_text())
    raw["topics"]["pain"]["sources"] = ["nowhere"]
    with pytest.raises(KnowledgeError, match="unknown sources"):
        parse_knowledge(raw)
    raw = yaml.safe_load(KNOWLEDGE_FILE.read_text())
    raw["topics"]["pain"]["follow_ups"] = ["nothing"]
    with pytest.raises(KnowledgeError, match="unknown follow-ups"):
        parse_knowledge(raw)
