"""Several questions in one message, each answered in order in one turn.

The NLU pipeline lists a message's questions under ``parts`` of the parse data
(components/message_parts.py), each with its intent and its FAQ answer or
aftercare rule; the message's own intent and answer are the first question's.
The action that answers the first question (an FAQ, an out-of-scope question or
the aftercare answer) then calls ``answer_other_parts`` for the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional, Set, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_actions import offer_feedback
from actions.slots import remembered_treatment
from knowledge import names, settings
from knowledge.aftercare_text import after_answer, find_rule, general_answer, timed_answer
from knowledge.answers import Knowledge, load_knowledge
from knowledge.clinic import load_clinic
from knowledge.clinic_text import answer_with_details
from knowledge.moments import When
from knowledge.time_after_treatment import find_after
from knowledge.treatment_dates import Mentioned, split_treatment_and_target, to_slot

# Out-of-scope answers said with the clinic's own details (clinic.yml) when it gave them.
CLINIC_ANSWERS = ("booking", "cost", "location")


def selected_key(parse_data: Dict[str, Any], intent: str) -> Optional[str]:
    """The answer the selector gives the message for a retrieval intent
    (what ``utter_faq`` or ``utter_out_of_scope`` would say), e.g. "pain"."""
    selector = (parse_data.get(names.RESPONSE_SELECTOR) or {}).get(intent) or {}
    key = str((selector.get("response") or {}).get(names.INTENT_RESPONSE_KEY) or "")
    return key.split("/", 1)[1] if key.startswith(intent + "/") else None


def part_answer(part: Dict[str, Any]) -> Optional[Tuple[str, str]]:
    """(kind, key) of what answers one part: (retrieval intent, its answer's
    key), e.g. ("faq", "pain"), or ("rule", rule key)."""
    if part.get("intent") == names.ASK_AFTERCARE and part.get("rule"):
        return "rule", str(part["rule"])
    intent, key = part.get("intent"), str(part.get("response_key") or "")
    if intent in names.RETRIEVAL_INTENTS and key.startswith(f"{intent}/"):
        return intent, key.split("/", 1)[1]
    return None


def _times(text: str, now: datetime) -> Mentioned:
    try:
        return split_treatment_and_target(text, [], now)
    except ValueError:
        return Mentioned()


def rule_text(knowledge: Knowledge, rule_key: str, part_text: str, treated: Optional[When], now: datetime) -> str:
    """One aftercare rule's answer for a part of a message: the verdict for the
    time that part asks about when the treatment date is known, else the rule."""
    rule = find_rule(knowledge, rule_key)
    if rule is None:
        raise KeyError(f"no aftercare rule {rule_key!r} in the knowledge file")
    mentioned = _times(part_text, now)
    after = find_after(part_text)
    if treated is None:
        return after_answer(knowledge, rule, after) if after else general_answer(knowledge, rule)
    at = mentioned.target.moment if mentioned.target else now
    if after:
        at = after.moment(treated)
    return timed_answer(knowledge, rule, treated, at, now)


def parts_of(tracker: Tracker) -> List[Dict[str, Any]]:
    """The questions of the latest message, when it asks several (else [])."""
    parts = tracker.latest_message.get(names.PARTS) or []
    return parts if len(parts) >= 2 else []


def say_answer(dispatcher: CollectingDispatcher, intent: str, key: str) -> None:
    """A retrieval answer ("utter_faq/pain"); booking, prices and location with
    the clinic's own details when clinic.yml gives them (read now: no retraining)."""
    if intent == names.OUT_OF_SCOPE and key in CLINIC_ANSWERS:
        text = answer_with_details(key, load_clinic(), load_knowledge().clinic_messages, settings.now())
        if text:
            dispatcher.utter_message(text=text)
            return
    dispatcher.utter_message(response=names.retrieval_response(intent, key))


def answer_other_parts(dispatcher: CollectingDispatcher, tracker: Tracker,
                       answered: Set[Tuple[str, str]], first: int = 1) -> List[EventType]:
    """Answers the message's questions from the ``first`` on (the first
    question's answer is usually said by the caller already), in order, each
    once; remembers a treatment date said in the message. ``answered``: what
    the calling action has said already."""
    parts = parts_of(tracker)
    if not parts:
        return []
    knowledge, now = load_knowledge(), settings.now()
    events: List[EventType] = []
    treated = remembered_treatment(tracker, now)
    said = _times(tracker.latest_message.get("text") or "", now)
    if said.treatment and (treated is None or said.treatment.day != treated.day):
        treated = said.treatment
        events.append(SlotSet(names.TREATMENT_DATE, to_slot(treated)))
    done = set(answered)
    for part in parts[first:]:
        answer = part_answer(part)
        if answer is None or answer in done:
            continue
        done.add(answer)
        kind, key = answer
        if kind in names.RETRIEVAL_INTENTS:
            say_answer(dispatcher, kind, key)
        else:
            dispatcher.utter_message(text=rule_text(knowledge, key, part["text"], treated, now))
    return events


class ActionAnswerQuestion(Action):
    """Answers an FAQ or out-of-scope question as ``utter_faq`` or
    ``utter_out_of_scope`` would, then the message's other questions."""

    def name(self) -> Text:
        return names.ACTION_ANSWER_QUESTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        intent = intent if intent in names.RETRIEVAL_INTENTS else names.FAQ
        key = selected_key(tracker.latest_message, intent)
        if key is None:
            dispatcher.utter_message(response=names.UTTER_REPHRASE)  # the selector gave no answer
            return []
        say_answer(dispatcher, intent, key)
        events = answer_other_parts(dispatcher, tracker, {(intent, key)})
        if intent == names.FAQ:
            offer_feedback(dispatcher, f"{intent}/{key}")
        return events
