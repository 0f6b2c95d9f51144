"""Claims to check: "I read that makeup is fine the same evening, right?".

Someone repeats what they heard about an aftercare rule and asks whether it is
true. The answer is the articles' rule, saying plainly whether the claim
matches it. Pure functions: a claim is recognised by how it is said (heard,
read, told, "right?"), then read as a *permission* at a time ("X is fine after
2 days") or a *prohibition* for a time ("no X for 2 weeks"), and compared with
the rule's waiting time. A claim that waits at least as long as the articles
say matches them; one that allows something sooner does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from knowledge.answers import AftercareRule
from knowledge.moments import NUMBER, number_value

CLAIM_CUES = re.compile(
    r"\b(i (?:read|heard|saw)|read (?:that|somewhere|online)|heard|someone (?:said|says|told)|"
    r"(?:my|a|the|her|his) [\w ]{1,20}? (?:said|says|told me|reckons)|i was told|i've been told|"
    r"(?:was|were) told|apparently|supposedly|is it true|is that (?:right|true|correct)|is (?:she|he|they) right|"
    r"(?:right|true|correct|yeah)\s*[?.!]*\s*$|isn'?t it\s*[?.!]*\s*$|tiktok|instagram|a blog|online|google)"
    # Checking what one understood: "so I should never pick at it?"
    r"|^\s*so (?:i|you|we) (?:should|can|have to|must|need to|shouldn'?t|can'?t)\b", re.I)

# Said of the activity: allowed, or not.
PROHIBITION = re.compile(
    r"\b(no|not|never|don'?t|do not|shouldn'?t|should not|can'?t|cannot|must not|mustn'?t|avoid|stay out of|"
    r"stay away from|wait|skip(?:ping)? (?:the )?(?:gym|workout|makeup))\b", re.I)
# "skip sunscreen" and "go without sunscreen" allow the sun: a permission.
SKIP_PROTECTION = re.compile(r"\b(skip|without|no need for|ditch|stop)\b.{0,15}\b(sunscreen|spf|sun ?cream)\b", re.I)

_UNIT_HOURS = {"hour": 1, "hr": 1, "h": 1, "day": 24, "night": 24, "week": 168, "fortnight": 336, "month": 672}
_AMOUNT = re.compile(rf"\b{NUMBER}\s*(hours?|hrs?|h|days?|nights?|weeks?|fortnights?|months?)\b", re.I)
_DAY_N = re.compile(r"\bday (\d+)\b", re.I)
_FIXED = [
    (re.compile(r"\b(same (evening|night|day)|that (evening|night)|straight away|right away|immediately|tonight)\b", re.I), 0),
    (re.compile(r"\b(next day|the day after|tomorrow)\b", re.I), 24),
    (re.compile(r"\b(first|1st) day\b", re.I), 0),
    (re.compile(r"\ba (full )?day\b", re.I), 24),
    (re.compile(r"\ba (full )?week\b", re.I), 168),
    (re.compile(r"\ba fortnight\b", re.I), 336),
]


@dataclass(frozen=True)
class Claim:
    """What a claim says: ``allows`` (True: the activity is fine at ``hours``;
    False: it is not allowed for ``hours``), ``hours`` after the treatment or None."""

    allows: bool
    hours: Optional[int]


def claimed_hours(text: str) -> Optional[int]:
    """The time a claim names, in hours after the treatment ("after 2 days": 48)."""
    found = _AMOUNT.search(text)
    if found:
        unit = found.group(2).lower().rstrip("s")
        return number_value(found.group(1)) * _UNIT_HOURS[unit]
    found = _DAY_N.search(text)
    if found:
        return int(found.group(1)) * 24
    return next((hours for pattern, hours in _FIXED if pattern.search(text)), None)


def read_claim(text: str) -> Optional[Claim]:
    """The claim in ``text``, or None when it is not said as something heard."""
    if not CLAIM_CUES.search(text):
        return None
    allows = bool(SKIP_PROTECTION.search(text)) or not PROHIBITION.search(text)
    return Claim(allows=allows, hours=claimed_hours(text))


def matches(claim: Claim, rule: AftercareRule) -> bool:
    """Whether the claim agrees with the rule (the articles' waiting time)."""
    if rule.wait_hours is None:  # never: only "don't" matches
        return not claim.allows
    if rule.wait_hours == 0:  # from the start: only "it's fine" matches
        return claim.allows
    if claim.allows:
        return claim.hours is not None and claim.hours >= rule.wait_hours
    return claim.hours is None or claim.hours >= rule.wait_hours
