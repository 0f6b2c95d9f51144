"""Starts the real action server and Rasa server (REST channel) on free ports."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import pytest
import requests

from deploy.cluster import assistant_env
from deploy.cluster import single_server_endpoints as _endpoints
from deploy.cluster import free_port as _free_port  # noqa: F401 (used by the test modules)
from deploy.cluster import wait_until_up as _wait_until_up
from tests.integration.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MODEL = Path(os.environ.get("RASA_MODEL", ROOT / "models" / "microneedling.tar.gz"))
# TEST_CREDENTIALS=... runs the tests against other channel settings (e.g. Rasa's
# own socketio channel, to see the session test fail without channels/socketio.py).
CREDENTIALS = os.environ.get("TEST_CREDENTIALS", "credentials.yml")


def _start(args: List[str], log: Path, cors: str = "", telegram: Optional[Dict[str, str]] = None) -> subprocess.Popen:
    env = assistant_env(CORS_ORIGINS=cors, **(telegram or {}))
    return subprocess.Popen(args, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)


def _stop(processes: List[subprocess.Popen]) -> None:
    """Terminates the servers, killing any that do not stop within 30 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _servers(tmp: Path, with_actions: bool, web_origin: str = "",
             telegram: Optional[Dict[str, str]] = None) -> Iterator[Dict[str, str]]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    actions_port, rasa_port = _free_port(), _free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(_endpoints(actions_port, tmp / "conversations.db"))
    processes = []
    try:
        if with_actions:
            actions_log = tmp / "actions.log"
            processes.append(_start([str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                                     "--port", str(actions_port)], actions_log))
            _wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes[-1], actions_log)
        rasa_log = tmp / "rasa.log"
        processes.append(_start([str(BIN / "rasa"), "run", "-m", str(MODEL), "--port", str(rasa_port),
                                 "--endpoints", str(endpoints), "--credentials", CREDENTIALS,
                                 "--cors", web_origin or "http://127.0.0.1"], rasa_log, cors=web_origin,
                                telegram=telegram))
        _wait_until_up(f"http://127.0.0.1:{rasa_port}/", processes[-1], rasa_log)
        yield {"rasa": f"http://127.0.0.1:{rasa_port}", "actions": f"http://127.0.0.1:{actions_port}"}
    finally:
        _stop(processes)


@pytest.fixture(scope="session")
def web_origin() -> str:
    """Where the browser tests serve the demo page: the one origin Rasa allows."""
    return f"http://127.0.0.1:{_free_port()}"


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    """A Bot API on 127.0.0.1 that records what the bot sends."""
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def servers(tmp_path_factory, web_origin, fake_telegram) -> Iterator[Dict[str, str]]:
    """The action server and the Rasa server, stopped after the session."""
    telegram = {"TELEGRAM_TOKEN": fake_telegram.token, "TELEGRAM_SECRET": fake_telegram.secret,
                "TELEGRAM_API_BASE": fake_telegram.base_url}
    yield from _servers(tmp_path_factory.mktemp("servers"), with_actions=True, web_origin=web_origin,
                        telegram=telegram)


@pytest.fixture(scope="module")
def servers_without_actions(tmp_path_factory) -> Iterator[Dict[str, str]]:
    """A Rasa server whose action server is down (nothing listens on its port)."""
    yield from _servers(tmp_path_factory.mktemp("no-actions"), with_actions=False)


def _sender(request) -> str:
    """A new conversation per test; sender ids are limited to 128 characters."""
    return f"{request.node.originalname[:60]}-{uuid.uuid4().hex}"


def _asker(base_url: str, sender: str) -> Callable[[str], List[dict]]:
    def _ask(message: str) -> List[dict]:
        response = requests.post(f"{base_url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=30)
        response.raise_for_status()
        return response.json()

    return _ask


@pytest.fixture
def ask(servers, request) -> Callable[[str], List[dict]]:
    """Sends a message as this test's own user; returns the bot's messages."""
    return _asker(servers["rasa"], _sender(request))


@pytest.fixture
def ask_without_actions(servers_without_actions, request) -> Callable[[str], List[dict]]:
    """Like ``ask``, to the Rasa server whose action server is down."""
    return _asker(servers_without_actions["rasa"], _sender(request))
