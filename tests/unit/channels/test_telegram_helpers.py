"""Pure helpers of the Telegram channel: splitting and reading updates."""

from channels.telegram import MAX_MESSAGE, split_message, user_text


def test_short_messages_stay_whole():
    assert split_message("Hello\nSource: x") == ["Hello\nSource: x"]


def test_long_messages_split_at_lines_then_words_within_the_limit():
    text = ("word " * 1000).strip() + "\n" + "x" * 5000
    parts = split_message(text)
    assert all(len(p) <= MAX_MESSAGE for p in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert parts[0].endswith("word")


def test_text_messages_and_commands():
    message = {"message": {"text": " does it hurt? ", "chat": {"id": 7}}}
    assert user_text(message) == {"chat": 7, "text": "does it hurt?", "callback": None}
    assert user_text({"message": {"text": "/start", "chat": {"id": 7}}})["text"] == "/greet"
    assert user_text({"message": {"text": "/help@clinic_bot", "chat": {"id": 7}}})["text"] == "/capabilities"


def test_button_presses():
    update = {"callback_query": {"id": "c1", "data": "/deny", "message": {"chat": {"id": 9}}}}
    assert user_text(update) == {"chat": 9, "text": "/deny", "callback": "c1"}


def test_anything_else_is_ignored():
    for update in [{"my_chat_member": {}}, {"message": {"sticker": {}, "chat": {"id": 1}}},
                   {"message": {"text": "hi"}}, {"callback_query": {"id": "c"}}, {}, {"message": "x"}]:
        assert user_text(update) is None
