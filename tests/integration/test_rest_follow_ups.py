"""Follow-ups in context over REST: two- and three-turn exchanges with the real
servers, each checked against the answer the current topic's follow-up table
(knowledge file) gives."""

from datetime import datetime, timedelta

import pytest

from knowledge.answers import answer_text, load_knowledge

KNOWLEDGE = load_knowledge()


def _faq(topic):
    """The first line of an FAQ topic's answer, as the assistant says it."""
    return answer_text(KNOWLEDGE.topics[topic]).splitlines()[0]


def _text(messages):
    return "\n".join(m.get("text", "") for m in messages)


@pytest.mark.parametrize("turns, expected", [
    (["does it hurt?", "what about afterwards?"], _faq("side_effects")),
    (["does microneedling hurt", "what about afterwards?", "and how long does that last?"], _faq("recovery")),
    (["what are the side effects", "is that normal?"], _faq("side_effects")),
    (["any side effects?", "how long does that last?"], _faq("recovery")),
    (["how many sessions will I need", "why?"], _faq("results_timing")),
    (["when will I see results", "and how long will that last?"], _faq("results_duration")),
    (["how much downtime is there", "is that normal?"], _faq("side_effects")),
    (["how long does a session take", "and afterwards?"], _faq("recovery")),
    (["what is microneedling", "how come?"], _faq("how_it_works")),
    (["how should I prepare for my appointment", "why is that?"], _faq("preparation")),
    (["is microneedling safe", "what about after the treatment?"], _faq("side_effects")),
    (["what can microneedling help with", "how long does that last?"], _faq("results_duration")),
    (["is it painful", "is that normal?", "why?"], _faq("how_it_works")),
], ids=lambda v: " / ".join(v) if isinstance(v, list) else None)
def test_a_follow_up_is_answered_about_the_current_topic(ask, turns, expected):
    for turn in turns[:-1]:
        assert ask(turn)
    assert _text(ask(turns[-1])).startswith(expected)


def test_a_follow_up_the_topic_has_no_answer_for_gets_that_topic_again(ask):
    """ "why?" after the body-areas answer: the table has no "why" for it; the same topic, not a menu."""
    ask("which body areas can be treated")
    assert _text(ask("why?")).startswith(KNOWLEDGE.topics["body_areas"].answer)


def test_why_after_an_aftercare_answer_gives_its_reason(ask):
    assert "When was your treatment?" in _text(ask("can I put on makeup?"))
    text = _text(ask("why?"))
    assert text.startswith("So it doesn't clog the tiny channels the needles made")


def test_what_about_sunscreen_after_makeup_answers_the_sun_rule_for_the_date(ask):
    assert "Got it" in _text(ask("I had microneedling 2 days ago"))
    assert _text(ask("can I wear makeup?")).startswith("Yes: the 24-hour window has passed")
    assert _text(ask("what about sunscreen?")).startswith("Not yet: avoid direct sun")


def test_and_in_a_week_after_the_gym_answer(ask):
    assert "Got it" in _text(ask("I had microneedling yesterday"))
    assert _text(ask("can I go to the gym?")).startswith("Not yet: no strenuous exercise")
    in_a_week = datetime.now().astimezone().date() + timedelta(days=7)
    assert _text(ask("and in a week?")).startswith(f"Yes: by {in_a_week:%a} {in_a_week.day} {in_a_week:%b}")


def test_is_that_normal_after_a_warning_sign_repeats_the_warning(ask):
    warning = _text(ask("there is pus coming out of my cheek"))
    assert "contact your clinic today" in warning
    # the advice again, in the first sentence, with the clinic's phone as the first time
    again = _text(ask("is that normal?"))
    assert again.startswith("Please still contact your clinic today") and warning.split("\n")[-1] in again


def test_how_long_after_an_aftercare_answer_gives_the_rule(ask):
    ask("can I sunbathe after microneedling?")
    text = _text(ask("how long does that last?"))
    assert text.startswith("After microneedling: avoid direct sun for at least a week")


@pytest.mark.parametrize("message, expected", [
    ("two weeks after microneedling, is it fine to go running?",
     "Yes: 14 days after the treatment, the 3-day window has passed."),
    ("can I wear makeup the day after my treatment?", "Almost: no makeup for at least 24 hours"),
    ("is it ok to exfoliate a week after microneedling?", "Not yet: no exfoliating"),
])
def test_a_time_counted_from_the_treatment_gets_its_verdict_without_a_date(ask, message, expected):
    assert _text(ask(message)).startswith(expected)


def test_this_afternoon_is_the_time_asked_about(ask):
    text = _text(ask("I had it this morning, can I sunbathe this afternoon?"))
    assert text.startswith("Not yet: avoid direct sun")
