"""Treatment dates from phrases, resolved against a fixed 'now' (no Rasa)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from knowledge.date_patterns import find_times
from knowledge.moments import When
from knowledge.treatment_dates import from_slot, split_treatment_and_target, to_slot

UTC = timezone.utc
SATURDAY = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize("phrase, day, precise", [
    ("3 days ago", date(2026, 11, 18), False),
    ("three days ago", date(2026, 11, 18), False),
    ("had it 2 days back", date(2026, 11, 19), False),
    ("a week back", date(2026, 11, 14), False),
    ("a couple of days ago", date(2026, 11, 19), False),
    ("yesterday", date(2026, 11, 20), False),
    ("the day before yesterday", date(2026, 11, 19), False),
    ("this morning", date(2026, 11, 21), True),
    ("last night", date(2026, 11, 20), True),
    ("2 hours ago", date(2026, 11, 21), True),
    ("last Friday", date(2026, 11, 20), False),
    ("on Monday", date(2026, 11, 16), False),
    ("on 3 November", date(2026, 11, 3), False),
    ("November 3rd", date(2026, 11, 3), False),
    ("the 3rd of Nov", date(2026, 11, 3), False),
    ("2026-10-01", date(2026, 10, 1), False),
    ("two weeks ago", date(2026, 11, 7), False),
    ("a month ago", date(2026, 10, 21), False),
    ("last week", date(2026, 11, 14), False),
])
def test_phrases_resolve_to_the_right_day(phrase, day, precise):
    (when,) = find_times(phrase, SATURDAY)
    assert (when.day, when.precise) == (day, precise)


def test_parts_of_the_day_count_from_their_latest_hour():
    assert find_times("this morning", SATURDAY)[0].moment == datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert find_times("yesterday evening", SATURDAY)[0].moment == datetime(2026, 11, 20, 23, 59, tzinfo=UTC)
    early = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    assert find_times("this morning", early)[0].moment == early  # not later than now


def test_just_after_midnight_yesterday_is_the_previous_calendar_day():
    midnight = datetime(2026, 11, 21, 0, 5, tzinfo=UTC)
    assert find_times("yesterday", midnight)[0].day == date(2026, 11, 20)
    assert find_times("last night", midnight)[0].moment == datetime(2026, 11, 20, 23, 59, tzinfo=UTC)


@pytest.mark.parametrize("now, phrase, day", [
    (datetime(2026, 3, 31, 10, tzinfo=UTC), "a month ago", date(2026, 2, 28)),
    (datetime(2028, 3, 31, 10, tzinfo=UTC), "a month ago", date(2028, 2, 29)),
    (datetime(2026, 3, 1, 10, tzinfo=UTC), "yesterday", date(2026, 2, 28)),
    (datetime(2026, 1, 2, 10, tzinfo=UTC), "3 days ago", date(2025, 12, 30)),
    (datetime(2026, 1, 2, 10, tzinfo=UTC), "I had it on 28 December", date(2025, 12, 28)),
])
def test_month_and_year_ends(now, phrase, day):
    assert find_times(phrase, now)[0].day == day


def test_last_monday_said_on_a_monday_is_a_week_ago():
    monday = datetime(2026, 11, 16, 10, tzinfo=UTC)
    assert find_times("last Monday", monday)[0].day == date(2026, 11, 9)
    assert find_times("I was treated on Monday", monday)[0].day == date(2026, 11, 9)


def test_a_date_that_does_not_exist_is_an_error():
    with pytest.raises(ValueError):
        find_times("on 31 February", SATURDAY)


def test_nothing_to_find():
    assert find_times("can I wear makeup?", SATURDAY) == []


def test_treatment_and_target_in_one_message():
    mentioned = split_treatment_and_target("I was treated this morning, can I wear foundation tonight?", [], SATURDAY)
    assert mentioned.treatment.moment == datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert mentioned.target.moment == datetime(2026, 11, 21, 20, 0, tzinfo=UTC)


def test_tonight_late_in_the_evening_is_still_the_target():
    late = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
    mentioned = split_treatment_and_target("had it yesterday, makeup tonight?", [], late)
    assert mentioned.treatment.day == date(2026, 11, 20)
    assert mentioned.target.moment > late


def test_today_without_past_tense_is_when_not_the_treatment():
    assert split_treatment_and_target("can I go to the gym today?", [], SATURDAY).treatment is None
    assert split_treatment_and_target("I had it today", [], SATURDAY).treatment.day == date(2026, 11, 21)


def test_an_appointment_today_is_the_treatment_and_tonight_the_time_asked():
    mentioned = split_treatment_and_target("my appointment is today, can I work out tonight after it", [], SATURDAY)
    assert mentioned.treatment.day == date(2026, 11, 21)
    assert mentioned.target.moment.hour == 20
    # a day asked about stays one when the appointment is another day
    other = split_treatment_and_target("can I go to the gym today? my appointment is on Monday", [], SATURDAY)
    assert other.treatment is None and other.future_treatment.day == date(2026, 11, 23)


@pytest.mark.parametrize("text, day", [
    ("I'm having it next week", date(2026, 11, 28)),
    ("my appointment is on Tuesday", date(2026, 11, 24)),
    ("I'm having it on Saturday", date(2026, 11, 28)),
    ("I'm getting microneedling tomorrow", date(2026, 11, 22)),
    ("needling is weds", date(2026, 11, 25)),
    ("im booked in for friday", date(2026, 11, 27)),
    ("my appointment's thursday at 2", date(2026, 11, 26)),
    ("got my first microneedling appt in a few days", date(2026, 11, 24)),
])
def test_future_treatments_are_recognised(text, day):
    mentioned = split_treatment_and_target(text, [], SATURDAY)
    assert mentioned.treatment is None
    assert mentioned.future_treatment.day == day


@pytest.mark.parametrize("text", [
    "getting a few sessions on the sunbeds before my hols next week, fine?",
    "can i put my foundation on tonight? got a dinner booked at 8",
])
def test_a_booking_or_sessions_of_something_else_are_not_the_treatment(text):
    mentioned = split_treatment_and_target(text, [], SATURDAY)
    assert mentioned.treatment is None and mentioned.future_treatment is None and mentioned.target is not None


def test_spacy_entities_and_the_text_are_both_read():
    mentioned = split_treatment_and_target("it was three days ago", ["three days ago"], SATURDAY)
    assert mentioned.treatment.day == date(2026, 11, 18)


def test_slot_round_trip_keeps_precision():
    for phrase in ["yesterday", "this morning"]:
        when = find_times(phrase, SATURDAY)[0]
        back = from_slot(to_slot(when), SATURDAY)
        assert (back.moment, back.precise) == (when.moment, when.precise)
    assert to_slot(find_times("yesterday", SATURDAY)[0]) == "2026-11-20"
    assert from_slot("2026-11-20", SATURDAY).moment - SATURDAY.replace(hour=0, minute=0) == timedelta(days=-1)


SATURDAY_MORNING = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("now, text, treatment, target", [
    # the time asked about, said as a part of the day
    (SATURDAY_MORNING, "I had it this morning, can I sunbathe this afternoon?",
     datetime(2026, 11, 21, 10, 0, tzinfo=UTC), datetime(2026, 11, 21, 12, 0, tzinfo=UTC)),
    (SATURDAY_MORNING, "had it yesterday, is makeup ok tonight?", date(2026, 11, 20),
     datetime(2026, 11, 21, 20, 0, tzinfo=UTC)),
    (SATURDAY, "treated yesterday, can I go to the gym tomorrow morning?", date(2026, 11, 20),
     datetime(2026, 11, 22, 6, 0, tzinfo=UTC)),
    (SATURDAY_MORNING, "can I wear makeup this evening?", None, datetime(2026, 11, 21, 18, 0, tzinfo=UTC)),
    (SATURDAY, "and the day after tomorrow?", None, date(2026, 11, 23)),
    # treatment dates said in other ways
    (SATURDAY, "it was the day before yesterday", date(2026, 11, 19), None),
    (SATURDAY, "48 hours ago", datetime(2026, 11, 19, 15, 30, tzinfo=UTC), None),
    (SATURDAY, "a fortnight ago", date(2026, 11, 7), None),
    (SATURDAY, "I had it last Tuesday", date(2026, 11, 17), None),
    (SATURDAY, "I had it on the 2nd", date(2026, 11, 2), None),
    (datetime(2026, 12, 1, 9, tzinfo=UTC), "I had it done on the 30th", date(2026, 11, 30), None),
    (TUESDAY, "I had it at the weekend", date(2026, 11, 22), None),  # its Sunday: the latest day
    (SATURDAY, "I had it at the weekend", date(2026, 11, 21), None),  # today is part of it
    # the weekend asked about: its first day still ahead
    (TUESDAY, "had it yesterday, can I play tennis at the weekend?", date(2026, 11, 23), date(2026, 11, 28)),
    (TUESDAY, "I had it on Monday, is the beach ok this weekend?", date(2026, 11, 23), date(2026, 11, 28)),
    # a weekday beside a past treatment is asked about, so still to come; short names too
    (TUESDAY, "had it done tues, can i go to the gym thurs", date(2026, 11, 17), date(2026, 11, 26)),
    (TUESDAY, "blusher on sat for a party? had it done fri lunchtime", date(2026, 11, 20), date(2026, 11, 28)),
    (TUESDAY, "zumba wednesday? had it done monday", date(2026, 11, 23), date(2026, 11, 25)),
    (TUESDAY, "i sat in the sun on the patio", None, None),  # "sat" is a verb, "sun" the sun
])
def test_treatment_and_time_asked_about(now, text, treatment, target):
    mentioned = split_treatment_and_target(text, [], now)

    def value(when):
        if when is None:
            return None
        return when.moment if when.precise else when.day

    assert (value(mentioned.treatment), value(mentioned.target)) == (treatment, target)


def test_the_weekday_after_a_past_treatment_is_the_next_one_after_it():
    """Treated on Wednesday 18 Nov (SATURDAY is the 21st): "the wednesday after" is the 25th."""
    treated = split_treatment_and_target("had it done wednesday evening", [], SATURDAY).treatment
    mentioned = split_treatment_and_target("what about hot yoga the wednesday after", [], SATURDAY, treated)
    assert mentioned.treatment is None and mentioned.target.day == date(2026, 11, 25)


def test_the_weekday_after_that_comes_after_the_day_asked_about_last():
    said = split_treatment_and_target("getting it done monday, going to the beach the saturday after", [], SATURDAY)
    assert said.target.day == date(2026, 11, 28)
    again = split_treatment_and_target("what about the saturday after that", [], SATURDAY, said.future_treatment, said.target)
    assert again.target.day == date(2026, 12, 5)


def test_a_future_treatment_and_a_later_day_asked_about():
    mentioned = split_treatment_and_target("my appointment is on Tuesday, can I play tennis on Wednesday?", [], SATURDAY)
    assert mentioned.future_treatment.day == date(2026, 11, 24)
    assert mentioned.target.day == date(2026, 11, 25)


def test_a_treatment_this_morning_said_before_dawn_is_not_in_the_future():
    early = datetime(2026, 11, 21, 5, 0, tzinfo=UTC)
    mentioned = split_treatment_and_target("I had it this morning, can I sunbathe this afternoon?", [], early)
    assert mentioned.treatment.moment == early
    assert mentioned.target.moment == datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("text, treatment, target", [
    ("had it done yesterday, can I wear makeup on christmas day?", date(2026, 11, 20), date(2026, 12, 25)),
    ("christmas eve party, can i wear makeup", None, date(2026, 12, 24)),  # not read as christmas day
    ("I had it done on boxing day", date(2025, 12, 26), None),              # in a past clause: the last one
    ("can I go out on new year's eve?", None, date(2026, 12, 31)),
])
def test_a_holiday_is_its_day(text, treatment, target):
    mentioned = split_treatment_and_target(text, [], SATURDAY)
    assert (mentioned.treatment.day if mentioned.treatment else None) == treatment
    assert (mentioned.target.day if mentioned.target else None) == target


def test_the_time_said_after_the_treatment_cue_is_the_treatments():
    # the event comes first in the message, the treatment date after "treatment is"
    mentioned = split_treatment_and_target(
        "the cricket on Boxing Day, in the stands all day. Treatment is on the 22nd. Should I be worried?", [], SATURDAY)
    assert mentioned.future_treatment.day == date(2026, 11, 22) and mentioned.target.day == date(2026, 12, 26)


def test_tonight_asked_a_minute_before_midnight_is_still_today():
    late = datetime(2026, 11, 21, 23, 59, 30, tzinfo=UTC)
    assert find_times("can I wear foundation tonight?", late)[0].moment.date() == date(2026, 11, 21)


# Issue 27: dates as patients plan and count them. SATURDAY is Sat 21 Nov 2026.
@pytest.mark.parametrize("text, treated", [
    # counted in days or weeks since
    ("it's been nine days since my session, can I use my retinol?", date(2026, 11, 12)),
    ("been 3 weeks now, peels ok?", date(2026, 10, 31)),
    ("5 days since the treatment and my skin is fine", date(2026, 11, 16)),
    # and a half: the fewer whole days (the longer wait still to come)
    ("a week and a half ago I had microneedling, is the sunbed ok now?", date(2026, 11, 11)),
    ("two and a half weeks ago", date(2026, 11, 4)),
    # the day the patient says it is
    ("treated Monday night, it's Tuesday afternoon now, can I go to the gym?", date(2026, 11, 20)),
    ("had it on sunday, its wednesday today", date(2026, 11, 18)),
    # the treatment just now
    ("few tiny dots of blood on my forehead, just got back from the clinic", date(2026, 11, 21)),
    ("just home from my appointment and there are tiny spots of blood", date(2026, 11, 21)),
    # the day since the treatment, said of today
    ("day 10 today and my skin looks lush. can i get back to boxing", date(2026, 11, 11)),
    ("I'm on day 8 now anyway", date(2026, 11, 13)),
])
def test_a_past_treatment_said_as_patients_say_it(text, treated):
    assert split_treatment_and_target(text, [], SATURDAY).treatment.day == treated


@pytest.mark.parametrize("text, treatment, target", [
    # a planned treatment and something after it: counted from the planned day
    ("my slot is on Monday and there's a netball game on the Wednesday", date(2026, 11, 23), date(2026, 11, 25)),
    ("booked for Friday at 11, can I do boxing that night?", date(2026, 11, 27), date(2026, 11, 27)),
    ("my appointment is on tuesday, can i play tennis the next day?", date(2026, 11, 24), date(2026, 11, 25)),
    ("i'm having it done friday afternoon and i've got a 10k saturday morning", date(2026, 11, 27),
     date(2026, 11, 28)),
    ("done tonight. planning a bbq in the garden tomorrow", date(2026, 11, 21), date(2026, 11, 22)),
    # the Saturday after a Thursday treatment is day 2
    ("my session is on Thursday and the wedding is on Saturday, can I wear makeup?", date(2026, 11, 26),
     date(2026, 11, 28)),
])
def test_a_planned_treatment_and_the_day_asked_about_after_it(text, treatment, target):
    mentioned = split_treatment_and_target(text, [], SATURDAY)
    assert mentioned.future_treatment.day == treatment and mentioned.target.day == target


def test_that_night_of_a_planned_treatment_is_its_evening():
    target = split_treatment_and_target("booked for Friday at 11, can I do boxing that night?", [], SATURDAY).target
    assert target.precise and target.moment.hour == 20


def test_ive_got_is_not_the_past():
    """ "i've got a 10k" does not make "friday" last Friday."""
    assert split_treatment_and_target("having it friday and i've got a 10k saturday", [], SATURDAY).treatment is None


@pytest.mark.parametrize("text, target, hour", [
    ("what about wearing foundation that evening", date(2026, 11, 27), 18),
    ("i've got a work do on the friday night, can i wear makeup", date(2026, 11, 27), 20),
    ("and the day after?", None, None),  # counted from the treatment by time_after_treatment
])
def test_a_planned_treatment_remembered_from_earlier_anchors_the_day_asked_about(text, target, hour):
    planned = When("friday", datetime(2026, 11, 27, tzinfo=UTC), False)
    mentioned = split_treatment_and_target(text, [], SATURDAY, remembered=planned)
    assert mentioned.treatment is None and mentioned.future_treatment is None
    if target is None:
        assert mentioned.target is None
    else:
        assert mentioned.target.day == target and mentioned.target.moment.hour == hour


def test_a_spacy_phrase_inside_a_longer_one_is_the_same_time():
    """spaCy's "tuesday" of "booked in for tuesday morning" is not a second, past Tuesday."""
    mentioned = split_treatment_and_target("booked in for tuesday morning", ["tuesday", "morning"], SATURDAY)
    assert mentioned.treatment is None and mentioned.future_treatment.day == date(2026, 11, 24)


@pytest.mark.parametrize("text, treatment, target", [
    ("and i'm flying on friday, anything i should know?", None, date(2026, 11, 27)),
    ("what about the gym on saturday", None, date(2026, 11, 28)),  # a week on: today is Saturday
    ("i had it on wednesday actually", date(2026, 11, 18), None),
    ("my session was on monday", date(2026, 11, 16), None),
])
def test_once_a_past_treatment_is_known_a_weekday_alone_is_a_day_ahead(text, treatment, target):
    """ "flying on friday" is not another treatment: it would move the verdicts' day."""
    treated = When("2 days ago", datetime(2026, 11, 19, tzinfo=UTC), False)
    mentioned = split_treatment_and_target(text, [], SATURDAY, remembered=treated)
    assert (mentioned.treatment.day if mentioned.treatment else None) == treatment
    assert (mentioned.target.day if mentioned.target else None) == target
