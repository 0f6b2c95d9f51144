"""The slots the actions read and set (domain.yml), and reading them back."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from rasa_sdk import Tracker

from knowledge import names
from knowledge.moments import When
from knowledge.treatment_dates import from_slot

# ISO date or date and time of the treatment (actions/treatment_dates.to_slot).


def remembered_treatment(tracker: Tracker, now: datetime) -> Optional[When]:
    """The remembered treatment date, if any (None for an unreadable value)."""
    value = tracker.get_slot(names.TREATMENT_DATE)
    try:
        return from_slot(value, now) if value else None
    except ValueError:
        return None


def remembered_asked_day(tracker: Tracker, now: datetime) -> Optional[When]:
    """The day the last aftercare verdict was for, if one was named."""
    value = tracker.get_slot(names.ASKED_DAY)
    try:
        return from_slot(value, now) if value else None
    except ValueError:
        return None
