"""The clinic's own details, read from ``clinic.yml`` (top level; ``CLINIC_FILE`` overrides).

The file is read again whenever it changes, so a clinic edits its phone
number or hours without retraining or restarting anything. Every field may be
empty: an answer leaves out what the clinic has not given. Opening hours are
pure data here: ``is_open`` and ``next_opening`` take the time as an argument.
No Rasa imports, so it is tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Dict, Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from knowledge import settings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TEXT_FIELDS = ("name", "phone", "email", "booking_url", "address", "privacy_url", "urgent_care")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class ClinicError(ValueError):
    """clinic.yml is not as README "Make it your clinic's" describes (the message says which field)."""


@dataclass(frozen=True)
class Clinic:
    """The clinic's details; empty strings for what it has not given."""

    name: str = ""
    phone: str = ""
    email: str = ""
    booking_url: str = ""
    address: str = ""
    privacy_url: str = ""
    urgent_care: str = ""
    timezone: str = ""
    # How long conversations are kept (privacy/retention.py); None: RETENTION_DAYS or 30.
    retention_days: Optional[int] = None
    # weekday (0 = Monday) -> (opens, closes); a day missing is a closed day.
    hours: Dict[int, Tuple[time, time]] = field(default_factory=dict)

    @property
    def zone(self) -> Optional[ZoneInfo]:
        return ZoneInfo(self.timezone) if self.timezone else None


DEFAULT_RETENTION_DAYS = 30


def retention_days() -> int:
    """``RETENTION_DAYS``, else clinic.yml's ``retention_days``, else 30; at least 1."""
    value = settings.retention_days_env() or str(load_clinic().retention_days or DEFAULT_RETENTION_DAYS)
    try:
        days = int(value)
    except ValueError as error:
        raise ValueError(f"RETENTION_DAYS must be a whole number of days, not {value!r}") from error
    if days < 1:
        raise ValueError(f"RETENTION_DAYS must be at least 1, not {days}")
    return days


def _parse_hours(day: str, value: object) -> Optional[Tuple[time, time]]:
    if value is None or str(value).strip().lower() in ("", "closed"):
        return None
    found = _HOURS.match(str(value))
    if not found:
        raise ClinicError(f'clinic.yml: hours.{day} is {value!r}; write "09:00-18:00" or closed.')
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    try:
        opens, closes = time(h1, m1), time(h2, m2)
    except ValueError as error:
        raise ClinicError(f"clinic.yml: hours.{day} is {value!r}: {error}.") from error
    if closes <= opens:
        raise ClinicError(f"clinic.yml: hours.{day} closes ({value!r}) before it opens.")
    return opens, closes


def parse_clinic(data: object) -> Clinic:
    """A Clinic from the file's mapping; ClinicError for what is malformed."""
    if data is None:
        return Clinic()
    if not isinstance(data, dict):
        raise ClinicError("clinic.yml must be a mapping of fields (name, phone, hours...).")
    unknown = set(data) - set(TEXT_FIELDS) - {"hours", "timezone", "retention_days"}
    if unknown:
        raise ClinicError(f"clinic.yml: unknown field(s) {', '.join(sorted(unknown))}.")
    texts = {name: str(data.get(name) or "").strip() for name in TEXT_FIELDS}
    zone = str(data.get("timezone") or "").strip()
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ClinicError(f"clinic.yml: timezone {zone!r} is not an IANA name like Europe/London.") from error
    raw_hours = data.get("hours") or {}
    if not isinstance(raw_hours, dict):
        raise ClinicError("clinic.yml: hours must map weekdays (monday...) to opening hours.")
    unknown_days = set(map(str, raw_hours)) - set(WEEKDAYS)
    if unknown_days:
        raise ClinicError(f"clinic.yml: hours has unknown day(s) {', '.join(sorted(unknown_days))}.")
    hours = {}
    for number, day in enumerate(WEEKDAYS):
        parsed = _parse_hours(day, raw_hours.get(day))
        if parsed:
            hours[number] = parsed
    retention = data.get("retention_days")
    if retention is not None and (isinstance(retention, bool) or not isinstance(retention, int) or retention < 1):
        raise ClinicError(f"clinic.yml: retention_days must be a whole number of days (1 or more), not {retention!r}.")
    return Clinic(timezone=zone, hours=hours, retention_days=retention, **texts)


_cache: Dict[Path, Tuple[float, Clinic]] = {}


def load_clinic(path: Optional[Path] = None) -> Clinic:
    """The clinic's details, read again only when the file changed. A missing
    file is a clinic that has given nothing (answers say "contact the clinic")."""
    path = Path(path) if path else settings.clinic_file()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return Clinic()
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    clinic = parse_clinic(yaml.safe_load(path.read_text(encoding="utf-8")))
    _cache[path] = (stamp, clinic)
    return clinic


def local_time(clinic: Clinic, now: datetime) -> datetime:
    """``now`` (timezone-aware) at the clinic."""
    return now.astimezone(clinic.zone) if clinic.zone else now


def is_open(clinic: Clinic, now: datetime) -> bool:
    """Whether the clinic is open at ``now``."""
    here = local_time(clinic, now)
    today = clinic.hours.get(here.weekday())
    return bool(today) and today[0] <= here.time() < today[1]


def closes_at(clinic: Clinic, now: datetime) -> Optional[datetime]:
    """When it closes today, if it is open now."""
    if not is_open(clinic, now):
        return None
    here = local_time(clinic, now)
    return datetime.combine(here.date(), clinic.hours[here.weekday()][1], tzinfo=here.tzinfo)


def next_opening(clinic: Clinic, now: datetime) -> Optional[datetime]:
    """The next time it opens after ``now`` (None: no hours given)."""
    here = local_time(clinic, now)
    for ahead in range(8):
        day = here.date() + timedelta(days=ahead)
        hours = clinic.hours.get(day.weekday())
        if not hours:
            continue
        opens = datetime.combine(day, hours[0], tzinfo=here.tzinfo)
        if opens > here:
            return opens
    return None
