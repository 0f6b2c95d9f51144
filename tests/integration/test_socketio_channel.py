"""The website channel (channels/socketio.py) with a real socket.io client.

Python socket.io clients in this venv use the polling transport (the
websocket client needs a newer aiohttp than Rasa pins).
"""

import queue
import uuid

import pytest
import socketio

from knowledge.answers import answer_text, load_knowledge

TIMEOUT = 30


class Chat:
    """One socket.io connection, collecting what the bot says."""

    def __init__(self, url, origin=None):
        self.replies = queue.Queue()
        self.confirmed = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.connect(url, transports=["polling"], headers={"Origin": origin} if origin else {},
                         wait_timeout=TIMEOUT)

    def start(self, session_id):
        self.sio.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=TIMEOUT)

    def ask(self, session_id, text):
        self.sio.emit("user_uttered", {"message": text, "session_id": session_id})
        return self.replies.get(timeout=TIMEOUT)["text"]

    def close(self):
        self.sio.disconnect()


@pytest.fixture
def chat(servers, web_origin):
    chats = []

    def _open(origin=web_origin):
        chats.append(Chat(servers["rasa"], origin))
        return chats[-1]

    yield _open
    for c in chats:
        c.close()


def test_replies_arrive_with_session_persistence(chat):
    """Fails with Rasa's own channel: enter_room is never awaited (RasaHQ/rasa#13027)."""
    session = uuid.uuid4().hex
    c = chat()
    assert c.start(session) == session
    assert c.ask(session, "does microneedling hurt?") == answer_text(load_knowledge().topics["pain"])


def test_the_same_session_id_continues_the_conversation(chat):
    session = uuid.uuid4().hex
    first = chat()
    first.start(session)
    assert first.ask(session, "I had microneedling yesterday").startswith("Got it")
    first.close()
    second = chat()  # e.g. the page was reloaded
    assert second.start(session) == session
    assert second.ask(session, "can I wear makeup?").startswith("Almost: no makeup")


def test_a_page_from_another_origin_cannot_connect(chat):
    with pytest.raises(socketio.exceptions.ConnectionError):
        chat(origin="http://evil.example")


def test_a_bad_session_id_gets_a_fresh_one(chat):
    c = chat()
    confirmed = c.start("<img src=x onerror=alert(1)>")
    assert confirmed != "<img src=x onerror=alert(1)>" and len(confirmed) == 32
