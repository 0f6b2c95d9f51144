"""Understands when a treatment was (or will be) from what people write.

Pure functions, no Rasa: ``split_treatment_and_target`` tells the treatment
time apart from the time asked about ("can I wear makeup *tonight*?"), with
the phrases of time found by knowledge/date_patterns.py.

A phrase without a time of day ("yesterday", "on Monday") has ``day``
precision; the aftercare rules count such dates conservatively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Iterable, List, Optional

from knowledge.date_patterns import FUTURE_TREATMENT, PAST_TENSE, find_times
from knowledge.moments import (
    PART_OF_DAY_START,
    SHORT_WEEKDAYS,
    WEEKDAYS,
    After,
    When,
    at_time,
    normalise,
    start_of_day,
)

# "my appointment is today, can I work out tonight?": today's treatment, not a day asked about.
TODAY_TREATMENT = re.compile(r"\b(appointment|treatment|session|having it|getting it done|booked in)\b[^,.;!?]{0,20}\btoday\b")
# "it's Tuesday afternoon now": the patient's today, which the other days are counted from.
STATED_TODAY = re.compile(r"\b(?:it'?s|its|today is|today'?s|now it'?s)\s+(" + "|".join(WEEKDAYS) + r")"
                          r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+(?:now|today|here))?\b")
# Times counted from the treatment's own day once it is known: "boxing that night",
# "the next day", "the saturday after". (At what time of that day: the start of its part.)
SAME_DAY = re.compile(r"\b(?:that|the same|later that)\s+(night|evening|afternoon|morning|day)\b"
                      r"|\bthe\s+(night|evening|afternoon|morning|day)\s+of\s+(?:my|the)\s+"
                      r"(?:appointment|appt|treatment|session|procedure)\b")
# Words that make a weekday the treatment's day ("the session on monday").
TREATMENT_WORD = re.compile(r"\b(microneedl\w*|micro[- ]?needl\w*|needling|treatment|session|appointment|appt|procedure|"
                            r"treated|done|had it|clinic)\b")
NEXT_DAY = re.compile(r"\bthe\s+(?:next|following)\s+(day|morning|afternoon|evening|night)\b")

@dataclass(frozen=True)
class Mentioned:
    """What a message says about time: the treatment and the moment asked about."""

    treatment: Optional[When] = None  # a past (or today's) treatment
    future_treatment: Optional[When] = None  # "I'm having it next week"
    target: Optional[When] = None  # "can I wear makeup tonight?"
    after: Optional[After] = None  # "two weeks after my treatment": filled by time_after_treatment


def split_treatment_and_target(text: str, phrases: Iterable[str], now: datetime,
                               remembered: Optional[When] = None, asked: Optional[When] = None) -> Mentioned:
    """Sorts the time expressions of a message into treatment and target.

    ``phrases`` are the DATE/TIME entities spaCy found; the whole text is read
    as well, since spaCy misses some ("on Monday", "3 days ago" in lower case).
    A day the patient says it is ("treated Monday night, it's Tuesday afternoon
    now") is their today: the other days are counted from it. A time counted
    from the treatment's own day ("boxing that night", "the next day") is
    read once the treatment is known: from the message, else ``remembered``
    (the conversation's treatment date: "what about foundation that evening?").
    ``asked``: the day the last verdict was for ("the saturday after that" comes after it).
    """
    stated = STATED_TODAY.search(normalise(text))
    if stated:
        # Read as if today were that weekday, then moved back to the real calendar.
        shift = timedelta(days=(now.weekday() - WEEKDAYS.index(stated.group(1))) % 7)
        rest = normalise(text).replace(stated.group(0), " ")
        said = split_treatment_and_target(rest, [p for p in phrases if p.lower() not in stated.group(0)], now - shift,
                                          remembered, asked)
        return replace(said, **{k: _moved(getattr(said, k), shift)
                                for k in ("treatment", "future_treatment", "target") if getattr(said, k)})
    said = _split(text, phrases, now)
    if remembered and remembered.is_future(now) and said.treatment and not said.target \
            and _weekday_in(said.treatment.phrase) and not PAST_TENSE.search(normalise(text)):
        # A treatment still to come is known: "a work do on the tuesday night" is a day asked about.
        said = replace(said, treatment=None, target=said.treatment)
    weekday = _weekday_in(said.treatment.phrase) if said.treatment else ""
    if remembered and weekday and not said.target and not said.future_treatment and _later(weekday, normalise(text)):
        # "what about hot yoga the wednesday after?" once the treatment is known: a day asked about.
        said = replace(said, treatment=None, target=said.treatment)
    elif remembered and weekday and not said.target and not said.future_treatment \
            and not PAST_TENSE.search(normalise(text)) and not TREATMENT_WORD.search(normalise(text)):
        # "and i'm flying on friday?" once the treatment is known: the coming Friday, not
        # another treatment (a weekday alone reads as past: "I had it on Friday").
        said = replace(said, treatment=None, target=_coming(weekday, said.treatment.phrase, now))
    return _anchored(said, normalise(text), now, remembered, asked)


def _coming(weekday: str, phrase: str, now: datetime) -> When:
    """The next ``weekday`` after today (a day asked about ahead)."""
    index = next(i for i, day in enumerate(WEEKDAYS) if day.startswith(weekday[:3]))  # "weds": wednesday
    ahead = (index - now.weekday() - 1) % 7 + 1
    return When(phrase, start_of_day(now.date() + timedelta(days=ahead), now), False)


def _later(weekday: str, text: str) -> bool:
    """ "the friday after", "the following friday", "next friday"."""
    return bool(re.search(rf"\b{weekday}\s+after\b|\b(following|next)\s+{weekday}\b", text))


def _weekday_in(phrase: str) -> str:
    """The weekday a time phrase names ("friday", "friday night"), or ""."""
    return next((word for word in phrase.split() if word in WEEKDAYS + SHORT_WEEKDAYS), "")


def _moved(when: When, shift: timedelta) -> When:
    return When(when.phrase, when.moment + shift, when.precise)


def _anchored(said: Mentioned, text: str, now: datetime, remembered: Optional[When] = None,
              asked: Optional[When] = None) -> Mentioned:
    """Times counted from the treatment's day: "that night" is its evening, "the
    next day" the day after, a weekday said beside a planned one comes after it
    ("on the tuesday night": that evening)."""
    treated = said.future_treatment or said.treatment or remembered
    if treated is None:
        return said
    planned = said.future_treatment or (remembered if remembered and not said.treatment
                                        and remembered.is_future(now) else None)
    same, following = SAME_DAY.search(text), NEXT_DAY.search(text)
    if same or following:
        part = (same or following).group(1) or (same or following).group(2)
        day = treated.day + timedelta(days=1 if following else 0)
        start = PART_OF_DAY_START.get(part)
        moment = at_time(day, start, now) if start else start_of_day(day, now)
        return replace(said, target=When((same or following).group(0), max(moment, treated.moment), bool(start)))
    weekday = _weekday_in(said.target.phrase) if said.target else ""
    later = bool(weekday) and _later(weekday, text)
    # A weekday beside a planned treatment, or "the wednesday after" a past one, counts from it.
    anchor = planned or (treated if later and not said.treatment else None)
    if anchor and said.target and weekday:
        day = said.target.day
        # "my slot is Monday and the netball is on the Wednesday": the Wednesday after it;
        # "the friday after that": the week after a Friday treatment.
        while day < anchor.day:
            day += timedelta(days=7)
        if day == anchor.day and (said.future_treatment is not None or later):
            day += timedelta(days=7)
        if asked and not said.future_treatment and re.search(rf"\b{weekday}\s+after\s+that\b", text):
            while day <= asked.day:  # "what about the saturday after that?": after the day asked about last
                day += timedelta(days=7)
        part = re.search(rf"\b{weekday}\s+(night|evening|afternoon|morning)\b", text)
        moment = at_time(day, PART_OF_DAY_START[part.group(1)], now) if part else start_of_day(day, now)
        if said.target.precise and not part:
            moment = datetime.combine(day, said.target.moment.timetz())
        return replace(said, target=When(said.target.phrase, moment, bool(part)))
    return said


def _split(text: str, phrases: Iterable[str], now: datetime) -> Mentioned:
    times: List[When] = []
    for source in [text] + list(phrases):  # in context first: "treatment is on the 22nd" is ahead
        for when in find_times(source, now):
            if all(when.phrase not in seen.phrase for seen in times):  # "tuesday" of "tuesday morning"
                times.append(when)
    text = normalise(text)
    # "Can I exercise today?" asks about today; "I had it today" dates the treatment.
    asked_today = [w for w in times if not w.precise and w.day == now.date() and not PAST_TENSE.search(text)]
    past = [w for w in times if not w.is_future(now) and w not in asked_today]
    future = [w for w in times if w.is_future(now)]
    if past:
        return Mentioned(treatment=past[0], target=future[0] if future else None)
    if asked_today and TODAY_TREATMENT.search(text):
        return Mentioned(treatment=asked_today[0], target=future[0] if future else None)
    cue = FUTURE_TREATMENT.search(text) if future else None
    if cue:
        # "the cricket on Boxing Day ... treatment is on the 22nd": the time said after the cue
        after_cue = [w for w in future if text.find(w.phrase) >= cue.start()]
        treatment = min(after_cue, key=lambda w: text.find(w.phrase)) if after_cue else future[0]
        others = [w for w in future if w is not treatment]
        return Mentioned(future_treatment=treatment, target=others[0] if others else None)
    return Mentioned(target=future[0] if future else None)


def to_slot(when: When) -> str:
    """The slot value: an ISO date (day precision) or date and time."""
    return when.moment.isoformat(timespec="minutes") if when.precise else when.day.isoformat()


def from_slot(value: str, now: datetime) -> When:
    """Reads a slot value written by :func:`to_slot`."""
    if "T" in value:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=now.tzinfo)
        return When(value, moment, True)
    return When(value, start_of_day(date.fromisoformat(value), now), False)
