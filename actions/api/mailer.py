"""Sends one plain-text email over SMTP (the client is made per message, not at import).

``python -m actions.api.mailer`` sends the call-back requests still pending (var/callbacks/pending).
"""

from __future__ import annotations

import smtplib
import sys
from email.message import EmailMessage

from knowledge.answers import load_knowledge
from knowledge.callbacks import deliver_pending, pending
from knowledge.clinic import load_clinic
from knowledge.settings import SmtpSettings, smtp_settings, var_dir

TIMEOUT_S = 10


class MailError(RuntimeError):
    """The email could not be handed to the SMTP server (the message says why)."""


def send_mail(settings: SmtpSettings, subject: str, body: str) -> None:
    """Hands the email to the SMTP server; MailError on any failure."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, settings.recipient, subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"SMTP {settings.host}:{settings.port}: {error}") from error


def main() -> int:
    """``python -m actions.api.mailer``: sends the pending call-back requests; exit 1 if some stay."""
    settings = smtp_settings(load_clinic().email)
    root = var_dir()
    if settings is None:
        print(f"SMTP_HOST or a recipient (CALLBACK_EMAIL, or email in clinic.yml) is not set; "
              f"{len(pending(root))} request(s) pending in {root / 'callbacks' / 'pending'}")
        return 1
    result = deliver_pending(root, lambda subject, body: send_mail(settings, subject, body),
                             load_knowledge().clinic_messages)
    print(f"sent {result.sent}, pending {result.pending}" + (f": {result.error}" if result.error else ""))
    return 1 if result.pending else 0


if __name__ == "__main__":
    sys.exit(main())
