"""Reaching a person: the call-back, through the real servers and a real SMTP
server on 127.0.0.1 (aiosmtpd). What a patient sees, what the clinic receives,
and that nothing is lost when the clinic's mail server is down."""

from __future__ import annotations

import json

import pytest

from knowledge.answers import load_knowledge
from knowledge.callbacks import pending

MESSAGES = load_knowledge().clinic_messages


def _text(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def _buttons(messages):
    return [b for m in messages for b in m.get("buttons") or []]


def _request_callback(ask, name: str, contact: str):
    offer = ask("can I talk to a real person please?")
    payloads = [b["payload"] for b in _buttons(offer)]
    assert "/request_callback" in payloads, "the call-back is offered after the contact details"
    assert "What name" in _text(ask("/request_callback"))
    assert "phone number or email" in _text(ask(name))
    consent = ask(contact)
    assert name in _text(consent) and contact in _text(consent) and "May I send them?" in _text(consent)
    return consent


def test_a_call_back_reaches_the_clinic_by_email_after_consent(ask, fake_smtp, var_dir):
    before = len(fake_smtp.messages)
    _request_callback(ask, "Sam Carter", "07700 900123")
    done = _text(ask("/affirm"))
    assert done.startswith("Done:") and "07700 900123" in done
    assert len(fake_smtp.messages) == before + 1
    mail = fake_smtp.messages[-1]
    assert "Sam Carter" in mail.get_payload() and "07700 900123" in mail.get_payload()
    sent = [json.loads(p.read_text()) for p in (var_dir / "callbacks" / "sent").glob("*.json")]
    assert any(r["name"] == "Sam Carter" for r in sent)


def test_no_consent_means_nothing_is_stored_or_sent(ask, fake_smtp, var_dir):
    before, stored = len(fake_smtp.messages), len(list((var_dir / "callbacks").rglob("*.json")))
    _request_callback(ask, "Alex Doe", "alex@example.com")
    assert _text(ask("/deny")) == MESSAGES["callback_declined"]
    assert len(fake_smtp.messages) == before
    assert len(list((var_dir / "callbacks").rglob("*.json"))) == stored


@pytest.mark.parametrize("bad, hint", [("call me maybe", "bad_contact"), ("12", "bad_contact")])
def test_a_contact_that_is_no_phone_or_email_is_asked_again(ask, bad, hint):
    ask("can I talk to a real person please?")
    ask("/request_callback")
    ask("Jo")
    assert MESSAGES[hint] in _text(ask(bad))
    assert "May I send them?" in _text(ask("jo@example.com"))


@pytest.mark.parametrize("at", ["name", "contact"])
def test_no_thanks_at_a_question_ends_the_call_back(ask, at):
    ask("can I talk to a real person please?")
    ask("/request_callback")
    if at == "contact":
        ask("Sam Carter")
    assert _text(ask("no thanks")) == MESSAGES["callback_declined"]
    # The form is over: the next question gets its answer.
    assert "When was your treatment" not in _text(ask("does microneedling hurt?"))


def test_a_typed_yes_is_consent_and_anything_else_is_asked_again(ask, fake_smtp):
    before = len(fake_smtp.messages)
    _request_callback(ask, "Noah Stopford", "noah@example.com")
    assert "Please answer yes or no" in _text(ask("what will you do with it"))
    assert _text(ask("yes please")).startswith("Done:")
    assert len(fake_smtp.messages) == before + 1


def test_a_warning_sign_at_the_name_question_is_answered_first(ask, fake_smtp):
    before = len(fake_smtp.messages)
    ask("can I talk to a real person please?")
    ask("/request_callback")
    reply = _text(ask("my lips are swelling and i can't breathe"))
    assert "emergency" in reply.lower()
    assert len(fake_smtp.messages) == before


def test_with_the_mail_server_down_the_request_is_kept_and_sent_later(ask, request, fake_smtp, var_dir):
    fake_smtp.stop()
    try:
        _request_callback(ask, "Robin Lee", "robin@example.com")
        saved = _text(ask("/affirm"))
    finally:
        fake_smtp.start()
    assert "saved your request" in saved
    kept = [json.loads(p.read_text()) for p in pending(var_dir)]
    assert [r["name"] for r in kept] == ["Robin Lee"]
    # The next request sends both, oldest first.
    before = len(fake_smtp.messages)
    _request_callback(ask, "Kim Park", "07700 900456")
    assert _text(ask("/affirm")).startswith("Done:")
    received = [m.get_payload() for m in fake_smtp.messages[before:]]
    assert ["Robin Lee" in received[0], "Kim Park" in received[1]] == [True, True]
    assert pending(var_dir) == []


def test_an_smtp_failure_is_a_clear_error_not_a_crash():
    from actions.api.mailer import MailError, send_mail
    from deploy.servers import free_port
    from knowledge.settings import SmtpSettings

    port = free_port()  # nothing listens there
    settings = SmtpSettings(host="127.0.0.1", port=port, user="", password="", sender="a@example.com",
                            starttls=False, recipient="b@example.com")
    with pytest.raises(MailError, match=f"SMTP 127.0.0.1:{port}"):
        send_mail(settings, "subject", "body")
