"""Rasa's socket.io channel with two fixes for the website widget.

1. ``session_persistence: true`` works: Rasa 3.6 calls ``sio.enter_room(...)``
   without ``await`` (a coroutine since python-socketio 5.10), so the socket
   never joins its session's room and replies are never delivered
   (RasaHQ/rasa#13027). The ``session_request`` handler is re-registered with
   the call awaited.
2. Only the configured origins may open a socket (Rasa disables the check):
   ``cors_allowed_origins`` in credentials.yml, from ``CORS_ORIGINS``.

It also answers ``GET /webhooks/socketio/clinic`` with the clinic's name and
privacy page (clinic.yml), for the widget's title.

Session ids from the browser are checked too: anything but a short plain
string gets a fresh id instead of reaching the tracker store. Messages are
checked like on the REST channel (channels/input_checks.py): malformed ones
are ignored, empty and over-long text get a friendly answer without NLU.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.input_checks import clean_text, reply_instead
from knowledge.answers import load_knowledge
from knowledge.clinic import load_clinic, retention_days
from knowledge.clinic_text import privacy_notice

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def parse_origins(value: Any) -> List[str]:
    """``"http://a, http://b"`` or a list → a list of origins ("*" allows any)."""
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    return [item.strip().rstrip("/") for item in items if item and item.strip()]


def valid_session_id(data: Any) -> Optional[str]:
    """The session id the client asked for, if it is a plain short string."""
    session_id = data.get("session_id") if isinstance(data, dict) else None
    return session_id if isinstance(session_id, str) and SESSION_ID.match(session_id) else None


class ClinicSocketIOInput(SocketIOInput):
    """Rasa's ``socketio`` channel with awaited rooms and an origin allow-list."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = parse_origins(credentials.get("cors_allowed_origins"))
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with the origin check on and the session fix."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        origins = getattr(self, "cors_allowed_origins", [])
        # No configured origin means none from a browser (non-browser clients send no Origin).
        sio.eio.cors_allowed_origins = "*" if "*" in origins else (origins or ["null"])

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = valid_session_id(data) or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @blueprint.route("/clinic", methods=["GET"])
        async def clinic_details(request: Request) -> HTTPResponse:
            # What the widget shows before any message: the clinic's name for its title
            # and its privacy page; public details only, read from clinic.yml now.
            clinic = load_clinic()
            notice = privacy_notice(clinic, load_knowledge().clinic_messages, retention_days())
            return response.json({"name": clinic.name, "privacy_url": clinic.privacy_url, "notice": notice})

        namespace = self.namespace or "/"
        rasa_handle_message = sio.handlers[namespace][self.user_message_evt]

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return  # not a message: nothing to answer, nothing to store
            text = clean_text(data["message"])
            instead = reply_instead(text)
            if instead:
                await sio.emit(self.bot_message_evt, {"text": instead}, room=sid, namespace=self.namespace)
                return
            metadata = data.get(self.metadata_key)
            await rasa_handle_message(sid, {**data, "message": text,
                                            self.metadata_key: metadata if isinstance(metadata, dict) else {}})

        return blueprint
