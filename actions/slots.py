"""The slots the actions read and set (domain.yml), and reading them back."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from rasa_sdk import Tracker

from knowledge import names
from knowledge.moments import When
from knowledge.treatment_dates import from_slot

# Slot values are an ISO date or date and time (knowledge/treatment_dates.to_slot).


def _remembered(tracker: Tracker, slot: str, now: datetime) -> Optional[When]:
    """A day (or moment) kept in ``slot``; None when there is none or it cannot be read."""
    value = tracker.get_slot(slot)
    try:
        return from_slot(value, now) if value else None
    except ValueError:
        return None


def remembered_treatment(tracker: Tracker, now: datetime) -> Optional[When]:
    """The remembered treatment date, if any."""
    return _remembered(tracker, names.TREATMENT_DATE, now)


def remembered_asked_day(tracker: Tracker, now: datetime) -> Optional[When]:
    """The day the last aftercare verdict was for, if one was named."""
    return _remembered(tracker, names.ASKED_DAY, now)
