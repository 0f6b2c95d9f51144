"""Rasa's SQL tracker store, with what it writes masked and forgotten conversations deleted.

endpoints.yml names it by module path (``type: privacy.tracker_store.PrivateSQLTrackerStore``);
it takes the same settings as Rasa's ``SQL`` store (SQLite file or ``url`` for PostgreSQL).

* Every event is written with phone numbers, emails and card-like numbers
  masked (privacy/masking.py). The live message was parsed and answered
  before the tracker is saved, so the answer is unaffected.
* When the events being saved include ``action_forget_me`` (the patient asked
  to be forgotten and confirmed), every row of that conversation is deleted and
  nothing is written: the next message starts a new conversation.
"""

from __future__ import annotations

import json
import logging
from typing import Any, List

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from knowledge import names
from privacy.logs import install_log_masking
from privacy.masking import mask_value

logger = logging.getLogger(__name__)



class PrivateSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that masks contact details and deletes on request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # endpoints.yml gives "url" (TRACKER_STORE_URL), which Rasa passes as host; empty means SQLite.
        if not kwargs.get("host"):
            kwargs["host"] = None
        super().__init__(*args, **kwargs)
        install_log_masking()  # the Rasa server makes its tracker store before it handles any message

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the new events, masked; or deletes the conversation when it asked to be forgotten."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            events: List = list(self._additional_events(session, tracker))
            if any(isinstance(e, ActionExecuted) and e.action_name == names.ACTION_FORGET_ME for e in events):
                deleted = session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
                logger.info("conversation forgotten on request: %d events deleted", deleted)
                return
            for event in events:
                data = mask_value(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
