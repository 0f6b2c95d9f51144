"""The triage table (knowledge/triage.yml), read and checked: signs with their
levels and sources, the cues the reader uses, the four answers.

Loaded once and cached; every source key must be an article of the knowledge
file (or general safety practice), so every answer stays traceable. The
reading of messages is knowledge/triage.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Mapping, Optional, Pattern, Tuple

import yaml

from knowledge.answers import load_knowledge
from knowledge.settings import TRIAGE_FILE

EMERGENCY, URGENT, EXPECTED, UNCLEAR = "emergency", "urgent", "expected", "unclear"
LEVELS = (EMERGENCY, URGENT, EXPECTED)  # levels a sign can have, worst first
# The advice again, to a next message about the same problem ("it's calmed down, do I still need to go in?").
EMERGENCY_AGAIN, URGENT_AGAIN = "emergency_again", "urgent_again"
AGAIN = (EMERGENCY_AGAIN, URGENT_AGAIN)
GENERAL_SAFETY = "general safety practice"  # the one source that is not an article



class TriageError(ValueError):
    """knowledge/triage.yml is inconsistent (unknown level, missing answer, ...)."""


@dataclass(frozen=True)
class Sign:
    """One sign: what the table of docs/triage.md shows and the patterns that find it."""

    key: str
    level: str
    label: str
    sources: Tuple[str, ...]
    patterns: Tuple[Pattern[str], ...] = ()
    max_day: Optional[int] = None  # expected signs: urgent from the day after this
    all_of: Tuple[str, ...] = ()  # combinations: the signs that must occur together


@dataclass(frozen=True)
class Answer:
    text: str
    sources: Tuple[str, ...]


@dataclass(frozen=True)
class TriageRules:
    """The parsed, checked and compiled knowledge/triage.yml."""

    signs: Tuple[Sign, ...]
    combinations: Tuple[Sign, ...]
    escalations: Mapping[str, Sign]  # "worsening" and "lasting"
    cues: Mapping[str, Tuple[Pattern[str], ...]]
    single: Mapping[str, Pattern[str]]  # question_start, normality, topic, ..., prospective, after_treatment
    not_own_after: FrozenSet[str]
    always_signs: FrozenSet[str]  # count even in a message about a treatment not yet had
    negation_window: int
    answers: Mapping[str, Answer]

    def all_signs(self) -> Tuple[Sign, ...]:
        return self.signs + self.combinations + tuple(self.escalations.values())

    def sign(self, key: str) -> Sign:
        return next(s for s in self.all_signs() if s.key == key)


def _compile(pattern: str, where: str) -> Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise TriageError(f"{where}: bad pattern {pattern!r}: {err}") from None


def _sources(value, known: FrozenSet[str], where: str) -> Tuple[str, ...]:
    keys = (value,) if isinstance(value, str) else tuple(value or ())
    if not keys:
        raise TriageError(f"{where}: lists no source")
    unknown = [k for k in keys if k not in known and k != GENERAL_SAFETY]
    if unknown:
        raise TriageError(f"{where}: unknown source {unknown} (use keys of microneedling.yml `sources` "
                          f"or {GENERAL_SAFETY!r})")
    return keys


def _sign(key: str, raw: dict, known: FrozenSet[str], where: str) -> Sign:
    level = raw.get("level")
    if level not in LEVELS:
        raise TriageError(f"{where} {key}: unknown level {level!r} (expected one of {LEVELS})")
    max_day = raw.get("max_day")
    if level == EXPECTED and not isinstance(max_day, int):
        raise TriageError(f"{where} {key}: an expected sign needs an integer max_day")
    patterns = tuple(_compile(p, f"{where} {key}") for p in raw.get("patterns") or ())
    if where == "sign" and not patterns:
        raise TriageError(f"sign {key}: has no patterns")
    return Sign(key, level, str(raw.get("label") or key), _sources(raw.get("source"), known, f"{where} {key}"),
                patterns, max_day, tuple(raw.get("all_of") or ()))


def parse_triage_rules(raw: dict, known_sources: FrozenSet[str]) -> TriageRules:
    """Builds and checks :class:`TriageRules` from the parsed YAML mapping."""
    signs = tuple(_sign(k, v, known_sources, "sign") for k, v in (raw.get("signs") or {}).items())
    keys = {s.key for s in signs}
    combos = tuple(_sign(k, v, known_sources, "combination") for k, v in (raw.get("combinations") or {}).items())
    for combo in combos:
        if not combo.all_of or not set(combo.all_of) <= keys:
            raise TriageError(f"combination {combo.key}: all_of must name known signs, got {combo.all_of}")
    escalations = {k: _sign(k, v, known_sources, "escalation") for k, v in (raw.get("escalations") or {}).items()}
    if set(escalations) != {"worsening", "lasting"}:
        raise TriageError("escalations: need exactly 'worsening' and 'lasting'")
    cues = raw.get("cues") or {}
    lists = ("hedges", "negation", "scope_breakers", "trend", "lasting", "own_state", "general", "vague")
    singles = ("question_start", "normality", "topic", "hypothetical_before", "timed", "prospective", "after_treatment")
    missing = [name for name in lists + singles + ("not_own_after",) if not cues.get(name)]
    if missing:
        raise TriageError(f"cues: missing {missing}")
    answers: Dict[str, Answer] = {}
    for level in (EMERGENCY, URGENT, EXPECTED, UNCLEAR) + AGAIN:
        entry = (raw.get("answers") or {}).get(level) or {}
        if not entry.get("text"):
            raise TriageError(f"answers: missing the {level} answer text")
        answers[level] = Answer(" ".join(str(entry["text"]).split()),
                                _sources(entry.get("sources"), known_sources, f"answer {level}"))
    extra = set(raw.get("answers") or {}) - set(answers)
    if extra:
        raise TriageError(f"answers: unknown levels {sorted(extra)}")
    return TriageRules(
        signs=signs, combinations=combos, escalations=escalations,
        cues={name: tuple(_compile(p, f"cues {name}") for p in cues[name]) for name in lists},
        single={name: _compile(cues[name], f"cues {name}") for name in singles},
        not_own_after=frozenset(str(w).lower() for w in cues["not_own_after"]),
        always_signs=frozenset(str(k) for k in cues.get("always_signs") or ()),
        negation_window=int(cues.get("negation_window", 5)), answers=answers)


@functools.lru_cache(maxsize=None)
def load_triage_rules(path: Path = TRIAGE_FILE) -> TriageRules:
    """Reads and checks the triage file once; source keys are checked against
    knowledge/microneedling.yml so every answer stays traceable to an article."""
    known = frozenset(load_knowledge().sources)
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, dict):
        raise TriageError(f"{path}: not a mapping")
    return parse_triage_rules(raw, known)
