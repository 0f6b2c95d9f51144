"""Times counted from the treatment ("two weeks after", "the day after"), no Rasa."""

from datetime import timedelta

import pytest

from knowledge.time_after_treatment import find_after


@pytest.mark.parametrize("text, phrase_delta", [
    ("two weeks after my treatment, can I go running?", ("14 days", timedelta(days=14))),
    ("a month later can I use retinol", ("28 days", timedelta(days=28))),
    ("can I wear makeup the day after?", ("a day", timedelta(days=1))),
    ("is the sauna ok 3 days after microneedling", ("3 days", timedelta(days=3))),
    ("48 hours post treatment can I sweat", ("48 hours", timedelta(hours=48))),
    ("a fortnight after, can I exfoliate?", ("14 days", timedelta(days=14))),
    ("the next day can I wash my face", ("a day", timedelta(days=1))),
])
def test_a_time_counted_from_the_treatment(text, phrase_delta):
    after = find_after(text)
    assert (after.describe(), after.delta) == phrase_delta


@pytest.mark.parametrize("text", ["can I run in 3 days?", "the day after tomorrow", "I had it 3 days ago"])
def test_no_time_counted_from_the_treatment(text):
    assert find_after(text) is None
