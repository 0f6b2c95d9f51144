"""Symptom triage: is this message a patient describing their own state after a
treatment, and if so, how urgent is it?

Pure functions, no Rasa imports, so the safety-critical part can be tested as
a table (tests/unit/test_triage.py). Every word list and answer text lives in
``knowledge/triage.yml``; this module only reads clauses, negation, the day
and the trend. A missed warning sign is the worst failure, so every doubt is
resolved towards the more urgent level: emergency beats urgent beats expected.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Mapping, Optional, Pattern, Tuple

import yaml

EMERGENCY, URGENT, EXPECTED, UNCLEAR = "emergency", "urgent", "expected", "unclear"
LEVELS = (EMERGENCY, URGENT, EXPECTED)  # levels a sign can have, worst first
GENERAL_SAFETY = "general safety practice"  # the one source that is not an article

_ROOT = Path(__file__).resolve().parent.parent
TRIAGE_FILE = _ROOT / "knowledge" / "triage.yml"
KNOWLEDGE_FILE = _ROOT / "knowledge" / "microneedling.yml"


class TriageError(ValueError):
    """knowledge/triage.yml is inconsistent (unknown level, missing answer, ...)."""


@dataclass(frozen=True)
class Triage:
    level: str  # one of the four
    signs: Tuple[str, ...]  # keys of the signs found (not negated), worst first
    day: Optional[int]  # days since treatment used for the verdict, None if unknown


@dataclass(frozen=True)
class Sign:
    """One sign: what the README table shows and the patterns that find it."""

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
    for level in (EMERGENCY, URGENT, EXPECTED, UNCLEAR):
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
    with open(KNOWLEDGE_FILE, encoding="utf-8") as handle:
        known = frozenset((yaml.safe_load(handle) or {}).get("sources") or {})
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, dict):
        raise TriageError(f"{path}: not a mapping")
    return parse_triage_rules(raw, known)


# --- the day since treatment --------------------------------------------------

_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen".split())}
_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3,
               "few": 3, "several": 4})
_ORDINALS = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth "
                                             "eleventh twelfth thirteenth fourteenth".split())}
_NUM = r"(\d{1,3}|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")"
_UNITS = {"h": 1 / 24, "d": 1, "w": 7, "f": 14, "m": 28}
_AMOUNT = re.compile(_NUM + r"\W*(hours?|hrs?|h|days?|dys?|weeks?|wks?|fortnights?|months?)\b")
_DAY_N = re.compile(r"\bday\W*" + _NUM + r"\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\W+day\b|\b(" + "|".join(_ORDINALS) + r")\W+day\b")
_FIXED = [(re.compile(r"\bday before yesterday\b"), 2), (re.compile(r"\byesterday\b"), 1),
          (re.compile(r"\b(the\W+)?(day|morning)\W+after\b|\bnext\W+(day|morning)\b"), 1),
          (re.compile(r"\blast\W+week\b"), 7), (re.compile(
              r"\b(today|this morning|this afternoon|this evening|tonight|last night|just now|earlier)\b"), 0)]
_NOT_A_TIME = re.compile(r"\b(twice|once|thrice|times|per|every|each)\W+(a\W+)?(day|week)\b")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word]


def day_in_text(text: str) -> Optional[int]:
    """Days since treatment stated in the message ("day 3", "two days ago",
    "yesterday", "a week later", "48 hours"), day 0 being the treatment day.
    When several appear the largest wins: "had it 3 days ago and today it's
    oozing" is day 3, the time since treatment, not the time of noticing."""
    text = _NOT_A_TIME.sub(" ", text.lower().replace("'", "").replace("’", ""))
    days = [_number(m.group(1)) for m in _DAY_N.finditer(text)]
    days += [int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2)] for m in _ORDINAL.finditer(text)]
    days += [int(_number(m.group(1)) * _UNITS[m.group(2)[0]]) for m in _AMOUNT.finditer(text)]
    days += [day for pattern, day in _FIXED if pattern.search(text)]
    return max(days) if days else None


# --- reading the message ----------------------------------------------------------

_SPLIT = re.compile(r"[,;!?\n:()]|(?<!\d)\.|\.(?!\d)|\s[-–—]+\s|\b(?:but|though|although|however|except|"
                    r"whereas|apart from|other than)\b")
_RANK = {EMERGENCY: 0, URGENT: 1, EXPECTED: 2}


def _normalise(text: str, rules: TriageRules) -> str:
    """Lower case without apostrophes ("cant", "its"), letters repeated 3+ times
    cut to two ("sooo"), ellipses as spaces, and hedges ("not sure if") made harmless so they are
    not read as negations."""
    text = re.sub(r"[’‘`']", "", text.lower())
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
    text = re.sub(r"\.{2,}|\u2026", " ", text)  # "my skin is just... different": a pause, not a new clause
    for hedge in rules.cues["hedges"]:
        text = hedge.sub(" unsure ", text)
    return " ".join(text.split())


