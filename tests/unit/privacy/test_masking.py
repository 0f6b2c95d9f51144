"""Contact details masked in text; dates, times and counts a patient gives are kept."""

import logging

import pytest

from privacy.logs import install_log_masking
from privacy.masking import mask_text, mask_value


@pytest.mark.parametrize("text, expected", [
    ("call me on 07700 900123", "call me on [phone]"),
    ("+44 (0)20 7946-0321 please", "[phone] please"),
    ("my number is 0770-090-0123.", "my number is [phone]."),
    ("write to sam.carter+skin@example.co.uk", "write to [email]"),
    ("card 4111 1111 1111 1111 exp 12/27", "card [card number] exp 12/27"),
    ("4111111111111111", "[card number]"),
], ids=["mobile", "international", "dashes", "email", "card", "card digits"])
def test_contact_details_are_masked(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize("text", [
    "I had it on 12/11/2026", "treated 2026-11-19, ok?", "at 10:30 this morning", "48 hours ago",
    "3 days ago, can I wear makeup?", "born in 1990", "3 sessions 4 weeks apart", "SPF 50",
])
def test_dates_times_and_counts_are_kept(text):
    assert mask_text(text) == text


def test_every_string_of_an_event_is_masked():
    event = {"event": "user", "text": "07700 900123", "timestamp": 1764600000.5,
             "parse_data": {"text": "07700 900123", "entities": [{"value": "sam@example.com"}]}}
    masked = mask_value(event)
    assert masked["text"] == "[phone]" and masked["parse_data"]["entities"][0]["value"] == "[email]"
    assert masked["timestamp"] == 1764600000.5


def test_log_lines_are_masked_at_every_level(caplog):
    install_log_masking()
    logger = logging.getLogger("rasa.core.processor")
    with caplog.at_level(logging.DEBUG):
        logger.debug("Received user message 'call me on 07700 900123' with intent ...")
        logger.info("contact %s, email %s", "07700 900123", "sam@example.com")
    text = caplog.text
    assert "07700" not in text and "sam@example.com" not in text
    assert text.count("[phone]") == 2 and "[email]" in text
