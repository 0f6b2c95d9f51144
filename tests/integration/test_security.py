"""What the running assistant does not expose (SECURITY.md)."""

import pytest
import requests


@pytest.mark.parametrize("method, path", [
    ("GET", "/status"),
    ("GET", "/conversations/someone/tracker"),
    ("POST", "/conversations/someone/tracker/events"),
    ("PUT", "/model"),
    ("POST", "/model/parse"),
])
def test_rasa_http_api_is_off(servers, method, path):
    answer = requests.request(method, servers["rasa"] + path, json={}, timeout=30)
    assert answer.status_code in (404, 405), (path, answer.status_code, answer.text[:200])


def test_the_channels_are_on(servers):
    answer = requests.post(servers["rasa"] + "/webhooks/rest/webhook", json={"sender": "sec", "message": "hi"},
                           timeout=30)
    assert answer.status_code == 200 and answer.json()
