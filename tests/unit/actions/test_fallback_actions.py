"""Rasa's fallback, overridden: a rejected form or an unsure turn still gets an answer."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.fallback_actions import ActionDefaultFallback


def _tracker(text, intent, slots=None, active_loop=None, entities=None):
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    return Tracker("t", slots or {}, latest, [{"event": "user", "text": text, "parse_data": latest}], False, None,
                   active_loop or {}, "action_listen")


def test_a_question_the_date_form_rejected_is_answered_and_the_form_ends(dispatcher, domain):
    tracker = _tracker("and a plain moisturiser is OK?", "ask_aftercare",
                       slots={"aftercare_topic": "moisturiser", "requested_slot": "treatment_date"},
                       active_loop={"name": "treatment_date_form"},
                       entities=[{"entity": "aftercare_topic", "value": "moisturiser"}])
    events = asyncio.run(ActionDefaultFallback().run(dispatcher, tracker, domain))
    assert events[:2] == [ActiveLoop(None), SlotSet("requested_slot", None)]
    assert dispatcher.messages[0]["text"].startswith("Yes, from the start: keep your skin hydrated")


def test_anything_else_gets_did_you_mean_never_silence(dispatcher, domain):
    events = asyncio.run(ActionDefaultFallback().run(dispatcher, _tracker("hmm ok", "affirm"), domain))
    assert dispatcher.messages and dispatcher.messages[0].get("text")
    assert not any(e.get("event") == "rewind" for e in events)  # the message is not reverted
