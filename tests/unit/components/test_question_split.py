"""One message, the separate questions it asks (components/question_split.py).

A split needs a question on both sides; "X and Y" noun pairs, "can I do A and B"
of one rule and context + one question stay one part, so each question gets one
answer. "can I do A and B" where A and B fall under two aftercare rules is two
questions, the second asked with the first's "can I".
"""

import pytest

from components.question_split import split_questions

SPLITS = [
    # two rules asked with one "can i" (issue 27): the second gets the first's lead
    ("gym-makeup-same-can", "can i wear makeup and go to the gym", ["can i wear makeup", "can i go to the gym"]),
    ("sun-swim", "can I swim in the sea and sunbathe on holiday next week?",
     ["can I swim in the sea", "can I sunbathe on holiday next week?"]),
    ("wash-moisturise", "done this morning. can i wash my face tonight and put moisturiser on?",
     ["done this morning. can i wash my face tonight", "can i put moisturiser on?"]),
    ("comma-three", "how long does the appointment take, does it hurt, and whats the downtime",
     ["how long does the appointment take", "does it hurt", "whats the downtime"]),
    ("comma-two", "is it painful, how many sessions do I need",
     ["is it painful", "how many sessions do I need"]),
    ("comma-new-thing-ok", "does it hurt, is the gym ok", ["does it hurt", "is the gym ok"]),
    ("recovery-makeup", "how long is recovery and when can I wear makeup?",
     ["how long is recovery", "when can I wear makeup?"]),
    ("hurt-sessions", "does it hurt? how many sessions will i need",
     ["does it hurt?", "how many sessions will i need"]),
    ("what-safe", "what is microneedling and is it safe", ["what is microneedling", "is it safe"]),
    ("downtime-results", "whats the downtime and when will i see results",
     ["whats the downtime", "when will i see results"]),
    ("cost-also-stretch", "how much does it cost, also does it work on stretch marks?",
     ["how much does it cost", "does it work on stretch marks?"]),
    ("gym-makeup", "can i go to the gym tomorrow and can i wear makeup tonight",
     ["can i go to the gym tomorrow", "can i wear makeup tonight"]),
    ("take-hurt", "how long does it take and does it hurt", ["how long does it take", "does it hurt"]),
    ("two-question-marks", "Does it hurt? How long is the recovery?", ["Does it hurt?", "How long is the recovery?"]),
    ("no-space-after-mark", "does it hurt?how long does it last", ["does it hurt?", "how long does it last"]),
    ("full-stop-question", "What is microneedling. How does it work?", ["What is microneedling.", "How does it work?"]),
    ("exclamation", "Is it safe! When can I wear makeup?", ["Is it safe!", "When can I wear makeup?"]),
    ("newline", "does it hurt\nhow long is recovery", ["does it hurt", "how long is recovery"]),
    ("semicolon", "can I swim tomorrow; can I use retinol", ["can I swim tomorrow", "can I use retinol"]),
    ("n-for-and", "hw long is recovery n wen can i wear makeup", ["hw long is recovery", "wen can i wear makeup"]),
    ("ampersand", "what is it & how does it work", ["what is it", "how does it work"]),
    ("plus-sign", "how much is it + how long does it take", ["how much is it", "how long does it take"]),
    ("plus-word", "is it painful plus how many sessions do I need",
     ["is it painful", "how many sessions do I need"]),
    ("also-alone", "can I exercise also when can I swim", ["can I exercise", "when can I swim"]),
    ("and-also", "is it safe and also does it hurt", ["is it safe", "does it hurt"]),
    ("and-then", "can I shower tonight and then can I put on moisturiser",
     ["can I shower tonight", "can I put on moisturiser"]),
    ("comma-and", "when can I wear makeup, and is sunscreen needed",
     ["when can I wear makeup", "is sunscreen needed"]),
    ("uppercase", "HOW LONG IS RECOVERY AND WHEN CAN I WEAR MAKEUP",
     ["HOW LONG IS RECOVERY", "WHEN CAN I WEAR MAKEUP"]),
    ("benefits-how-long", "what are the benefits and how long do they last",
     ["what are the benefits", "how long do they last"]),
    ("retinol-then-vitc", "when can I use retinol and is vitamin c ok",
     ["when can I use retinol", "is vitamin c ok"]),
    ("sauna-swimming", "can I go in the sauna and is swimming ok",
     ["can I go in the sauna", "is swimming ok"]),
    ("redness-scar", "how long does redness last and will it scar",
     ["how long does redness last", "will it scar"]),
    ("makeup-exercise", "when can i wear makeup and when can i exercise",
     ["when can i wear makeup", "when can i exercise"]),
    ("who-where", "who does the treatment and where is the clinic",
     ["who does the treatment", "where is the clinic"]),
    ("why-peel", "why is my skin peeling and should I exfoliate",
     ["why is my skin peeling", "should I exfoliate"]),
    ("which-cream", "which cream should I use and do I need sunscreen",
     ["which cream should I use", "do I need sunscreen"]),
    ("do-you", "is it painful and do you use numbing cream", ["is it painful", "do you use numbing cream"]),
    ("have-you", "how much is it and have you got any appointments",
     ["how much is it", "have you got any appointments"]),
    ("are-there", "is microneedling safe and are there side effects",
     ["is microneedling safe", "are there side effects"]),
    ("cost-insurance", "what is the cost and does insurance cover it",
     ["what is the cost", "does insurance cover it"]),
    ("context-then-two", "I had it yesterday, can I wear makeup and can I go to the gym?",
     ["I had it yesterday, can I wear makeup", "can I go to the gym?"]),
    ("context-sentence-two", "I had it 3 days ago. Can I wear makeup? Can I swim?",
     ["I had it 3 days ago. Can I wear makeup?", "Can I swim?"]),
    ("mark-then-and", "does it hurt? and how long is recovery?", ["does it hurt?", "how long is recovery?"]),
    ("trailing-context", "does it hurt? I hate needles. how many sessions?",
     ["does it hurt?", "I hate needles. how many sessions?"]),
    ("greeting-then-two", "hi! does it hurt? how much is it?", ["hi! does it hurt?", "how much is it?"]),
    ("so-question", "can I wear makeup? so what about sunscreen", ["can I wear makeup?", "what about sunscreen"]),
    ("should-i", "can I use vitamin c and should I stop retinol", ["can I use vitamin c", "should I stop retinol"]),
    ("whats-apostrophe", "what's the downtime and what's the price", ["what's the downtime", "what's the price"]),
    ("three", "does it hurt? how long is recovery? when can i wear makeup?",
     ["does it hurt?", "how long is recovery?", "when can i wear makeup?"]),
    ("three-with-and", "what is it and is it safe and how much does it cost",
     ["what is it", "is it safe", "how much does it cost"]),
]

