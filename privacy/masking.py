"""Phone numbers, email addresses and card-like numbers masked in text.

Used on what is stored (the tracker store's events) and on every log line,
never on the live message: the answer to it is unaffected. Dates and times
a patient gives ("on 12/11/2026", "2026-11-19", "at 10:30", "48 hours ago")
are not contact details and stay as they are: the aftercare answers need them.
"""

from __future__ import annotations

import re
from typing import Any

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"
CARD_MASK = "[card number]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A run of digits with spaces, dots, dashes, slashes or brackets between them, maybe a leading +.
NUMBER = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-/]*\d\)?(?!\w)")
DATE_OR_TIME = re.compile(
    r"\d{1,2}[/.\-]\d{1,2}([/.\-]\d{2,4})?"     # 12/11, 12/11/2026, 1.2.26
    r"|\d{4}-\d{1,2}-\d{1,2}"                   # 2026-11-19
    r"|\d{1,2}[:.]\d{2}"                        # 10:30
)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _mask_number(match: "re.Match[str]") -> str:
    found = match.group(0)
    digits = _digits(found)
    if DATE_OR_TIME.fullmatch(found.strip()):
        return found
    if 13 <= digits <= 19 and re.fullmatch(r"\d{4}([ -]?\d{4}){2}[ -]?\d{1,7}", found.strip()):
        return CARD_MASK
    if 7 <= digits <= 15:
        return PHONE_MASK
    return found


def mask_text(text: str) -> str:
    """``text`` with emails, phone numbers (7-15 digits) and card-like numbers masked."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MASK, text)
    return NUMBER.sub(_mask_number, text)


def mask_value(value: Any) -> Any:
    """Masks every string inside ``value`` (dicts, lists: an event as JSON)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {key: mask_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_value(item) for item in value]
    return value
