"""Every setting an operator gives, the project's paths, and the one clock.

Settings come from the environment and are read when needed, never at import
time and never with a default secret. ``VARIABLES`` lists every environment
variable the project reads (here, in the Makefile, scripts/run.sh,
credentials.yml or the endpoints files) with its default and what it does;
docs/environment.md is written from it and a unit test keeps the two equal.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
KNOWLEDGE_FILE = KNOWLEDGE_DIR / "microneedling.yml"
TRIAGE_FILE = KNOWLEDGE_DIR / "triage.yml"
NOT_COVERED_FILE = KNOWLEDGE_DIR / "not_covered.yml"
DEFAULT_CLINIC_FILE = ROOT / "clinic.yml"
MODEL = ROOT / "models" / "microneedling.tar.gz"
# The five source articles, beside the project (../shared/seeds).
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str
    where: str  # who reads it


VARIABLES: Tuple[Variable, ...] = (
    Variable("CLINIC_FILE", "clinic.yml", "the clinic's details, hours and timezone", "action server, report, retention"),
    Variable("ASSISTANT_TIMEZONE", "clinic.yml's timezone, else the machine's",
             "IANA name of the clinic's timezone: every \"today\" and \"now\"", "everything (knowledge.settings.now)"),
    Variable("VAR_DIR", "var/", "where the assistant keeps its own files (call-back requests)", "action server, retention"),
    Variable("RETENTION_DAYS", "clinic.yml's retention_days, else 30",
             "days a conversation is kept after its last message", "retention, greeting, widget"),
    Variable("TRACKER_STORE_URL", "empty: SQLite var/conversations.db",
             "PostgreSQL URL of the tracker store (the database must exist)", "endpoints files, report, retention"),
    Variable("SMTP_HOST", "empty: no call-back offered", "the clinic's mail server for call-back requests", "action server"),
    Variable("SMTP_PORT", "587", "its port", "action server"),
    Variable("SMTP_USER", "empty", "login, if the server needs one", "action server"),
    Variable("SMTP_PASSWORD", "empty", "password for SMTP_USER", "action server"),
    Variable("SMTP_STARTTLS", "true", "false only for a local relay without TLS", "action server"),
    Variable("SMTP_FROM", "the recipient", "the sender address of call-back emails", "action server"),
    Variable("CALLBACK_EMAIL", "clinic.yml's email", "where call-back requests go", "action server"),
    Variable("REDIS_HOST", "empty: in memory",
             "Redis of the cluster: the lock store and the channels' seen deliveries", "cluster endpoints, channels"),
    Variable("REDIS_PORT", "6379", "its port", "cluster endpoints, channels"),
    Variable("REDIS_PASSWORD", "empty", "its password", "cluster endpoints, channels"),
    Variable("REDIS_DB", "1", "its database number", "cluster endpoints, channels"),
    Variable("ACTION_SERVER_URL", "none (required in the cluster)", "the action server's webhook URL",
             "deploy/endpoints.cluster.yml"),
    Variable("CORS_ORIGINS", "http://localhost:8080", "browser origins allowed to use the widget's socket and HTTP API",
             "Makefile, credentials.yml"),
    Variable("RASA_PORT", "5005", "the Rasa server's port", "Makefile"),
    Variable("ACTIONS_PORT", "5055", "the action server's port", "Makefile"),
    Variable("WEB_PORT", "8080", "the demo page's port", "Makefile"),
    Variable("RASA_INTERFACE", "127.0.0.1", "where the Rasa server listens (0.0.0.0 behind a reverse proxy)",
             "scripts/run.sh"),
    Variable("PYTHON310", "pyenv's 3.10.13", "the Python 3.10 the venv is made with", "Makefile"),
    Variable("TELEGRAM_TOKEN", "empty: Telegram off", "the bot's token from BotFather", "credentials.yml"),
    Variable("TELEGRAM_SECRET", "empty", "the secret every webhook call must carry", "credentials.yml"),
    Variable("TELEGRAM_WEBHOOK_URL", "none", "the public HTTPS URL for make telegram-webhook", "scripts/telegram_webhook.py"),
    Variable("TELEGRAM_API_BASE", "https://api.telegram.org", "Telegram's API (a local fake in tests)",
             "credentials.yml, scripts/telegram_webhook.py"),
    Variable("WHATSAPP_TOKEN", "empty: WhatsApp off", "the Cloud API access token", "credentials.yml"),
    Variable("WHATSAPP_PHONE_NUMBER_ID", "empty", "the business phone number's id", "credentials.yml"),
    Variable("WHATSAPP_APP_SECRET", "empty", "the app secret that signs every webhook call", "credentials.yml"),
    Variable("WHATSAPP_VERIFY_TOKEN", "empty", "the token of Meta's verification handshake", "credentials.yml"),
    Variable("WHATSAPP_API_BASE", "https://graph.facebook.com", "the Graph API (a local fake in tests)", "credentials.yml"),
    Variable("AUDIT_REQUIRED", "empty", "1: make audit fails when pip-audit cannot reach its database", "scripts/audit.py"),
    Variable("CI", "empty", "true in CI: a missing ../shared/seeds fails the tests instead of skipping", "tests"),
)


def env(name: str, default: str = "") -> str:
    """An environment variable of ``VARIABLES``, stripped; ``default`` when unset or empty."""
    if name not in {v.name for v in VARIABLES}:
        raise KeyError(f"{name} is not in knowledge.settings.VARIABLES")
    return os.environ.get(name, "").strip() or default


def clinic_file() -> Path:
    return Path(env("CLINIC_FILE") or DEFAULT_CLINIC_FILE)


def var_dir() -> Path:
    """Where the assistant keeps its own files (call-back requests...): ``VAR_DIR``, else var/."""
    return Path(env("VAR_DIR") or ROOT / "var")


def in_ci() -> bool:
    return env("CI").lower() in ("1", "true", "yes")


@functools.lru_cache(maxsize=8)
def _clinic_timezone(path: str, mtime: float) -> str:
    # Only the timezone: knowledge/clinic.py reads and checks the whole file.
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError):
        return ""
    return str(raw.get("timezone") or "").strip() if isinstance(raw, dict) else ""


def timezone_name() -> str:
    """``ASSISTANT_TIMEZONE``, else clinic.yml's ``timezone``, else "" (the machine's)."""
    name = env("ASSISTANT_TIMEZONE")
    if name:
        return name
    path = clinic_file()
    try:
        return _clinic_timezone(str(path), path.stat().st_mtime)
    except OSError:
        return ""


def now() -> datetime:
    """The current time, timezone-aware, in the clinic's timezone: every "today" reads it."""
    name = timezone_name()
    try:
        return datetime.now(ZoneInfo(name)) if name else datetime.now().astimezone()
    except (ZoneInfoNotFoundError, ValueError):
        # clinic.yml's reader refuses the name and says so; the time is still needed.
        return datetime.now().astimezone()