SINGLES = [
    ("scars-marks", "does it help with acne scars and stretch marks?"),
    ("retinol-vitc", "can I use retinol and vitamin C after?"),
    ("redness-swelling", "is redness and swelling normal?"),
    ("prp-difference", "microneedling and PRP, what's the difference?"),
    ("context-red", "I had it done yesterday and my face is red, is that ok?"),
    ("context-date", "i had it 3 days ago, can i wear makeup?"),
    ("context-sentence", "I had it yesterday. Can I wear makeup?"),
    ("context-and-can", "i had it yesterday and can i wear makeup?"),
    ("greeting-comma", "hi, does it hurt?"),
    ("greeting-mark", "hi! does it hurt?"),
    ("thanks-question", "thanks! and when can I wear makeup?"),
    ("comma-aside", "how long, roughly, does it last"),
    ("comma-context", "if I had it yesterday, can I wear makeup?"),
    ("comma-check-enough", "how many times a day do i put the gel on, is morning and night enough"),
    ("comma-check-twice", "how often should i moisturise, is twice a day ok"),
    ("exercise-swim", "can I exercise and swim tomorrow"),
    ("shower-wash", "can I shower and wash my face tonight"),
    ("do-my-skincare", "can I shower and do my skincare"),
    ("do-yoga", "can I exercise and do yoga after"),
    ("have-facial", "can I have it done and have a facial the same week"),
    ("risks-effects", "what are the risks and side effects"),
    ("safe-effective", "is microneedling safe and effective"),
    ("makeup-sunscreen", "when can I wear makeup and sunscreen"),
    ("sun-sauna", "how long should I avoid the sun and the sauna"),
    ("bruising-peeling", "are bruising and peeling normal?"),
    ("sweat", "how long should I wait to exercise and sweat"),
    ("hyaluronic", "should I use hyaluronic acid and moisturiser after"),
    ("prp-offer", "do you do microneedling and PRP?"),
    ("pores-texture", "will it help pores and texture"),
    ("how-and-when", "how and when should I apply sunscreen"),
    ("and-how-one-word", "does it work and how"),
    ("or-choice", "can i wear makeup tomorrow or should i wait"),
    ("or-better", "should I use retinol or is vitamin C better"),
    ("trailing-statement", "does it hurt? I am scared of needles"),
    ("question-then-context", "can I wear makeup? I had it 3 days ago."),
    ("what-single", "what? is it safe?"),
    ("plain-statement", "my face is still red"),
    ("thanks", "ok thanks"),
    ("no-question", "I had microneedling today and my skin feels tight"),
    ("statement-and-is", "my skin is red and is peeling a lot"),
    ("will-be", "can I go back to work and will be fine with makeup?"),
    ("decimal", "I had it 2.5 weeks ago, is sauna ok?"),
    ("exfoliate-scrub", "when can I exfoliate and use a scrub"),
    ("gentle-cleanser", "is it ok to use a gentle cleanser and a moisturiser tonight?"),
    ("spanish", "¿duele?"),
    ("one-word", "hello"),
]

