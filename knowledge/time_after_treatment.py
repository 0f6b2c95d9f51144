"""Times counted from the treatment rather than from today: "two weeks after
my treatment", "a month later", "the day after", "48 hours post".

Pure functions (no Rasa). The aftercare answer needs no date for them ("Yes:
14 days after the treatment, the 3-day window has passed"), or gives the
verdict for that day when a treatment date is remembered.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from knowledge.moments import NUMBER, After, normalise, number_value

# A month counts as 28 days after the treatment: the fewest, so the answer errs on the side of waiting.
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 28}
_AFTER = re.compile(
    rf"\b(?:{NUMBER} (hours?|hrs?|days?|weeks?|fortnights?|months?)|the (day|week|month)|the next (day|week))"
    r"(?: (?:after|later|post|following|on from)\b| after\b)?(?! tomorrow)")
_AFTER_WORD = re.compile(r"^(?:.* )?(after|later|post|following|on from)$|^the next ")


def find_after(text: str) -> Optional[After]:
    """A time counted from the treatment: "two weeks after my treatment", "a
    month later", "the day after", "48 hours post". None when there is none."""
    text = normalise(text)
    for match in _AFTER.finditer(text):
        phrase = match.group(0)
        if not _AFTER_WORD.search(phrase):
            continue  # "3 days" alone is not counted from the treatment
        if match.group(2):
            count, unit = number_value(match.group(1)), match.group(2)
        else:
            count, unit = 1, match.group(3) or match.group(4)
        if unit.startswith("h"):
            return After(phrase, timedelta(hours=count), True)
        unit = unit.rstrip("s")
        return After(phrase, timedelta(days=count * _UNIT_DAYS[unit]), False)
    return None
