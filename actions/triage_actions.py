"""Symptoms and conditions the articles don't cover: thin actions over
knowledge/triage.py and knowledge/not_covered.py.

A symptom report is triaged again here, with the remembered treatment day
when the message gives none ("still red" means something else on day 10 than
on day 1); a treatment date the message gives is remembered. Emergency and
urgent answers stand alone: no aftercare advice that could delay care; only a
standing restriction the message asks about follows a warning sign ("can I
pop the whitehead?": don't pick), as it can't read as leave to carry on.
Ordinary healing is reassured, and the message's other questions are answered
after it.

After an emergency or urgent answer, the next messages about the same problem
come here too (components/thread_policy.py): the level is held ("it's calmed
down a little, do I still need to go in?" gets the advice again, first), and
only a worse sign changes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_actions import clinic_contact
from actions.nlu_ranking import candidate_topics
from actions.question_actions import answer_other_parts
from actions.slots import remembered_treatment
from actions.topic_actions import offer_topics
from knowledge import names, settings
from knowledge.aftercare_text import find_rule, general_answer
from knowledge.answers import AftercareRule, load_knowledge
from knowledge.moments import When, start_of_day
from knowledge.not_covered import Condition, answer as not_covered_answer, find_conditions, load_not_covered
from knowledge.render import TRIAGE_RESPONSES
from knowledge.thread import HEALING, NOT_COVERED, WARNING, LastAnswer
from knowledge.treatment_dates import split_treatment_and_target, to_slot
from knowledge.triage import EMERGENCY, EXPECTED, UNCLEAR, URGENT, load_triage_rules, triage

ESCALATED = (EMERGENCY, URGENT)


class ActionTriage(Action):
    """Answers a description of how the skin or body is after treatment."""

    def name(self) -> Text:
        return names.ACTION_TRIAGE

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        now = settings.now()
        text = tracker.latest_message.get("text") or ""
        events: List[EventType] = []
        treated = remembered_treatment(tracker, now)
        said = treatment_said(text, now)
        if said and (treated is None or said.day != treated.day):
            treated = said  # "had it 3 hours ago and it feels warm": kept for what comes next
            events.append(SlotSet(names.TREATMENT_DATE, to_slot(said)))
        day = (now.date() - treated.day).days if treated and not treated.is_future(now) else None
        found = triage(text, load_triage_rules(), day)
        if treated is None and found is not None and found.day is not None and found.day >= 0:
            # "day 3 and slight flaking": the treatment was 3 days ago, kept for the next questions
            treated = When(f"day {found.day}", start_of_day(now.date() - timedelta(days=found.day), now), False)
            events.append(SlotSet(names.TREATMENT_DATE, to_slot(treated)))
        # The model took it for a symptom but no sign is known: ask, never reassure.
        level = found.level if found else UNCLEAR
        held = held_level(tracker)
        response_level = level
        if held and _RANK[held] <= _RANK[level]:
            level, response_level = held, f"{held}_again"  # the same problem: the advice again, first
        events.append(SlotSet(names.LAST_ANSWER, thread_of(level)))
        # An emergency or a warning sign: the clinic's phone in the same message (and urgent
        # care for a warning sign), so no channel can split the advice from it.
        contact = clinic_contact(level) if level in ESCALATED else {}
        dispatcher.utter_message(response=TRIAGE_RESPONSES[response_level], **contact)
        table = load_not_covered()
        conditions = find_conditions(tracker.latest_message.get("text") or "", table)
        if conditions and level != EMERGENCY:
            dispatcher.utter_message(text=not_covered_answer(conditions, table))
        if level == URGENT:
            for rule in standing_rules_named(tracker):
                dispatcher.utter_message(text=general_answer(load_knowledge(), rule))
        if level == EXPECTED:
            return events + answer_other_parts(dispatcher, tracker, set(), domain=domain)
        return events


# Worst first: a held level gives way only to a worse one.
_RANK = {EMERGENCY: 0, URGENT: 1, EXPECTED: 2, UNCLEAR: 3}


def held_level(tracker: Tracker) -> Optional[str]:
    """The emergency or urgent level of the last answer, if it was a warning."""
    last = LastAnswer.read(tracker.get_slot(names.LAST_ANSWER))
    return last.key if last and last.kind == WARNING and last.key in ESCALATED else None


def thread_of(level: str) -> str:
    """The slot ``last_answer`` after a triage answer."""
    if level in ESCALATED:
        return LastAnswer(WARNING, level).value
    return LastAnswer(HEALING if level == EXPECTED else UNCLEAR).value


def treatment_said(text: str, now: datetime) -> Optional[When]:
    """A past treatment the message dates ("had it done 3 hours ago"), if any."""
    try:
        return split_treatment_and_target(text, [], now).treatment
    except ValueError:
        return None


def standing_rules_named(tracker: Tracker) -> List[AftercareRule]:
    """The rules that never expire ("don't pick") the latest message names, each once."""
    knowledge, rules = load_knowledge(), []
    for entity in tracker.latest_message.get("entities") or []:
        rule = find_rule(knowledge, str(entity.get("value") or "")) if entity.get("entity") == names.AFTERCARE_TOPIC else None
        if rule is not None and rule.wait_hours is None and rule not in rules:
            rules.append(rule)
    return rules


class ActionNotCovered(Action):
    """Says the articles don't cover a condition, what they do say, and who can advise."""

    def name(self) -> Text:
        return names.ACTION_NOT_COVERED

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        table = load_not_covered()
        conditions: List[Condition] = find_conditions(tracker.latest_message.get("text") or "", table)
        if not conditions:
            # "what about once I finish the course?": the condition of the last answer.
            last = LastAnswer.read(tracker.get_slot(names.LAST_ANSWER))
            keys = last.key.split(",") if last is not None and last.kind == NOT_COVERED else []
            conditions = [c for c in table.conditions if c.key in keys]
        if conditions:
            dispatcher.utter_message(text=not_covered_answer(conditions, table))
            return [SlotSet(names.LAST_ANSWER, LastAnswer(NOT_COVERED, ",".join(c.key for c in conditions)).value)]
        # The model's guess alone, with no condition the table knows: "did you mean".
        knowledge = load_knowledge()
        topics = candidate_topics(tracker.latest_message, knowledge.topics) or list(knowledge.menu_topics)
        offer_topics(dispatcher, knowledge, topics)
        return []
