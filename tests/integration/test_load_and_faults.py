"""Load and faults on one Rasa server with its action server (bounded runs on 127.0.0.1).

- 500 conversations x 4 messages, 20 at a time: every message answered, no 5xx,
  and the server's memory does not keep growing.
- The action server killed mid-run: every message still gets a useful reply,
  and full answers come back once the action server is restarted.
(A Rasa server restart mid-conversation: test_persistence.py.)
"""

import time

import pytest

from bench.loadgen import rss_bytes, run_load
from knowledge.answers import load_knowledge
from tests.integration.conftest import assistant

MESSAGES = load_knowledge().aftercare_messages
# While the action server is down, dated questions get the general advice; a
# date given then was not noted, so after the restart the assistant asks for it.
USEFUL_WITHOUT_DATE = (MESSAGES["general_intro"], MESSAGES["ask_date"])


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """This module's own servers: the tests kill and restart the action server."""
    running = assistant(tmp_path_factory.mktemp("load")).start()
    yield running
    running.stop()


def test_500_conversations_of_4_messages_20_at_a_time(servers):
    run_load([servers.webhook], conversations=25, concurrency=20, prefix="warm-up")
    before = rss_bytes(servers.rasa.pid)

    result = run_load([servers.webhook], conversations=500, concurrency=20, prefix="evening")

    after = rss_bytes(servers.rasa.pid)
    assert len(result.exchanges) == 2000
    assert not result.server_errors, result.server_errors[:5]
    assert not result.failures, result.failures[:5]
    assert len({e.sender for e in result.exchanges}) == 500
    # A leak would show over 2,000 messages; `make bench` measures 10,000.
    assert after < before * 1.05, f"RSS grew from {before >> 20} MiB to {after >> 20} MiB"


def test_action_server_killed_mid_run_every_message_still_answered_then_recovers(servers):
    events = []

    def break_and_mend(sent: int) -> None:
        if sent == 40:
            servers.kill_actions()
            events.append(("killed", sent))
        elif sent == 160:
            servers.start_actions(wait=False)  # comes up while the run goes on
            events.append(("restarted", sent))

    result = run_load([servers.webhook], conversations=60, concurrency=10, prefix="outage",
                      on_message=break_and_mend)

    assert [name for name, _ in events] == ["killed", "restarted"]
    assert len(result.exchanges) == 240
    assert not result.server_errors, result.server_errors[:5]
    # No silence: every message got a reply, dated questions at least the general advice.
    assert all(e.status == 200 and e.reply.strip() for e in result.exchanges)
    degraded = [e for e in result.exchanges if not e.ok]
    assert degraded, "the outage should have changed some answers"
    assert any(MESSAGES["general_intro"] in e.reply for e in degraded)
    assert all(any(text in e.reply for text in USEFUL_WITHOUT_DATE) for e in degraded), degraded[:3]

    servers.wait_for_actions()
    time.sleep(1)
    after = run_load([servers.webhook], conversations=20, concurrency=10, prefix="recovered")
    assert not after.failures, after.failures[:5]


def test_the_server_is_still_up_after_the_faults(servers):
    assert servers.rasa.poll() is None
    assert servers.actions.poll() is None
