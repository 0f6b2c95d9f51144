"""Aftercare actions: timed answers, the day plan and the treatment-date form.

Flow (data/rules.yml): an aftercare question activates ``treatment_date_form``;
the form asks for the date only when the topic needs one and no date is known;
then ``action_aftercare_answer`` answers. A date said on its own is kept by
``action_remember_treatment_date``. A new date always replaces the old one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.feedback_actions import offer_feedback
from actions.nlu_ranking import entity_value, is_time_follow_up
from actions.question_actions import answer_other_parts, parts_of, rule_text
from actions.slots import remembered_asked_day, remembered_treatment
from knowledge import names, settings, thread as thread_kinds
from knowledge.aftercare_text import (
    after_answer,
    claim_answer,
    find_rule,
    future_text,
    general_answer,
    noted_text,
    plan_text,
    timed_answer,
)
from knowledge.answers import AftercareRule, Knowledge, load_knowledge
from knowledge.claims import read_claim
from knowledge.follow_ups import PLAN
from knowledge.moments import When, start_of_day
from knowledge.thread import LastAnswer, keeps_the_day
from knowledge.time_after_treatment import find_after
from knowledge.treatment_dates import Mentioned, split_treatment_and_target, to_slot

TIME_ENTITIES = (names.DATE, names.TIME)  # from spaCy's NER (components/spacy_dates.py)
# The answer to "when was your treatment?" that is just "today" (said of a question, "today" is the day asked about).
TODAY_ALONE = re.compile(r"^\W*(it was |i had it |had it |just )?(earlier )?today\b[\w\s]{0,20}\W*$", re.IGNORECASE)
# At the date prompt, these without a usable date make the form ask again.
ASK_AGAIN_INTENTS = (names.INFORM_TREATMENT_DATE, names.ASK_AFTERCARE, names.ASK_AFTERCARE_PLAN)


class AftercareMixin:
    """What the aftercare actions share: the knowledge, the clock, and reading
    the treatment date from the latest message or the slot."""

    @staticmethod
    def knowledge() -> Knowledge:
        return load_knowledge()

    @staticmethod
    def time_phrases(tracker: Tracker) -> List[str]:
        """The DATE/TIME entities spaCy found in the latest message."""
        entities = tracker.latest_message.get("entities") or []
        return [e.get("value") or "" for e in entities if e.get("entity") in TIME_ENTITIES]

    @staticmethod
    def mentioned(tracker: Tracker, now: datetime) -> Optional[Mentioned]:
        """Times in the latest message; None if a date in it does not exist."""
        try:
            text = tracker.latest_message.get("text") or ""
            mentioned = split_treatment_and_target(text, AftercareMixin.time_phrases(tracker), now,
                                                   remembered_treatment(tracker, now), remembered_asked_day(tracker, now))
            return replace(mentioned, after=find_after(text))
        except ValueError:
            return None

    @staticmethod
    def treatment(tracker: Tracker, now: datetime) -> Optional[When]:
        """The remembered treatment date, if any."""
        return remembered_treatment(tracker, now)

    @staticmethod
    def asks_unknown_topic(tracker: Tracker, mentioned: Optional[Mentioned] = None) -> bool:
        """An aftercare question naming no topic the rules have ("can I drink
        alcohol after?"), rather than a follow-up on the last one ("and in a week?").
        ``mentioned``: the message's times, when the caller has them already."""
        message = tracker.latest_message
        # The topic slot is filled from the entity of the same name.
        if (message.get("intent") or {}).get("name") != names.ASK_AFTERCARE or entity_value(message, names.AFTERCARE_TOPIC):
            return False
        mentioned = mentioned or AftercareMixin.mentioned(tracker, settings.now()) or Mentioned()
        phrases = AftercareMixin.time_phrases(tracker) + [
            w.phrase for w in (mentioned.treatment, mentioned.future_treatment, mentioned.target) if w]
        return not is_time_follow_up(message.get("text") or "", phrases)

    def rule(self, tracker: Tracker, unknown_topic: Optional[bool] = None) -> Optional[AftercareRule]:
        """The aftercare topic asked about (slot, filled from the entity); None for an
        unknown one (``unknown_topic``: ``asks_unknown_topic``'s answer, if known)."""
        if self.asks_unknown_topic(tracker) if unknown_topic is None else unknown_topic:
            return None
        return find_rule(self.knowledge(), tracker.get_slot(names.AFTERCARE_TOPIC))


class ActionAftercareAnswer(AftercareMixin, Action):
    """Answers an aftercare question or gives the day plan, using the date if known.
    ``follow_up``: asked about the rule of the last answer ("so when am I allowed?"),
    which names no thing of its own and is not a topic the rules lack."""

    def __init__(self, follow_up: bool = False) -> None:
        self.follow_up = follow_up

    def name(self) -> Text:
        return names.ACTION_AFTERCARE_ANSWER

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if parts_of(tracker):
            # Several questions: each answered in order, for the date if known, none asked for.
            return answer_other_parts(dispatcher, tracker, set(), first=0, domain=domain)
        events = self._answer(dispatcher, tracker)
        rule = find_rule(self.knowledge(), tracker.get_slot(names.AFTERCARE_TOPIC))
        if SlotSet(names.AFTERCARE_TOPIC, None) in events:
            rule = None  # a topic the rules lack: the general advice was given
        if tracker.get_slot(names.AFTERCARE_TOPIC) == PLAN:
            thread = LastAnswer(thread_kinds.PLAN)
        else:
            thread = LastAnswer(thread_kinds.AFTERCARE, rule.key) if rule else LastAnswer(thread_kinds.FAQ, "aftercare")
        events.append(SlotSet(names.LAST_ANSWER, thread.value))
        # The message's other questions ("...and when will I see results?") come next.
        events += answer_other_parts(dispatcher, tracker, {("rule", rule.key)} if rule else set())
        offer_feedback(dispatcher, f"aftercare/{rule.key if rule else 'general'}")
        return events

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        knowledge, now = self.knowledge(), settings.now()
        treated = self.treatment(tracker, now)
        mentioned = self.mentioned(tracker, now) or Mentioned()
        events: List[EventType] = []
        said = mentioned.treatment or mentioned.future_treatment
        if said and (treated is None or said.moment != treated.moment):
            # A date in the question counts even when the rule needs none
            # ("had it this morning, can I wash my face tonight?").
            treated = said
            events.append(SlotSet(names.TREATMENT_DATE, to_slot(said)))
        asked = remembered_asked_day(tracker, now)
        if asked and not said and not mentioned.target and not mentioned.after and keeps_the_day(text_of(tracker)):
            mentioned = replace(mentioned, target=asked)  # "and it's outdoors in the sun all day": that day again
        if mentioned.target:
            events.append(SlotSet(names.ASKED_DAY, to_slot(mentioned.target)))
        elif treated and not treated.is_future(now):
            events.append(SlotSet(names.ASKED_DAY, None))  # answered for now: later questions are about now too
        return events + self._answer_for(dispatcher, tracker, knowledge, now, treated, mentioned)

    def _answer_for(self, dispatcher: CollectingDispatcher, tracker: Tracker, knowledge: Knowledge, now: datetime,
                    treated: Optional[When], mentioned: Mentioned) -> List[EventType]:
        at = mentioned.target.moment if mentioned.target else now
        if treated and mentioned.after:
            at = mentioned.after.moment(treated)  # "two weeks after my treatment"
        unknown_topic = not self.follow_up and self.asks_unknown_topic(tracker, mentioned)
        rule = self.rule(tracker, unknown_topic)
        planned = treated and treated.is_future(now) and not mentioned.target and not mentioned.after
        if planned and (rule is None or tracker.get_slot(names.AFTERCARE_TOPIC) == PLAN) and not unknown_topic:
            # "I'm having it on Friday": nothing to wait for yet; how to prepare.
            dispatcher.utter_message(text=future_text(knowledge, treated))
            dispatcher.utter_message(response=names.faq_response("preparation"))
            return []
        if planned and rule is not None:
            treated = None  # "and the sun at the reception?" before a planned treatment: the rule as it will apply
        claim = read_claim(tracker.latest_message.get("text") or "")
        if rule is not None and claim is not None:
            dispatcher.utter_message(text=claim_answer(knowledge, rule, claim))
            return []
        if unknown_topic:
            # Say so rather than let the general advice (or the plan asked for last) pass
            # for an answer ("can I have a glass of wine tonight?"); forget the old topic.
            dispatcher.utter_message(text=knowledge.aftercare_messages["unknown_topic"])
            dispatcher.utter_message(response=names.faq_response("aftercare"))
            return [SlotSet(names.AFTERCARE_TOPIC, None)]
        if tracker.get_slot(names.AFTERCARE_TOPIC) == PLAN:
            if treated:
                dispatcher.utter_message(text=plan_text(knowledge, treated, now))
            else:
                dispatcher.utter_message(response=names.faq_response("aftercare"))
        elif rule is None:
            dispatcher.utter_message(response=names.faq_response("aftercare"))
        elif treated is None and mentioned.after:
            dispatcher.utter_message(text=after_answer(knowledge, rule, mentioned.after))
        elif treated is None:
            dispatcher.utter_message(text=general_answer(knowledge, rule))
        else:
            dispatcher.utter_message(text=timed_answer(knowledge, rule, treated, at, now))
        return []


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


class ActionRememberTreatmentDate(AftercareMixin, Action):
    """Keeps a treatment date said on its own ("I had microneedling yesterday")."""

    def name(self) -> Text:
        return names.ACTION_REMEMBER_TREATMENT_DATE

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        knowledge, now = self.knowledge(), settings.now()
        mentioned = self.mentioned(tracker, now)
        treated = mentioned and (mentioned.treatment or mentioned.future_treatment)
        if not treated:
            dispatcher.utter_message(text=knowledge.aftercare_messages["bad_date"])
            return []
        events: List[EventType] = [SlotSet(names.TREATMENT_DATE, to_slot(treated)), SlotSet(names.ASKED_DAY, None)]
        rule = find_rule(knowledge, entity_value(tracker.latest_message, names.AFTERCARE_TOPIC))
        last = LastAnswer.read(tracker.get_slot(names.LAST_ANSWER))
        if rule is None and last and last.kind == thread_kinds.AFTERCARE and not treated.is_future(now):
            # "had it done 4 days ago fwiw" after the exfoliation rule: its verdict for that date
            rule = find_rule(knowledge, last.key)
            if rule is not None and rule.wait_hours:
                dispatcher.utter_message(text=noted_text(knowledge, treated, now))
                dispatcher.utter_message(text=rule_text(knowledge, rule.key, text_of(tracker), treated, now))
                return events + [SlotSet(names.LAST_ANSWER, last.value)]
            rule = None
        text = tracker.latest_message.get("text") or ""
        asked_about_a_time = mentioned.target or find_after(text)
        if rule and (asked_about_a_time or not treated.is_future(now)):
            # "my appointment is on Friday, can I play tennis on Saturday?": the date and the verdict.
            dispatcher.utter_message(text=rule_text(knowledge, rule.key, text, treated, now))
            return events + [SlotSet(names.AFTERCARE_TOPIC, rule.key),
                             SlotSet(names.LAST_ANSWER, LastAnswer(thread_kinds.AFTERCARE, rule.key).value)]
        if treated.is_future(now):
            dispatcher.utter_message(text=future_text(knowledge, treated))
            dispatcher.utter_message(response=names.faq_response("preparation"))
        else:
            dispatcher.utter_message(text=noted_text(knowledge, treated, now))
        if rule:  # a treatment still ahead and a rule: the rule as it will apply
            dispatcher.utter_message(text=general_answer(knowledge, rule))
        return events


class ValidateTreatmentDateForm(AftercareMixin, FormValidationAction):
    """Fills ``treatment_date`` from the message; asks only when it is needed."""

    def name(self) -> Text:
        return names.VALIDATE_TREATMENT_DATE_FORM

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        if parts_of(tracker):
            return []  # several questions: answered at once, with the date if it is known
        rule = self.rule(tracker)
        if tracker.get_slot(names.AFTERCARE_TOPIC) != PLAN and (rule is None or rule.wait_hours in (0, None)):
            return []  # the answer does not depend on the date
        mentioned = self.mentioned(tracker, settings.now())
        if mentioned and mentioned.after and not tracker.get_slot(names.TREATMENT_DATE) and tracker.get_slot(names.AFTERCARE_TOPIC) != PLAN:
            return []  # "two weeks after my treatment": answered without a date
        if read_claim(tracker.latest_message.get("text") or ""):
            return []  # "I read that makeup is fine the same evening": checked against the rule itself
        return domain_slots

    async def extract_treatment_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The date in the message; None (ask again) for a date or aftercare
        message without a usable date; nothing for other messages, so that the
        form is rejected and the other question is answered (data/rules.yml)."""
        now = settings.now()
        mentioned = self.mentioned(tracker, now)
        treated = mentioned and (mentioned.treatment or mentioned.future_treatment)
        asked = tracker.get_slot(names.REQUESTED_SLOT) == names.TREATMENT_DATE and not tracker.get_slot(names.TREATMENT_DATE)
        text = text_of(tracker)
        if not treated and asked and TODAY_ALONE.match(text):
            treated = When("today", start_of_day(now.date(), now), False)  # "today", answering "when was it?"
        if treated:
            return {names.TREATMENT_DATE: to_slot(treated)}
        if asked and (tracker.latest_message.get("intent") or {}).get("name") in ASK_AGAIN_INTENTS:
            return {names.TREATMENT_DATE: None}
        return {}  # keeps a remembered date; other messages leave the form


class ActionAskTreatmentDate(AftercareMixin, Action):
    """Asks for the date: with the general rule for a (new) aftercare question,
    with an example after an answer it could not understand."""

    def name(self) -> Text:
        return names.ACTION_ASK_TREATMENT_DATE

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        knowledge = self.knowledge()
        messages = knowledge.aftercare_messages
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if tracker.get_slot(names.REQUESTED_SLOT) == names.TREATMENT_DATE and intent == names.INFORM_TREATMENT_DATE:
            dispatcher.utter_message(text=messages["bad_date"])
            return []
        rule = self.rule(tracker)
        mentioned = self.mentioned(tracker, settings.now())
        # A question about a given time gets its verdict once the date is known, not the general rule.
        if rule is not None and not (mentioned and mentioned.target):
            dispatcher.utter_message(text=general_answer(knowledge, rule))
        # The message's other questions are answered before the date is asked for.
        events = answer_other_parts(dispatcher, tracker, {("rule", rule.key)} if rule else set())
        dispatcher.utter_message(text=messages["ask_date"])
        if rule is not None:
            events.append(SlotSet(names.LAST_ANSWER, LastAnswer(thread_kinds.AFTERCARE, rule.key).value))
        return events
