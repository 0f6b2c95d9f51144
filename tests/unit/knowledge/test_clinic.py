"""The clinic's details (clinic.yml): read as written, empty fields left out,
opening hours in the clinic's own timezone, edits seen without a restart."""

import os
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import yaml

from knowledge.answers import load_knowledge
from knowledge.clinic import Clinic, ClinicError, is_open, load_clinic, next_opening, parse_clinic
from knowledge.clinic_text import answer_with_details, clinic_lines, greeting, hours_summary
from knowledge.settings import DEFAULT_CLINIC_FILE as DEFAULT_FILE

MESSAGES = load_knowledge().clinic_messages
LONDON = ZoneInfo("Europe/London")
WEEK = {"monday": "09:00-18:00", "tuesday": "09:00-18:00", "wednesday": "09:00-20:00", "thursday": "09:00-18:00",
        "friday": "09:00-17:00", "saturday": "10:00-14:00", "sunday": "closed"}
CLINIC = parse_clinic({"name": "Test Clinic", "phone": "0123 456", "email": "desk@test.example",
                       "booking_url": "https://test.example/book", "address": "1 Test Street",
                       "urgent_care": "NHS 111", "timezone": "Europe/London", "hours": WEEK})


def test_the_demo_clinic_file_is_valid_and_fictional():
    clinic = load_clinic(DEFAULT_FILE)
    assert clinic.name and clinic.phone.startswith("020 7946 0")  # UK drama range: no real line
    assert all(url.endswith(".example") or ".example/" in url for url in (clinic.booking_url, clinic.privacy_url))


@pytest.mark.parametrize("data, message", [
    ({"hours": {"monday": "9-5"}}, 'hours.monday is \'9-5\'; write "09:00-18:00" or closed'),
    ({"hours": {"monday": "18:00-09:00"}}, "closes ('18:00-09:00') before it opens"),
    ({"hours": {"munday": "09:00-17:00"}}, "unknown day(s) munday"),
    ({"timezone": "London"}, "not an IANA name"),
    ({"fax": "123"}, "unknown field(s) fax"),
    (["name"], "must be a mapping"),
], ids=["hours format", "closes before opening", "misspelt day", "timezone", "unknown field", "not a mapping"])
def test_a_malformed_clinic_file_says_which_field_to_fix(data, message):
    with pytest.raises(ClinicError) as error:
        parse_clinic(data)
    assert message in str(error.value)


@pytest.mark.parametrize("utc, open_now, opens", [
    ("2026-12-01T10:00", True, "2026-12-02T09:00"),    # Tuesday morning (GMT)
    ("2026-12-01T18:00", False, "2026-12-02T09:00"),   # closing time is closed
    ("2026-12-05T15:00", False, "2026-12-07T09:00"),   # Saturday after 14:00: Monday
    ("2026-12-06T12:00", False, "2026-12-07T09:00"),   # Sunday closed
    ("2026-07-01T08:30", True, "2026-07-02T09:00"),    # 09:30 in London in summer (BST)
], ids=["open", "at closing time", "saturday afternoon", "sunday", "summer time"])
def test_opening_hours_are_read_in_the_clinics_timezone(utc, open_now, opens):
    now = datetime.fromisoformat(utc).replace(tzinfo=ZoneInfo("UTC"))
    assert is_open(CLINIC, now) is open_now
    assert next_opening(CLINIC, now).replace(tzinfo=None) == datetime.fromisoformat(opens)


def test_a_clinic_without_hours_has_no_next_opening():
    assert next_opening(Clinic(), datetime(2026, 12, 1, tzinfo=LONDON)) is None
    assert not is_open(Clinic(), datetime(2026, 12, 1, 12, tzinfo=LONDON))


def test_an_edit_to_the_file_is_read_without_a_restart(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump({"name": "Before", "phone": "1"}))
    assert load_clinic(path).name == "Before"
    path.write_text(yaml.safe_dump({"name": "After", "phone": "2"}))
    os.utime(path, ns=(1, 2_000_000_000_000_000_000))  # a new modification time even within one tick
    assert load_clinic(path).name == "After"


def test_a_missing_file_is_a_clinic_that_gave_nothing(tmp_path):
    assert load_clinic(tmp_path / "absent.yml") == Clinic()


TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)
SATURDAY_EVENING = datetime(2026, 12, 5, 19, 0, tzinfo=LONDON)


@pytest.mark.parametrize("purpose, clinic, now, expected", [
    ("booking", CLINIC, TUESDAY_MORNING,
     ["You can book with Test Clinic online at https://test.example/book, by phone on 0123 456 or by email at "
      "desk@test.example."]),
    ("cost", parse_clinic({"name": "Test Clinic", "email": "desk@test.example"}), TUESDAY_MORNING,
     ["For prices, contact Test Clinic by email at desk@test.example."]),
    ("human", CLINIC, SATURDAY_EVENING,
     ["To talk to someone at Test Clinic, contact them by phone on 0123 456 or by email at desk@test.example.",
      "It is closed now; it opens again on Monday at 09:00."]),
    ("human", CLINIC, TUESDAY_MORNING,
     ["To talk to someone at Test Clinic, contact them by phone on 0123 456 or by email at desk@test.example.",
      "It is open now, until 18:00."]),
    ("warning", CLINIC, TUESDAY_MORNING,
     ["Call Test Clinic on 0123 456.", "If it is severe, or the clinic is closed, seek urgent care: NHS 111."]),
    ("emergency", CLINIC, TUESDAY_MORNING, ["Call Test Clinic on 0123 456."]),
    ("warning", Clinic(), TUESDAY_MORNING, []),
    ("human", Clinic(), TUESDAY_MORNING, ["Please contact the clinic directly."]),
    ("booking", parse_clinic({"phone": "0123 456"}), TUESDAY_MORNING,
     ["You can book with the clinic by phone on 0123 456."]),
], ids=["booking: every way", "cost: email only", "person when closed", "person when open", "warning sign",
        "emergency: the clinic after emergency services", "warning without details", "no details at all", "no name"])
def test_answers_carry_the_details_the_clinic_gave_and_leave_out_the_rest(purpose, clinic, now, expected):
    assert clinic_lines(purpose, clinic, MESSAGES, now) == expected


def test_the_location_answer_gives_address_hours_and_whether_it_is_open():
    lines = clinic_lines("location", CLINIC, MESSAGES, SATURDAY_EVENING)
    assert lines[0] == "Test Clinic is at 1 Test Street."
    assert lines[1] == ("Opening hours: Monday and Tuesday 09:00-18:00, Wednesday 09:00-20:00, Thursday 09:00-18:00, "
                        "Friday 09:00-17:00, Saturday 10:00-14:00, Sunday closed.")
    assert lines[-1] == "It is closed now; it opens again on Monday at 09:00."


def test_without_details_the_plain_out_of_scope_answer_is_kept():
    assert answer_with_details("cost", Clinic(), MESSAGES, TUESDAY_MORNING) is None
    assert answer_with_details("cost", CLINIC, MESSAGES, TUESDAY_MORNING).startswith("I can't tell you prices")


def test_the_greeting_names_the_clinic_when_it_has_a_name():
    assert "Test Clinic" in greeting(CLINIC, MESSAGES)
    assert greeting(Clinic(), MESSAGES) is None


def test_hours_run_consecutive_days_with_the_same_hours_together():
    clinic = parse_clinic({"hours": {day: "09:00-17:00" for day in ("monday", "tuesday", "wednesday")}})
    assert hours_summary(clinic, MESSAGES) == ("Monday to Wednesday 09:00-17:00, Thursday to Sunday closed")
    assert clinic.hours[0] == (time(9), time(17))


@pytest.mark.parametrize("level, expected", [
    ("urgent", " Call Test Clinic on 0123 456. If it is severe, or the clinic is closed, seek urgent care: NHS 111."),
    ("emergency", " Call Test Clinic on 0123 456."),  # after "call emergency services now"
    ("expected", None),                               # ordinary healing: no placeholder to fill
], ids=["warning sign", "emergency", "ordinary healing"])
def test_escalated_answers_carry_the_clinics_phone_in_the_same_message(monkeypatch, tmp_path, level, expected):
    from actions.clinic_actions import clinic_contact

    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump({"name": "Test Clinic", "phone": "0123 456", "urgent_care": "NHS 111"}))
    monkeypatch.setenv("CLINIC_FILE", str(path))
    assert clinic_contact(level).get("clinic_contact") == expected
