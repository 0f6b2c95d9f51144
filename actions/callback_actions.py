"""Reaching a person: the call-back form and its submission.

Offered after the clinic's contact details (action_contact_clinic) when the
clinic receives requests by email. The form asks a name, a phone number or
email, then an explicit consent question; only a "yes" stores and sends
anything. The request is kept in var/callbacks/ before it is sent
(knowledge/callbacks.py), so an SMTP failure loses nothing. The slots are
cleared after the submission: the details stay only in the request.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api.mailer import send_mail
from knowledge import names, settings
from knowledge.answers import load_knowledge
from knowledge.callbacks import (
    deliver_pending,
    new_request,
    pending,
    read_consent,
    save,
    save_draft,
    take_draft,
    valid_contact,
    valid_name,
    wants_to_stop,
)
from knowledge.clinic import load_clinic
from knowledge.clinic_text import clinic_label
from knowledge.settings import smtp_settings, var_dir

logger = logging.getLogger(__name__)

NAME, CONTACT, CONSENT = names.CALLBACK_NAME, names.CALLBACK_CONTACT, names.CALLBACK_CONSENT
REQUEST_INTENT = "/request_callback"
# Ends the form early: action_submit_callback then says so (or triages a symptom).
STOP_FORM = {names.REQUESTED_SLOT: None}


def callback_offered() -> bool:
    """Whether a call-back can reach anyone (SMTP and a recipient are set)."""
    return smtp_settings(load_clinic().email) is not None


def offer_callback(dispatcher: CollectingDispatcher) -> None:
    messages, clinic = load_knowledge().clinic_messages, load_clinic()
    dispatcher.utter_message(text=messages["offer_callback"].format(clinic=clinic_label(clinic)),
                             buttons=[{"title": messages["callback_yes"], "payload": REQUEST_INTENT},
                                      {"title": messages["callback_no"], "payload": "/deny"}])


class ActionAskCallbackName(Action):
    def name(self) -> Text:
        return names.ACTION_ASK_CALLBACK_NAME

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = load_knowledge().clinic_messages["ask_callback_name"]
        dispatcher.utter_message(text=text.format(clinic=clinic_label(load_clinic())))
        return []


class ActionAskCallbackContact(Action):
    def name(self) -> Text:
        return names.ACTION_ASK_CALLBACK_CONTACT

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text=load_knowledge().clinic_messages["ask_callback_contact"])
        return []


class ActionAskCallbackConsent(Action):
    """The explicit consent question, naming what will be sent and to whom."""

    def name(self) -> Text:
        return names.ACTION_ASK_CALLBACK_CONSENT

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        messages = load_knowledge().clinic_messages
        text = messages["ask_callback_consent"].format(name=tracker.get_slot(NAME), contact=tracker.get_slot(CONTACT),
                                                       clinic=clinic_label(load_clinic()))
        dispatcher.utter_message(text=text, buttons=[{"title": messages["consent_yes"], "payload": "/affirm"},
                                                     {"title": messages["consent_no"], "payload": "/deny"}])
        return []


def said_a_symptom(tracker: Tracker) -> bool:
    """A warning sign or a symptom typed at a question of the form: it comes
    first (the safety component set the intent from its word tables)."""
    return (tracker.latest_message.get("intent") or {}).get("name") == names.REPORT_SYMPTOM


class ValidateCallbackForm(FormValidationAction):
    """Every answer is read by its words, never by the intent a training
    guessed for it: a name like "Sam Carter" could be taken for anything."""

    def name(self) -> Text:
        return names.VALIDATE_CALLBACK_FORM

    @staticmethod
    def _checked(slot: str, value: Any, check: Callable[[str], Optional[Any]], hint: str,
                 dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """The tidied value; or None and a hint (the form asks again); or the end of the form."""
        if wants_to_stop(value) or said_a_symptom(tracker):
            return {slot: None, **STOP_FORM}
        checked = check(value)
        if checked is None:
            messages = load_knowledge().clinic_messages
            dispatcher.utter_message(text=messages[hint].format(clinic=clinic_label(load_clinic())))
        return {slot: checked}

    def validate_callback_name(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: Dict[Text, Any]) -> Dict[Text, Any]:
        return self._checked(NAME, slot_value, valid_name, "bad_name", dispatcher, tracker)

    def validate_callback_contact(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: Dict[Text, Any]) -> Dict[Text, Any]:
        checked = self._checked(CONTACT, slot_value, valid_contact, "bad_contact", dispatcher, tracker)
        if checked.get(CONTACT):
            # Stored events have it masked: the submission reads it from here.
            save_draft(var_dir(), tracker.sender_id, checked[CONTACT])
        return checked

    def validate_callback_consent(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: Dict[Text, Any]) -> Dict[Text, Any]:
        if said_a_symptom(tracker):
            return {CONSENT: None, **STOP_FORM}
        consent = read_consent(slot_value)
        if consent is False:
            return {CONSENT: False, **STOP_FORM}
        return self._checked(CONSENT, slot_value, read_consent, "bad_consent", dispatcher, tracker)


class ActionSubmitCallback(Action):
    """Stores and sends the request after a "yes"; says what happened; clears the slots."""

    def name(self) -> Text:
        return names.ACTION_SUBMIT_CALLBACK

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        messages, clinic = load_knowledge().clinic_messages, load_clinic()
        name = tracker.get_slot(NAME)
        contact = take_draft(var_dir(), tracker.sender_id) or tracker.get_slot(CONTACT)
        cleared: List[EventType] = [SlotSet(NAME, None), SlotSet(CONTACT, None), SlotSet(CONSENT, None)]
        if said_a_symptom(tracker):
            return cleared + [FollowupAction(names.ACTION_TRIAGE)]  # the symptom's answer, not "OK, nothing passed on"
        if tracker.get_slot(CONSENT) is not True or not name or not contact:
            dispatcher.utter_message(text=messages["callback_declined"])
            return cleared
        root = var_dir()
        request = new_request(name, contact, tracker.sender_id, settings.now())
        path = save(request, root)
        smtp = smtp_settings(clinic.email)
        if smtp is not None:
            # In a thread: an SMTP server that hangs must not stop other conversations.
            await asyncio.to_thread(deliver_pending, root, lambda subject, body: send_mail(smtp, subject, body),
                                    messages)
        else:
            logger.error("call-back request %s kept in %s: SMTP_HOST or a recipient is not set", request.id, path)
        still_pending = path in pending(root)
        text = messages["callback_saved" if still_pending else "callback_sent"]
        dispatcher.utter_message(text=text.format(clinic=clinic_label(clinic), contact=contact))
        return cleared
