"""The clinic's own details in the answers, through the real servers (REST).

The servers read a copy of the demo clinic.yml (the ``clinic_file`` fixture);
one test edits it and sees the next answer change, with no retraining and no
restart.
"""

from __future__ import annotations

import os
import time

import pytest
import yaml

from knowledge.clinic import load_clinic


def _text(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def clinic(clinic_file):
    return load_clinic(clinic_file)


def test_the_greeting_names_the_clinic(ask, clinic):
    text = _text(ask("hello"))
    assert clinic.name in text and "not medical advice" in text


@pytest.mark.parametrize("question, must_say", [
    ("how much does microneedling cost?", ("I can't tell you prices", "phone", "email")),
    ("how do I book an appointment?", ("booking_url", "phone")),
    ("where is the clinic and when are you open?", ("address", "Opening hours")),
], ids=["price", "booking", "location and hours"])
def test_booking_prices_and_location_give_the_clinics_own_details(ask, clinic, question, must_say):
    text = _text(ask(question))
    for item in must_say:
        assert (getattr(clinic, item) if hasattr(clinic, item) else item) in text


def test_asking_for_a_person_gives_the_contact_and_whether_it_is_open(ask, clinic):
    text = _text(ask("can I talk to a real person please?"))
    assert clinic.phone in text and clinic.email in text
    assert "It is open now" in text or "opens again" in text


def test_a_warning_sign_gives_the_clinics_phone_and_urgent_care(ask, clinic):
    text = _text(ask("there's yellow pus coming out and I have a fever"))
    assert "contact your clinic today" in text
    assert clinic.phone in text and clinic.urgent_care in text


def test_an_edit_to_clinic_yml_shows_in_the_next_answer_without_retraining(ask, clinic_file):
    original = clinic_file.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(original)
        data.update(phone="0300 000 9999", email="")
        clinic_file.write_text(yaml.safe_dump(data), encoding="utf-8")
        os.utime(clinic_file, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))  # seen as changed
        text = _text(ask("can someone call me back?"))
        assert "0300 000 9999" in text
        assert "by email" not in text  # an empty field is left out
    finally:
        clinic_file.write_text(original, encoding="utf-8")
        os.utime(clinic_file, ns=(time.time_ns(), time.time_ns() + 2_000_000_000))
