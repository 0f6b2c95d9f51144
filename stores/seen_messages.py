"""Which channel deliveries were already handled: Telegram's update_id, WhatsApp's message id.

Telegram and WhatsApp resend a delivery they think failed, and with several
servers the copy may reach another server than the first. In the cluster
(``REDIS_HOST`` set, as for the lock store) the ids are kept in Redis with a
time to live, shared by every server; on a single server, in memory.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Optional

from knowledge.settings import redis_settings

logger = logging.getLogger(__name__)

TTL_SECONDS = 24 * 3600  # Meta and Telegram stop retrying well within a day
IN_MEMORY = 10_000  # ids remembered by one server
KEY_PREFIX = "seen:"


class SeenMessages:
    """``first_time(channel, id)``: True for a delivery not handled before."""

    def __init__(self) -> None:
        self._memory: "OrderedDict[str, None]" = OrderedDict()
        self._lock = threading.Lock()
        self._redis = None
        self._redis_checked = False

    def _client(self):
        # Made when first needed, from the same settings as the cluster's lock store.
        if not self._redis_checked:
            self._redis_checked = True
            config = redis_settings()
            if config:
                import redis

                self._redis = redis.Redis(host=config.host, port=config.port, password=config.password,
                                          db=config.db, socket_timeout=5)
        return self._redis

    def first_time(self, channel: str, delivery_id: str) -> bool:
        key = f"{KEY_PREFIX}{channel}:{delivery_id}"
        client = self._client()
        if client is not None:
            try:
                return bool(client.set(key, 1, nx=True, ex=TTL_SECONDS))
            except Exception as error:  # noqa: BLE001 - better a possible double answer than none
                logger.warning("seen messages: Redis unavailable (%s), remembering %s on this server only",
                               error, key)
        with self._lock:
            if key in self._memory:
                return False
            self._memory[key] = None
            while len(self._memory) > IN_MEMORY:
                self._memory.popitem(last=False)
            return True


_shared: Optional[SeenMessages] = None


def seen_messages() -> SeenMessages:
    """The process's one ``SeenMessages``."""
    global _shared
    if _shared is None:
        _shared = SeenMessages()
    return _shared
