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
])
def test_every_message_ends_the_same_way(text, expected):
    assert normalised(text) == expected


@pytest.mark.parametrize("text", ["is the gym ok?", "can I go in the sun tomorrow", "¡hola! ok"])
def test_character_offsets_stay(text):
    result = normalised(text)
    assert all(result[i] == char for i, char in enumerate(text) if char not in "?!")
