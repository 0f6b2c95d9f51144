"""The atomic lock store against a real redis-server on 127.0.0.1: tickets are
unique however many servers ask at once, and the waiting and lifetime work as
in Rasa's own lock store."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
import time

import pytest
import redis

from deploy.servers import free_port
from stores.redis_lock import AtomicRedisLockStore

SERVERS = 4  # lock stores asking at the same moment, one thread each
TICKETS_EACH = 50


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    executable = shutil.which("redis-server")
    if not executable:
        pytest.fail("redis-server is not installed (make test installs it from Debian's packages)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=10)


def _tickets_from_many_servers(store_class, port, conversation):
    """Every ticket number that ``SERVERS`` stores, started together, were given."""
    stores = [store_class(host="127.0.0.1", port=port, db=1) for _ in range(SERVERS)]
    start = threading.Barrier(SERVERS)
    issued = []

    def ask(store):
        start.wait()
        issued.extend(store.issue_ticket(conversation, 60) for _ in range(TICKETS_EACH))

    threads = [threading.Thread(target=ask, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return issued


def test_tickets_issued_at_the_same_moment_by_several_servers_are_all_different(redis_port):
    issued = _tickets_from_many_servers(AtomicRedisLockStore, redis_port, "same-conversation")
    assert len(issued) == SERVERS * TICKETS_EACH
    assert sorted(issued) == list(range(SERVERS * TICKETS_EACH))  # each number once, none skipped
    lock = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1).get_lock("same-conversation")
    assert [t.number for t in lock.tickets] == sorted(issued)  # Rasa reads the lock as its own


def test_one_conversation_is_served_in_ticket_order_and_the_lock_goes_when_nobody_waits(redis_port):
    store = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1)
    first, second = store.issue_ticket("pat", 60), store.issue_ticket("pat", 60)
    lock = store.get_lock("pat")
    assert not lock.is_locked(first) and lock.is_locked(second)
    store.cleanup("pat", first)
    assert not store.get_lock("pat").is_locked(second)
    store.cleanup("pat", second)
    assert store.get_lock("pat") is None


def test_an_expired_ticket_no_longer_blocks_the_next(redis_port):
    store = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1)
    stuck = store.issue_ticket("crashed", 0.2)  # a server that died holding the lock
    waiting = store.issue_ticket("crashed", 60)
    assert store.get_lock("crashed").is_locked(waiting)
    time.sleep(0.3)
    store.update_lock("crashed")
    lock = store.get_lock("crashed")
    assert [t.number for t in lock.tickets] == [waiting] and not lock.is_locked(waiting)
    assert stuck != waiting


def test_two_servers_take_turns_through_rasa_s_lock_context(redis_port):
    stores = [AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1) for _ in range(2)]
    inside, overlaps = [], []

    async def handle(store):
        async with store.lock("turns", lock_lifetime=30, wait_time_in_seconds=0.05):
            if inside:
                overlaps.append(True)
            inside.append(store)
            await asyncio.sleep(0.2)
            inside.remove(store)

    async def main():
        await asyncio.gather(*(handle(s) for s in stores * 3))

    asyncio.run(main())
    assert overlaps == []
    assert stores[0].get_lock("turns") is None
