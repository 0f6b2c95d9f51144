"""Sentences with the clinic's own details, for the answers that need them.

The wording is in the knowledge file (``clinic_messages``), the details in
clinic.yml (knowledge/clinic.py). A sentence whose detail the clinic left empty
is left out; when nothing is left, the answer says to contact the clinic
directly. Pure functions of (purpose, clinic, wording, time).
"""

from __future__ import annotations

from datetime import datetime
from typing import Dict, List, Optional, Sequence

from knowledge.clinic import WEEKDAYS, Clinic, closes_at, is_open, local_time, next_opening

# Which ways of reaching the clinic each answer offers, most useful first.
WAYS = {
    "booking": ("booking_url", "phone", "email"),
    "cost": ("phone", "email"),
    "human": ("phone", "email"),
    "location": ("phone",),
}
# "warning": a warning sign (the clinic, then urgent care when it is severe or the
# clinic is closed); "emergency": after "call emergency services now", the clinic only.
PURPOSES = ("booking", "cost", "human", "location", "warning", "emergency")


def clinic_label(clinic: Clinic) -> str:
    return clinic.name or "the clinic"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def ways(clinic: Clinic, messages: Dict[str, str], fields: Sequence[str]) -> Optional[str]:
    """ "call 020..., email ... or book online at ..." for the fields the clinic gave."""
    found = [messages[f"way_{name}"].format(**{name: getattr(clinic, name)}) for name in fields
             if getattr(clinic, name)]
    return _join(found) if found else None


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def hours_summary(clinic: Clinic, messages: Dict[str, str]) -> Optional[str]:
    """ "Monday to Tuesday 09:00-18:00, ..., Sunday closed" (consecutive days with the same hours run together)."""
    if not clinic.hours:
        return None
    runs: List[List] = []
    for number, day in enumerate(WEEKDAYS):
        hours = clinic.hours.get(number)
        text = f"{hours[0]:%H:%M}-{hours[1]:%H:%M}" if hours else messages["closed_day"]
        if runs and runs[-1][2] == text:
            runs[-1][1] = day
        else:
            runs.append([day, day, text])
    def days(first: str, last: str) -> str:
        if first == last:
            return first.capitalize()
        joint = " and " if WEEKDAYS.index(last) - WEEKDAYS.index(first) == 1 else " to "
        return first.capitalize() + joint + last.capitalize()

    return ", ".join(f"{days(first, last)} {text}" for first, last, text in runs)


def when(moment: datetime, now: datetime) -> str:
    """ "today at 09:00", "tomorrow at 09:00" or "on Monday at 09:00", at the clinic."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return f"today at {_clock(moment)}"
    if days == 1:
        return f"tomorrow at {_clock(moment)}"
    return f"on {moment:%A} at {_clock(moment)}"


def open_status(clinic: Clinic, messages: Dict[str, str], now: datetime) -> Optional[str]:
    """Open now until when, or when it opens next (None when no hours are given)."""
    if not clinic.hours:
        return None
    here = local_time(clinic, now)
    if is_open(clinic, now):
        return messages["open_now"].format(closes=_clock(closes_at(clinic, now)))
    opens = next_opening(clinic, now)
    return messages["closed_now"].format(opens=when(opens, here)) if opens else None


def clinic_lines(purpose: str, clinic: Clinic, messages: Dict[str, str], now: datetime) -> List[str]:
    """The sentences with the clinic's details an answer for ``purpose`` ends with."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}: one of {PURPOSES}")
    label = clinic_label(clinic)
    lines: List[Optional[str]] = []
    if purpose in ("warning", "emergency"):
        if clinic.phone:
            lines.append(messages["warning"].format(clinic=label, phone=clinic.phone))
        if clinic.urgent_care and purpose == "warning":
            lines.append(messages["urgent_care"].format(urgent_care=clinic.urgent_care))
        return [line for line in lines if line]
    if purpose == "location" and clinic.address:
        lines.append(messages["location"].format(clinic=label, address=clinic.address))
    if purpose == "location":
        summary = hours_summary(clinic, messages)
        lines.append(messages["hours"].format(hours=summary) if summary else None)
    reach = ways(clinic, messages, WAYS[purpose])
    if reach:
        lines.append(messages[purpose if purpose != "location" else "human"].format(clinic=label, ways=reach))
    if purpose in ("human", "location"):
        lines.append(open_status(clinic, messages, now))
    lines = [line for line in lines if line]
    return lines or [messages["no_details"]]


def answer_with_details(purpose: str, clinic: Clinic, messages: Dict[str, str], now: datetime) -> Optional[str]:
    """An out-of-scope answer ("booking", "cost", "location") with the clinic's
    details, or None when the clinic gave none (the plain answer is said)."""
    lines = clinic_lines(purpose, clinic, messages, now)
    if lines == [messages["no_details"]]:
        return None
    lead = messages.get(f"lead_{purpose}")
    return "\n".join(([lead] if lead else []) + lines)


def greeting(clinic: Clinic, messages: Dict[str, str]) -> Optional[str]:
    """The greeting with the clinic's name (None: it has none, Rasa's utter_greet is said)."""
    return messages["greeting"].format(clinic=clinic.name) if clinic.name else None


def privacy_notice(clinic: Clinic, messages: Dict[str, str], days: int) -> str:
    """One line: what is kept, for how long, how to delete it, and the clinic's privacy page if it has one."""
    text = messages["privacy_notice"].format(days=days)
    if clinic.privacy_url:
        text += " " + messages["privacy_link"].format(url=clinic.privacy_url)
    return text
