"""Telegram end to end: real Rasa server and connector, a fake Bot API on 127.0.0.1,
real Update JSON posted to the webhook."""

import itertools
import json

import pytest
import requests

from knowledge.answers import answer_text, load_knowledge, topic_payload
from knowledge.clinic import load_clinic

KNOWLEDGE = load_knowledge()
MESSAGES = KNOWLEDGE.clinic_messages
_ids = itertools.count(1000)


@pytest.fixture
def telegram(servers, fake_telegram):
    """Posts updates to the webhook as Telegram would; ``.chat`` is this test's chat."""

    class Telegram:
        chat = next(_ids)
        url = f"{servers['rasa']}/webhooks/telegram/webhook"

        def post(self, update, secret=fake_telegram.secret):
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
            return requests.post(self.url, json=update, headers=headers, timeout=60)

        def say(self, text):
            update_id = next(_ids)
            message = {"message_id": update_id, "date": 1763700000, "text": text,
                       "chat": {"id": self.chat, "type": "private", "first_name": "Pat"},
                       "from": {"id": self.chat, "is_bot": False, "first_name": "Pat"}}
            return self.post({"update_id": update_id, "message": message})

        def press(self, payload, callback_id="cb-1"):
            update_id = next(_ids)
            return self.post({"update_id": update_id, "callback_query": {
                "id": callback_id, "chat_instance": "ci", "data": payload,
                "from": {"id": self.chat, "is_bot": False, "first_name": "Pat"},
                "message": {"message_id": 1, "date": 1763700000, "text": "...",
                            "chat": {"id": self.chat, "type": "private"}}}})

        def replies(self):
            return fake_telegram.sent_to(self.chat)

    return Telegram()


def _rows(reply):
    return json.loads(reply["reply_markup"])["inline_keyboard"]


def test_a_question_gets_its_answer_with_buttons_in_the_right_chat(telegram):
    assert telegram.say("does microneedling hurt?").status_code == 200
    (reply,) = telegram.replies()
    assert reply["text"] == answer_text(KNOWLEDGE.topics["pain"])
    *follow_ups, votes = _rows(reply)
    # One follow-up per row, then 👍 and 👎 side by side in the last row.
    assert [row[0]["callback_data"] for row in follow_ups] == [
        topic_payload(k) for k in KNOWLEDGE.topics["pain"].follow_ups]
    assert [b["text"] for b in votes] == [MESSAGES["feedback_up"], MESSAGES["feedback_down"]]


def test_thumbs_down_is_answered_with_the_clinic_s_phone(telegram):
    telegram.say("does microneedling hurt?")
    down = _rows(telegram.replies()[-1])[-1][1]["callback_data"]
    assert telegram.press(down, callback_id="cb-down").status_code == 200
    reply = "\n".join(r["text"] for r in telegram.replies()[1:])
    assert MESSAGES["feedback_sorry"] in reply and load_clinic().phone in reply


def test_a_button_press_is_answered_and_gets_its_answer(telegram, fake_telegram):
    assert telegram.press(topic_payload("side_effects"), callback_id="cb-side").status_code == 200
    assert {"callback_query_id": "cb-side"} in fake_telegram.calls_of("answerCallbackQuery")
    assert telegram.replies()[-1]["text"] == answer_text(KNOWLEDGE.topics["side_effects"])


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_a_missing_or_wrong_secret_is_refused_and_nothing_is_sent(telegram, secret):
    answer = telegram.post({"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hi",
                                                         "chat": {"id": telegram.chat, "type": "private"}}},
                           secret=secret)
    assert answer.status_code == 403
    assert telegram.replies() == []


def test_updates_without_a_message_get_200_and_no_reply(telegram):
    update = {"update_id": 5, "my_chat_member": {
        "chat": {"id": telegram.chat, "type": "private"}, "from": {"id": telegram.chat, "is_bot": False,
                                                                    "first_name": "Pat"},
        "date": 0, "old_chat_member": {"status": "member", "user": {"id": 42, "is_bot": True, "first_name": "C"}},
        "new_chat_member": {"status": "kicked", "user": {"id": 42, "is_bot": True, "first_name": "C"}}}}
    assert telegram.post(update).status_code == 200
    assert telegram.post({"update_id": 6, "edited_message": {"text": "x"}}).status_code == 200
    assert telegram.replies() == []


def test_malformed_json_is_a_clear_400(telegram, fake_telegram):
    answer = requests.post(telegram.url, data=b"{not json",
                           headers={"X-Telegram-Bot-Api-Secret-Token": fake_telegram.secret}, timeout=30)
    assert answer.status_code == 400


def test_start_greets_says_what_is_kept_and_help_lists_the_topics(telegram):
    telegram.say("/start")
    greeting, notice = [r["text"] for r in telegram.replies()[-2:]]
    assert "not medical advice" in greeting
    assert "I keep this conversation for 30 days" in notice and load_clinic().privacy_url in notice
    telegram.say("/help")
    assert len(_rows(telegram.replies()[-1])) == len(KNOWLEDGE.menu_topics)


def test_timed_aftercare_works_as_on_the_website(telegram):
    telegram.say("I was treated this morning, can I wear foundation tonight?")
    assert telegram.replies()[-1]["text"].startswith("Not yet: no makeup")
    telegram.say("what should I do today?")
    assert "Today is day 0" in telegram.replies()[-1]["text"]


def test_make_telegram_webhook_registers_the_url_with_the_secret(fake_telegram):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, TELEGRAM_TOKEN=fake_telegram.token, TELEGRAM_SECRET=fake_telegram.secret,
               TELEGRAM_API_BASE=fake_telegram.base_url,
               TELEGRAM_WEBHOOK_URL="https://assistant.clinic.example/webhooks/telegram/webhook")
    done = subprocess.run([sys.executable, "scripts/telegram_webhook.py"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert fake_telegram.calls_of("setWebhook")[-1] == {
        "url": "https://assistant.clinic.example/webhooks/telegram/webhook",
        "secret_token": fake_telegram.secret, "allowed_updates": ["message", "callback_query"]}
    missing = subprocess.run([sys.executable, "scripts/telegram_webhook.py"], cwd=root, capture_output=True,
                             text=True, timeout=60, env={k: v for k, v in env.items() if k != "TELEGRAM_SECRET"})
    assert missing.returncode == 2 and "TELEGRAM_SECRET" in missing.stderr


def test_a_resent_update_is_answered_once(telegram, fake_telegram):
    update = {"update_id": 424242, "message": {"message_id": 7, "date": 1763700000, "text": "does it hurt?",
                                                "chat": {"id": telegram.chat, "type": "private"}}}
    assert telegram.post(update).status_code == 200
    sent = len(telegram.replies())
    assert sent >= 1
    assert telegram.post(update).status_code == 200  # Telegram retries what it thinks failed
    assert len(telegram.replies()) == sent
