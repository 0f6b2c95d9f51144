"""Input checks shared by the REST, website and WhatsApp channels."""

import pytest

from channels.input_checks import MAX_TEXT, clean_text, reply_instead, valid_sender
from knowledge.answers import load_knowledge

KNOWLEDGE = load_knowledge()


def test_control_characters_and_nul_are_removed_newlines_kept():
    assert clean_text("\x00does\x07 it\thurt?\n\x1b") == "does it\thurt?"


@pytest.mark.parametrize("text, expected", [("", KNOWLEDGE.empty_message), ("x" * (MAX_TEXT + 1), KNOWLEDGE.too_long),
                                            ("does it hurt?", None), ("😀", None), ("x" * MAX_TEXT, None)])
def test_reply_instead(text, expected):
    assert reply_instead(text) == expected


@pytest.mark.parametrize("value, expected", [("pat", "pat"), (42, "42"), ("x" * 128, "x" * 128),
                                             ("x" * 129, None), ("", None), ("  ", None), (None, None),
                                             (True, None), (["a"], None), ("a\x00b", None)])
def test_valid_sender(value, expected):
    assert valid_sender(value) == expected
