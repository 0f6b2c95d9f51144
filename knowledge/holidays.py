"""Days patients name by their holiday ("can I wear makeup on Christmas Day?").

Fixed-date holidays only (month, day); one whose date moves (Easter, Mother's
Day, Thanksgiving) is not guessed. Read by knowledge/treatment_dates.py: a
holiday in a past clause ("I had it done on Boxing Day") is the last one, any
other the next one, today included.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Dict, Tuple

HOLIDAYS: Dict[str, Tuple[int, int]] = {
    r"christmas eve|xmas eve": (12, 24),
    r"christmas(?: day)?|xmas(?: day)?": (12, 25),
    r"boxing day": (12, 26),
    r"new year'?s eve|nye|hogmanay": (12, 31),
    r"new year'?s day": (1, 1),
    r"valentine'?s(?: day)?": (2, 14),
    r"st\.? patrick'?s day|paddy'?s day": (3, 17),
    r"australia day": (1, 26),
    r"(?:the )?(?:fourth|4th) of july|independence day": (7, 4),
    r"canada day": (7, 1),
    r"halloween": (10, 31),
    r"bonfire night|guy fawkes(?: night)?": (11, 5),
}
# In the order listed: "christmas eve" before "christmas", "new year's eve" before "new year's day".
PATTERN = r"\b(" + "|".join(HOLIDAYS) + r")\b"


def holiday_date(name: str, today: date, past: bool) -> date:
    """The holiday called ``name``: the last one up to ``today`` when ``past``,
    else the next one from ``today``."""
    month, day = next(md for pattern, md in HOLIDAYS.items() if re.fullmatch(pattern, name))
    this_year = date(today.year, month, day)
    if past:
        return this_year if this_year <= today else date(today.year - 1, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)
