"""The words and types of time that the date readers share: a moment someone
mentioned (``When``), a time counted from the treatment (``After``), number
words and the calendar's names. No logic of its own beyond reading a number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# How people shorten them in a message ("had it done tues", "needling is weds").
SHORT_WEEKDAYS = ["mon", "tues", "tue", "weds", "wed", "thurs", "thur", "thu", "fri"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "two": 2,
    "three": 3, "a few": 3, "few": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}
# Latest plausible time for a part of the day: counting a treatment from it is conservative.
PART_OF_DAY_END = {"morning": time(12, 0), "afternoon": time(18, 0), "evening": time(23, 59),
                   "night": time(23, 59)}
# Earliest plausible time: asking about it ("this afternoon", "tomorrow morning") is conservative.
PART_OF_DAY_START = {"morning": time(6, 0), "afternoon": time(12, 0), "evening": time(18, 0),
                     "night": time(20, 0)}
TONIGHT = time(20, 0)
NUMBER = r"(\d+|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")"
MONTH = r"(" + "|".join(m[:3] + r"(?:" + m[3:] + r")?" for m in MONTHS) + r")\.?"
DAY_OF_MONTH = r"(\d{1,2})(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class When:
    """A moment someone mentioned, resolved against ``now``."""

    phrase: str
    moment: datetime
    precise: bool  # True when the time of day is known (roughly)

    @property
    def day(self) -> date:
        """The calendar day of the moment."""
        return self.moment.date()

    def is_future(self, now: datetime) -> bool:
        """Whether the moment is still to come (a day-precision today is not)."""
        if self.precise:
            return self.moment > now
        return self.day > now.date()


def number_value(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def at_time(day: date, at: time, now: datetime) -> datetime:
    return datetime.combine(day, at, tzinfo=now.tzinfo)


def start_of_day(day: date, now: datetime) -> datetime:
    # Day precision: the moment is the start of the day, ``precise`` says it is a guess.
    return datetime.combine(day, time(0, 0), tzinfo=now.tzinfo)


def normalise(text: str) -> str:
    """Lower case, single spaces, typographic apostrophes and dashes made plain."""
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split())


@dataclass(frozen=True)
class After:
    """A time counted from the treatment ("two weeks after", "a month later")."""

    phrase: str
    delta: timedelta
    precise: bool  # hours and minutes; days, weeks and months count whole days

    def moment(self, treated: When) -> datetime:
        """The moment asked about, for a known treatment."""
        if treated.precise or self.precise:
            return treated.moment + self.delta
        return start_of_day(treated.day + timedelta(days=self.delta.days), treated.moment)

    def describe(self) -> str:
        """ "48 hours", "a day", "14 days"."""
        if self.precise:
            hours = round(self.delta.total_seconds() / 3600)
            return "an hour" if hours == 1 else f"{hours} hours"
        return "a day" if self.delta.days == 1 else f"{self.delta.days} days"
