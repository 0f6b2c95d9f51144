"""Scale-out: two Rasa servers (and two action servers) behind nginx round-robin,
sharing a PostgreSQL tracker store and a Redis lock store (deploy/cluster.py).

The Debian packages postgresql, redis-server and nginx are installed by
`make test` when missing.
"""

import os
from collections import Counter, defaultdict

import requests

from bench.loadgen import days_for, patient_script, run_load
from tests.integration.conftest import make_report


def _say(cluster, sender, text):
    answer = requests.post(f"{cluster.url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                           timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.headers["X-Upstream"], "\n".join(m.get("text", "") for m in answer.json())


def test_a_conversation_alternating_between_servers_keeps_its_treatment_date(cluster):
    served = []
    for text, expected in [
        ("I had microneedling 45 days ago", "Got it: treated 45 days ago"),
        ("what should I do today?", "Today is day 45 "),
        ("can I wear makeup?", "Yes: the 24-hour window has passed, since you were treated 45 days ago"),
        ("and can I go to the gym?", "since you were treated 45 days ago"),
    ]:
        server, reply = _say(cluster, "alternating-patient", text)
        served.append(server)
        assert expected in reply, (text, server, reply)
    # Round-robin: each message went to the other server than the one before.
    assert all(a != b for a, b in zip(served, served[1:])), served
    assert set(served) == {url.removeprefix("http://") for url in cluster.rasa_urls}


def test_50_concurrent_conversations_lose_no_reply_and_get_only_their_own(cluster):
    result = run_load([f"{cluster.url}/webhooks/rest/webhook"], conversations=50, concurrency=50,
                      prefix="crowd")

    assert len(result.exchanges) == 50 * 4
    assert not result.failures, result.failures[:5]
    by_sender = defaultdict(list)
    for exchange in result.exchanges:
        by_sender[exchange.sender].append(exchange)
    assert len(by_sender) == 50 and all(len(exchanges) == 4 for exchanges in by_sender.values())
    # Each conversation's plan names its own treatment day (50 different days),
    # and every reply was addressed to the conversation that asked.
    for index in range(50):
        plan = by_sender[f"crowd-{index}"][2]
        assert f"Today is day {days_for(index)} " in plan.reply
    assert len({days_for(index) for index in range(50)}) == 50
    assert all(step.expect for step in patient_script(2))
    # Both servers did a share of the work.
    shares = Counter(exchange.served_by for exchange in result.exchanges)
    assert len(shares) == 2 and min(shares.values()) >= 50, shares


def test_the_report_reads_the_postgresql_tracker_store(cluster, tmp_path):
    # Last in this module: the conversations above are in the cluster's PostgreSQL.
    env = dict(os.environ, TRACKER_STORE_URL=cluster.tracker_store_url)
    summary = make_report(tmp_path, "--days", "2", env=env)
    conversations = int(summary.split()[0])
    assert conversations >= 51, summary  # the alternating patient and the 50 concurrent ones
    assert "Top topics" in (tmp_path / "index.html").read_text()
