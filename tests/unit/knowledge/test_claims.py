"""Claims someone heard, checked against the articles' waiting times (knowledge file)."""

import pytest

from knowledge.aftercare_text import claim_answer
from knowledge.answers import load_knowledge
from knowledge.claims import Claim, claimed_hours, matches, read_claim

KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize("text, claim", [
    ("my cousin says the gym is fine the day after", Claim(True, 24)),
    ("I heard you need to keep off sunbeds for 2 weeks", Claim(True, 336)),
    ("is it true you can't use foundation for 24 hours", Claim(False, 24)),
    ("apparently you should wait 5 days before a scrub", Claim(False, 120)),
    ("the nurse told me retinol is ok after a week, right?", Claim(True, 168)),
    ("someone online said to ditch the spf after day 3", Claim(True, 72)),
    ("so I shouldn't wash my face at all tonight?", Claim(False, 0)),
    ("I read that you must never pick the flakes", Claim(False, None)),
], ids=["next day allowed", "no cue word for 'not': allowed", "not for 24h", "wait 5 days", "after a week",
        "dropping sunscreen allows the sun", "checking what one understood", "never"])
def test_a_claim_is_read_as_allowed_at_or_forbidden_for_a_time(text, claim):
    assert read_claim(text) == claim


@pytest.mark.parametrize("text", [
    "can I wear makeup tomorrow?", "when can I go back to the gym", "is retinol ok after microneedling",
])
def test_an_ordinary_question_is_not_a_claim(text):
    assert read_claim(text) is None


@pytest.mark.parametrize("text, hours", [
    ("after 2 days", 48), ("for two weeks", 336), ("48 hours", 48), ("after day 4", 96),
    ("the same evening", 0), ("the next day", 24), ("a full week", 168), ("whenever", None),
])
def test_the_time_a_claim_names(text, hours):
    assert claimed_hours(text) == hours


@pytest.mark.parametrize("rule, claim, true", [
    ("makeup", Claim(True, 0), False),        # makeup the same evening: 24 hours are needed
    ("makeup", Claim(True, 24), True),
    ("makeup", Claim(False, 24), True),       # wait a day
    ("exercise", Claim(False, 48), False),    # too short a wait
    ("sun", Claim(False, 336), True),         # waiting longer than the articles is not wrong
    ("exercise", Claim(True, None), False),   # "the gym is fine" with no time: not right after
    ("cleansing", Claim(False, 48), False),   # washing is fine from the start
    ("moisturising", Claim(True, None), True),
    ("picking", Claim(False, None), True),    # never pick
    ("picking", Claim(True, 72), False),
])
def test_a_claim_matches_when_it_waits_at_least_as_long_as_the_articles(rule, claim, true):
    assert matches(claim, KNOWLEDGE.aftercare[rule]) is true


def test_the_answer_says_whether_it_matches_then_gives_the_rule_with_sources():
    text = claim_answer(KNOWLEDGE, KNOWLEDGE.aftercare["makeup"], Claim(True, 0))
    assert text.startswith("That's not what the articles say. After microneedling: no makeup for at least 24 hours")
    assert "Source" in text
