"""Aftercare verdicts, the day plan and their wording (no Rasa)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from knowledge.aftercare_rules import Status, day_plan, describe_duration, verdict
from knowledge.aftercare_text import after_answer, find_rule, general_answer, plan_text, timed_answer, why_answer
from knowledge.answers import load_knowledge
from knowledge.date_patterns import find_times
from knowledge.time_after_treatment import find_after

UTC = timezone.utc
NOW = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def _when(phrase, now=NOW):
    return find_times(phrase, now)[0]


def test_the_conservative_windows_are_the_ones_used(knowledge):
    hours = {key: rule.wait_hours for key, rule in knowledge.aftercare.items()}
    assert hours == {"makeup": 24, "exercise": 72, "sun": 168, "exfoliation": 336, "actives": 168,
                     "cleansing": 0, "moisturising": 0, "picking": None}
    for key in ("exercise", "sun", "exfoliation"):
        assert knowledge.aftercare[key].sources_vary


def test_precise_time_counts_hours(knowledge):
    makeup = knowledge.aftercare["makeup"]
    treated = _when("this morning")  # 12:00 today
    result = verdict(makeup, treated, datetime(2026, 11, 21, 20, 0, tzinfo=UTC))
    assert result.status is Status.NOT_YET and result.remaining == timedelta(hours=16)
    assert verdict(makeup, treated, datetime(2026, 11, 22, 12, 0, tzinfo=UTC)).status is Status.OK


def test_day_precision_counts_whole_days_and_is_careful_on_the_last_day(knowledge):
    exercise = knowledge.aftercare["exercise"]
    treated = _when("3 days ago")  # Wed 18 Nov, time unknown; fine from Sat 21 at that time
    assert verdict(exercise, treated, NOW).status is Status.BOUNDARY
    assert verdict(exercise, _when("4 days ago"), NOW).status is Status.OK
    early = verdict(exercise, _when("yesterday"), NOW)
    assert early.status is Status.NOT_YET and early.until_day == date(2026, 11, 23)


def test_standing_rules(knowledge):
    assert verdict(knowledge.aftercare["cleansing"], _when("today"), NOW).status is Status.ALWAYS
    assert verdict(knowledge.aftercare["picking"], _when("a month ago"), NOW).status is Status.NEVER


def test_plan_for_day_2(knowledge):
    plan = day_plan(knowledge.aftercare.values(), _when("2 days ago"), NOW)
    assert plan.day == 2
    assert [(r.key, d) for r, d in plan.avoid] == [
        ("exercise", date(2026, 11, 22)), ("sun", date(2026, 11, 26)),
        ("actives", date(2026, 11, 26)), ("exfoliation", date(2026, 12, 3))]
    assert [r.key for r in plan.fine_now] == ["makeup"]
    assert [r.key for r in plan.every_day] == ["cleansing", "moisturising", "picking"]


def test_plan_text_for_day_2_says_what_to_avoid_until_when(knowledge):
    text = plan_text(knowledge, _when("2 days ago"), NOW)
    assert "Today is day 2" in text
    assert "strenuous exercise and sweating until day 3 (Sun 22 Nov)" in text
    assert "exfoliating and scrubs until day 14 (Thu 3 Dec)" in text
    assert "Fine again now: makeup." in text
    assert text.splitlines()[-1].startswith("Sources: ")


def test_plan_after_every_window(knowledge):
    assert "All the waiting times have passed" in plan_text(knowledge, _when("a month ago"), NOW)


@pytest.mark.parametrize("text, topic, at, expected", [
    ("this morning", "foundation", datetime(2026, 11, 21, 20, 0, tzinfo=UTC), "Not yet: no makeup for at least 24 hours"),
    ("a month ago", "retinol", NOW, "Yes: the 7-day window has passed, since you were treated 31 days ago."),
    ("on Monday", "gym", NOW, "Yes: the 3-day window has passed, since you were treated 5 days ago."),
    ("yesterday", "sun", NOW, "Not yet: avoid direct sun for at least a week"),
    ("yesterday", "wash", NOW, "Yes, from the start: cleanse gently"),
    ("a month ago", "pick", NOW, "That one doesn't expire: don't pick or scratch"),
])
def test_timed_answers(knowledge, text, topic, at, expected):
    answer = timed_answer(knowledge, find_rule(knowledge, topic), _when(text), at, NOW)
    assert answer.startswith(expected)
    assert "Source" in answer.splitlines()[-1]


@pytest.mark.parametrize("topic, at, expected", [
    ("sun", datetime(2026, 11, 22, 9, 0, tzinfo=UTC), "Not yet on Sun 22 Nov: avoid direct sun for at least a week"),
    ("sun", datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "Almost: avoid direct sun for at least a week"),
    ("sun", datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
     "Yes: by Sat 28 Nov the 7-day window will have passed (you were treated 2 days ago)."),
])
def test_a_later_day_is_answered_for_that_day(knowledge, topic, at, expected):
    answer = timed_answer(knowledge, find_rule(knowledge, topic), _when("2 days ago"), at, NOW)
    assert answer.startswith(expected)
    if "Not yet" in expected:
        assert "Wait until Thu 26 Nov." in answer
    if "Almost" in expected:
        assert "Thu 26 Nov is day 7" in answer


def test_not_yet_says_how_long_and_what_to_do_instead(knowledge):
    answer = timed_answer(knowledge, knowledge.aftercare["makeup"], _when("this morning"),
                          datetime(2026, 11, 21, 20, 0, tzinfo=UTC), NOW)
    assert "Wait about another 16 hours, until Sun 22 Nov around 12:00." in answer
    assert "Meanwhile, keep your skin clean and moisturised." in answer


def test_sunscreen_advice_outlasts_the_week_without_direct_sun(knowledge):
    sun = knowledge.aftercare["sun"]
    during = timed_answer(knowledge, sun, _when("3 days ago"), NOW, NOW)
    after = timed_answer(knowledge, sun, _when("2 weeks ago"), NOW, NOW)
    assert during.startswith("Not yet: avoid direct sun") and "SPF 30" in during
    assert after.startswith("Yes: the 7-day window has passed") and "SPF 30" not in after
    for answer in (during, after):
        assert "Even after that, keep applying a broad-spectrum sunscreen every day" in answer


def test_general_answer_without_a_date_gives_the_rule_and_sources_vary(knowledge):
    answer = general_answer(knowledge, knowledge.aftercare["sun"])
    assert answer.startswith("After microneedling: avoid direct sun for at least a week.")
    assert "SPF 30" in answer and "(Sources vary." in answer


@pytest.mark.parametrize("value, key", [("gym", "exercise"), ("Foundation", "makeup"), ("retinol", "actives"),
                                        ("exercise", "exercise"), ("nonsense", None), (None, None)])
def test_find_rule_by_key_or_name(knowledge, value, key):
    rule = find_rule(knowledge, value)
    assert (rule.key if rule else None) == key


@pytest.mark.parametrize("hours, text", [(0.5, "an hour"), (16, "16 hours"), (35, "35 hours"), (40, "2 days"),
                                         (96, "4 days")])
def test_describe_duration(hours, text):
    assert describe_duration(timedelta(hours=hours)) == text


@pytest.mark.parametrize("question, topic, expected", [
    ("two weeks after my treatment", "exercise", "Yes: 14 days after the treatment, the 3-day window has passed."),
    ("3 days after", "exercise", "Almost: no strenuous exercise or activities that make you sweat for 3 days"),
    ("2 days after", "exercise", "Not yet: no strenuous exercise"),
    ("the day after", "makeup", "Almost: no makeup for at least 24 hours"),
    ("48 hours after", "makeup", "Yes: 48 hours after the treatment, the 24-hour window has passed."),
    ("a week later", "exfoliation", "Not yet: no exfoliating, scrubs or abrasive products for 14 days"),
    ("a month later", "actives", "Yes: 28 days after the treatment, the 7-day window has passed."),
    ("the next day", "cleansing", "Yes, from the start: cleanse gently"),
    ("a week later", "picking", "That one doesn't expire"),
])
def test_a_time_counted_from_the_treatment_without_a_date(knowledge, question, topic, expected):
    text = after_answer(knowledge, knowledge.aftercare[topic], find_after(question))
    assert text.startswith(expected)
    assert "Source" in text


def test_not_yet_after_says_when_it_is_fine(knowledge):
    text = after_answer(knowledge, knowledge.aftercare["sun"], find_after("3 days after"))
    assert "3 days after the treatment is too soon: wait until 7 days have passed." in text
    assert "sunscreen" in text


def test_why_gives_the_rules_reason_and_sources(knowledge):
    text = why_answer(knowledge, knowledge.aftercare["exercise"])
    assert text.startswith("Sweating can increase the risk of infection and delay healing: that's why the advice is")
    assert "Sources vary" in text