def _negated(clause: str, start: int, rules: TriageRules) -> bool:
    """A negation cue before the match in the same clause covers it unless a
    scope breaker ("and", "just", ...) or more than a few words come between."""
    before = clause[:start]
    cues = [m for p in rules.cues["negation"] for m in p.finditer(before)]
    if not cues:
        return False
    gap = before[max(m.end() for m in cues):]
    return len(gap.split()) <= rules.negation_window and not any(p.search(gap) for p in rules.cues["scope_breakers"])


def _own_state(clause: str, rules: TriageRules) -> List[int]:
    """Where the clause speaks of the patient's present state: "my", "I" or
    "it's", but not right after will/can/if/do... ("will my skin be red?")."""
    found = []
    for pattern in rules.cues["own_state"]:
        for match in pattern.finditer(clause):
            previous = clause[:match.start()].split()[-1:]
            if not previous or previous[0] not in rules.not_own_after:
                found.append(match.start())
    return found


def _reader(clause: str, rules: TriageRules):
    """Returns counts(match, danger): whether a match in this clause is the
    patient's own, present, non-negated state. Danger signs count unless the
    clause is clearly general or hypothetical before the sign (escalating is
    safer); expected
    signs and vague words also need the clause not to be a question."""
    own_at = _own_state(clause, rules)
    general = [m.start() for p in rules.cues["general"] for m in p.finditer(clause)]
    question = bool(rules.single["question_start"].search(clause))
    normality = bool(rules.single["normality"].search(clause))
    topic = bool(rules.single["topic"].search(clause))
    timed_normality = question and normality and bool(rules.single["timed"].search(clause))

    def counts(match: re.Match, danger: bool) -> bool:
        words_before = " ".join(clause[:match.start()].split()[-4:])
        if _negated(clause, match.start(), rules) or rules.single["hypothetical_before"].search(words_before):
            return False
        # In a question, the patient's own words must come before the sign:
        # "r the needles painful lol im a wimp" asks about the needles.
        own = any(at < match.start() for at in own_at) if question else bool(own_at)
        if own or timed_normality:
            return True
        if danger:  # "can it cause infection?", but not "pus comes out if I press"
            return not (any(at < match.start() for at in general) or (question and normality))
        return not (general or question or topic)

    return counts


def _found(clause: str, patterns, counts, danger: bool) -> bool:
    return any(counts(m, danger) for p in patterns for m in p.finditer(clause))


def _before_any_treatment(text: str, rules: TriageRules) -> bool:
    """The message asks about having the treatment and says nothing of one had."""
    lowered = _normalise(text, rules)
    return bool(rules.single["prospective"].search(lowered)) and not rules.single["after_treatment"].search(lowered)


def triage(text: str, rules: TriageRules, day: Optional[int] = None) -> Optional[Triage]:
    """Sorts a message into emergency / urgent / expected / unclear, or None
    when it is not a report of the patient's own state (a general question
    for the FAQ). ``day`` is the caller's days since treatment; a day stated
    in the message wins."""
    found: List[str] = []
    trend = lasting = vague = False
    for clause in filter(str.strip, _SPLIT.split(_normalise(text, rules))):
        counts = _reader(clause, rules)
        found += [s.key for s in rules.signs if _found(clause, s.patterns, counts, s.level != EXPECTED)]
        trend = trend or _found(clause, rules.cues["trend"], counts, False)
        lasting = lasting or _found(clause, rules.cues["lasting"], counts, False)
        vague = vague or _found(clause, rules.cues["vague"], counts, False)
    stated = day_in_text(text)
    when = stated if stated is not None else day
    if _before_any_treatment(text, rules) and stated is None:
        # Asking whether to have it ("so nervous, I nearly passed out getting my
        # ears pierced, does it hurt?"): only a danger to breathing counts.
        found = [key for key in found if key in rules.always_signs]
        trend = lasting = vague = False
    keys = set(found)
    expected = [s for s in rules.signs if s.key in keys and s.level == EXPECTED]
    if trend:
        keys.add("worsening")
    if expected and ((when is not None and any(when > s.max_day for s in expected)) or (lasting and when is None)):
        keys.add("lasting")
    keys.update(c.key for c in rules.combinations if set(c.all_of) <= keys)
    if not keys:
        return Triage(UNCLEAR, (), when) if (vague or lasting) else None
    order = rules.all_signs()
    signs = sorted((s for s in order if s.key in keys), key=lambda s: (_RANK[s.level], order.index(s)))
    return Triage(signs[0].level, tuple(s.key for s in signs), when)


def answer(result: Triage, rules: TriageRules) -> Answer:
    """The answer text (and its sources) for a verdict."""
    return rules.answers[result.level]
