"""The phrases of time people write, and the moment each stands for.

``find_times`` turns "3 days ago", "yesterday", "this morning", "last Friday",
"on 3 November", "a week and a half ago", "it's been nine days since" or
"next week" into moments relative to ``now``; whether a weekday or a date is
the last one or the next one depends on the words around it (a past clause,
a treatment still to come). knowledge/treatment_dates.py tells the treatment
apart from the time asked about. Pure; a phrase without a time of day has
``day`` precision.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from typing import List, Optional, Tuple

from knowledge import holidays
from knowledge.moments import (
    DAY_OF_MONTH,
    MONTH,
    MONTHS,
    NUMBER,
    PART_OF_DAY_END,
    PART_OF_DAY_START,
    SHORT_WEEKDAYS,
    TONIGHT,
    WEEKDAYS,
    When,
    at_time,
    normalise,
    number_value,
    start_of_day,
)

# Words that end the clause a time phrase belongs to ("I had it Monday, can I ... at the weekend").
CLAUSE_BREAK = re.compile(r"[,.;:!?]| - | and | but | so | can | could | may | should | is it | will ")
# Words that say the treatment is still to come ("I'm having it next week").
# The cue must be about the treatment: "a dinner booked at 8" or "getting a few sessions
# on the sunbeds next week" say nothing about it.
_TREATMENT = r"(microneedl\w*|micro[- ]?needl\w*|needl\w*|treatment|session|appointment|appt|procedure|it|face|mine)"
# "got my first microneedling appt in a few days": an appointment one has, still to come.
_ONE_COMING = (r"(my|a|an) (first |next |second |third )?(microneedl\w* |micro[- ]?needl\w* )?"
               r"(appointment|appt|session|treatment) (in|next|this|tomorrow|coming)\b")
_HAVE_ONE_COMING = r"(got|have) " + _ONE_COMING
FUTURE_TREATMENT = re.compile(
    r"\b(having|getting|booked|scheduled|will have|going to have|gonna have)\b"
    r"(\s+(in|for|it|my|the|a|an|first|next|another|done|some|more))*\s+" + _TREATMENT + r"\b"
    r"|\b(booked|scheduled)\s+(in|for)\b|\b(im|i'm|i am)\s+(booked|scheduled)\b"
    r"|\b(microneedl\w*|micro[- ]?needl\w*|needling|treatment|session|appointment|appt|procedure|slot)(\s+(is|will be)|'s)\b"
    r"|\b(done|doing it|having it|getting it)\s+(tonight|this (afternoon|evening)|later)\b"
    r"|\b" + _HAVE_ONE_COMING)
PAST_TENSE = re.compile(r"\b(had|was|were|did|(?<!ve )(?<!have )(?<!has )(?<!i )(?<!we )got(?! " + _ONE_COMING + r")"
                        r"|went|ago|back|treated|been)\b")

def _minus_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _upcoming(text: str) -> bool:
    """The message speaks of a treatment still to come ("I'm having it on Monday")."""
    return bool(FUTURE_TREATMENT.search(text)) and not PAST_TENSE.search(text)


def _full_weekday(word: str) -> str:
    return next(day for day in WEEKDAYS if day.startswith(word[:3]))


def _weekday(name: str, qualifier: str, now: datetime, text: str, start: int) -> date:
    today = now.date()
    wanted = WEEKDAYS.index(name)
    # "had it done fri, blusher on sat?": the day in the past clause is the treatment's,
    # the other one is asked about, so it is still to come.
    asked_beside_a_past_treatment = not _in_past_clause(text, start) and bool(PAST_TENSE.search(text))
    if qualifier == "next" or (qualifier not in ("last", "this past")
                               and (_upcoming(text) or asked_beside_a_past_treatment)):
        ahead = (wanted - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    # "Monday", "on Monday", "last Monday": the most recent one before today.
    back = (today.weekday() - wanted) % 7 or 7
    return today - timedelta(days=back)


def _calendar_date(day: int, month_word: str, year: Optional[str], now: datetime, text: str) -> date:
    month = next(i for i, m in enumerate(MONTHS, 1) if month_word.startswith(m[:3]))
    if year:
        return date(int(year), month, day)  # ValueError for 31 February: not understood
    candidate = date(now.year, month, day)
    if candidate > now.date() and PAST_TENSE.search(text):
        candidate = date(now.year - 1, month, day)  # "I had it on 3 December", said in November
    elif candidate < now.date() and _upcoming(text):
        candidate = date(now.year + 1, month, day)  # "I'm having it on 3 November", said later
    return candidate


def _clause_before(text: str, start: int) -> str:
    """The words of the clause a phrase at ``start`` belongs to, before it."""
    before = text[:start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def _in_past_clause(text: str, start: int) -> bool:
    """ "I had it at the weekend" (past) vs "can I play tennis at the weekend?"."""
    return bool(PAST_TENSE.search(_clause_before(text, start)))


def _weekend(qualifier: str, now: datetime, text: str, start: int) -> Tuple[datetime, bool]:
    today = now.date()
    if qualifier == "last" or (qualifier != "next" and _in_past_clause(text, start)):
        # A treatment at the weekend: its latest day up to today (the conservative count).
        back = 0 if today.weekday() >= 5 else today.weekday() + 1
        return start_of_day(today - timedelta(days=back), now), False
    # Asked about: the weekend's first day still to come (today on a Saturday or Sunday).
    ahead = 7 if qualifier == "next" and today.weekday() >= 5 else max(0, 5 - today.weekday())
    return start_of_day(today + timedelta(days=ahead), now), False


def _day_of_month(day: int, now: datetime, text: str, start: int) -> date:
    """ "on the 2nd": the most recent one for a treatment, the coming one otherwise."""
    today = now.date()
    past = _in_past_clause(text, start) or not _upcoming(text)
    year, month = today.year, today.month
    for _ in range(13):  # 31 days exist in a month within the year
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate and (candidate <= today if past else candidate >= today):
            return candidate
        year, month = divmod(year * 12 + month - 1 + (-1 if past else 1), 12)
        month += 1
    raise ValueError(f"no day {day} in any month")


def _part_of_day(part: str, day: date, now: datetime, past: bool) -> Tuple[datetime, bool]:
    """ "this afternoon" asked about in the morning is still ahead: its start.
    A treatment "this morning", or a part of the day that has begun: now, or
    the part's end if that was earlier."""
    start = at_time(day, PART_OF_DAY_START[part], now)
    if start > now and not past:
        return start, True
    return min(now, at_time(day, PART_OF_DAY_END[part], now)), True


