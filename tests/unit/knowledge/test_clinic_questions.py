"""Questions about the clinic itself, read by their words (knowledge/clinic_questions.py)."""

import pytest

from knowledge.clinic_questions import asks_about_money, clinic_question


@pytest.mark.parametrize("text, kind", [
    ("what's their phone?", "contact"),
    ("which email do i use to send them a pic of my skin", "contact"),
    ("ok, email?", "contact"),
    ("I'm unhappy with how my session went last week, who do I tell?", "contact"),
    ("the therapist was rude to me at my appointment last week, I want to complain", "contact"),
    ("alright, how do i reach them", "contact"),
    ("cheers. what time do you shut on a saturday", "location"),
    ("do you open on sundays", "location"),
    ("where's the clinic again btw", "location"),
    ("can I book a session for next monday?", "booking"),
    ("gonna book then, link?", "booking"),
    ("how many sessions do i need", None),
    ("does it address acne scars", None),
    ("can i use my phone after", None),
    ("do i really need to call an ambulance for that", None),
    ("I booked it for friday", None),
])
def test_questions_about_the_clinic(text, kind):
    assert clinic_question(text) == kind


@pytest.mark.parametrize("text, money", [
    ("how much is a session", True), ("what's the price", True), ("is it expensive", True),
    ("how much does it sting", False), ("how much downtime should i expect", False),
])
def test_how_much_is_money_only_with_money_words(text, money):
    assert asks_about_money(text) is money
