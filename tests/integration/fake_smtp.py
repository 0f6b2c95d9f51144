"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

from email import message_from_bytes
from email.message import Message
from typing import List

from aiosmtpd.controller import Controller

from deploy.servers import free_port


class _Inbox:
    def __init__(self) -> None:
        self.messages: List[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


class FakeSmtp:
    """``messages``: the emails received, in order; ``stop()``/``start()`` take it down and back up."""

    def __init__(self) -> None:
        self.port = free_port()
        self._inbox = _Inbox()
        self._controller = Controller(self._inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    @property
    def messages(self) -> List[Message]:
        return self._inbox.messages

    def stop(self) -> None:
        self._controller.stop()

    def start(self) -> None:
        self._controller = Controller(self._inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
