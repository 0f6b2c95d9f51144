"""WhatsApp through Meta's WhatsApp Business Cloud API: a Rasa input and output channel.

Rasa 3.6 reaches WhatsApp only through Twilio. This talks to Meta directly:

- ``GET /webhooks/whatsapp/webhook``: Meta's verification handshake
  (``hub.mode=subscribe``, ``hub.verify_token``, ``hub.challenge``); 403 on a
  wrong token;
- ``POST /webhooks/whatsapp/webhook``: every call must carry
  ``X-Hub-Signature-256``, the HMAC-SHA256 of the raw body with the app
  secret, compared in constant time; otherwise 403 and nothing is processed;
- text messages, reply-button and list replies are routed as text or button
  payloads; status updates and other changes get 200 and are ignored; a
  message id already handled (Meta retries) is answered once; images, voice
  notes, locations... get a short "I can only read text messages";
- replies go through the Graph API ``/{phone-number-id}/messages``: text cut
  under 4,096 characters, up to 3 buttons as reply buttons (titles of at most
  20 characters), more as a list (rows of at most 24); an API error is logged
  with Meta's message and never retried (no retry storm) or raised.

Configured from the environment through credentials.yml (WHATSAPP_TOKEN,
WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN,
WHATSAPP_API_BASE for tests); with no token the channel is off (404).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.input_checks import clean_text, reply_instead
from channels.text import shorten, split_message
from knowledge.answers import load_knowledge
from knowledge.feedback import is_feedback_button
from stores.seen_messages import seen_messages

logger = logging.getLogger(__name__)

GRAPH_API = "https://graph.facebook.com/v20.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_TEXT = 4096  # a text message's body
MAX_INTERACTIVE_BODY = 1024  # the body of a button or list message
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ID = 256
API_TIMEOUT = 15  # seconds


def valid_signature(body: bytes, header: Optional[str], app_secret: str) -> bool:
    """True when ``header`` is "sha256=" + the HMAC-SHA256 of ``body`` with ``app_secret``."""
    if not header or not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header[len("sha256="):].encode(), expected.encode())


def incoming_messages(payload: Any) -> List[Dict[str, Any]]:
    """The patients' messages in a webhook payload: ``{"id", "from", "text"}``,
    with ``text`` None for what is not text (an image, a voice note...).
    Status updates and other changes give nothing."""
    found: List[Dict[str, Any]] = []
    if not isinstance(payload, dict):
        return found
    entries = [e for e in payload.get("entry") or [] if isinstance(e, dict)]
    for entry in entries:
        for change in [c for c in entry.get("changes") or [] if isinstance(c, dict)]:
            value = change.get("value")
            if not isinstance(value, dict) or change.get("field") != "messages":
                continue
            for message in value.get("messages") or []:
                if isinstance(message, dict) and message.get("from") and message.get("id"):
                    found.append({"id": str(message["id"]), "from": str(message["from"]),
                                  "text": message_text(message)})
    return found


def message_text(message: Dict[str, Any]) -> Optional[str]:
    """A text's body, or the payload of a pressed reply button or list row; None otherwise."""
    kind = message.get("type")
    if kind == "text":
        body = (message.get("text") or {}).get("body")
        return body if isinstance(body, str) else None
    if kind == "interactive":
        interactive = message.get("interactive") or {}
        reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
        return reply.get("id") if isinstance(reply.get("id"), str) else None
    if kind == "button":  # a template's quick reply
        button = message.get("button") or {}
        payload = button.get("payload") or button.get("text")
        return payload if isinstance(payload, str) else None
    return None


