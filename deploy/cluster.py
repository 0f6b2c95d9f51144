"""Several Rasa servers on one machine, the way Rasa scales out.

Starts PostgreSQL (shared tracker store), Redis (lock store), N action servers,
N Rasa servers using ``deploy/endpoints.cluster.yml``, and nginx balancing them
round-robin (``deploy/nginx.conf.template``). Everything listens on 127.0.0.1
and keeps its state in one working folder. Used by the scale-out test and by
``make cluster``; the Debian packages postgresql, redis-server and nginx must
be installed.
"""

from __future__ import annotations

import argparse
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from deploy.servers import BIN, assistant_env, free_port, stop_processes, wait_until_up
from knowledge.settings import MODEL, ROOT

ENDPOINTS = ROOT / "deploy" / "endpoints.cluster.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def render_nginx(listen: str, actions_listen: str, rasa: List[str], actions: List[str], state: Path) -> str:
    """nginx.conf from the template: the two listen addresses and the upstream servers."""
    def servers(addresses: List[str]) -> str:
        return "\n".join(f"    server {address};" for address in addresses)

    values = {"listen": listen, "actions_listen": actions_listen, "state": str(state),
              "rasa_servers": servers(rasa), "action_servers": servers(actions),
              # As root, nginx would run its workers as "nobody", who cannot read a private folder.
              "user": "user root;" if os.geteuid() == 0 else ""}
    text = NGINX_TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (Debian package postgresql)")
    return Path(found[-1]).parent


def _need(program: str, package: str) -> str:
    path = shutil.which(program) or (f"/usr/sbin/{program}" if os.path.exists(f"/usr/sbin/{program}") else None)
    if not path:
        raise RuntimeError(f"{program} is not installed (Debian package {package})")
    return path


