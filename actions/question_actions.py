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
from knowledge import names, settings, thread
from knowledge.aftercare_text import after_answer, find_rule, general_answer, timed_answer
from knowledge.answers import Knowledge, load_knowledge, topic_buttons, topic_payload
from knowledge.clinic import load_clinic
from knowledge.clinic_text import answer_with_details
from knowledge.moments import When
from knowledge.reply import Part, compose
from knowledge.thread import LastAnswer
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


def rule_text(knowledge: Knowledge, rule_key: str, part_text: str, treated: Optional[When], now: datetime,
              sources: bool = True) -> str:
    """One aftercare rule's answer for a part of a message: the verdict for the
    time that part asks about when the treatment date is known, else the rule."""
    rule = find_rule(knowledge, rule_key)
    if rule is None:
        raise KeyError(f"no aftercare rule {rule_key!r} in the knowledge file")
    mentioned = _times(part_text, now)
    after = find_after(part_text)
    if treated is None:
        return after_answer(knowledge, rule, after, sources) if after else general_answer(knowledge, rule, sources)
    at = mentioned.target.moment if mentioned.target else now
    if after:
        at = after.moment(treated)
    return timed_answer(knowledge, rule, treated, at, now, sources)


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


def faq_part(knowledge: Knowledge, key: str) -> Part:
    """An FAQ answer as one part of a reply to several questions."""
    topic = knowledge.topics[key]
    return Part(topic.answer, topic.sources, f"{names.FAQ}/{key}", bool(topic.sources_vary),
                tuple(topic_buttons(knowledge, list(topic.follow_ups))),
                {"title": knowledge.reply_messages["more"].format(label=topic.label), "payload": topic_payload(key)})


def answer_part(kind: str, key: str, part_text: str, domain: Dict[str, Any], treated: Optional[When],
                now: datetime) -> Optional[Part]:
    """What answers one question of the message, as a part of the reply."""
    knowledge = load_knowledge()
    if kind == names.FAQ:
        return faq_part(knowledge, key) if key in knowledge.topics else None
    if kind == names.OUT_OF_SCOPE:
        text = answer_with_details(key, load_clinic(), knowledge.clinic_messages, now) if key in CLINIC_ANSWERS else None
        variants = (domain.get("responses") or {}).get(names.retrieval_response(kind, key)) or [{}]
        text = text or variants[0].get("text")
        return Part(" ".join(str(text).split())) if text else None
    rule = find_rule(knowledge, key)
    if rule is None:
        return None
    return Part(rule_text(knowledge, key, part_text, treated, now, sources=False), rule.sources, f"rule/{rule.key}",
                bool(rule.sources_vary))


def say_reply(dispatcher: CollectingDispatcher, parts: List[Part]) -> List[EventType]:
    """Says a reply of several answers: sources once, one set of buttons (knowledge/reply.py)."""
    knowledge = load_knowledge()
    messages = knowledge.reply_messages
    reply = compose(parts, messages, {"title": messages["sources_button"], "payload": f"/{names.SOURCES}"})
    for text in reply.texts[:-1]:
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(text=reply.texts[-1], buttons=reply.buttons)
    return [SlotSet(names.LAST_SOURCES, [part.key for part in parts if part.key])]


def answer_other_parts(dispatcher: CollectingDispatcher, tracker: Tracker, answered: Set[Tuple[str, str]],
                       first: int = 1, lead: Optional[Part] = None,
                       domain: Optional[Dict[str, Any]] = None) -> List[EventType]:
    """Answers the message's questions from the ``first`` on, in order, each once,
    in one reply after ``lead`` (the caller's own answer to the first question, when
    it has one to put in the reply); remembers a treatment date said in the message.
    ``answered``: what the calling action has said already."""
    parts = parts_of(tracker)
    if not parts:
        return []
    now = settings.now()
    events: List[EventType] = []
    treated = remembered_treatment(tracker, now)
    said = _times(tracker.latest_message.get("text") or "", now)
    if said.treatment and (treated is None or said.treatment.day != treated.day):
        treated = said.treatment
        events.append(SlotSet(names.TREATMENT_DATE, to_slot(treated)))
    done, built = set(answered), [lead] if lead else []
    for part in parts[first:]:
        answer = part_answer(part)
        if answer is None or answer in done:
            continue
        done.add(answer)
        kind, key = answer
        piece = answer_part(kind, key, part["text"], domain or {}, treated, now)
        if piece is None:
            continue
        built.append(piece)
        last = thread_of_answer(kind, key)
        if last:
            events.append(SlotSet(names.LAST_ANSWER, last.value))  # "that" is the last thing answered
    return events + (say_reply(dispatcher, built) if built else [])


def thread_of_answer(kind: str, key: str) -> Optional[LastAnswer]:
    """The slot ``last_answer`` after an FAQ or a rule; None for the clinic's own
    details and other out-of-scope answers, which leave the thread as it was."""
    if kind == names.FAQ:
        return LastAnswer(thread.FAQ, key)
    if kind == "rule":
        return LastAnswer(thread.AFTERCARE, key)
    return None


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
        first = thread_of_answer(intent, key)
        events: List[EventType] = [SlotSet(names.LAST_ANSWER, first.value)] if first else []
        lead = answer_part(intent, key, "", domain, None, settings.now()) if parts_of(tracker) else None
        if lead is None:
            say_answer(dispatcher, intent, key)
        events += answer_other_parts(dispatcher, tracker, {(intent, key)}, lead=lead, domain=domain)
        if intent == names.FAQ:
            offer_feedback(dispatcher, f"{intent}/{key}")
        return events
