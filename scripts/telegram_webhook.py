"""Registers the assistant's webhook with Telegram, with the secret token.

aiogram 2.15 (pinned by Rasa 3.6) cannot send ``secret_token``, so this calls
the Bot API's setWebhook directly. Used by ``make telegram-webhook``; reads
TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL (the public https URL of
/webhooks/telegram/webhook), TELEGRAM_SECRET and optionally TELEGRAM_API_BASE.
"""

import os
import sys

import requests


def set_webhook(api_base: str, token: str, url: str, secret: str) -> dict:
    """Calls setWebhook; returns Telegram's JSON answer."""
    answer = requests.post(
        f"{api_base.rstrip('/')}/bot{token}/setWebhook",
        json={"url": url, "secret_token": secret, "allowed_updates": ["message", "callback_query"]},
        timeout=30,
    )
    return answer.json()


def main() -> int:
    """Command-line entry point."""
    missing = [n for n in ("TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET") if not os.environ.get(n)]
    if missing:
        print(f"set {', '.join(missing)} first (see docs/telegram.md)", file=sys.stderr)
        return 2
    result = set_webhook(os.environ.get("TELEGRAM_API_BASE") or "https://api.telegram.org",
                         os.environ["TELEGRAM_TOKEN"], os.environ["TELEGRAM_WEBHOOK_URL"], os.environ["TELEGRAM_SECRET"])
    print(result)
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
