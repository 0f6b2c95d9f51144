"""One conversation on two servers at the same moment (the cluster of deploy/cluster.py).

For 200 rounds, a treatment date and an aftercare question of one
conversation are posted at the same instant, one to each Rasa server directly
(not through nginx); then bursts of 5 messages spread over both. The tracker
store (PostgreSQL) must then hold every user message exactly once, each
followed by its bot replies before the next one, no event twice, and the
treatment date kept. With Rasa's own `redis` lock store two servers can take
the same ticket and save over each other (CLUSTER_LOCK_STORE=redis shows it).
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List

import pytest
import requests
from sqlalchemy import create_engine, text

ROUNDS = int(os.environ.get("RACE_ROUNDS", "200"))
BURSTS = 20
WORKERS = 8  # conversations racing at once
PAIR = ["I had microneedling 3 days ago", "can I wear makeup?"]
BURST = ["does microneedling hurt?", "how many sessions will I need?", "I had microneedling 2 days ago",
         "can I go to the gym?", "thanks"]


def _post_together(urls: List[str], sender: str, messages: List[str]) -> List[int]:
    """Posts each message to its server at the same instant; returns the HTTP statuses."""
    start = threading.Barrier(len(messages))
    statuses: Dict[int, int] = {}

    def post(index: int) -> None:
        start.wait()
        answer = requests.post(f"{urls[index % len(urls)]}/webhooks/rest/webhook",
                               json={"sender": sender, "message": messages[index]}, timeout=120)
        statuses[index] = answer.status_code

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(messages))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [statuses.get(i, 0) for i in range(len(messages))]


def _stored(url: str, prefix: str) -> Dict[str, List[dict]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT sender_id, data FROM events WHERE sender_id LIKE :p ORDER BY id"),
                                      {"p": prefix + "%"}).fetchall()
    finally:
        engine.dispose()
    conversations: Dict[str, List[dict]] = {}
    for sender, data in rows:
        conversations.setdefault(sender, []).append(json.loads(data))
    return conversations


def problems(events: List[dict], sent: List[str]) -> List[str]:
    """What is wrong with one conversation's stored events (empty: nothing)."""
    found = []
    users = [e.get("text") for e in events if e.get("event") == "user"]
    if Counter(users) != Counter(sent):
        found.append(f"user messages {users} instead of {sent} once each")
    turns = [i for i, e in enumerate(events) if e.get("event") == "user"] + [len(events)]
    for start, end in zip(turns, turns[1:]):
        if not any(e.get("event") == "bot" for e in events[start + 1:end]):
            found.append(f"no reply to {events[start].get('text')!r} before the next message")
    keys = Counter(json.dumps(e, sort_keys=True) for e in events)
    repeated = [k for k, n in keys.items() if n > 1]
    if repeated:
        found.append(f"{len(repeated)} events stored twice, e.g. {repeated[0][:120]}")
    return found


def test_two_servers_at_the_same_moment_lose_and_duplicate_nothing(cluster):
    urls = cluster.rasa_urls
    assert len(urls) == 2
    prefix = f"race-{uuid.uuid4().hex[:8]}-"
    plans = [(f"{prefix}pair-{n}", PAIR) for n in range(ROUNDS)] + \
            [(f"{prefix}burst-{n}", BURST) for n in range(BURSTS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        statuses = list(pool.map(lambda plan: _post_together(urls, *plan), plans))
    assert all(s == 200 for round_statuses in statuses for s in round_statuses), statuses[:5]

    stored = _stored(cluster.tracker_store_url, prefix)
    report = {sender: problems(stored.get(sender, []), sent) for sender, sent in plans}
    broken = {sender: found for sender, found in report.items() if found}
    assert not broken, f"{len(broken)} of {len(plans)} conversations broken, e.g. {list(broken.items())[:3]}"
    # The treatment date is kept whichever message was handled first.
    for sender, _ in plans[:ROUNDS]:
        dates = [e.get("value") for e in stored[sender] if e.get("event") == "slot"
                 and e.get("name") == "treatment_date"]
        assert dates and dates[-1], f"{sender}: treatment date lost"


@pytest.mark.parametrize("events, sent, expected", [
    ([{"event": "user", "text": "a"}, {"event": "bot", "text": "x"}], ["a"], []),
    ([{"event": "user", "text": "a"}], ["a", "b"], ["user messages ['a'] instead of ['a', 'b'] once each",
                                                    "no reply to 'a' before the next message"]),
    ([{"event": "user", "text": "a", "timestamp": 1}, {"event": "user", "text": "a", "timestamp": 1},
      {"event": "bot", "text": "x"}], ["a"],
     ["user messages ['a', 'a'] instead of ['a'] once each", "no reply to 'a' before the next message",
      "1 events stored twice, e.g. {\"event\": \"user\", \"text\": \"a\", \"timestamp\": 1}"]),
], ids=["fine", "a lost message", "a message stored twice"])
def test_the_check_sees_lost_and_doubled_messages(events, sent, expected):
    assert problems(events, sent) == expected


def test_a_delivery_resent_to_the_other_server_is_answered_once(cluster, fake_graph, fake_telegram):
    from tests.integration.test_whatsapp import WhatsApp, _envelope

    twice, once = WhatsApp(cluster.rasa_urls[0], fake_graph), WhatsApp(cluster.rasa_urls[0], fake_graph)
    message = twice.message(text={"body": "does microneedling hurt?"})
    start = threading.Barrier(2)

    def deliver(url):
        chat = WhatsApp(url, fake_graph)
        start.wait()
        assert chat.post(_envelope(message)).status_code == 200

    threads = [threading.Thread(target=deliver, args=(url,)) for url in cluster.rasa_urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert once.say("does microneedling hurt?").status_code == 200
    assert len(twice.replies()) == len(once.replies()) >= 1
    stored = _stored(cluster.tracker_store_url, twice.number)[twice.number]
    assert [e.get("text") for e in stored if e.get("event") == "user"] == ["does microneedling hurt?"]

    # Telegram's update_id, the same way.
    chat = 991000 + len(fake_telegram.calls)
    update = {"update_id": 777000 + chat, "message": {"message_id": 1, "date": 1764590000, "text": "thanks",
                                                      "chat": {"id": chat, "type": "private"}}}
    statuses = []

    def resend(url):
        start.wait()
        statuses.append(requests.post(f"{url}/webhooks/telegram/webhook", json=update, timeout=60,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": fake_telegram.secret}).status_code)

    start = threading.Barrier(2)
    threads = [threading.Thread(target=resend, args=(url,)) for url in cluster.rasa_urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200]
    assert len(fake_telegram.sent_to(chat)) == 1
