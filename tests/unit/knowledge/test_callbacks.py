"""Call-back requests: what counts as a phone or email, and that a request is
kept until the clinic's mail server has taken it."""

import json
import stat
from datetime import datetime, timezone

import pytest

from knowledge.answers import load_knowledge
from knowledge.callbacks import (
    deliver_pending,
    new_request,
    pending,
    read_consent,
    save,
    valid_contact,
    valid_name,
    wants_to_stop,
)

MESSAGES = load_knowledge().clinic_messages
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("07700 900123", "07700 900123"),
    ("+44 (0)20 7946-0321", "+44 (0)20 7946-0321"),
    ("  sam@example.com ", "sam@example.com"),
    ("12345", None),             # too few digits
    ("call me maybe", None),
    ("sam@example", None),
    ("1" * 16, None),             # too many digits
    ("you can call me 07700 900456 after 5", "07700 900456"),
    ("jo.lee@example.com or 07700 900456 either is fine", "jo.lee@example.com or 07700 900456"),
    ("07700 900456, 07700 900457, 07700 900458", None),  # which one? asked again
], ids=["mobile", "international", "email", "short", "words", "no domain", "long", "in a sentence", "two", "three"])
def test_a_contact_is_a_phone_number_or_an_email(text, expected):
    assert valid_contact(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sam Carter", "Sam Carter"), ("does it hurt?", None), ("12345", None),
    ("my name is Sam and I had it done last week", None), ("a" * 81, None),
], ids=["name", "a question", "digits", "a sentence", "too long"])
def test_a_name_is_a_short_name(text, expected):
    assert valid_name(text) == expected


@pytest.mark.parametrize("text", ["no thanks", "No, thank you.", "cancel", "never mind", "/deny", "nope"])
def test_no_thanks_at_a_question_stops_the_call_back(text):
    assert wants_to_stop(text)


@pytest.mark.parametrize("text", ["Sam Carter", "Noah", "Nora Stopford", "07700 900123", "no.one@example.com"])
def test_names_and_contacts_are_not_a_no(text):
    assert not wants_to_stop(text)


@pytest.mark.parametrize("text, expected", [
    ("yes", True), ("Yes please!", True), ("ok", True), ("/affirm", True), ("go ahead", True),
    ("no", False), ("No thanks", False), ("please don't", False), ("/deny", False),
    ("what will you do with it?", None), ("maybe later", None),
])
def test_consent_is_a_clear_yes_or_no(text, expected):
    assert read_consent(text) is expected


def test_a_request_is_kept_until_sent_and_only_its_owner_can_read_it(tmp_path):
    path = save(new_request("Sam", "07700 900123", "web-1", NOW), tmp_path)
    assert pending(tmp_path) == [path]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_delivered_requests_move_to_sent_oldest_first(tmp_path):
    save(new_request("First", "07700 900001", "a", NOW), tmp_path)
    save(new_request("Second", "07700 900002", "b", NOW.replace(hour=11)), tmp_path)
    sent = []
    result = deliver_pending(tmp_path, lambda subject, body: sent.append(body), MESSAGES)
    assert (result.sent, result.pending) == (2, 0)
    assert ["First" in sent[0], "Second" in sent[1]] == [True, True]
    assert len(list((tmp_path / "callbacks" / "sent").glob("*.json"))) == 2


def test_a_failed_send_keeps_the_request_and_says_why(tmp_path):
    save(new_request("Sam", "07700 900123", "a", NOW), tmp_path)

    def down(subject, body):
        raise ConnectionRefusedError("connection refused")

    result = deliver_pending(tmp_path, down, MESSAGES)
    assert (result.sent, result.pending) == (0, 1)
    assert "connection refused" in result.error
    assert len(pending(tmp_path)) == 1


def test_a_draft_contact_is_read_once(tmp_path):
    from knowledge.callbacks import save_draft, take_draft

    save_draft(tmp_path, "+447700900123", "07700 900123")
    drafts = list((tmp_path / "callbacks" / "drafts").glob("*.json"))
    assert len(drafts) == 1 and "447700900123" not in drafts[0].name  # a sender id can be a phone number
    assert stat.S_IMODE(drafts[0].stat().st_mode) == 0o600
    assert take_draft(tmp_path, "+447700900123") == "07700 900123"
    assert take_draft(tmp_path, "+447700900123") is None


def test_forget_deletes_only_that_conversation_s_requests_and_drafts(tmp_path):
    from knowledge.callbacks import forget, save_draft

    save(new_request("Sam", "07700 900123", "web-1", NOW), tmp_path)
    save(new_request("Kim", "07700 900456", "web-2", NOW), tmp_path)
    save_draft(tmp_path, "web-1", "sam@example.com")
    assert forget(tmp_path, "web-1") == 2
    assert [json.loads(p.read_text())["name"] for p in pending(tmp_path)] == ["Kim"]


def test_retention_deletes_requests_older_than_the_limit(tmp_path):
    import os
    from datetime import timedelta

    from privacy.retention import purge_callbacks

    old, new = save(new_request("Old", "07700 900001", "a", NOW), tmp_path), save(
        new_request("New", "07700 900002", "b", NOW), tmp_path)
    forty_days = 40 * 24 * 3600
    os.utime(old, (old.stat().st_atime - forty_days, old.stat().st_mtime - forty_days))
    assert purge_callbacks(tmp_path, datetime.now(timezone.utc) - timedelta(days=30)) == 1
    assert pending(tmp_path) == [new]
