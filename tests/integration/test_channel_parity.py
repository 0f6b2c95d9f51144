"""The same conversation over REST, the widget's socket, Telegram and WhatsApp:
an FAQ, its follow-up button, the treatment date, "can I wear makeup?" and a
warning sign; each channel must carry the same facts."""

from __future__ import annotations

import itertools
import json
import queue
import uuid
from typing import List, Tuple

import pytest
import requests
import socketio

from knowledge.answers import load_knowledge, topic_payload
from tests.integration.conftest import asker
from tests.integration.test_whatsapp import WhatsApp, reply_text

KNOWLEDGE = load_knowledge()
FOLLOW_UP = KNOWLEDGE.topics["pain"].follow_ups[0]
TIMEOUT = 30
QUIET = 2.0  # seconds without a new socket message: the turn is over
_chats = itertools.count(880000)

Reply = Tuple[str, List[str]]  # everything said, and the buttons' payloads


class Rest:
    def __init__(self, servers, **_):
        self._ask = asker(servers["rasa"], f"parity-{uuid.uuid4().hex}")

    def send(self, text: str) -> Reply:
        messages = self._ask(text)
        return ("\n".join(m.get("text") or "" for m in messages),
                [b["payload"] for m in messages for b in m.get("buttons") or []])

    press = send

    def close(self):
        pass


class Socket:
    def __init__(self, servers, web_origin, **_):
        self.session = uuid.uuid4().hex
        self.replies: "queue.Queue[dict]" = queue.Queue()
        confirmed: "queue.Queue[str]" = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", confirmed.put)
        self.sio.connect(servers["rasa"], transports=["polling"], headers={"Origin": web_origin},
                         wait_timeout=TIMEOUT)
        self.sio.emit("session_request", {"session_id": self.session})
        confirmed.get(timeout=TIMEOUT)

    def send(self, text: str) -> Reply:
        self.sio.emit("user_uttered", {"message": text, "session_id": self.session})
        messages = [self.replies.get(timeout=TIMEOUT)]
        while True:
            try:
                messages.append(self.replies.get(timeout=QUIET))
            except queue.Empty:
                break
        return ("\n".join(m.get("text") or "" for m in messages),
                [b["payload"] for m in messages for b in m.get("quick_replies") or m.get("buttons") or []])

    press = send

    def close(self):
        self.sio.disconnect()


class Telegram:
    def __init__(self, servers, fake_telegram, **_):
        self.fake = fake_telegram
        self.chat = next(_chats)
        self.url = f"{servers['rasa']}/webhooks/telegram/webhook"
        self.update = itertools.count(9000)

    def _post(self, update) -> Reply:
        before = len(self.fake.sent_to(self.chat))
        answer = requests.post(self.url, json=update, timeout=60,
                               headers={"X-Telegram-Bot-Api-Secret-Token": self.fake.secret})
        assert answer.status_code == 200
        sent = self.fake.sent_to(self.chat)[before:]
        payloads = [b["callback_data"] for m in sent if m.get("reply_markup")
                    for row in json.loads(m["reply_markup"])["inline_keyboard"] for b in row]
        return "\n".join(m.get("text") or "" for m in sent), payloads

    def send(self, text: str) -> Reply:
        number = next(self.update)
        return self._post({"update_id": number, "message": {
            "message_id": number, "date": 1764590000, "text": text, "chat": {"id": self.chat, "type": "private"},
            "from": {"id": self.chat, "is_bot": False, "first_name": "Pat"}}})

    def press(self, payload: str) -> Reply:
        number = next(self.update)
        return self._post({"update_id": number, "callback_query": {
            "id": f"cb-{number}", "chat_instance": "ci", "data": payload,
            "from": {"id": self.chat, "is_bot": False, "first_name": "Pat"},
            "message": {"message_id": 1, "date": 1764590000, "text": "…", "chat": {"id": self.chat,
                                                                                   "type": "private"}}}})

    def close(self):
        pass


class WhatsAppChat:
    def __init__(self, servers, fake_graph, **_):
        self.chat = WhatsApp(servers["rasa"], fake_graph)

    def _after(self, post) -> Reply:
        before = len(self.chat.replies())
        assert post().status_code == 200
        sent = self.chat.replies()[before:]
        payloads = []
        for message in sent:
            action = (message.get("interactive") or {}).get("action") or {}
            payloads += [b["reply"]["id"] for b in action.get("buttons") or []]
            payloads += [r["id"] for section in action.get("sections") or [] for r in section["rows"]]
        return "\n".join(reply_text(m) for m in sent), payloads

    def send(self, text: str) -> Reply:
        return self._after(lambda: self.chat.say(text))

    def press(self, payload: str) -> Reply:
        return self._after(lambda: self.chat.press(payload))

    def close(self):
        pass


@pytest.mark.parametrize("channel", [Rest, Socket, Telegram, WhatsAppChat],
                         ids=["rest", "socket", "telegram", "whatsapp"])
def test_the_same_conversation_carries_the_same_facts_on_every_channel(channel, servers, web_origin,
                                                                       fake_telegram, fake_graph):
    chat = channel(servers=servers, web_origin=web_origin, fake_telegram=fake_telegram, fake_graph=fake_graph)
    try:
        text, buttons = chat.send("does microneedling hurt?")
        assert "numbing" in text and "Sources:" in text
        assert topic_payload(FOLLOW_UP) in buttons

        text, _ = chat.press(topic_payload(FOLLOW_UP))
        assert " ".join(KNOWLEDGE.topics[FOLLOW_UP].answer.split())[:60] in " ".join(text.split())

        text, _ = chat.send("I had microneedling yesterday")
        assert "Got it: treated yesterday" in text

        text, _ = chat.send("can I wear makeup?")
        assert text.startswith("Almost: no makeup")

        text, _ = chat.send("my lips are swelling and i can't breathe")
        assert "call emergency services" in text.lower()
    finally:
        chat.close()
