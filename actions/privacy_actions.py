"""Deletion on request: after the patient confirmed "delete my conversation".

The conversation's events are deleted by the tracker store when it saves this
turn (privacy/tracker_store.py: it sees this action and deletes instead of
writing); this action deletes what the action server keeps (call-back
requests and drafts in var/) and tells the widget to clear its own copy.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from knowledge import names
from knowledge.callbacks import forget
from knowledge.settings import var_dir

logger = logging.getLogger(__name__)

WIDGET_CHANNEL = "socketio"
# Rasa's socket.io channel emits a custom message's "data" to the widget.
CLEAR_WIDGET = {"data": {"forget": True}}


class ActionForgetMe(Action):
    def name(self) -> Text:
        return names.ACTION_FORGET_ME

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        deleted = forget(var_dir(), tracker.sender_id)
        logger.info("forget on request: %d call-back request(s) deleted", deleted)
        if tracker.get_latest_input_channel() == WIDGET_CHANNEL:
            dispatcher.utter_message(json_message=CLEAR_WIDGET)  # first: the widget clears, then shows the reply
        dispatcher.utter_message(response=names.UTTER_FORGOTTEN)
        return []
