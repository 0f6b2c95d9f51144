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
    ("so how can i ask them", "contact"), ("what's the easiest way to reach the clinic", "contact"),
    ("the best email to get them on?", "contact"), ("which address do i write to with photos", "contact"),
    ("cheers. what time do you shut on a saturday", "location"),
    ("do you open on sundays", "location"),
    ("does the clinic do weekends?", "location"), ("could i come in on a saturday", "location"),
    ("can i book it through you", "booking"), ("are they open late on thursdays", "location"),
    ("when does the clinic close today", "location"),
    ("where's the clinic again btw", "location"),
    ("can I book a session for next monday?", "booking"),
    ("gonna book then, link?", "booking"),
    ("how do i grab a friday slot", "booking"), ("can i get an appointment next week", "booking"),
    ("how many sessions do i need", None),
    ("does it address acne scars", None),
    ("can i use my phone after", None),
    ("do i really need to call an ambulance for that", None),
    ("I booked it for friday", None),
    ("i get my appointment done tomorrow, can i go to the gym after", None),
    ("when does the redness close up", None), ("do they do it on the neck too", None),
])
def test_questions_about_the_clinic(text, kind):
    assert clinic_question(text) == kind


@pytest.mark.parametrize("text, money", [
    ("how much is a session", True), ("what's the price", True), ("is it expensive", True),
    ("how much does it sting", False), ("how much downtime should i expect", False),
    ("what are the fees", True), ("any deals on at the moment", True), ("is it a big deal if i skip spf", False),
    ("do i pay upfront", True), ("is there a charge for a consultation", True),
    ("what does it feel like", False), ("how does it feel during", False), ("can it be done on my feet", False),
])
def test_how_much_is_money_only_with_money_words(text, money):
    assert asks_about_money(text) is money