class Cluster:
    """PostgreSQL + Redis + nginx + ``size`` action servers and Rasa servers on 127.0.0.1."""

    def __init__(self, workdir: Path, model: Path, size: int = 2, port: Optional[int] = None,
                 credentials: str = "credentials.yml", lock_store: Optional[str] = None,
                 env: Optional[Dict[str, str]] = None) -> None:
        self.workdir = Path(workdir)
        self.model = Path(model)
        # Another lock store type than endpoints.cluster.yml's (e.g. Rasa's "redis", to compare).
        self.lock_store = lock_store
        self.env = env or {}  # more settings for the Rasa servers (channels' credentials)
        self.size = size
        self.port = port or free_port()
        self.credentials = credentials
        self.processes: List[subprocess.Popen] = []
        self.rasa_urls: List[str] = []
        self.tracker_store_url = ""  # PostgreSQL, once started
        self.action_urls: List[str] = []
        self.rasa_processes: List[subprocess.Popen] = []
        self.action_processes: List[subprocess.Popen] = []
        self.nginx: Optional[subprocess.Popen] = None
        self._pg_data: Optional[Path] = None
        self._password = secrets.token_hex(12)

    @property
    def url(self) -> str:
        """The load balancer: what the channels' users talk to."""
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, args: List[str], name: str, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("w")
        process = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   env=env or assistant_env(), start_new_session=True)
        self.processes.append(process)
        return process

    def _as_postgres(self, args: List[str]) -> List[str]:
        # initdb refuses to run as root.
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def start_postgres(self) -> str:
        """A private PostgreSQL on a free port with a password; returns the tracker store URL."""
        pg_bin = _postgres_bin()
        # Outside workdir: the postgres user must be able to reach it.
        self._pg_data = Path(tempfile.mkdtemp(prefix="rasa-postgres-"))
        password_file = self._pg_data / "password"
        password_file.write_text(self._password + "\n")
        if os.geteuid() == 0:
            shutil.chown(self._pg_data, "postgres", "postgres")
            shutil.chown(password_file, "postgres", "postgres")
        data = self._pg_data / "data"
        subprocess.run(self._as_postgres([str(pg_bin / "initdb"), "-D", str(data), "-U", "rasa",
                                          "--auth=scram-sha-256", f"--pwfile={password_file}"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        pg_port = free_port()
        subprocess.run(self._as_postgres([str(pg_bin / "pg_ctl"), "-D", str(data), "-w", "-l",
                                          str(self._pg_data / "postgres.log"), "-o",
                                          f"-p {pg_port} -k {self._pg_data} -c listen_addresses=127.0.0.1",
                                          "start"]), check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, PGPASSWORD=self._password)
        subprocess.run([str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "rasa", "rasa"],
                       check=True, env=env)
        return f"postgresql://rasa:{self._password}@127.0.0.1:{pg_port}/rasa"

    def start_redis(self) -> Dict[str, str]:
        """A private Redis with a password, no persistence; returns the REDIS_* settings."""
        redis_port = free_port()
        config = self.workdir / "redis.conf"
        config.write_text(f"bind 127.0.0.1\nport {redis_port}\nrequirepass {self._password}\n"
                          f"save \"\"\nappendonly no\ndir {self.workdir}\n")
        process = self._spawn([_need("redis-server", "redis-server"), str(config)], "redis")
        for _ in range(150):
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{(self.workdir / 'redis.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", redis_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"redis-server not listening on {redis_port} after 30 s")
        return {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis_port),
                "REDIS_PASSWORD": self._password, "REDIS_DB": "1"}

    def start_nginx(self, rasa_ports: List[int], action_ports: List[int], actions_port: int) -> None:
        """nginx balancing the Rasa servers (self.port) and the action servers (actions_port)."""
        state = self.workdir / "nginx"
        state.mkdir(exist_ok=True)
        conf = state / "nginx.conf"
        conf.write_text(render_nginx(f"127.0.0.1:{self.port}", f"127.0.0.1:{actions_port}",
                                     [f"127.0.0.1:{p}" for p in rasa_ports],
                                     [f"127.0.0.1:{p}" for p in action_ports], state))
        nginx = _need("nginx", "nginx")
        subprocess.run([nginx, "-t", "-q", "-p", str(state), "-c", str(conf)], check=True)
        self.nginx = self._spawn([nginx, "-p", str(state), "-c", str(conf), "-g", "daemon off;"], "nginx")

    def endpoints_file(self) -> Path:
        """endpoints.cluster.yml, or a copy with another lock store type."""
        if not self.lock_store:
            return ENDPOINTS
        text = ENDPOINTS.read_text()
        copy = self.workdir / "endpoints.yml"
        copy.write_text(text.replace("type: stores.redis_lock.AtomicRedisLockStore", f"type: {self.lock_store}"))
        return copy

    def start(self) -> "Cluster":
        """Starts everything and waits until the load balancer answers; stops all on failure."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            tracker_store = self.tracker_store_url = self.start_postgres()
            redis = self.start_redis()
            action_ports = [free_port() for _ in range(self.size)]
            rasa_ports = [free_port() for _ in range(self.size)]
            actions_front = free_port()
            self.start_nginx(rasa_ports, action_ports, actions_front)
            for number, port in enumerate(action_ports):
                self.action_processes.append(self._spawn(
                    [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
                    f"actions-{number}"))
                self.action_urls.append(f"http://127.0.0.1:{port}")
            env = assistant_env(TRACKER_STORE_URL=tracker_store,
                                ACTION_SERVER_URL=f"http://127.0.0.1:{actions_front}/webhook", **redis, **self.env)
            endpoints = self.endpoints_file()
            for number, port in enumerate(rasa_ports):
                self.rasa_processes.append(self._spawn(
                    [str(BIN / "rasa"), "run", "-m", str(self.model), "--interface", "127.0.0.1", "--port", str(port),
                     "--endpoints", str(endpoints), "--credentials", self.credentials], f"rasa-{number}", env))
                self.rasa_urls.append(f"http://127.0.0.1:{port}")
            for number, (url, process) in enumerate(zip(self.action_urls, self.action_processes)):
                wait_until_up(f"{url}/health", process, self.workdir / f"actions-{number}.log")
            for number, (url, process) in enumerate(zip(self.rasa_urls, self.rasa_processes)):
                wait_until_up(f"{url}/", process, self.workdir / f"rasa-{number}.log")
            wait_until_up(f"{self.url}/", self.nginx, self.workdir / "nginx.log", timeout=10)
            # Retention for the shared store: one scheduler for the whole cluster.
            self._spawn([sys.executable, "-m", "privacy.retention", "schedule"], "retention",
                        assistant_env(TRACKER_STORE_URL=tracker_store))
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stops the servers (30 s grace, then kill) and PostgreSQL, and removes its data."""
        stop_processes(list(reversed(self.processes)))
        self.processes.clear()
        if self._pg_data and (self._pg_data / "data").exists():
            subprocess.run(self._as_postgres([str(_postgres_bin() / "pg_ctl"), "-D", str(self._pg_data / "data"),
                                              "-m", "fast", "-w", "stop"]), stdout=subprocess.DEVNULL)
        if self._pg_data:
            shutil.rmtree(self._pg_data, ignore_errors=True)
            self._pg_data = None


def main() -> None:
    """``make cluster``: run a local cluster until Ctrl+C."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(MODEL))
    parser.add_argument("--size", type=int, default=2, help="Rasa servers and action servers (each)")
    parser.add_argument("--port", type=int, default=8000, help="where nginx listens")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "cluster"))
    options = parser.parse_args()
    cluster = Cluster(Path(options.workdir), Path(options.model), options.size, options.port)
    print(f"Starting PostgreSQL, Redis, nginx and {options.size} action + Rasa servers "
          f"(logs in {options.workdir}) ...", flush=True)
    cluster.start()
    print(f"\n  Ready: {cluster.url}/webhooks/rest/webhook (round-robin over {', '.join(cluster.rasa_urls)})"
          "\n  Stop with Ctrl+C (the PostgreSQL data is removed).\n", flush=True)
    # Explicit handlers: a shell starts background jobs with SIGINT ignored.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
