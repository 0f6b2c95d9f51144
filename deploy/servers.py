"""One assistant (an action server and a Rasa server) started as child processes on 127.0.0.1.

The integration tests and ``make bench`` start their servers with ``Assistant``;
``deploy/cluster.py`` starts several behind nginx with the same helpers.
(``make run`` starts the servers from ``scripts/run.sh``.)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

from knowledge.settings import ROOT

BIN = Path(sys.executable).parent
START_TIMEOUT = 300  # seconds; two Rasa servers loading at once on 2 busy cores


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assistant_env(**overrides: str) -> Dict[str, str]:
    """The environment credentials.yml and the endpoints files expect, with quiet logs.

    Channels stay at their safe defaults (no Telegram, no browser origin) unless
    overridden; action servers listen on loopback only (SANIC_HOST).
    """
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false", SANIC_HOST="127.0.0.1",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", CORS_ORIGINS="", TRACKER_STORE_URL="",
               TELEGRAM_TOKEN="", TELEGRAM_SECRET="", TELEGRAM_API_BASE="",
               WHATSAPP_TOKEN="", WHATSAPP_PHONE_NUMBER_ID="", WHATSAPP_APP_SECRET="", WHATSAPP_VERIFY_TOKEN="",
               WHATSAPP_API_BASE="")
    env.update(overrides)
    return env


def single_server_endpoints(actions_port: int, database: Path, store: str = "privacy.tracker_store.PrivateSQLTrackerStore") -> str:
    """endpoints.yml for one Rasa server on loopback: its action server and its own SQLite tracker store."""
    return (f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
            f"tracker_store:\n  type: {store}\n  dialect: sqlite\n"
            f"  db: {database}\n")


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT) -> None:
    """Polls ``url`` until it answers 200; fails early if the process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} not up after {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def stop_processes(processes: List[subprocess.Popen], grace: float = 30) -> None:
    """SIGTERM to the running ones, then a kill for any still running after ``grace`` seconds."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Assistant:
    """An action server and a Rasa server (REST, socket.io, Telegram channels) with their own SQLite file.

    Everything lives in ``folder`` (endpoints.yml, conversations.db, one log per
    process start). Either server can be stopped, killed and started again, as
    the restart and fault tests need; ``stop`` ends whatever is still running.
    """

    def __init__(self, folder: Path, model: Path, credentials: str = "credentials.yml",
                 cors_origin: str = "", env: Optional[Dict[str, str]] = None, root: Path = ROOT,
                 bin_dir: Path = BIN) -> None:
        # ``root`` and ``bin_dir``: another checkout and its venv (make bench BASELINE=<ref>).
        self.root, self.bin = Path(root), Path(bin_dir)
        self.folder = Path(folder)
        self.model = Path(model)
        self.credentials = credentials
        self.cors_origin = cors_origin
        self.env = assistant_env(CORS_ORIGINS=cors_origin, **(env or {}))
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.database = self.folder / "conversations.db"
        self.endpoints = self.folder / "endpoints.yml"
        self.actions: Optional[subprocess.Popen] = None
        self.rasa: Optional[subprocess.Popen] = None
        self._started: List[subprocess.Popen] = []
        self._logs: Dict[subprocess.Popen, Path] = {}

    @property
    def url(self) -> str:
        """The Rasa server."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        """The action server."""
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def webhook(self) -> str:
        """Rasa's REST channel."""
        return f"{self.url}/webhooks/rest/webhook"

    def _spawn(self, args: List[str], name: str, health_url: str, wait: bool) -> subprocess.Popen:
        log = self.folder / f"{name}-{len(self._started)}.log"  # one log per start: restarts keep the earlier ones
        with log.open("w") as output:
            process = subprocess.Popen(args, cwd=self.root, env=self.env, stdout=output, stderr=subprocess.STDOUT)
        self._started.append(process)
        self._logs[process] = log
        if wait:
            wait_until_up(health_url, process, log)
        return process

    def start(self, with_actions: bool = True, with_rasa: bool = True) -> "Assistant":
        """Starts the servers and waits for them; without the action server, Rasa finds it down."""
        if not self.model.exists():
            raise FileNotFoundError(f"no trained model at {self.model}: run `make train`")
        self.folder.mkdir(parents=True, exist_ok=True)
        # An older checkout (make bench BASELINE=...) may predate the masking store: Rasa's own.
        store = "privacy.tracker_store.PrivateSQLTrackerStore" if (self.root / "privacy" / "tracker_store.py").is_file() \
            else "SQL"
        self.endpoints.write_text(single_server_endpoints(self.actions_port, self.database, store))
        try:
            if with_actions:
                self.start_actions()
            if with_rasa:
                self.start_rasa()
        except BaseException:
            self.stop()
            raise
        return self

    def start_actions(self, wait: bool = True) -> None:
        """Starts the action server; with ``wait``, until its /health answers."""
        self.actions = self._spawn([str(self.bin / "rasa"), "run", "actions", "--actions", "actions",
                                    "--port", str(self.actions_port)], "actions", f"{self.actions_url}/health", wait)

    def wait_for_actions(self) -> None:
        """Waits until the action server started last answers /health."""
        wait_until_up(f"{self.actions_url}/health", self.actions, self._logs[self.actions])

    def kill_actions(self) -> None:
        """Kills the action server the hard way, as a crash would."""
        self.actions.send_signal(signal.SIGKILL)
        self.actions.wait(timeout=10)

    def start_rasa(self, wait: bool = True) -> None:
        """Starts the Rasa server; with ``wait``, until its / answers (the model is loaded)."""
        self.rasa = self._spawn([str(self.bin / "rasa"), "run", "-m", str(self.model), "--interface", "127.0.0.1",
                                 "--port", str(self.rasa_port), "--endpoints", str(self.endpoints),
                                 "--credentials", self.credentials, "--cors", self.cors_origin or "http://127.0.0.1"],
                                "rasa", f"{self.url}/", wait)

    def rasa_log(self) -> Path:
        """The log of the Rasa server started last."""
        return self._logs[self.rasa]

    def actions_log(self) -> Path:
        """The log of the action server started last."""
        return self._logs[self.actions]

    def stop_rasa(self) -> None:
        """Stops the Rasa server the way a deployment would (SIGTERM)."""
        stop_processes([self.rasa])

    def stop(self) -> None:
        """Stops every process this object started that still runs."""
        stop_processes(self._started)
