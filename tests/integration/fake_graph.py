"""A fake WhatsApp Cloud API (Graph API) on 127.0.0.1 that records every message sent."""

from __future__ import annotations

import json
import re
import threading
from typing import Any, Dict, List, Set

from tests.integration.fake_http import JsonHandler, serve

PATH = re.compile(r"^/(?P<phone>\d+)/messages$")


class FakeGraph:
    """``sent``: the messages posted, in order; recipients in ``failing`` get HTTP 400, like Meta's errors."""

    token = "EAAG-test-token"
    phone_number_id = "1098765432"
    app_secret = "test-app-secret-0123"
    verify_token = "test-verify-token"

    def __init__(self) -> None:
        self.sent: List[Dict[str, Any]] = []
        self.failing: Set[str] = set()
        self._lock = threading.Lock()
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                match = PATH.match(self.path)
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self._answer(401, {"error": {"message": "Invalid OAuth access token", "code": 190}})
                if not match or match["phone"] != fake.phone_number_id:
                    return self._answer(404, {"error": {"message": "Unknown path", "code": 100}})
                message = json.loads(body or b"{}")
                with fake._lock:
                    fake.sent.append(message)
                if message.get("to") in fake.failing:
                    return self._answer(400, {"error": {"message": "Recipient phone number not in allowed list",
                                                        "code": 131030}})
                self._answer(200, {"messaging_product": "whatsapp", "contacts": [{"wa_id": message.get("to")}],
                                   "messages": [{"id": f"wamid.sent{len(fake.sent)}"}]})


        self._server, self.base_url = serve(Handler)

    def sent_to(self, number: str) -> List[Dict[str, Any]]:
        """The messages posted to one WhatsApp number, in order."""
        with self._lock:
            return [m for m in self.sent if m.get("to") == number]

    def stop(self) -> None:
        self._server.shutdown()
