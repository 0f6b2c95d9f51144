"""Starts the real action server and Rasa server (REST channel) on free ports."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import pytest
import requests

from deploy.cluster import Cluster
from deploy.servers import ROOT, Assistant, free_port
from tests.integration.fake_graph import FakeGraph
from tests.integration.fake_smtp import FakeSmtp
from tests.integration.fake_telegram import FakeTelegram

MODEL = Path(os.environ.get("RASA_MODEL", ROOT / "models" / "microneedling.tar.gz"))
# TEST_CREDENTIALS=... runs the tests against other channel settings (e.g. Rasa's
# own socketio channel, to see the session test fail without channels/socketio.py).
CREDENTIALS = os.environ.get("TEST_CREDENTIALS", "credentials.yml")


def assistant(folder: Path, cors_origin: str = "", env: Optional[Dict[str, str]] = None) -> Assistant:
    """An action server and a Rasa server for the model and channels under test (not started)."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    return Assistant(folder, MODEL, credentials=CREDENTIALS, cors_origin=cors_origin, env=env)


def channel_env(fake_telegram: FakeTelegram, fake_graph: FakeGraph) -> Dict[str, str]:
    """Telegram and WhatsApp on, talking to the fake APIs on 127.0.0.1."""
    return {"TELEGRAM_TOKEN": fake_telegram.token, "TELEGRAM_SECRET": fake_telegram.secret,
            "TELEGRAM_API_BASE": fake_telegram.base_url, "WHATSAPP_TOKEN": fake_graph.token,
            "WHATSAPP_PHONE_NUMBER_ID": fake_graph.phone_number_id, "WHATSAPP_APP_SECRET": fake_graph.app_secret,
            "WHATSAPP_VERIFY_TOKEN": fake_graph.verify_token, "WHATSAPP_API_BASE": fake_graph.base_url}


def _servers(running: Assistant) -> Iterator[Dict[str, str]]:
    try:
        yield {"rasa": running.url, "actions": running.actions_url, "database": str(running.database),
               "rasa_log": str(running.rasa_log()) if running.rasa else "",
               "actions_log": str(running.actions_log()) if running.actions else ""}
    finally:
        running.stop()


@pytest.fixture(scope="session")
def web_origin() -> str:
    """Where the browser tests serve the demo page: the one origin Rasa allows."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    """A Bot API on 127.0.0.1 that records what the bot sends."""
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def clinic_file(tmp_path_factory) -> Path:
    """A copy of the demo clinic.yml the servers read (tests may edit it, then put it back)."""
    path = tmp_path_factory.mktemp("clinic") / "clinic.yml"
    shutil.copyfile(ROOT / "clinic.yml", path)
    return path


@pytest.fixture(scope="session")
def fake_graph() -> Iterator[FakeGraph]:
    """A WhatsApp Cloud API on 127.0.0.1 that records what the assistant sends."""
    fake = FakeGraph()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, fake_telegram, fake_graph) -> Iterator[Cluster]:
    """Two Rasa servers and two action servers behind nginx, PostgreSQL and Redis (deploy/cluster.py),
    shared by the scale-out, race and report tests. CLUSTER_LOCK_STORE=redis runs them with
    Rasa's own lock store instead of stores/redis_lock.py (to see the race it loses)."""
    running = Cluster(tmp_path_factory.mktemp("cluster"), MODEL, size=2,
                      lock_store=os.environ.get("CLUSTER_LOCK_STORE") or None,
                      env=channel_env(fake_telegram, fake_graph)).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def fake_smtp() -> Iterator[FakeSmtp]:
    """The clinic's mail server on 127.0.0.1: call-back requests arrive here."""
    fake = FakeSmtp()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def var_dir(tmp_path_factory) -> Path:
    """The servers' var/ (call-back requests)."""
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def servers(tmp_path_factory, web_origin, fake_telegram, fake_graph, clinic_file, fake_smtp, var_dir) -> Iterator[Dict[str, str]]:
    """The action server and the Rasa server, stopped after the session."""
    env = {"CLINIC_FILE": str(clinic_file), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(fake_smtp.port),
           "SMTP_STARTTLS": "false", "VAR_DIR": str(var_dir), **channel_env(fake_telegram, fake_graph)}
    yield from _servers(assistant(tmp_path_factory.mktemp("servers"), web_origin, env).start())


@pytest.fixture(scope="module")
def servers_without_actions(tmp_path_factory) -> Iterator[Dict[str, str]]:
    """A Rasa server whose action server is down (nothing listens on its port)."""
    yield from _servers(assistant(tmp_path_factory.mktemp("no-actions")).start(with_actions=False))


def new_sender(request) -> str:
    """A new conversation per test; sender ids are limited to 128 characters."""
    return f"{request.node.originalname[:60]}-{uuid.uuid4().hex}"


def asker(base_url: str, sender: str) -> Callable[[str], List[dict]]:
    def _ask(message: str) -> List[dict]:
        response = requests.post(f"{base_url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=30)
        response.raise_for_status()
        return response.json()

    return _ask


def make_report(out, *args, env=None):
    """``make report`` (python -m report.build), as a separate process."""
    done = subprocess.run([sys.executable, "-m", "report.build", "--out", str(out), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def stored_events(database: str, sender: str) -> List[dict]:
    """A conversation's events as the SQL tracker store keeps them (SQLite)."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in rows]


@pytest.fixture
def ask(servers, request) -> Callable[[str], List[dict]]:
    """Sends a message as this test's own user; returns the bot's messages."""
    return asker(servers["rasa"], new_sender(request))


@pytest.fixture
def ask_without_actions(servers_without_actions, request) -> Callable[[str], List[dict]]:
    """Like ``ask``, to the Rasa server whose action server is down."""
    return asker(servers_without_actions["rasa"], new_sender(request))