def button_message(text: str, buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The interactive part of a reply with ``buttons``: reply buttons (up to 3) or a list."""
    usable = [b for b in buttons if len(str(b.get("payload", ""))) <= MAX_ID]
    body = {"text": text}
    if len(usable) <= MAX_BUTTONS:
        return {"type": "button", "body": body, "action": {"buttons": [
            {"type": "reply", "reply": {"id": str(b["payload"]), "title": shorten(b["title"], MAX_BUTTON_TITLE)}}
            for b in usable]}}
    rows = [{"id": str(b["payload"]), "title": shorten(b["title"], MAX_ROW_TITLE)} for b in usable[:MAX_ROWS]]
    return {"type": "list", "body": body, "action": {"button": load_knowledge().clinic_messages["whatsapp_choose"],
                                                     "sections": [{"title": "", "rows": rows}]}}


class WhatsAppOutput(OutputChannel):
    """Sends replies through the Graph API; logs errors and never raises them."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    def __init__(self, token: str, phone_number_id: str, api_base: str) -> None:
        self.url = f"{api_base.rstrip('/')}/{phone_number_id}/messages"
        self.token = token

    async def _post(self, recipient_id: Text, message: Dict[str, Any]) -> bool:
        payload = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": recipient_id, **message}
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=API_TIMEOUT)) as session:
                async with session.post(self.url, json=payload,
                                        headers={"Authorization": f"Bearer {self.token}"}) as answer:
                    if answer.status < 300:
                        return True
                    detail = await answer.text()
                    logger.error("WhatsApp: the Graph API refused a reply (HTTP %s): %s", answer.status, detail[:500])
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.error("WhatsApp: the Graph API could not be reached: %s", error)
        return False

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_message(text, MAX_TEXT):
            if not await self._post(recipient_id, {"type": "text", "text": {"body": part}}):
                return  # one error is enough: the rest would fail the same way

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        # The answer in full (sources included) as text; the buttons in their own short message
        # when the answer is longer than an interactive message's body may be.
        parts = split_message(text, MAX_TEXT)
        last = parts[-1] if parts and len(parts[-1]) <= MAX_INTERACTIVE_BODY else None
        for part in parts if last is None else parts[:-1]:
            if not await self._post(recipient_id, {"type": "text", "text": {"body": part}}):
                return
        ordered = [b for b in buttons if not is_feedback_button(b)] + [b for b in buttons if is_feedback_button(b)]
        body = last or load_knowledge().clinic_messages["whatsapp_choose_body"]
        await self._post(recipient_id, {"type": "interactive", "interactive": button_message(body, ordered)})

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[str, Any], **kwargs: Any) -> None:
        pass  # the widget's own messages (e.g. "clear your transcript") mean nothing here


class WhatsAppInput(InputChannel):
    """The WhatsApp Cloud API webhook: verified, idempotent, text only."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(token=credentials.get("token") or "", phone_number_id=credentials.get("phone_number_id") or "",
                   app_secret=credentials.get("app_secret") or "", verify_token=credentials.get("verify_token") or "",
                   api_base=credentials.get("api_base") or GRAPH_API)

    def __init__(self, token: str, phone_number_id: str, app_secret: str, verify_token: str,
                 api_base: str = GRAPH_API) -> None:
        self.token, self.phone_number_id = token, phone_number_id
        self.app_secret, self.verify_token, self.api_base = app_secret, verify_token, api_base
        if token and not app_secret:
            logger.error("WhatsApp: no app_secret configured, every webhook call will be refused")

    @property
    def enabled(self) -> bool:
        return bool(self.token and self.phone_number_id)

    def get_output_channel(self) -> WhatsAppOutput:
        return WhatsAppOutput(self.token, self.phone_number_id, self.api_base)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        whatsapp_webhook = Blueprint("whatsapp_webhook", __name__)

        @whatsapp_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        @whatsapp_webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the WhatsApp channel is not configured"}, status=404)
            token = request.args.get("hub.verify_token") or ""
            if (request.args.get("hub.mode") == "subscribe" and self.verify_token
                    and hmac.compare_digest(token.encode(), self.verify_token.encode())):
                return response.text(request.args.get("hub.challenge") or "")
            return response.json({"error": "wrong verify token"}, status=403)

        @whatsapp_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "the WhatsApp channel is not configured"}, status=404)
            if not valid_signature(request.body or b"", request.headers.get(SIGNATURE_HEADER), self.app_secret):
                return response.json({"error": "invalid signature"}, status=403)
            try:
                payload = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "the body is not JSON"}, status=400)
            out = self.get_output_channel()
            for message in incoming_messages(payload):
                if not seen_messages().first_time(self.name(), message["id"]):
                    continue  # Meta's retry, maybe to another server: answered once
                try:
                    await self._handle(message, out, on_new_message, request)
                except Exception:  # noqa: BLE001 - a failed reply must not make Meta resend the update
                    logger.exception("WhatsApp: could not handle a message")
            return response.json({"status": "ok"})  # 200 for statuses and anything else too

        return whatsapp_webhook

    async def _handle(self, message: Dict[str, Any], out: WhatsAppOutput,
                      on_new_message: Callable[[UserMessage], Awaitable[Any]], request: Request) -> None:
        knowledge = load_knowledge()
        if message["text"] is None:
            await out.send_text_message(message["from"], knowledge.clinic_messages["whatsapp_text_only"])
            return
        text = clean_text(message["text"])
        instead = reply_instead(text)
        if instead:
            await out.send_text_message(message["from"], instead)
            return
        await on_new_message(UserMessage(text, out, message["from"], input_channel=self.name(),
                                         message_id=message["id"], metadata=self.get_metadata(request)))
