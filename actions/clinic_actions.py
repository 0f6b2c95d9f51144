"""The clinic's own side of the conversation: its greeting and how to reach a
person. Thin actions over knowledge/clinic_text.py; clinic.yml is read when
the action runs, so an edit shows in the next answer."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.callback_actions import callback_offered, offer_callback
from knowledge import names, settings
from knowledge.answers import load_knowledge
from knowledge.clinic import load_clinic, retention_days
from knowledge.clinic_text import clinic_lines, greeting, privacy_notice
from knowledge.thread import CALLBACK_OFFER


def say_clinic_lines(dispatcher: CollectingDispatcher, purpose: str) -> None:
    """The clinic's details for ``purpose`` as one message (nothing when there are none)."""
    lines = clinic_lines(purpose, load_clinic(), load_knowledge().clinic_messages, settings.now())
    if lines:
        dispatcher.utter_message(text="\n".join(lines))


def clinic_contact(level: str) -> Dict[str, str]:
    """The ``clinic_contact`` of an emergency or urgent answer: " Call <clinic> on
    <phone>." (and urgent care for a warning sign), or "" when clinic.yml has neither."""
    if level not in ("emergency", "urgent"):
        return {}
    purpose = "emergency" if level == "emergency" else "warning"
    lines = clinic_lines(purpose, load_clinic(), load_knowledge().clinic_messages, settings.now())
    return {names.CLINIC_CONTACT: "".join(" " + line for line in lines)}


class ActionGreet(Action):
    """The greeting, naming the clinic when clinic.yml gives its name, and the privacy notice."""

    def name(self) -> Text:
        return names.ACTION_GREET

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        clinic, messages = load_clinic(), load_knowledge().clinic_messages
        text = greeting(clinic, messages)
        if text:
            dispatcher.utter_message(text=text)
        else:
            dispatcher.utter_message(response=names.UTTER_GREET)
        dispatcher.utter_message(text=privacy_notice(clinic, messages, retention_days()))
        return []


class ActionContactClinic(Action):
    """ "Can I talk to someone?": the clinic's phone and email, whether it is open
    now, and a call-back when the clinic receives requests by email."""

    def name(self) -> Text:
        return names.ACTION_CONTACT_CLINIC

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        say_clinic_lines(dispatcher, "human")
        if callback_offered():
            offer_callback(dispatcher)
            return [SlotSet(names.AWAITING, CALLBACK_OFFER)]  # a typed yes or no answers it (knowledge/thread.py)
        return []
