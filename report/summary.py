"""What patients asked, from the stored events: plain data in, plain data out.

One pass over each conversation's events; every user message is read with
the bot's next action, so "ended in did you mean" is what the patient saw,
not a guess from confidences.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Dict, Iterable, List, Optional, Tuple

from knowledge import names

AFTERCARE_INTENTS = (names.ASK_AFTERCARE, names.ASK_AFTERCARE_PLAN)
# The bot's next action, or the intent, that means the question went unanswered.
DID_YOU_MEAN = "did you mean"
FALLBACK = "fallback"
OTHER_LANGUAGE = "other language"
OUT_OF_SCOPE = "outside what it knows"
UNANSWERED_ACTIONS = {names.ACTION_DID_YOU_MEAN: DID_YOU_MEAN, names.ACTION_DEFAULT_FALLBACK: FALLBACK,
                      names.UTTER_REPHRASE: FALLBACK}
UNANSWERED_TOPICS = {names.NLU_FALLBACK: FALLBACK, names.OTHER_LANGUAGE: OTHER_LANGUAGE, "out_of_scope/other": OUT_OF_SCOPE}


@dataclass
class Report:
    """The figures of the report; counters keyed by what a clinic reads."""

    since: Optional[date] = None
    until: Optional[date] = None
    conversations_per_day: Counter = field(default_factory=Counter)
    messages_per_day: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    # (kind, verbatim question) -> how many times
    unanswered: Counter = field(default_factory=Counter)
    # (answer, question) -> how many 👎
    thumbs_down: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    warning_signs: Counter = field(default_factory=Counter)
    callbacks: Counter = field(default_factory=Counter)

    @property
    def conversations(self) -> int:
        return sum(self.conversations_per_day.values())

    @property
    def messages(self) -> int:
        return sum(self.messages_per_day.values())


def topic_of(parse_data: dict) -> str:
    """"faq/pain", "aftercare/makeup", or the intent ("greet")."""
    intent = parse_data.get("intent") or {}
    name = intent.get("name") or "unknown"
    if intent.get("full_retrieval_intent_name"):
        return intent["full_retrieval_intent_name"]
    entities = {e.get("entity"): e.get("value") for e in parse_data.get("entities") or []}
    if name in AFTERCARE_INTENTS and entities.get(names.AFTERCARE_TOPIC):
        return f"aftercare/{entities['aftercare_topic']}"
    if name == names.CHOOSE_TOPIC and entities.get(names.TOPIC):
        return f"{names.FAQ}/{entities[names.TOPIC]}"
    return name


def _next_action(events: List[dict], index: int) -> Optional[str]:
    for event in events[index + 1:]:
        if event.get("event") == "user":
            return None
        if event.get("event") == "action" and event.get("name") != names.ACTION_LISTEN:
            return event.get("name")
    return None


def _day(timestamp: float, zone: Optional[tzinfo]) -> date:
    return datetime.fromtimestamp(timestamp, zone).date()


def add_conversation(report: Report, events: List[dict], zone: Optional[tzinfo] = None) -> None:
    """Adds one conversation's events (in order) to ``report``."""
    days = set()
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "user":
            parse_data = event.get("parse_data") or {}
            intent = (parse_data.get("intent") or {}).get("name")
            if intent == names.FEEDBACK:
                continue  # a vote, counted from its slot
            day = _day(event.get("timestamp") or 0, zone)
            days.add(day)
            report.messages_per_day[day] += 1
            topic = topic_of(parse_data)
            report.topics[topic] += 1
            if intent == names.REPORT_SYMPTOM:
                level = (parse_data.get(names.TRIAGE) or {}).get("level") or "unclear"
                report.warning_signs[level] += 1
            text = (event.get("text") or "").strip()
            answered_by = _next_action(events, index) or ""
            # A form's answer ("07700 900123" at the call-back's question) is not a question.
            in_form = answered_by.endswith("_form")
            outcome = UNANSWERED_ACTIONS.get(answered_by) or (None if in_form else UNANSWERED_TOPICS.get(topic))
            if outcome and text and not text.startswith("/"):
                report.unanswered[(outcome, text)] += 1
        elif kind == "slot" and event.get("name") == names.FEEDBACK_SLOT and isinstance(event.get("value"), dict):
            vote = event["value"]
            report.votes[vote.get("vote")] += 1
            if vote.get("vote") == "down":
                report.thumbs_down[(vote.get("answer") or "?", vote.get("question") or "")] += 1
        elif kind == "active_loop" and event.get("name") == names.CALLBACK_FORM:
            report.callbacks["asked for"] += 1
        elif kind == "slot" and event.get("name") == names.CALLBACK_CONSENT and event.get("value") is True:
            report.callbacks["consented (sent to the clinic)"] += 1
    for day in days:
        report.conversations_per_day[day] += 1


def summarise(conversations: Iterable[Tuple[str, List[dict]]], zone: Optional[tzinfo] = None,
              since: Optional[date] = None, until: Optional[date] = None) -> Report:
    """The report over every conversation."""
    report = Report(since=since, until=until)
    for _, events in conversations:
        add_conversation(report, events, zone)
    return report


def unanswered_by_kind(report: Report) -> Dict[str, List[Tuple[str, int]]]:
    """The unanswered questions of each kind, most asked first."""
    kinds: Dict[str, List[Tuple[str, int]]] = {}
    for (kind, text), count in sorted(report.unanswered.items(), key=lambda item: (-item[1], item[0])):
        kinds.setdefault(kind, []).append((text, count))
    return kinds
