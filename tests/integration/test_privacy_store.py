"""The tracker store's privacy, on real SQLite and PostgreSQL: masked events,
deletion on request, and retention (conversations dated in the past)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from deploy.cluster import Cluster
from deploy.servers import ROOT
from knowledge import names
from privacy.retention import purge_conversations
from privacy.tracker_store import PrivateSQLTrackerStore
from tests.integration.conftest import MODEL

DAY = 24 * 3600


@pytest.fixture(scope="module")
def postgres_url(tmp_path_factory):
    """A private PostgreSQL on 127.0.0.1 (the cluster's own helper)."""
    cluster = Cluster(tmp_path_factory.mktemp("pg"), MODEL)
    try:
        yield cluster.start_postgres()
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'conversations.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as connection:  # each test starts from an empty table
        connection.execute(text("DROP TABLE IF EXISTS events"))
    engine.dispose()
    return url


def _save(store, sender, *events):
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, list(events))))


def _rows(url, sender=None):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT sender_id, data FROM events" + (" WHERE sender_id = :s" if sender else "")
            return [(s, json.loads(d)) for s, d in connection.execute(text(query), {"s": sender})]
    finally:
        engine.dispose()


def _store(url):
    return PrivateSQLTrackerStore(domain=Domain.empty(), host=url)


def test_contact_details_are_masked_in_what_is_stored(store_url):
    store = _store(store_url)
    _save(store, "pat", UserUttered("call me on 07700 900123 or sam@example.com, I had it on 12/11/2026"),
          SlotSet("callback_contact", "07700 900123"))
    stored = json.dumps([data for _, data in _rows(store_url, "pat")])
    assert "07700" not in stored and "sam@example.com" not in stored
    assert "[phone]" in stored and "[email]" in stored and "12/11/2026" in stored


def test_a_confirmed_forget_deletes_every_row_of_that_conversation_only(store_url):
    store = _store(store_url)
    _save(store, "pat", UserUttered("I had microneedling yesterday"), SlotSet("treatment_date", "2026-11-30"))
    _save(store, "other", UserUttered("does it hurt?"))
    tracker = asyncio.run(store.retrieve("pat"))
    tracker.update(UserUttered("/affirm"))
    tracker.update(ActionExecuted(names.ACTION_FORGET_ME))
    asyncio.run(store.save(tracker))
    assert _rows(store_url, "pat") == []
    assert asyncio.run(store.retrieve("pat")) is None  # the next message starts a new conversation
    assert len(_rows(store_url, "other")) == 1


def test_retention_deletes_conversations_whose_last_message_is_too_old(store_url):
    store = _store(store_url)
    now = time.time()
    _save(store, "old", UserUttered("does it hurt?", timestamp=now - 40 * DAY))
    _save(store, "recent", UserUttered("does it hurt?", timestamp=now - 40 * DAY),
          UserUttered("and how many sessions?", timestamp=now - 2 * DAY))
    result = purge_conversations(store_url, datetime.now(timezone.utc) - timedelta(days=30))
    assert (result.conversations, result.events) == (1, 1)
    assert {sender for sender, _ in _rows(store_url)} == {"recent"}
    assert len(_rows(store_url, "recent")) == 2  # a conversation is kept whole while its last message is recent


def test_make_purge_uses_the_retention_days_and_the_store_of_the_environment(store_url, tmp_path):
    store = _store(store_url)
    now = time.time()
    _save(store, "ten-days", UserUttered("hi", timestamp=now - 10 * DAY))
    env = dict(os.environ, RETENTION_DAYS="7", VAR_DIR=str(tmp_path / "var"), TRACKER_STORE_URL=store_url)
    done = subprocess.run([sys.executable, "-m", "privacy.retention", "purge"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 conversations (1 events)")
    assert _rows(store_url) == []
