"""Applies the aftercare rules to a treatment time (pure, no Rasa).

``verdict`` says whether one rule still applies at a given moment; ``day_plan``
sorts all rules for "what should I do today?". Dates without a time of day are
counted conservatively: the waiting time ends on a day, not at an hour, and on
that day the answer says "once N hours have passed since your treatment".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Iterable, List, Optional, Tuple

from knowledge.answers import AftercareRule
from knowledge.moments import When


class Status(Enum):
    """Where a rule stands for one treatment and one moment."""

    ALWAYS = "always"  # advice from the start (cleanse gently)
    NEVER = "never"  # a rule that never expires (don't pick)
    NOT_YET = "not_yet"
    BOUNDARY = "boundary"  # day precision: fine later today
    OK = "ok"


@dataclass(frozen=True)
class Verdict:
    """The answer for one rule: its status, how long is left and until when."""

    status: Status
    remaining: Optional[timedelta] = None
    until: Optional[datetime] = None
    until_day: Optional[date] = None


def day_number(treated: When, at: datetime) -> int:
    """Days since the treatment day (the treatment day is day 0)."""
    return (at.date() - treated.day).days


def window_days(rule: AftercareRule) -> int:
    """The waiting time in whole days, rounded up."""
    return math.ceil((rule.wait_hours or 0) / 24)


def verdict(rule: AftercareRule, treated: When, at: datetime) -> Verdict:
    """Whether ``rule`` still applies at ``at`` for a treatment at ``treated``."""
    if rule.wait_hours is None:
        return Verdict(Status.NEVER)
    if rule.wait_hours == 0:
        return Verdict(Status.ALWAYS)
    if treated.precise:
        allowed = treated.moment + timedelta(hours=rule.wait_hours)
        if at >= allowed:
            return Verdict(Status.OK)
        return Verdict(Status.NOT_YET, remaining=allowed - at, until=allowed, until_day=allowed.date())
    first_day = treated.day + timedelta(days=window_days(rule))
    if at.date() > first_day:
        return Verdict(Status.OK)
    if at.date() == first_day:
        return Verdict(Status.BOUNDARY, until_day=first_day)
    return Verdict(Status.NOT_YET, remaining=timedelta(days=(first_day - at.date()).days), until_day=first_day)


def describe_duration(remaining: timedelta) -> str:
    """ "16 hours", "about 4 days": rounded up, never zero."""
    hours = math.ceil(remaining.total_seconds() / 3600)
    if hours <= 1:
        return "an hour"
    if hours < 36:
        return f"{hours} hours"
    days = math.ceil(hours / 24)
    return f"{days} days"


def describe_window(rule: AftercareRule) -> str:
    """The waiting time as people say it: "24 hours", "3 days", "14 days"."""
    hours = rule.wait_hours or 0
    return f"{hours} hours" if hours <= 24 else f"{window_days(rule)} days"


def describe_day(day: date) -> str:
    """ "Sat 28 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def describe_ago(treated: When, now: datetime) -> str:
    """ "today", "yesterday", "5 days ago", "in 3 days"."""
    days = day_number(treated, now)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days > 1:
        return f"{days} days ago"
    return "tomorrow" if days == -1 else f"in {-days} days"


@dataclass
class DayPlan:
    """What applies on one day after the treatment."""

    day: int
    avoid: List[Tuple[AftercareRule, date]] = field(default_factory=list)  # with the first day it's fine
    later_today: List[AftercareRule] = field(default_factory=list)
    fine_now: List[AftercareRule] = field(default_factory=list)
    every_day: List[AftercareRule] = field(default_factory=list)


def day_plan(rules: Iterable[AftercareRule], treated: When, at: datetime) -> DayPlan:
    """Sorts every rule for the day of ``at``; waits are listed soonest first."""
    plan = DayPlan(day=day_number(treated, at))
    for rule in rules:
        result = verdict(rule, treated, at)
        if result.status in (Status.ALWAYS, Status.NEVER):
            plan.every_day.append(rule)
        elif result.status is Status.OK:
            plan.fine_now.append(rule)
        elif result.status is Status.BOUNDARY:
            plan.later_today.append(rule)
        else:
            plan.avoid.append((rule, result.until_day))
    plan.avoid.sort(key=lambda item: item[1])
    return plan
