"""Rasa's Telegram connector, made safe for a clinic's bot.

Fixes over Rasa 3.6's ``TelegramInput`` (aiogram 2.15, aiohttp 3.9):

- no ``asyncio.run(set_webhook)`` at start-up: it closed the event loop
  aiogram's session was bound to, so every update then failed with "Event
  loop is closed". The webhook is registered by ``make telegram-webhook``
  (scripts/telegram_webhook.py, with the secret aiogram 2.15 cannot send);
- every webhook call must carry ``X-Telegram-Bot-Api-Secret-Token`` equal
  to the configured secret, otherwise 403 and nothing is processed;
- updates without a message (``my_chat_member``...) get 200 and are ignored,
  instead of an AttributeError that makes Telegram retry forever;
- button presses (callback queries) are answered and routed as the payload;
- ``/start`` greets, ``/help`` lists the topics; long replies are split
  within Telegram's 4096-character limit; buttons are one per row;
- the Bot API base URL is configurable (a local fake in the tests).

With no ``access_token`` the channel is off: its webhook answers 404.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.text import split_message as split_text
from knowledge.feedback import is_feedback_button
from stores.seen_messages import seen_messages

logger = logging.getLogger(__name__)

MAX_MESSAGE = 4096  # Telegram's limit for one message's text
MAX_CALLBACK_DATA = 64  # bytes
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
COMMANDS = {"/start": "/greet", "/help": "/capabilities", "/forget": "/forget_me"}


def split_message(text: str, limit: int = MAX_MESSAGE) -> List[str]:
    """Splits ``text`` within Telegram's limit (channels/text.py)."""
    return split_text(text, limit)


def user_text(update: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """What a Telegram update asks of the bot: ``{"chat", "text", "callback"}``
    for a text message or a button press, None for anything else."""
    callback = update.get("callback_query")
    if isinstance(callback, dict):
        chat = ((callback.get("message") or {}).get("chat") or {}).get("id")
        data = callback.get("data")
        if chat is not None and isinstance(data, str):
            return {"chat": chat, "text": data, "callback": callback.get("id")}
        return None
    message = update.get("message")
    if isinstance(message, dict) and isinstance(message.get("text"), str):
        chat = (message.get("chat") or {}).get("id")
        if chat is None:
            return None
        text = message["text"].strip()
        command = text.split("@", 1)[0].split(" ", 1)[0].lower()
        return {"chat": chat, "text": COMMANDS.get(command, text), "callback": None}
    return None


class ClinicTelegramOutput(TelegramOutput):
    """Sends replies through the Bot API at ``api_base_url``."""

    def __init__(self, access_token: Text, api_base_url: Optional[Text] = None) -> None:
        server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_message(text):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """The text, then the buttons as an inline keyboard: one per row, and
        👍/👎 side by side in the last row."""
        markup = InlineKeyboardMarkup()
        fitting = [b for b in buttons if len(str(b.get("payload", "")).encode()) <= MAX_CALLBACK_DATA]
        for button in (b for b in fitting if not is_feedback_button(b)):
            markup.row(InlineKeyboardButton(button["title"], callback_data=str(button["payload"])))
        votes = [InlineKeyboardButton(b["title"], callback_data=str(b["payload"])) for b in fitting
                 if is_feedback_button(b)]
        if votes:
            markup.row(*votes)
        parts = split_message(text) or [" "]
        for part in parts[:-1]:
            await self.send_message(recipient_id, part)
        await self.send_message(recipient_id, parts[-1], reply_markup=markup)


class ClinicTelegramInput(InputChannel):
    """The Telegram webhook: verified, tolerant of any update, no start-up calls."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            access_token=credentials.get("access_token") or None,
            secret_token=credentials.get("secret_token") or None,
            api_base_url=credentials.get("api_base_url") or None,
        )

    def __init__(self, access_token: Optional[Text], secret_token: Optional[Text],
                 api_base_url: Optional[Text] = None) -> None:
        self.access_token = access_token
        self.secret_token = secret_token
        self.api_base_url = api_base_url
        self._output: Optional[ClinicTelegramOutput] = None
        if access_token and not secret_token:
            logger.error("Telegram: no secret_token configured, every webhook call will be refused")

    def get_output_channel(self) -> ClinicTelegramOutput:
        """One Bot per channel, created in the server's event loop, no API call."""
        if self._output is None:
            self._output = ClinicTelegramOutput(self.access_token, self.api_base_url)
        return self._output

    def _verified(self, request: Request) -> bool:
        sent = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret_token) and hmac.compare_digest(sent.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.access_token else "off"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.access_token:
                return response.json({"error": "the Telegram channel is not configured"}, status=404)
            if not self._verified(request):
                return response.json({"error": "invalid secret token"}, status=403)
            try:
                update = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "the body is not JSON"}, status=400)
            asked = user_text(update) if isinstance(update, dict) else None
            if asked is None:
                return response.json({"status": "ignored"})  # 200: Telegram must not retry
            if "update_id" in update and not seen_messages().first_time(self.name(), str(update["update_id"])):
                return response.json({"status": "duplicate"})  # Telegram's retry, maybe to another server
            out = self.get_output_channel()
            try:
                if asked["callback"]:
                    await out.answer_callback_query(asked["callback"])
                await on_new_message(UserMessage(asked["text"], out, str(asked["chat"]),
                                                 input_channel=self.name(), metadata=self.get_metadata(request)))
            except Exception:  # noqa: BLE001 - a failed reply must not make Telegram resend the update
                logger.exception("Telegram: could not handle an update")
            return response.json({"status": "ok"})

        return telegram_webhook
