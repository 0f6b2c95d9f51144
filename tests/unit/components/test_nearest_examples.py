"""The nearest-examples vote and its blend with a selector's ranking (plain data, no Rasa model)."""

import numpy as np
import pytest

from components.nearest_examples import blend, examples_by_key, nearest_vote

KEYS = ["faq/pain", "faq/pain", "faq/sessions", "out_of_scope/cost"]


def test_each_response_is_voted_by_its_nearest_example():
    similarities = np.array([0.2, 0.9, 0.5, 0.99])
    vote = nearest_vote(similarities, examples_by_key(KEYS), ["faq/pain", "faq/sessions"], temperature=0.1)
    assert vote["faq/pain"] > vote["faq/sessions"]
    assert sum(vote.values()) == pytest.approx(1.0)
    # only the candidates are voted on: the out-of-scope example does not count for an FAQ answer
    assert set(vote) == {"faq/pain", "faq/sessions"}


def test_a_response_without_examples_gets_almost_nothing():
    vote = nearest_vote(np.array([0.5, 0.5, 0.5, 0.5]), examples_by_key(KEYS), ["faq/pain", "faq/what_is"], 0.05)
    assert vote["faq/what_is"] < 1e-6


def _entry(ranking):
    return {"response": {"intent_response_key": ranking[0][0], "confidence": ranking[0][1],
                         "responses": [{"text": "..."}], "utter_action": "utter_" + ranking[0][0]},
            "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking]}


def test_a_confident_vote_can_change_the_answer():
    entry = _entry([("faq/pain", 0.5), ("faq/how_it_works", 0.4), ("faq/sessions", 0.1)])
    result = blend(entry, {"faq/how_it_works": 0.9, "faq/pain": 0.05, "faq/sessions": 0.05}, weight=0.4)
    assert result["response"]["intent_response_key"] == "faq/how_it_works"
    assert result["response"]["utter_action"] == "utter_faq/how_it_works"
    assert result["response"]["confidence"] == pytest.approx(0.6 * 0.4 + 0.4 * 0.9)
    assert result["response"]["responses"] == []  # Rasa answers from the domain by utter_action
    assert [r["intent_response_key"] for r in result["ranking"]] == ["faq/how_it_works", "faq/pain", "faq/sessions"]


def test_agreement_keeps_the_answer_and_its_texts():
    entry = _entry([("faq/pain", 0.8), ("faq/sessions", 0.2)])
    result = blend(entry, {"faq/pain": 0.7, "faq/sessions": 0.3}, weight=0.4)
    assert result["response"]["intent_response_key"] == "faq/pain"
    assert result["response"]["responses"] == [{"text": "..."}]
    assert sum(r["confidence"] for r in result["ranking"]) == pytest.approx(1.0)