@dataclass(frozen=True)
class SmtpSettings:
    """How call-back requests reach the clinic by email (``SMTP_*``; the
    recipient is ``CALLBACK_EMAIL``, else the clinic's email in clinic.yml)."""

    host: str
    port: int
    user: str
    password: str
    sender: str
    starttls: bool
    recipient: str


def smtp_settings(clinic_email: str = "") -> Optional[SmtpSettings]:
    """The SMTP settings, or None when ``SMTP_HOST`` or a recipient is missing
    (then no call-back is offered: nobody would receive it)."""
    host = env("SMTP_HOST")
    recipient = env("CALLBACK_EMAIL") or (clinic_email or "").strip()
    if not host or not recipient:
        return None
    return SmtpSettings(
        host=host, port=int(env("SMTP_PORT", "587")),
        user=env("SMTP_USER"), password=os.environ.get("SMTP_PASSWORD", ""),
        sender=env("SMTP_FROM") or recipient,
        # STARTTLS unless turned off (a local relay on port 25 may not offer it).
        starttls=env("SMTP_STARTTLS", "true").lower() not in ("0", "false", "no"),
        recipient=recipient,
    )


@dataclass(frozen=True)
class RedisSettings:
    host: str
    port: int
    password: Optional[str]
    db: int


def redis_settings() -> Optional[RedisSettings]:
    """The cluster's Redis (``REDIS_*``), or None on a single server."""
    host = env("REDIS_HOST")
    if not host:
        return None
    return RedisSettings(host=host, port=int(env("REDIS_PORT", "6379")),
                         password=os.environ.get("REDIS_PASSWORD") or None, db=int(env("REDIS_DB", "1")))


def tracker_store_env_url() -> str:
    """``TRACKER_STORE_URL`` (PostgreSQL), or "" for the SQLite file."""
    return env("TRACKER_STORE_URL")


def retention_days_env() -> str:
    """``RETENTION_DAYS`` as given, or "" (then clinic.yml's, knowledge/clinic.py)."""
    return env("RETENTION_DAYS")


def variables_table() -> str:
    """The table of docs/environment.md (``python -m knowledge.settings`` prints it)."""
    rows = ["| variable | default | what it does | read by |", "|---|---|---|---|"]
    rows += [f"| `{v.name}` | {v.default} | {v.meaning} | {v.where} |" for v in VARIABLES]
    return "\n".join(rows)


if __name__ == "__main__":
    print(variables_table())