def _patterns(now: datetime, text: str):
    """(regex, resolver) pairs; each resolver returns (moment, precise)."""
    today = now.date()
    return [
        (r"\b(just now|right now|an? moment ago|earlier today)\b", lambda m: (now, True)),
        # "I'm on day 8 now", "it's day 3": counted from the treatment, said of today
        (rf"\b(?:i'?m on|it'?s|its|today is|now on|we'?re on) day {NUMBER}\b|\bday {NUMBER} (?:today|now)\b",
         lambda m: (start_of_day(today - timedelta(days=number_value(m.group(1) or m.group(2))), now), False)),
        (rf"\b{NUMBER} (?:hours?|hrs?|h) (?:ago|back)\b",
         lambda m: (now - timedelta(hours=number_value(m.group(1))), True)),
        (r"\bhalf an hour ago\b", lambda m: (now - timedelta(minutes=30), True)),
        (rf"\b{NUMBER} (?:minutes?|mins?) (?:ago|back)\b",
         lambda m: (now - timedelta(minutes=number_value(m.group(1))), True)),
        (rf"\b{NUMBER} days? (?:ago|back)\b", lambda m: (start_of_day(today - timedelta(days=number_value(m.group(1))), now), False)),
        # "a week and a half ago": 10 days (the fewer days, the longer the wait still to come)
        (rf"\b{NUMBER} (?:weeks? and a half|and a half weeks?) (?:ago|back)\b",
         lambda m: (start_of_day(today - timedelta(days=number_value(m.group(1)) * 7 + 3), now), False)),
        # "two weeks and two days ago", "it's been 2 weeks and 3 days"
        (rf"\b{NUMBER} weeks? and {NUMBER} days?\b(?= ago| back| since|)",
         lambda m: (start_of_day(today - timedelta(days=7 * number_value(m.group(1)) + number_value(m.group(2))),
                                 now), False)),
        # "it's been nine days since my session", "been 3 weeks", "5 days since the treatment"
        (rf"\bbeen {NUMBER} (days?|weeks?)\b|\b{NUMBER} (days?|weeks?) since\b",
         lambda m: (start_of_day(today - timedelta(days=number_value(m.group(1) or m.group(3)) * (
             7 if (m.group(2) or m.group(4)).startswith("week") else 1)), now), False)),
        # "just got back from the clinic", "just had it done": the treatment was now
        (r"\bjust (?:got back|come back|came back|been|left|got home|home) (?:from|out of) (?:the|my) "
         r"(?:clinic|appointment|appt|session|treatment|salon)\b|\bjust (?:had|got) it(?: done)?\b"
         r"|\bfresh (?:out )?from (?:the|my) (?:clinic|appointment|session|treatment)\b",
         lambda m: (now, True)),
        # "got it done at lunch": the end of lunchtime today (the conservative count)
        (r"\b(?:at|over) lunch(?:time)?\b", lambda m: (min(now, at_time(today, time(14, 0), now)), True)),
        (rf"\b{NUMBER} weeks? (?:ago|back)\b", lambda m: (start_of_day(today - timedelta(weeks=number_value(m.group(1))), now), False)),
        (rf"\b{NUMBER} fortnights? (?:ago|back)\b",
         lambda m: (start_of_day(today - timedelta(weeks=2 * number_value(m.group(1))), now), False)),
        (rf"\b{NUMBER} months? (?:ago|back)\b", lambda m: (start_of_day(_minus_months(today, number_value(m.group(1))), now), False)),
        (r"\b(?:the )?day before yesterday\b", lambda m: (start_of_day(today - timedelta(days=2), now), False)),
        (r"\byesterday (morning|afternoon|evening|night)\b",
         lambda m: (at_time(today - timedelta(days=1), PART_OF_DAY_END[m.group(1)], now), True)),
        (r"\blast night\b", lambda m: (at_time(today - timedelta(days=1), PART_OF_DAY_END["night"], now), True)),
        (r"\byesterday\b", lambda m: (start_of_day(today - timedelta(days=1), now), False)),
        (r"\bthis (morning|afternoon|evening)\b",
         lambda m: _part_of_day(m.group(1), today, now, _in_past_clause(text, m.start()))),
        (r"\btomorrow (morning|afternoon|evening|night)\b",
         lambda m: (at_time(today + timedelta(days=1), PART_OF_DAY_START[m.group(1)], now), True)),
        # a minute ahead at the latest, but never past midnight: tonight is today's
        (r"\btonight\b", lambda m: (max(min(now + timedelta(minutes=1), at_time(today, time(23, 59), now)),
                                         at_time(today, TONIGHT, now)), True)),
        (r"\blater today\b", lambda m: (now + timedelta(hours=3), True)),
        (r"\btoday\b", lambda m: (start_of_day(today, now), False)),
        (r"\b(?:the )?day after tomorrow\b", lambda m: (start_of_day(today + timedelta(days=2), now), False)),
        (r"\btomorrow\b", lambda m: (start_of_day(today + timedelta(days=1), now), False)),
        (rf"\bin {NUMBER} days?\b", lambda m: (start_of_day(today + timedelta(days=number_value(m.group(1))), now), False)),
        (rf"\bin {NUMBER} weeks?\b", lambda m: (start_of_day(today + timedelta(weeks=number_value(m.group(1))), now), False)),
        (r"\bnext week\b", lambda m: (start_of_day(today + timedelta(days=7), now), False)),
        (r"\bnext month\b", lambda m: (start_of_day(_minus_months(today, -1), now), False)),
        (r"\blast week\b", lambda m: (start_of_day(today - timedelta(days=7), now), False)),
        (r"\blast month\b", lambda m: (start_of_day(_minus_months(today, 1), now), False)),
        (r"\b(?:(?:at|on|over|this|for) the |(last|next|this) )weekend\b",
         lambda m: _weekend(m.group(1) or "", now, text, m.start())),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b",
         lambda m: (start_of_day(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), now), False)),
        (rf"\b{DAY_OF_MONTH} (?:of )?{MONTH}(?:,? (\d{{4}}))?\b",
         lambda m: (start_of_day(_calendar_date(int(m.group(1)), m.group(2), m.group(3), now, text), now), False)),
        (rf"\b{MONTH} {DAY_OF_MONTH}(?:,? (\d{{4}}))?\b",
         lambda m: (start_of_day(_calendar_date(int(m.group(2)), m.group(1), m.group(3), now, text), now), False)),
        (r"\bthe (\d{1,2})(?:st|nd|rd|th)\b",
         lambda m: (start_of_day(_day_of_month(int(m.group(1)), now, text, m.start()), now), False)),
        (holidays.PATTERN, lambda m: (start_of_day(holidays.holiday_date(
            m.group(1), today, _in_past_clause(text, m.start())), now), False)),
        # "kickboxing thursday evening": that weekday, from the start of that part of it
        (r"\b(?:(last|next|this past|on|this) )?(" + "|".join(WEEKDAYS) + r") (morning|afternoon|evening|night)\b",
         lambda m: (at_time(_weekday(m.group(2), m.group(1) or "", now, text, m.start()),
                            PART_OF_DAY_START[m.group(3)], now), True)),
        (r"\b(?:(last|next|this past|on|this) )?(" + "|".join(WEEKDAYS) + "|" + "|".join(SHORT_WEEKDAYS) + r")\b",
         lambda m: (start_of_day(_weekday(_full_weekday(m.group(2)), m.group(1) or "", now, text, m.start()), now), False)),
        # "sat" and "sun" are words too ("sat on the boundary", "the sun"): only after "on", "next"...
        (r"\b(last|next|this past|on|this|by|from) (sat|sun)\b",
         lambda m: (start_of_day(_weekday(_full_weekday(m.group(2)), m.group(1), now, text, m.start()), now), False)),
    ]


def find_times(text: str, now: datetime) -> List[When]:
    """Every time expression in ``text``, in reading order.

    Raises ``ValueError`` for a date that does not exist ("31 February").
    """
    text = normalise(text)
    found: List[Tuple[int, When]] = []
    taken: List[Tuple[int, int]] = []
    for pattern, resolve in _patterns(now, text):
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue  # already part of a longer, earlier-listed phrase
            moment, precise = resolve(match)
            found.append((start, When(match.group(0), moment, precise)))
            taken.append((start, end))
    return [when for _, when in sorted(found, key=lambda item: item[0])]
