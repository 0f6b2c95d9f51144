"""Symptom triage: is this message a patient describing their own state after a
treatment, and if so, how urgent is it?

Pure functions, no Rasa imports, so the safety-critical part can be tested as
a table (tests/unit/test_triage.py). Every word list and answer text lives in
``knowledge/triage.yml``; this module only reads clauses, negation, the day
and the trend. A missed warning sign is the worst failure, so every doubt is
resolved towards the more urgent level: emergency beats urgent beats expected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

# The table and its loader (re-exported: callers import them from here).
from knowledge.triage_rules import (  # noqa: F401
    EMERGENCY,
    EXPECTED,
    TRIAGE_FILE,
    UNCLEAR,
    URGENT,
    Answer,
    TriageError,
    TriageRules,
    load_triage_rules,
    parse_triage_rules,
)


@dataclass(frozen=True)
class Triage:
    level: str  # one of the four
    signs: Tuple[str, ...]  # keys of the signs found (not negated), worst first
    day: Optional[int]  # days since treatment used for the verdict, None if unknown


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


def _reader(clause: str, rules: TriageRules, asked: bool = False):
    """Returns counts(match, danger): whether a match in this clause is the
    patient's own, present, non-negated state. Danger signs count unless the
    clause is clearly general or hypothetical before the sign (escalating is
    safer); expected
    signs and vague words also need the clause not to be a question."""
    own_at = _own_state(clause, rules)
    general = [m.start() for p in rules.cues["general"] for m in p.finditer(clause)]
    question = asked or bool(rules.single["question_start"].search(clause))
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
    # "sore?", "bleeding??", "dry skin?": a word or two asked about is a question (an
    # expected sign then needs the patient's own words; a danger sign still counts).
    asked = len(text.split()) <= 3 and text.strip().endswith("?")
    for clause in filter(str.strip, _SPLIT.split(_normalise(text, rules))):
        counts = _reader(clause, rules, asked)
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
