"""A Redis lock store whose every change to a conversation's lock is one atomic step.

Rasa 3.6's ``RedisLockStore`` issues a ticket by reading the lock, changing it
in Python and writing it back (``LockStore.issue_ticket``: get, issue, save).
Two Rasa servers handling the same conversation at the same moment can both
read the same lock and hand out the same ticket number, then process the
conversation at once and save their events over each other (RasaHQ/rasa#9213;
the open-source fix was reverted). Here issuing a ticket, removing expired
ones and finishing a ticket each run as one Lua script inside Redis, which
runs scripts one at a time: no two servers can interleave. The lock keeps
Rasa's format (``TicketLock`` JSON), so reading it, waiting for one's turn and
the lock's lifetime are Rasa's own code.

Named in deploy/endpoints.cluster.yml by module path; the single-server
``make run`` keeps Rasa's in-memory lock store.
"""

from __future__ import annotations

import time
from typing import Any, Optional, Text

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# The lock as Rasa writes it: {"conversation_id": ..., "tickets": ["{\"number\": 0, \"expires\": ...}", ...]}.
# Built by hand so that an empty ticket list stays a JSON list.
_READ = """
local function read(key, now)
  local raw = redis.call('GET', key)
  local tickets = {}
  if raw then
    for _, text in ipairs(cjson.decode(raw)['tickets'] or {}) do
      local ticket = cjson.decode(text)
      if tonumber(ticket['expires']) >= now then table.insert(tickets, ticket) end
    end
  end
  return tickets, raw
end
local function write(key, conversation_id, tickets)
  local encoded = {}
  for i, ticket in ipairs(tickets) do
    encoded[i] = cjson.encode(string.format('{"number": %d, "expires": %.6f}', ticket['number'], ticket['expires']))
  end
  redis.call('SET', key, '{"conversation_id": ' .. cjson.encode(conversation_id) .. ', "tickets": ['
             .. table.concat(encoded, ', ') .. ']}')
end
"""

# KEYS[1] lock; ARGV: conversation id, now, lifetime. Returns the new ticket's number.
ISSUE_TICKET = _READ + """
local now = tonumber(ARGV[2])
local tickets = read(KEYS[1], now)
local number = 0
if #tickets > 0 then number = tickets[#tickets]['number'] + 1 end
table.insert(tickets, {number = number, expires = now + tonumber(ARGV[3])})
write(KEYS[1], ARGV[1], tickets)
return number
"""

# KEYS[1] lock; ARGV: conversation id, now. Drops expired tickets (the lock stays, maybe empty).
REMOVE_EXPIRED = _READ + """
local tickets, raw = read(KEYS[1], tonumber(ARGV[2]))
if raw then write(KEYS[1], ARGV[1], tickets) end
return #tickets
"""

# KEYS[1] lock; ARGV: conversation id, now, ticket. Ends that ticket; deletes the lock when nobody waits.
FINISH = _READ + """
local tickets, raw = read(KEYS[1], tonumber(ARGV[2]))
if not raw then return 0 end
local left = {}
for _, ticket in ipairs(tickets) do
  if ticket['number'] ~= tonumber(ARGV[3]) then table.insert(left, ticket) end
end
if #left == 0 then redis.call('DEL', KEYS[1]) else write(KEYS[1], ARGV[1], left) end
return #left
"""


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with ticket issue, expiry and release as single Redis scripts."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa makes a custom lock store with its endpoint config; tests pass the settings directly.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._issue = self.red.register_script(ISSUE_TICKET)
        self._remove_expired = self.red.register_script(REMOVE_EXPIRED)
        self._finish = self.red.register_script(FINISH)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket, issued atomically (Rasa's read-change-write could hand out the same one twice)."""
        try:
            return int(self._issue(keys=[self.key_prefix + conversation_id],
                                   args=[conversation_id, time.time(), lock_lifetime]))
        except Exception as error:  # noqa: BLE001 - Rasa's contract: any failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        """Removes expired tickets, atomically."""
        self._remove_expired(keys=[self.key_prefix + conversation_id], args=[conversation_id, time.time()])

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Ends ``ticket_number`` (the lock is deleted when nobody else waits), atomically."""
        self._finish(keys=[self.key_prefix + conversation_id], args=[conversation_id, time.time(), ticket_number])

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # finish_serving already deleted the lock if nobody waits; Rasa's separate
        # "is someone waiting? then delete" could delete a ticket issued in between.
        self.finish_serving(conversation_id, ticket_number)
