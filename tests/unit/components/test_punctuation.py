"""The text clean-up before the classifiers (components/punctuation.py)."""

import pytest

from components.punctuation import normalised


@pytest.mark.parametrize("text, expected", [
    ("does it hurt?", "does it hurt."),
    ("see ya", "see ya."),
    ("what can you do??", "what can you do.."),
    ("¿duele?", "¿duele."),
    ("great! thanks.", "great. thanks."),
    ("I had it 2.5 weeks ago ", "I had it 2.5 weeks ago ."),
    ("   ", "   "),
    ("my friend wants to know if it hurts", " " * 27 + "it hurts."),
    ("asking for my mum: how many sessions?", " " * 19 + "how many sessions."),
    ("she also wants to know whether it works on crows feet?", " " * 31 + "it works on crows feet."),
    ("my friend wants to know", "my friend wants to know."),  # nothing asked yet: left as it is
    ("my friend wants it too", "my friend wants it too."),
])
def test_every_message_ends_the_same_way(text, expected):
    assert normalised(text) == expected


@pytest.mark.parametrize("text", ["is the gym ok?", "can I go in the sun tomorrow", "¡hola! ok",
                                  "my sister wants to know if she can wear makeup tomorrow"])
def test_character_offsets_stay(text):
    result = normalised(text)
    assert len(result) == len(text) + (not text.endswith(("?", "!")))
    assert all(result[i] == char for i, char in enumerate(text) if char not in "?!" and result[i] != " ")
