"""Sends one plain-text email over SMTP (the client is made per message, not at import)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from actions.settings import SmtpSettings

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
