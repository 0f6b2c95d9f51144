"""Rasa's REST channel with its input checked first.

Rasa 3.6 reads ``request.json`` as it is: malformed JSON, a list, a number
as the message or a 10 KB sender id all reach the tracker store or fail
inside the handler. Here they get a clear 400; empty and over-long text get
a friendly answer without going through NLU (a 100 KB message would be
slow to parse); control characters are removed from the text.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from channels.input_checks import clean_text, reply_instead, valid_sender


def _body(request: Request) -> Optional[dict]:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own error types for bad bodies
        return None
    return body if isinstance(body, dict) else None


class ClinicRestInput(RestInput):
    """``POST /webhooks/rest/webhook {"sender": "...", "message": "..."}``, checked."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        return valid_sender(_body(req).get("sender"))

    def _extract_message(self, req: Request) -> Optional[Text]:
        return clean_text(_body(req)["message"])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check(request: Request) -> Optional[response.HTTPResponse]:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            body = _body(request)
            if body is None:
                return response.json({"error": "the body must be a JSON object"}, status=400)
            sender = valid_sender(body.get("sender"))
            if sender is None:
                return response.json({"error": "'sender' must be a string of 1 to 128 characters"}, status=400)
            if not isinstance(body.get("message"), str):
                return response.json({"error": "'message' must be a string"}, status=400)
            instead = reply_instead(clean_text(body["message"]))
            if instead:
                return response.json([{"recipient_id": sender, "text": instead}])
            return None

        return blueprint
