"""A fake Telegram Bot API on 127.0.0.1 that records every call.

Answers getMe, setWebhook, sendMessage and answerCallbackQuery like Telegram
(``{"ok": true, "result": ...}``); aiogram posts form fields, scripts post JSON.
"""

from __future__ import annotations

import json
import re
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, Dict, List
from urllib.parse import parse_qsl

from tests.integration.fake_http import JsonHandler, serve

PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>\w+)$")


def _fields(content_type: str, body: bytes) -> Dict[str, Any]:
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        return {part.get_param("name", header="content-disposition"): part.get_content()
                for part in message.iter_parts()}
    return dict(parse_qsl(body.decode()))


class FakeTelegram:
    """The fake API server; ``calls`` lists (method, fields) as they arrive."""

    token = "123456:TEST-token_for-the-fake-api"
    secret = "test-secret-0123456789"

    def __init__(self) -> None:
        self.calls: List[tuple] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                match = PATH.match(self.path.split("?", 1)[0])
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not match or match["token"] != fake.token:
                    return self._answer(401, {"ok": False, "description": "Unauthorized"})
                fields = _fields(self.headers.get("Content-Type", ""), body)
                with fake._lock:
                    fake.calls.append((match["method"], fields))
                self._answer(200, {"ok": True, "result": fake.result(match["method"], fields)})

            do_GET = do_POST


        self._server, self.base_url = serve(Handler)

    def result(self, method: str, fields: Dict[str, Any]) -> Any:
        """What Telegram would return for ``method``."""
        if method == "getMe":
            return {"id": 42, "is_bot": True, "first_name": "Clinic", "username": "clinic_faq_bot"}
        if method == "sendMessage":
            return {"message_id": len(self.calls), "date": int(time.time()),
                    "chat": {"id": int(fields["chat_id"]), "type": "private"}, "text": fields.get("text", "")}
        return True

    def sent_to(self, chat_id: int) -> List[Dict[str, Any]]:
        """The sendMessage calls to one chat, in order."""
        with self._lock:
            return [f for m, f in self.calls if m == "sendMessage" and str(f.get("chat_id")) == str(chat_id)]

    def calls_of(self, method: str) -> List[Dict[str, Any]]:
        """Every call of ``method``."""
        with self._lock:
            return [f for m, f in self.calls if m == method]

    def stop(self) -> None:
        """Shuts the server down."""
        self._server.shutdown()
