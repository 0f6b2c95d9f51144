"""Deliveries already handled, on one server (in memory; Redis: tests/integration/test_lock_race.py)."""

from stores.seen_messages import SeenMessages


def test_a_delivery_is_new_once_per_channel(monkeypatch):
    monkeypatch.delenv("REDIS_HOST", raising=False)
    seen = SeenMessages()
    assert seen.first_time("whatsapp", "wamid.1")
    assert not seen.first_time("whatsapp", "wamid.1")
    assert seen.first_time("telegram", "wamid.1")  # another channel's ids are another namespace


def test_redis_down_falls_back_to_this_server_s_memory(monkeypatch):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", "1")  # nothing listens there
    seen = SeenMessages()
    assert seen.first_time("telegram", "42")
    assert not seen.first_time("telegram", "42")
