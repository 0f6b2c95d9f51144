"""Checks on what arrives through a channel, before it reaches NLU (pure).

Over-long text is answered with "please keep it shorter" instead of being
parsed; empty text with a prompt; control characters and NUL are removed;
sender ids must be short plain values.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from knowledge.answers import load_knowledge

MAX_TEXT = 1000  # characters; the longest real question is far shorter
MAX_SENDER = 128
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SENDER = re.compile(r"^[^\x00-\x1f\x7f]{1,%d}$" % MAX_SENDER)


def clean_text(text: str) -> str:
    """The text without control characters (newlines and tabs kept), trimmed."""
    return CONTROL.sub("", text).strip()


def valid_sender(value: Any) -> Optional[str]:
    """The sender id as a string, or None if it is missing, not a plain value or too long."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value)
    return value if SENDER.match(value) and value.strip() else None


def reply_instead(text: str) -> Optional[str]:
    """What to answer instead of parsing ``text`` (empty: a prompt; over-long:
    "please keep it shorter"), or None when it is to be parsed. Every channel
    answers these the same, from the knowledge file's menu."""
    if not text:
        return load_knowledge().empty_message
    if len(text) > MAX_TEXT:
        return load_knowledge().too_long
    return None