EDGES = [
    ("empty", "", []),
    ("blank", "   \n ", []),
    ("only-mark", "?", ["?"]),
    ("marks", "???", ["???"]),
    ("padded", "  does it hurt?  ", ["does it hurt?"]),
    ("four-to-three", "does it hurt? how long is recovery? when can i wear makeup? can i swim?",
     ["does it hurt?", "how long is recovery?", "when can i wear makeup? can i swim?"]),
    ("five-and", "is it safe and does it hurt and how long is recovery and can i swim and when can i exercise",
     ["is it safe", "does it hurt", "how long is recovery and can i swim and when can i exercise"]),
]


@pytest.mark.parametrize("text, expected", [case[1:] for case in SPLITS], ids=[case[0] for case in SPLITS])
def test_separate_questions_split(text, expected):
    assert split_questions(text) == expected


@pytest.mark.parametrize("text", [case[1] for case in SINGLES], ids=[case[0] for case in SINGLES])
def test_one_question_stays_one_part(text):
    assert split_questions(text) == [text.strip()]


@pytest.mark.parametrize("text, expected", [case[1:] for case in EDGES], ids=[case[0] for case in EDGES])
def test_edge_cases(text, expected):
    assert split_questions(text) == expected


def test_long_text_is_returned_unchanged():
    text = "does it hurt? and how long is recovery? " * 13  # over 500 characters
    assert len(text) > 500
    assert split_questions(text) == [text]


def test_500_characters_still_split():
    text = "does it hurt? " + "how long is the recovery " * 19 + "roughly?"
    assert len(text) <= 500
    assert split_questions(text) == ["does it hurt?", text[len("does it hurt? "):]]


def test_parts_keep_the_original_words_in_order():
    text = "I had it yesterday. Can I wear makeup and when can I swim? also is redness normal"
    parts = split_questions(text)
    assert len(parts) == 3
    assert " ".join(parts).split() == [w for w in text.split() if w not in {"and", "also"}]
