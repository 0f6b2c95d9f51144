"""The action server's settings from the environment, read when needed (never
at import time), with no default secret. One place for what an operator sets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


def var_dir() -> Path:
    """Where the assistant keeps its own files (call-back requests...): ``VAR_DIR``, else var/."""
    return Path(os.environ.get("VAR_DIR") or ROOT / "var")


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
    host = os.environ.get("SMTP_HOST", "").strip()
    recipient = (os.environ.get("CALLBACK_EMAIL") or clinic_email or "").strip()
    if not host or not recipient:
        return None
    port = int(os.environ.get("SMTP_PORT") or 587)
    return SmtpSettings(
        host=host, port=port,
        user=os.environ.get("SMTP_USER", ""), password=os.environ.get("SMTP_PASSWORD", ""),
        sender=os.environ.get("SMTP_FROM") or recipient,
        # STARTTLS unless turned off (a local relay on port 25 may not offer it).
        starttls=(os.environ.get("SMTP_STARTTLS") or "true").lower() not in ("0", "false", "no"),
        recipient=recipient,
    )
